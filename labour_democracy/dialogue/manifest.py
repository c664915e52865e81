"""What the dialogue module brings: workplace dialogue (Đối thoại tại nơi làm việc)."""

from labour_democracy.dialogue import (
    api,
    compliance,
    controllers,
    deadlines,
    demo,
    documents,
    planning,
    queries,
)
from labour_democracy.dialogue.permissions import VIEW_DIALOGUE
from labour_democracy.dialogue.tables import Dialogue, DialogueRequest, MemberList
from labour_democracy.i18n import N_
from labour_democracy.manifest import Manifest
from labour_democracy.web.menu import MenuItem
from labour_democracy.web.public import PublicSection

MANIFEST = Manifest(
    name="dialogue",
    piccolo_app="labour_democracy.dialogue.piccolo_app",
    routes=controllers.ROUTES,
    api_routes=api.ROUTES,
    menu=(MenuItem(N_("Dialogue"), "/dialogue", VIEW_DIALOGUE, 50),),
    public_sections=(
        PublicSection("dialogue/_public_section.html", controllers.public_section, 30),
    ),
    due=(deadlines.due,),
    obligations=compliance.OBLIGATIONS,
    document_templates=documents.TEMPLATES,
    document_kinds=documents.KINDS,
    path_records={
        "dialogue_id": Dialogue,
        "request_id": DialogueRequest,
        "member_list_id": MemberList,
    },
    suggestion_targets={"dialogue": planning.dialogue_choices},
    followup_sources={"dialogue": queries.followup_source_labels},
    demo=demo.load,
)
