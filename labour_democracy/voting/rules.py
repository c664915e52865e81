"""Voting rules as data and pure functions: quorum, passing thresholds, elections, ballot codes.

Every comparison is done in whole numbers (count × denominator against base × numerator), so no
rounding can ever help a question pass: 500 of 1,000 is not "more than 1/2".
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from enum import StrEnum

from labour_democracy.i18n import N_
from labour_democracy.i18n import gettext as _


class Base(StrEnum):
    """What a threshold is a fraction of. Listed from the largest base to the smallest."""

    ELECTORATE = "electorate"  # everyone entitled to vote (e.g. all workers of the enterprise)
    PRESENT = "present"  # those present (checked in), or who took part when nobody checks in
    VALID = "valid"  # valid ballots for the question


_BASE_SIZE_ORDER = {Base.ELECTORATE: 3, Base.PRESENT: 2, Base.VALID: 1}


class Comparator(StrEnum):
    GREATER = "gt"  # strictly more than
    AT_LEAST = "ge"  # at least


@dataclass(frozen=True)
class Rule:
    """A threshold: `count comparator numerator/denominator of base`, and where it comes from."""

    base: Base
    comparator: Comparator
    numerator: int
    denominator: int
    source: str  # a msgid naming the legal source, translated where shown

    def __post_init__(self) -> None:
        if not (self.denominator > 0 and 0 <= self.numerator <= self.denominator):
            raise ValueError(f"not a fraction between 0 and 1: {self.numerator}/{self.denominator}")

    def is_met(self, count: int, base_size: int) -> bool:
        scaled_count, scaled_base = count * self.denominator, base_size * self.numerator
        if self.comparator is Comparator.GREATER:
            return scaled_count > scaled_base
        return scaled_count >= scaled_base

    def smallest_count(self, base_size: int) -> int:
        """The fewest votes that meet the rule for this base (shown to organisers)."""
        exact, remainder = divmod(base_size * self.numerator, self.denominator)
        if self.comparator is Comparator.GREATER:
            return exact + 1
        return exact + (1 if remainder else 0)

    def encode(self) -> str:
        """Stored form: "valid gt 1/2"; the source is stored beside it."""
        return f"{self.base} {self.comparator} {self.numerator}/{self.denominator}"

    @classmethod
    def decode(cls, text: str, source: str) -> Rule:
        base, comparator, fraction = text.split()
        numerator, denominator = fraction.split("/")
        return cls(Base(base), Comparator(comparator), int(numerator), int(denominator), source)

    def is_at_least_as_strict_as(self, minimum: Rule) -> bool:
        """True when every count that meets this rule also meets `minimum`, whatever the turnout.

        A larger base is stricter (electorate >= present >= valid), a larger fraction is
        stricter, and at an equal fraction "more than" is stricter than "at least".
        """
        if _BASE_SIZE_ORDER[self.base] < _BASE_SIZE_ORDER[minimum.base]:
            return False
        mine = self.numerator * minimum.denominator
        theirs = minimum.numerator * self.denominator
        if mine != theirs:
            return mine > theirs
        return self.comparator is Comparator.GREATER or minimum.comparator is Comparator.AT_LEAST


# Rules with their legal sources. Callers (conferences, agreements, unions) pass the one the law
# requires as the minimum; an organiser may choose a stricter rule, never a weaker one.

# Labour Code 2019, Art. 76(1): a collective agreement is signed only if more than 50 % of all
# the enterprise's workers approve it.
AGREEMENT_APPROVAL = Rule(
    Base.ELECTORATE,
    Comparator.GREATER,
    1,
    2,
    N_("Labour Code 45/2019/QH14, Art. 76(1): more than half of all workers of the enterprise"),
)
# Law 10/2022/QH15, Art. 69(2)(c): the worker conference of a state-owned enterprise needs at
# least 2/3 of the workers (or convened delegates) present ...
SOE_CONFERENCE_QUORUM = Rule(
    Base.ELECTORATE,
    Comparator.AT_LEAST,
    2,
    3,
    N_("Law 10/2022/QH15, Art. 69(2)(c): at least two thirds present"),
)
# ... and its resolution passes with more than 50 % of those present.
SOE_CONFERENCE_RESOLUTION = Rule(
    Base.PRESENT,
    Comparator.GREATER,
    1,
    2,
    N_("Law 10/2022/QH15, Art. 69(2)(c): more than half of those present"),
)
# Elections: more than half of the valid ballots by default. No article the app has read sets
# it (issue 12, point 10: no citation the app cannot name), so the source says it is a default;
# the union's elections take the upper-level union's setting (unions/rules.py).
ELECTION_MAJORITY = Rule(
    Base.VALID,
    Comparator.GREATER,
    1,
    2,
    N_(
        "Default of the app, set by no article it can name: more than half of the valid "
        "ballots; the organiser may choose a stricter rule"
    ),
)
# Decree 145/2020/NĐ-CP, Arts. 44 and 48: how workers' opinions are collected is set by the
# enterprise's democracy regulation; a simple majority of valid ballots is the default here.
CONSULTATION_MAJORITY = Rule(
    Base.VALID,
    Comparator.GREATER,
    1,
    2,
    N_(
        "Decree 145/2020/NĐ-CP, Arts. 44 and 48 (enterprise democracy regulation): more than "
        "half of the valid ballots"
    ),
)
NO_QUORUM = Rule(Base.ELECTORATE, Comparator.AT_LEAST, 0, 1, N_("No quorum required"))
# The weakest rule of all, the floor for questions whose caller requires nothing.
ANY_RULE = Rule(Base.VALID, Comparator.AT_LEAST, 0, 1, N_("No minimum set by law"))
# Ballots whose purpose the law fixes a rule for, whoever adds a question: a question of an
# agreement vote can never be weaker than Art. 76(1), even one added from the vote's own pages.
PURPOSE_MINIMUMS = {"agreement": AGREEMENT_APPROVAL}
# The source of a rule stricter than the law's minimum, chosen when the ballot was set up.
ORGANISER_CHOICE = N_("Chosen by the organiser")


def describe(rule: Rule, electorate: str | None = None) -> str:
    """A rule in words, in the current language: "more than 1/2 of the valid ballots".
    `electorate` is the owner's own name for those entitled to vote (a conference says "of
    all convened"), so one rule is called the same on every page of its owner."""
    if rule.numerator == 0:
        return _("none required")
    comparator = _("more than") if rule.comparator is Comparator.GREATER else _("at least")
    return f"{comparator} {rule.numerator}/{rule.denominator} {base_words(rule.base, electorate)}"


