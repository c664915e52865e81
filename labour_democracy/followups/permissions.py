"""Who may do what with follow-up actions: both sides follow them (Decree 145/2020, Art.
39(5): the dialogue's results are publicised to the workers), so every role reads them; HR and
the union keep them up to date."""

from labour_democracy.core.permissions import permission
from labour_democracy.core.tables import Role

MANAGE_FOLLOWUPS = permission("followups.manage", Role.HR, Role.UNION)
