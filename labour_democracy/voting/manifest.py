"""What the voting engine brings: consultations and ballots, the voters' pages, the minutes."""

from labour_democracy.core.permissions import VIEW
from labour_democracy.documents.registry import GeneratedDocument
from labour_democracy.i18n import N_
from labour_democracy.manifest import Manifest
from labour_democracy.voting import api, controllers, demo, documents, public, slips
from labour_democracy.voting.tables import Ballot
from labour_democracy.web.menu import MenuItem
from labour_democracy.web.public import PublicSection

MANIFEST = Manifest(
    name="voting",
    piccolo_app="labour_democracy.voting.piccolo_app",
    routes=controllers.ROUTES,
    api_routes=api.ROUTES,
    menu=(MenuItem(N_("Votes and consultations"), "/ballots", VIEW, 40),),
    document_templates=documents.TEMPLATES,
    document_kinds=documents.KINDS,
    generated_documents=(GeneratedDocument("voting/ballot_slips.docx", slips.sample),),
    path_records={"ballot_id": Ballot},
    public_sections=(PublicSection("voting/_public_section.html", public.public_section, 15),),
    demo=demo.load,
)
