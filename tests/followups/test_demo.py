from labour_democracy.core.permissions import SYSTEM
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Enterprise, Role
from labour_democracy.followups import demo
from labour_democracy.followups.tables import FollowUp
from tests import factories


async def test_the_demo_has_an_overdue_a_coming_and_a_done_action():
    enterprise_id = await factories.enterprise()
    enterprise = await Enterprise.objects().where(Enterprise.id == enterprise_id).first()
    await demo.load(EnterpriseContext(SYSTEM, enterprise, frozenset({Role.ADMIN})))
    assert sorted(row["status"] for row in await FollowUp.select(FollowUp.status)) == [
        "done",
        "open",
        "open",
    ]
