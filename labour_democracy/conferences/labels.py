"""Words shown for the conference's values.

core.labels keys words by value, so a value another module also uses ("closed", "named",
"show_of_hands", "election", "published", "planned", "done") carries the same word here."""

from labour_democracy.conferences.tables import (
    AgendaKind,
    ConferenceForm,
    ConferenceKind,
    ConferenceStatus,
    DelegateKind,
    Requester,
    StepStatus,
    VoteMode,
)
from labour_democracy.core.labels import register
from labour_democracy.i18n import N_

register(
    {
        ConferenceForm.WHOLE: N_("Whole-workforce conference"),
        ConferenceForm.DELEGATES: N_("Delegate conference"),
        ConferenceForm.EITHER: N_("Whole workforce or delegates, chosen for each conference"),
        ConferenceKind.ANNUAL: N_("Annual"),
        ConferenceKind.EXTRAORDINARY: N_("Extraordinary"),
        Requester.UNION: N_("The union executive committee"),
        Requester.OTHER_REPRESENTATIVE: N_("Another representative organisation"),
        Requester.ENTERPRISE: N_("The enterprise"),
        Requester.WORKERS: N_("At least one third of the workers"),
        ConferenceStatus.PLANNED: N_("Planned"),
        ConferenceStatus.IN_SESSION: N_("In session"),
        ConferenceStatus.CLOSED: N_("Closed"),
        ConferenceStatus.PUBLISHED: N_("Published"),
        StepStatus.TODO: N_("To do"),
        StepStatus.DONE: N_("Done"),
        DelegateKind.ELECTED: N_("Elected by a unit"),
        DelegateKind.EX_OFFICIO: N_("Ex officio"),
        DelegateKind.WORKFORCE: N_("Worker"),
        AgendaKind.INFO: N_("Report or discussion"),
        AgendaKind.RESOLUTION: N_("Decision by vote"),
        AgendaKind.ELECTION: N_("Election of candidates"),
        VoteMode.SHOW_OF_HANDS: N_("Show of hands"),
        VoteMode.NAMED: N_("Named (open) vote"),
        VoteMode.SECRET: N_("Secret ballot"),
    }
)
