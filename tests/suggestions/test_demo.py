from labour_democracy.core.permissions import SYSTEM
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Enterprise, Role
from labour_democracy.suggestions import demo
from labour_democracy.suggestions.tables import Suggestion
from tests import factories


async def test_the_demo_shows_every_step():
    enterprise_id = await factories.enterprise()
    enterprise = await Enterprise.objects().where(Enterprise.id == enterprise_id).first()
    await demo.load(EnterpriseContext(SYSTEM, enterprise, frozenset({Role.ADMIN})))
    statuses = {row["status"] for row in await Suggestion.select(Suggestion.status)}
    assert statuses == {"received", "published", "answered", "not_taken_up"}
