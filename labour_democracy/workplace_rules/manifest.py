"""What the workplace-rules module brings: the democracy regulation (Quy chế dân chủ ở cơ sở
tại nơi làm việc), the internal labour rules (Nội quy lao động) and the disclosure board."""

from labour_democracy.i18n import N_
from labour_democracy.manifest import Manifest
from labour_democracy.web.menu import MenuItem
from labour_democracy.web.public import PublicSection
from labour_democracy.workplace_rules import (
    api,
    compliance,
    controllers,
    deadlines,
    demo,
    documents,
)
from labour_democracy.workplace_rules.permissions import VIEW_RULES
from labour_democracy.workplace_rules.tables import (
    Disclosure,
    RegulationComment,
    RegulationVersion,
)

MANIFEST = Manifest(
    name="workplace_rules",
    piccolo_app="labour_democracy.workplace_rules.piccolo_app",
    routes=controllers.ROUTES,
    api_routes=api.ROUTES,
    menu=(MenuItem(N_("Workplace rules"), "/workplace-rules", VIEW_RULES, 55),),
    public_sections=(
        PublicSection("workplace_rules/_public_section.html", controllers.public_section, 25),
    ),
    due=(deadlines.due,),
    obligations=compliance.OBLIGATIONS,
    document_templates=documents.TEMPLATES,
    document_kinds=documents.KINDS,
    path_records={
        "regulation_version_id": RegulationVersion,
        "regulation_comment_id": RegulationComment,
        "disclosure_id": Disclosure,
    },
    demo=demo.load,
)
