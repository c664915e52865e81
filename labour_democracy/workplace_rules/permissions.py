"""Who may do what with the workplace rules.

The employer writes, issues and publishes the democracy regulation and the internal labour
rules, and discloses (Decree 145 Arts. 43, 48; Labour Code Art. 118); the representative
organisation (the union) is consulted and records its comments (Art. 48(2)); the federation
reads.
"""

from __future__ import annotations

from labour_democracy.core.permissions import permission
from labour_democracy.core.tables import Role
from labour_democracy.workplace_rules.tables import RegulationStatus

VIEW_RULES = permission("workplace_rules.view", Role.HR, Role.UNION, Role.FEDERATION)
EDIT_RULES = permission("workplace_rules.edit", Role.HR)
COMMENT_RULES = permission("workplace_rules.comment", Role.HR, Role.UNION)
DISCLOSE = permission("workplace_rules.disclose", Role.HR)
# Who has not read a disclosure: the employer and the union, who remind them.
VIEW_READINGS = permission("workplace_rules.readings", Role.HR, Role.UNION)


def chapters_may_change(status: str) -> bool:
    """Chapters are edited while the version is a draft or under consultation (comments taken
    up change the text); an issued version changes only by a revision."""
    return status in (RegulationStatus.DRAFT, RegulationStatus.CONSULTING)
