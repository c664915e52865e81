"""The demo: a recognised union at the garment company, a campaign at the engineering one."""

from labour_democracy.core import demo as core_demo
from labour_democracy.core.tables import Enterprise
from labour_democracy.unions.tables import GrassrootsUnion, UnionApplication, UnionMember


async def test_the_demo_has_a_recognised_union_and_a_founding_campaign():
    await core_demo.load_demo()
    unions = {
        row["enterprise"]: row["status"]
        for row in await GrassrootsUnion.select(GrassrootsUnion.enterprise, GrassrootsUnion.status)
    }
    by_tax = {
        row["tax_code"]: row["id"]
        for row in await Enterprise.select(Enterprise.id, Enterprise.tax_code)
    }
    assert unions[by_tax["2300123456"]] == "recognised"
    assert unions[by_tax["2300765432"]] == "campaign"
    assert await UnionMember.count() > 0
    assert await UnionApplication.count() == 3