def base_words(base: Base, electorate: str | None = None) -> str:
    """What a rule is a share of, in words ("of the valid ballots"); `electorate` as above."""
    return {
        Base.ELECTORATE: electorate or _("of the electorate"),
        Base.PRESENT: _("of those present"),
        Base.VALID: _("of the valid ballots"),
    }[base]


def quorum_reached(rule: Rule, participants: int, electorate: int) -> bool:
    """Quorum is a share of the electorate taking part (present, or ballots cast)."""
    return rule.is_met(participants, electorate)


@dataclass(frozen=True)
class Counts:
    """The numbers a question's outcome depends on."""

    electorate: int
    present: int
    valid: int

    def base_size(self, base: Base) -> int:
        return {
            Base.ELECTORATE: self.electorate,
            Base.PRESENT: self.present,
            Base.VALID: self.valid,
        }[base]


def motion_passes(rule: Rule, votes_for: int, counts: Counts) -> bool:
    return rule.is_met(votes_for, counts.base_size(rule.base))


@dataclass(frozen=True)
class ElectionOutcome:
    elected: tuple[int, ...]  # option ids, most votes first
    tied: tuple[int, ...]  # tied for the last open seat(s): another round decides among them
    open_seats: int  # seats not filled (contested by the tie, or too few candidates met the rule)


def elect(rule: Rule, seats: int, votes: dict[int, int], counts: Counts) -> ElectionOutcome:
    """Fill `seats` with the candidates who meet `rule`, most votes first.

    A tie that straddles the last seat is reported, never broken: the tied candidates need
    another round (union election practice), and the seats they compete for stay open.
    """
    base = counts.base_size(rule.base)
    eligible = {candidate: n for candidate, n in votes.items() if rule.is_met(n, base)}
    elected: list[int] = []
    for level in sorted(set(eligible.values()), reverse=True):
        free = seats - len(elected)
        if free == 0:
            break
        group = sorted(c for c, n in eligible.items() if n == level)
        if len(group) > free:
            return ElectionOutcome(tuple(elected), tuple(group), free)
        elected += group
    return ElectionOutcome(tuple(elected), (), seats - len(elected))


# Ballot codes --------------------------------------------------------------------------------
# Crockford's base-32 alphabet: no I, L, O or U, so 0/O and 1/I/L cannot be confused when typed.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_DATA_LENGTH = 11  # 55 random bits
_TYPO_MAP = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None, ".": None})


def new_code() -> str:
    """A random ballot code: 11 data characters (55 bits) and a check character."""
    data = "".join(secrets.choice(_ALPHABET) for _ in range(CODE_DATA_LENGTH))
    return data + check_character(data)


