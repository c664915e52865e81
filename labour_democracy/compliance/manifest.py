"""What the compliance module brings: the federation's register, dashboard, reminders, annual
report and read API, counting the obligations every installed module declares."""

from labour_democracy.compliance import (
    api,
    controllers,
    demo,
    enterprise_pages,
    labels,
    register,
    report,
)
from labour_democracy.compliance.permissions import VIEW_STANDING
from labour_democracy.i18n import N_
from labour_democracy.manifest import DocumentKind, Manifest
from labour_democracy.web.menu import MenuItem

_ = labels  # the words for the module's values are registered on import

MANIFEST = Manifest(
    name="compliance",
    piccolo_app="labour_democracy.compliance.piccolo_app",
    routes=[*controllers.ROUTES, *enterprise_pages.ROUTES],
    api_routes=api.ROUTES,
    menu=(MenuItem(N_("Federation"), "/compliance", VIEW_STANDING, 90),),
    document_templates=report.TEMPLATES,
    document_kinds=(DocumentKind("compliance_annual_report", N_("Annual compliance report")),),
    enterprise_changed=(register.recount,),
    demo=demo.load,
)
