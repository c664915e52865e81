"""What the suggestions module brings: workers' suggestions, on the public page and for staff."""

from labour_democracy.i18n import N_
from labour_democracy.manifest import Manifest
from labour_democracy.suggestions import api, compliance, controllers, demo
from labour_democracy.suggestions.permissions import READ_SUGGESTIONS
from labour_democracy.suggestions.tables import Suggestion
from labour_democracy.web.menu import MenuItem
from labour_democracy.web.public import PublicSection

MANIFEST = Manifest(
    name="suggestions",
    piccolo_app="labour_democracy.suggestions.piccolo_app",
    routes=controllers.ROUTES,
    api_routes=api.ROUTES,
    menu=(MenuItem(N_("Suggestions"), "/suggestions", READ_SUGGESTIONS, 45),),
    public_sections=(
        PublicSection("suggestions/_public_section.html", controllers.public_section, 20),
    ),
    obligations=compliance.OBLIGATIONS,
    path_records={"suggestion_id": Suggestion},
    demo=demo.load,
)
