"""Who may run votes: the union and HR organise consultations (Decree 145/2020, Art. 44;
Labour Code 2019, Art. 70(4) lets the representative organisation poll workers)."""

from labour_democracy.core.permissions import permission
from labour_democracy.core.tables import Role

MANAGE_BALLOTS = permission("ballots.manage", Role.HR, Role.UNION)
