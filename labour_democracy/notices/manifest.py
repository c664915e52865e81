"""What the notices module brings: official notices (Thông báo) to the workers."""

from labour_democracy.core.permissions import VIEW_DOCUMENTS
from labour_democracy.i18n import N_
from labour_democracy.manifest import Manifest
from labour_democracy.notices import controllers, documents, public
from labour_democracy.notices.tables import Notice
from labour_democracy.web.menu import MenuItem
from labour_democracy.web.public import PublicSection

MANIFEST = Manifest(
    name="notices",
    piccolo_app="labour_democracy.notices.piccolo_app",
    routes=controllers.ROUTES,
    menu=(MenuItem(N_("Notices"), "/notices", VIEW_DOCUMENTS, 60),),
    document_templates=documents.TEMPLATES,
    document_kinds=documents.KINDS,
    path_records={"notice_id": Notice},
    public_sections=(PublicSection("notices/_public_section.html", public.public_section, 10),),
)
