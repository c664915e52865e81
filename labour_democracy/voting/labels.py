"""Words shown for the voting engine's values."""

from labour_democracy.core.labels import register
from labour_democracy.i18n import N_
from labour_democracy.voting.tables import (
    BallotStatus,
    Channels,
    ElectionMethod,
    ElectorateKind,
    QuestionKind,
    Secrecy,
    TallyKind,
)

register(
    {
        BallotStatus.DRAFT: N_("Being prepared"),
        BallotStatus.OPEN: N_("Open"),
        BallotStatus.CLOSED: N_("Closed"),
        Secrecy.SECRET: N_("Secret ballot"),
        Secrecy.NAMED: N_("Named (open) vote"),
        Channels.ONLINE: N_("Phone or computer"),
        Channels.PAPER: N_("On paper"),
        Channels.BOTH: N_("Phone and paper"),
        ElectorateKind.ALL_WORKERS: N_("All active workers"),
        ElectorateKind.ORG_UNIT: N_("The workers of a unit"),
        ElectorateKind.UNION_MEMBERS: N_("Union members"),
        ElectorateKind.NON_MEMBERS: N_("Workers who are not union members"),
        ElectorateKind.NAMED_LIST: N_("A named list"),
        QuestionKind.MOTION: N_("Motion (for / against / abstain)"),
        QuestionKind.CHOICE: N_("Choice among options"),
        QuestionKind.ELECTION: N_("Election of candidates"),
        ElectionMethod.TICK: N_("Tick the names elected"),
        ElectionMethod.STRIKE: N_("Strike out the names not elected"),
        TallyKind.SHOW_OF_HANDS: N_("Show of hands"),
        TallyKind.PAPER: N_("Paper ballots without codes"),
    }
)
