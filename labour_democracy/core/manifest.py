"""What core brings: enterprises, org units, the roster, accounts, the public page."""

from labour_democracy.core import api, calendar_controllers, controllers
from labour_democracy.core.permissions import VIEW, VIEW_ROSTER
from labour_democracy.core.tables import CalendarDay, OrgUnit, RosterUpload, Worker
from labour_democracy.i18n import N_
from labour_democracy.manifest import Manifest
from labour_democracy.web.menu import MenuItem

# core/demo.py is the demo loader itself: it creates the enterprises, then calls the others.
MANIFEST = Manifest(
    name="core",
    piccolo_app="labour_democracy.core.piccolo_app",
    routes=[*controllers.ROUTES, *calendar_controllers.ROUTES],
    api_routes=api.ROUTES,
    menu=(
        MenuItem(N_("Profile"), "", VIEW, 10),
        MenuItem(N_("Org units"), "/org-units", VIEW, 20),
        MenuItem(N_("Roster"), "/workers", VIEW_ROSTER, 30),
        MenuItem(N_("Working calendar"), "/calendar", VIEW, 35),
        MenuItem(N_("Workers' page"), "/public-page", VIEW, 95),
    ),
    path_records={
        "unit_id": OrgUnit,
        "worker_id": Worker,
        "upload_id": RosterUpload,
        "calendar_day_id": CalendarDay,
    },
)
