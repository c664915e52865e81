"""The SQLite pool gives every connection back, whatever a write's outcome."""

import pytest

from labour_democracy import db
from labour_democracy.core.tables import Province


async def test_refused_writes_do_not_exhaust_the_pool():
    if not db.is_sqlite():
        pytest.skip("the pool under test is the SQLite engine's")
    engine = db.engine()
    for _ in range(engine.pool_size * 3):  # more refusals than the pool has connections
        with pytest.raises(Exception, match="UNIQUE"):
            await Province.insert(Province(code="01", name="duplicate"))
    assert await Province.count() == 34
    await Province.update({Province.name: "Thành phố Hà Nội"}).where(Province.code == "01")
