"""What the agreements module brings: collective bargaining and collective labour agreements
(Thương lượng tập thể, thỏa ước lao động tập thể)."""

from labour_democracy.agreements import (
    api,
    compliance,
    controllers,
    deadlines,
    documents,
    grading_pages,
)
from labour_democracy.agreements.permissions import VIEW_AGREEMENTS
from labour_democracy.agreements.tables import Agreement, BargainingSession, Clause
from labour_democracy.i18n import N_
from labour_democracy.manifest import Manifest
from labour_democracy.web.menu import MenuItem
from labour_democracy.web.public import PublicSection

MANIFEST = Manifest(
    name="agreements",
    piccolo_app="labour_democracy.agreements.piccolo_app",
    routes=[*controllers.ROUTES, grading_pages.GradingController],
    api_routes=api.ROUTES,
    menu=(MenuItem(N_("Agreements"), "/agreements", VIEW_AGREEMENTS, 80),),
    public_sections=(
        PublicSection("agreements/_public_section.html", controllers.public_section, 50),
    ),
    due=(deadlines.due,),
    obligations=compliance.OBLIGATIONS,
    document_templates=documents.TEMPLATES,
    document_kinds=documents.KINDS,
    path_records={
        "agreement_id": Agreement,
        "bargaining_session_id": BargainingSession,
        "clause_id": Clause,
    },
)
