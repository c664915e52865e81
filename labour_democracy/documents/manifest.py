"""What the document engine brings: the register of issued documents."""

from labour_democracy.core.permissions import VIEW_DOCUMENTS
from labour_democracy.documents import controllers
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import N_
from labour_democracy.manifest import Manifest
from labour_democracy.web.menu import MenuItem

MANIFEST = Manifest(
    name="documents",
    piccolo_app="labour_democracy.documents.piccolo_app",
    routes=controllers.ROUTES,
    menu=(MenuItem(N_("Documents"), "/documents", VIEW_DOCUMENTS, 90),),
    path_records={"document_id": IssuedDocument},
)
