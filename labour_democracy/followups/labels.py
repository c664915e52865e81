"""Words shown for the follow-ups' values."""

from labour_democracy.core.labels import register
from labour_democracy.followups.tables import FollowUpStatus
from labour_democracy.i18n import N_

register(
    {
        FollowUpStatus.OPEN: N_("Open"),
        FollowUpStatus.DONE: N_("Done"),
        FollowUpStatus.DROPPED: N_("Dropped"),
    }
)

# The modules that create follow-ups, as shown in the filter.
SOURCE_KINDS = {
    "dialogue": N_("Workplace dialogue"),
    "conference": N_("Worker conference"),
}
