"""Words shown for the voting engine's values, and a ballot's rules in its owner's words."""

from labour_democracy.core.labels import register
from labour_democracy.i18n import N_
from labour_democracy.i18n import gettext as _
from labour_democracy.manifest import installed
from labour_democracy.voting import rules
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


def of_electorate(purpose: str) -> str:
    """Those entitled to vote in a ballot of `purpose`, in the current language, as its owner
    names them in its manifest's `ballot_electorates` ("of all convened" for a conference's
    vote), else the engine's "of the electorate"."""
    for manifest in installed():
        words = manifest.ballot_electorates.get(purpose)
        if words is not None:
            return _(words)
    return _("of the electorate")


def describe_rule(rule: rules.Rule, purpose: str) -> str:
    """A rule of a ballot of `purpose` in words: the same words on the ballot's pages, its
    minutes and its owner's pages (issue 13, item 6: one quorum had two names)."""
    return rules.describe(rule, electorate=of_electorate(purpose))


def describe_rule_text(text: str, purpose: str) -> str:
    """A rule as stored on a question ("valid gt 1/2") in words."""
    return describe_rule(rules.Rule.decode(text, ""), purpose)
