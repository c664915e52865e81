"""Words shown for the conference's values, and the catalogue's titles of timeline steps and
agenda items.

core.labels keys words by value, so a value another module also uses ("closed", "named",
"show_of_hands", "election", "published", "planned", "done") carries the same word here.

A step or item the plan made from the catalogue is stored by its key with an empty title (and
owner): its words are the catalogue's, translated when shown, in the reader's language on a
page and always in Vietnamese in a document. Text a user typed is stored and shown as typed."""

from labour_democracy.conferences import rules
from labour_democracy.conferences.tables import (
    AgendaKind,
    BoardSizeException,
    ConferenceForm,
    ConferenceKind,
    ConferenceStatus,
    DelegateKind,
    DelegateReason,
    Requester,
    StepStatus,
    VoteMode,
)
from labour_democracy.core.labels import register
from labour_democracy.i18n import LANGUAGE_NAMES, N_, language
from labour_democracy.i18n import gettext as _
from labour_democracy.voting import labels as voting_labels
from labour_democracy.voting import rules as voting_rules
from labour_democracy.voting.rules import Base, Rule

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
        Requester.WORKERS: N_("The workers (their signed request)"),
        DelegateReason.DISPERSED: N_("The workers work dispersed"),
        DelegateReason.CANNOT_LEAVE_POSTS: N_("The workers cannot leave their posts"),
        BoardSizeException.NONE: N_("None"),
        BoardSizeException.SPECIAL: N_("A special enterprise"),
        BoardSizeException.DISPERSED: N_("An enterprise operating dispersed"),
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

_STEPS = {step.key: step for step in rules.TIMELINE}
_ITEMS = {item.key: item for item in (*rules.AGENDA, rules.INSPECTION_BOARD_ITEM)}


def _shown(typed: str, msgid: str | None) -> str:
    return typed or (_(msgid) if msgid else "")


def step_title(key: str, typed: str = "") -> str:
    """A timeline step's title in the current language: as typed, else the catalogue's."""
    step = _STEPS.get(key)
    return _shown(typed, step.title if step else None)


def step_owner(key: str, typed: str = "") -> str:
    """Who carries a timeline step out, in the current language: as typed, else the catalogue's."""
    step = _STEPS.get(key)
    return _shown(typed, step.owner if step else None)


def item_title(key: str, typed: str = "") -> str:
    """An agenda item's title in the current language: as typed, else the catalogue's."""
    item = _ITEMS.get(key)
    return _shown(typed, item.title if item else None)


def _translations(msgid: str) -> set[str]:
    words = {msgid}
    for code in LANGUAGE_NAMES:
        with language(code):
            words.add(_(msgid))
    return words


def typed_or_catalogue(text: str, msgid: str | None) -> str:
    """What to store for text a form sent back: "" when it is the catalogue's own words in
    any language (the page showed them; keep the key), else the text as typed."""
    text = text.strip()
    return "" if msgid and text in _translations(msgid) else text


def step_msgids(key: str) -> tuple[str | None, str | None]:
    step = _STEPS.get(key)
    return (step.title, step.owner) if step else (None, None)


def item_msgid(key: str) -> str | None:
    item = _ITEMS.get(key)
    return item.title if item else None


# The purpose of the conference's ballots in the voting engine, and the words naming those
# entitled to vote in them (the manifest's `ballot_electorates`): the convened delegates, or
# every worker at a whole-workforce conference (all convened).
BALLOT_PURPOSE = "conference"
CONVENED = N_("of all convened")
# Those who may ask for an extraordinary conference: the workers, not those convened.
ALL_WORKERS = N_("of all the workers")


def describe(rule: Rule) -> str:
    """A quorum or passing rule in the conference's words: those entitled to vote are "all
    convened" on every page (the rules form, the projector, the vote messages) and on the
    pages and minutes of the conference's ballots, never "the electorate" (issue 13, item 6:
    one rule had two names)."""
    return voting_labels.describe_rule(rule, BALLOT_PURPOSE)


def describe_request(rule: Rule) -> str:
    """The share of the workers whose request calls an extraordinary conference."""
    return voting_rules.describe(rule, electorate=_(ALL_WORKERS))


def bases() -> list[tuple[str, str]]:
    """The bases a rule can be a share of, as the rules form offers them."""
    return [
        (base.value, voting_rules.base_words(base, _(CONVENED)))
        for base in (Base.PRESENT, Base.ELECTORATE, Base.VALID)
    ]
