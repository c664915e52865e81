"""What the unions module brings: the grassroots trade union (công đoàn cơ sở), from its founding
to its recognition, membership and fees."""

from labour_democracy.i18n import N_
from labour_democracy.manifest import Manifest
from labour_democracy.unions import (
    api,
    compliance,
    congress,
    controllers,
    deadlines,
    demo,
    dissolution_decision,
    dissolution_pages,
    documents,
    membership_import_pages,
    officer_controllers,
    officer_documents,
    officers,
)
from labour_democracy.unions.permissions import RUN_FOUNDING, VIEW_UNION
from labour_democracy.unions.tables import MemberUpload, UnionApplication, UnionMember
from labour_democracy.web.menu import MenuItem
from labour_democracy.web.public import PublicSection

MANIFEST = Manifest(
    name="unions",
    piccolo_app="labour_democracy.unions.piccolo_app",
    routes=[
        *controllers.ROUTES,
        *officer_controllers.ROUTES,
        *membership_import_pages.ROUTES,
        *dissolution_pages.ROUTES,
    ],
    api_routes=api.ROUTES,
    menu=(MenuItem(N_("Union"), "/union", VIEW_UNION, 48),),
    public_sections=(PublicSection("unions/_public_section.html", controllers.public_section, 25),),
    due=(deadlines.due,),
    obligations=compliance.OBLIGATIONS,
    document_templates=[
        *documents.TEMPLATES,
        *officer_documents.TEMPLATES,
        *dissolution_decision.TEMPLATES,
    ],
    document_kinds=[*documents.KINDS, *officer_documents.KINDS, *dissolution_decision.KINDS],
    generated_documents=officer_documents.GENERATED,
    ballot_issuers={
        congress.ELECTION_PURPOSE: documents.union_issuer,
        officers.PURPOSE: documents.union_issuer,
    },
    ballot_electorates={officers.PURPOSE: officers.COMMITTEE},
    ballot_managers={congress.ELECTION_PURPOSE: RUN_FOUNDING, officers.PURPOSE: RUN_FOUNDING},
    path_records={
        "union_application_id": UnionApplication,
        "union_member_id": UnionMember,
        "member_upload_id": MemberUpload,
    },
    demo=demo.load,
)
