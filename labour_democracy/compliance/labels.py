"""Words shown for the compliance module's values."""

from labour_democracy.compliance.tables import ContactKind, FactSource, FactState
from labour_democracy.core.labels import register
from labour_democracy.i18n import N_

register(
    {
        FactSource.REPORTED: N_("Reported"),
        FactSource.RECORDED: N_("Recorded"),
        FactState.MET: N_("Done"),
        FactState.NOT_MET: N_("Late"),
        FactState.NOTHING_DUE: N_("Nothing due"),
        ContactKind.REMINDER: N_("Reminder"),
        ContactKind.VISIT: N_("Visit"),
        ContactKind.CALL: N_("Call"),
    }
)

# A standing on the dashboard's lists (dashboard.standings).
STATES = {
    "met": N_("Done"),
    "late": N_("Late"),
    "nothing_due": N_("Nothing due"),
    "n/a": N_("Does not apply"),
}
