"""Who may do what with workers' suggestions.

The texts are written by workers and may name people, so the federation sees counts only (the
yearly rate), like the roster. The union moderates (Labour Code 2019, Art. 178: the
representative organisation gathers and represents the workers' views); both sides answer.
"""

from labour_democracy.core.permissions import permission
from labour_democracy.core.tables import Role

READ_SUGGESTIONS = permission("suggestions.read", Role.HR, Role.UNION)
MODERATE_SUGGESTIONS = permission("suggestions.moderate", Role.UNION)
ANSWER_SUGGESTIONS = permission("suggestions.answer", Role.HR, Role.UNION)
# Entering suggestions from paper or a meeting, grouping them, assigning them to a dialogue or
# a conference.
ORGANISE_SUGGESTIONS = permission("suggestions.organise", Role.HR, Role.UNION)
