"""What the conference module brings: worker conferences (Hội nghị người lao động)."""

from labour_democracy.conferences import (
    api,
    compliance,
    controllers,
    demo,
    documents,
    hall_controllers,
    hooks,
    labels,
    queries,
)
from labour_democracy.conferences.permissions import VIEW_CONFERENCES
from labour_democracy.conferences.tables import Conference
from labour_democracy.i18n import N_
from labour_democracy.manifest import Manifest
from labour_democracy.web.menu import MenuItem
from labour_democracy.web.public import PublicSection

MANIFEST = Manifest(
    name="conferences",
    piccolo_app="labour_democracy.conferences.piccolo_app",
    routes=[*controllers.ROUTES, *hall_controllers.ROUTES],
    api_routes=api.ROUTES,
    menu=(MenuItem(N_("Conferences"), "/conferences", VIEW_CONFERENCES, 75),),
    public_sections=(PublicSection("conferences/_public_section.html", hooks.public_section, 30),),
    due=(hooks.due,),
    obligations=compliance.OBLIGATIONS,
    document_templates=documents.TEMPLATES,
    document_kinds=documents.KINDS,
    path_records={"conference_id": Conference},
    suggestion_targets={"conference": hooks.proposal_targets},
    followup_sources={"conference": queries.followup_source_labels},
    ballot_electorates={labels.BALLOT_PURPOSE: labels.CONVENED},
    demo=demo.load,
)
