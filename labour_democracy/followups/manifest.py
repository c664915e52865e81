"""What the follow-up module brings: the actions agreed at dialogues and conferences."""

from labour_democracy.core.permissions import VIEW
from labour_democracy.followups import compliance, controllers, demo, services
from labour_democracy.followups.tables import FollowUp
from labour_democracy.i18n import N_
from labour_democracy.manifest import Manifest
from labour_democracy.web.menu import MenuItem

MANIFEST = Manifest(
    name="followups",
    piccolo_app="labour_democracy.followups.piccolo_app",
    routes=controllers.ROUTES,
    menu=(MenuItem(N_("Follow-up"), "/followups", VIEW, 55),),
    due=(services.due,),
    obligations=compliance.OBLIGATIONS,
    path_records={"followup_id": FollowUp},
    demo=demo.load,
)
