"""Who may do what with the federation's compliance figures. The federation reads (a province
officer its province, a commune/ward or industrial-park union officer its enterprises, the
national reader every province) and acts on late enterprises (reminders, visits, reported
facts); only the province officer keeps the register; HR and the union read their own
enterprise's standing and the federation's messages."""

from labour_democracy.core.permissions import permission
from labour_democracy.core.tables import Role

READ_DASHBOARD = permission("compliance.read", Role.FEDERATION, Role.LOCAL_UNION, Role.NATIONAL)
KEEP_REGISTER = permission("compliance.register", Role.FEDERATION)
# Inside an enterprise a local union officer holds FEDERATION on its enterprises (core/scope).
VIEW_STANDING = permission("compliance.view", Role.HR, Role.UNION, Role.FEDERATION, Role.NATIONAL)
ACT_ON_ENTERPRISE = permission("compliance.act", Role.FEDERATION)