def check_character(data: str) -> str:
    """Luhn mod 32 over the code's own alphabet: it catches every single mistyped character
    and every swap of two neighbours except 0<->Z, and needs no symbol a phone hides."""
    total, factor = 0, 2
    for character in reversed(data):
        addend = factor * _ALPHABET.index(character)
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    return _ALPHABET[(32 - total % 32) % 32]


def normalise_code(typed: str) -> str | None:
    """The canonical code for what a person typed, or None if it cannot be a valid code.

    Case, spaces, hyphens and the look-alikes O/I/L are forgiven; a wrong check character
    (one mistyped or swapped character) is caught before any database lookup.
    """
    code = typed.strip().upper().translate(_TYPO_MAP)
    if len(code) != CODE_DATA_LENGTH + 1:
        return None
    data, check = code[:-1], code[-1]
    if any(c not in _ALPHABET for c in data):
        return None
    return code if check_character(data) == check else None


RECEIPT_LENGTH = 10  # shown as XXXXX-XXXXX (voting/codes.receipt)


def normalise_receipt(typed: str) -> str | None:
    """A receipt as published (XXXXX-XXXXX) for what a voter typed, forgiving case, spaces,
    the dash and the look-alikes O/I/L as codes do; None if it cannot be a receipt."""
    receipt = typed.strip().upper().translate(_TYPO_MAP)
    if len(receipt) != RECEIPT_LENGTH or any(c not in _ALPHABET for c in receipt):
        return None
    return f"{receipt[:5]}-{receipt[5:]}"


def format_code(code: str) -> str:
    """Groups of four for printing and reading aloud: ABCD-EFGH-JKMN."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


# Rules in words (issue 13, item 7): what people choose from, each with where it comes from; a
# fraction typed by hand is the advanced choice ("custom"). A choice is a shorthand on the form
# only: what is stored is the rule it stands for, checked against the law's minimum as always.
@dataclass(frozen=True)
class RuleChoice:
    key: str
    rule: Rule
    words: str  # the rule as people say it (a msgid)


CUSTOM = "custom"
QUORUM_CHOICES = (
    RuleChoice("none", NO_QUORUM, N_("No quorum")),
    RuleChoice(
        "more_than_half",
        Rule(
            Base.ELECTORATE,
            Comparator.GREATER,
            1,
            2,
            N_("Enterprise democracy regulation (Decree 145/2020/NĐ-CP, Art. 48)"),
        ),
        N_("More than half of those entitled to vote take part"),
    ),
    RuleChoice(
        "two_thirds",
        SOE_CONFERENCE_QUORUM,
        N_("At least two thirds of those entitled to vote take part"),
    ),
)
PASS_CHOICES = (
    RuleChoice(
        "more_than_half_valid",
        CONSULTATION_MAJORITY,
        N_("More than half of the valid ballots"),
    ),
    RuleChoice(
        "more_than_half_present",
        SOE_CONFERENCE_RESOLUTION,
        N_("More than half of those present"),
    ),
    RuleChoice(
        "two_thirds_present",
        Rule(
            Base.PRESENT,
            Comparator.AT_LEAST,
            2,
            3,
            N_("Enterprise democracy regulation (Decree 145/2020/NĐ-CP, Art. 48)"),
        ),
        N_("At least two thirds of those present"),
    ),
    RuleChoice(
        "more_than_half_electorate",
        AGREEMENT_APPROVAL,
        N_("More than half of all the workers (or all those entitled to vote)"),
    ),
)


def choice_of(choices: tuple[RuleChoice, ...], rule: Rule, with_base: bool) -> str:
    """The key of the choice a rule is, or CUSTOM."""
    for choice in choices:
        same = (choice.rule.comparator, choice.rule.numerator, choice.rule.denominator) == (
            rule.comparator,
            rule.numerator,
            rule.denominator,
        )
        if same and (not with_base or choice.rule.base is rule.base):
            return choice.key
    return CUSTOM


def expand_choice(
    data: dict, prefix: str, choices: tuple[RuleChoice, ...], with_base: bool
) -> dict:
    """Form data with `<prefix>_choice` spelt out as the comparator, numerator, denominator
    (and base) fields the forms parse; a custom choice or none leaves the typed fraction."""
    chosen = next((c for c in choices if c.key == data.get(f"{prefix}_choice")), None)
    if chosen is None:
        return data
    spelt = {
        f"{prefix}_comparator": chosen.rule.comparator.value,
        f"{prefix}_numerator": str(chosen.rule.numerator),
        f"{prefix}_denominator": str(chosen.rule.denominator),
    }
    if with_base:
        spelt[f"{prefix}_base"] = chosen.rule.base.value
    return {**data, **spelt}
