"""The legal rules of the worker conference, as pure functions and small tables.

Private and foreign-invested enterprises: Decree 145/2020/NĐ-CP, Art. 47 (annual, whole-workforce
or delegate conference) leaves form, quorum, passing rule and timing to the enterprise's
democracy regulation (Arts. 47(3), 48); the defaults here mirror Law 10/2022 as the VGCL
guidance recommends. State-owned enterprises, and others that opt in (Law 10/2022/QH15,
Art. 82(2)), follow Law 10/2022, Arts. 67–70, which a regulation cannot weaken.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from labour_democracy.conferences.tables import ConferenceForm, DelegateReason
from labour_democracy.core.calendar import add_working_days
from labour_democracy.core.rules import fold, ten_worker_duties_apply
from labour_democracy.i18n import N_
from labour_democracy.voting import rules as voting_rules
from labour_democracy.voting.rules import Base, Comparator, Rule

# Law 10/2022/QH15, Art. 69(2)(c): quorum at least 2/3 of the workers or convened delegates.
SOE_QUORUM = voting_rules.SOE_CONFERENCE_QUORUM
# Law 10/2022/QH15, Art. 69(2)(c): the resolution passes with more than 50 % of those present.
SOE_PASS = voting_rules.SOE_CONFERENCE_RESOLUTION
# Decree 145/2020/NĐ-CP, Arts. 47(3) and 48: the regulation sets quorum and passing rule; the
# law sets no floor, so the floor is "none" and the default mirrors Law 10/2022 (law.md §2.3).
PRIVATE_QUORUM_DEFAULT = Rule(
    Base.ELECTORATE,
    Comparator.AT_LEAST,
    2,
    3,
    N_(
        "Decree 145/2020/NĐ-CP, Arts. 47–48: set by the democracy regulation "
        "(default as Law 10/2022/QH15, Art. 69: at least two thirds present)"
    ),
)
PRIVATE_PASS_DEFAULT = Rule(
    Base.PRESENT,
    Comparator.GREATER,
    1,
    2,
    N_(
        "Decree 145/2020/NĐ-CP, Arts. 47–48: set by the democracy regulation "
        "(default as Law 10/2022/QH15, Art. 69: more than half of those present)"
    ),
)
REGULATION_SOURCE = N_("Enterprise democracy regulation (Decree 145/2020/NĐ-CP, Art. 48)")
# Where the union acts in the conference: it co-organises it, if there is one (Decree 145/2020,
# Art. 47(1); Law 10/2022/QH15, Art. 69(1)), and the employer must coordinate with it on the
# conference (Trade Union Law 50/2024/QH15, Art. 25).
UNION_ROLE_SOURCE = N_(
    "The grassroots union, if there is one, organises the conference with the employer "
    "(Decree 145/2020/NĐ-CP, Art. 47(1); Law 10/2022/QH15, Art. 69(1); "
    "Trade Union Law 50/2024/QH15, Art. 25)."
)

# Law 10/2022/QH15, Art. 69(1): held within 3 months after the fiscal year ends.
SOE_MONTHS_AFTER_YEAR_END = 3
# Law 10/2022/QH15, Art. 70(3): the resolution's implementation is reviewed every 6 months.
SOE_REVIEW_MONTHS = 6
# Law 10/2022/QH15, Art. 69(2)(a): under 100 workers, the whole workforce meets; Art. 69(2)(b):
# unless the workers are dispersed or cannot leave their posts, when delegates may meet.
SOE_WHOLE_WORKFORCE_BELOW = 100
# Law 10/2022/QH15, Arts. 68(1), 69(1): a state-owned enterprise holds an extraordinary
# conference on the request of at least 1/3 of the workers. A private enterprise's threshold is
# its democracy regulation's (Decree 145/2020, Art. 48): a setting with no legal default.
EXTRAORDINARY_REQUEST = Rule(
    Base.ELECTORATE,
    Comparator.AT_LEAST,
    1,
    3,
    N_("Law 10/2022/QH15, Arts. 68(1), 69(1): at least one third of the workers"),
)
# Law 10/2022/QH15, Art. 77(1); Decree 59/2023/NĐ-CP, Art. 25: the People's Inspection Board of
# a state-owned enterprise has 3 to 9 members, elected for 2 years; an enterprise that is
# special or dispersed (Decree 59/2023, Art. 25(2)) may elect more — the app then keeps only
# the minimum of 3 and records the reason.
INSPECTION_BOARD_MIN = 3
INSPECTION_BOARD_MAX = 9
INSPECTION_BOARD_TERM_YEARS = 2
# Law 10/2022/QH15, Art. 77; Decree 59/2023/NĐ-CP, Art. 25: the grassroots union recognises the
# elected board within 5 working days.
INSPECTION_BOARD_RECOGNITION_WORKING_DAYS = 5
# Decree 59/2023/NĐ-CP, Art. 25: the head of the enterprise and the head's deputies (Director,
# General Director and their deputies, the chair of the members' council) cannot be members.
# Titles are compared folded (no diacritics, lower case).
BOARD_BARRED_TITLES = ("giam doc", "chu tich hoi dong", "tong giam doc")
# Law 10/2022/QH15, Art. 65(2): what must be disclosed is disclosed within 15 days.
PUBLISH_WITHIN_DAYS = 15


def soe_rules_apply(state_owned: bool, opted_in: bool) -> bool:
    return state_owned or opted_in


def conference_required(workforce: int, state_owned: bool) -> bool:
    """Whether the employer must hold the annual conference, so its missed steps are overdue:
    Decree 145/2020/NĐ-CP, Art. 114(4) exempts employers of fewer than 10 workers from Art. 47;
    Law 10/2022/QH15, Art. 69 sets no size for a state-owned enterprise."""
    return state_owned or ten_worker_duties_apply(workforce)


@dataclass(frozen=True)
class RuleSet:
    """The rules in force: chosen values and the legal minimum they may not go below."""

    quorum: Rule
    passing: Rule
    quorum_minimum: Rule
    pass_minimum: Rule
    months_after_year_end: int | None  # None: the regulation fixes no window
    review_months: int | None


def defaults(soe: bool) -> tuple[Rule, Rule]:
    """The law's default quorum and passing rule, with their sources."""
    return (SOE_QUORUM, SOE_PASS) if soe else (PRIVATE_QUORUM_DEFAULT, PRIVATE_PASS_DEFAULT)


def minimums(soe: bool) -> tuple[Rule, Rule]:
    """What no regulation may go below: Law 10/2022 for SOEs, nothing for the others."""
    if soe:
        return SOE_QUORUM, SOE_PASS
    return voting_rules.NO_QUORUM, voting_rules.ANY_RULE


def weaker_than_law(soe: bool, quorum: Rule, passing: Rule, months: int, review: int) -> list[str]:
    """The fields of a regulation that weaken the SOE rules (empty when lawful)."""
    quorum_minimum, pass_minimum = minimums(soe)
    weak = []
    if not quorum.is_at_least_as_strict_as(quorum_minimum):
        weak.append("quorum")
    if not passing.is_at_least_as_strict_as(pass_minimum):
        weak.append("pass")
    if soe and not 1 <= months <= SOE_MONTHS_AFTER_YEAR_END:
        weak.append("months_after_year_end")
    if soe and not 1 <= review <= SOE_REVIEW_MONTHS:
        weak.append("review_months")
    return weak


def _last_day(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, _last_day(year, month)))


def fiscal_year_end_before(day: dt.date, end_month: int, end_day: int) -> dt.date:
    """The last fiscal-year end strictly before `day`."""
    for year in (day.year, day.year - 1):
        end = dt.date(year, end_month, min(end_day, _last_day(year, end_month)))
        if end < day:
            return end
    raise AssertionError("a fiscal year ends every year")


def annual_window(
    day: dt.date, end_month: int, end_day: int, months: int
) -> tuple[dt.date, dt.date]:
    """The window that contains the conference date's fiscal year: the day after the last
    fiscal-year end before `day`, to `months` months after that end (Law 10/2022, Art. 69(1))."""
    end = fiscal_year_end_before(day, end_month, end_day)
    return end + dt.timedelta(1), add_months(end, months)


def in_annual_window(day: dt.date, end_month: int, end_day: int, months: int) -> bool:
    first, last = annual_window(day, end_month, end_day, months)
    return first <= day <= last


def delegate_reason_needed(soe: bool, chosen: ConferenceForm, workers: int) -> bool:
    """Law 10/2022, Art. 69(2)(b): an SOE under 100 workers holds a delegate conference only
    when its workers are dispersed or cannot leave their posts, a reason recorded."""
    return soe and workers < SOE_WHOLE_WORKFORCE_BELOW and chosen is ConferenceForm.DELEGATES


def form_allowed(
    soe: bool,
    regulation_form: ConferenceForm,
    chosen: ConferenceForm,
    workers: int,
    delegate_reason: DelegateReason | str | None = None,
) -> bool:
    """Whole-workforce or delegates, as the regulation (and for an SOE, Art. 69(2)) allows."""
    if chosen is ConferenceForm.EITHER:
        return False
    if delegate_reason_needed(soe, chosen, workers) and not delegate_reason:
        return False
    return regulation_form is ConferenceForm.EITHER or regulation_form is chosen


def extraordinary_rule(soe: bool, regulation_rule: Rule | None) -> Rule | None:
    """The share of workers whose request calls an extraordinary conference: the law's third
    for an SOE; for any other enterprise its democracy regulation's rule, or None when the
    regulation sets none (the law sets none either)."""
    return EXTRAORDINARY_REQUEST if soe else regulation_rule


def extraordinary_request_valid(
    requesters: int, workers: int, rule: Rule | None = EXTRAORDINARY_REQUEST
) -> bool:
    """Enough workers asked, by `rule` (the SOE third unless another is given); with no rule
    (a private enterprise whose regulation sets none) any recorded workers' request stands."""
    if rule is None:
        return requesters > 0
    return workers > 0 and rule.is_met(requesters, workers)


def inspection_board_size_valid(seats: int, exception: str | None = None) -> bool:
    """3 to 9 members; more than 9 only with a recorded exception (special or dispersed
    enterprise, Decree 59/2023, Art. 25(2))."""
    if exception:
        return seats >= INSPECTION_BOARD_MIN
    return INSPECTION_BOARD_MIN <= seats <= INSPECTION_BOARD_MAX


def inspection_board_term_ends(elected_on: dt.date) -> dt.date:
    return add_months(elected_on, 12 * INSPECTION_BOARD_TERM_YEARS)


def inspection_board_recognition_due(elected_on: dt.date, week=None) -> dt.date:
    """The union recognises the elected board within 5 working days of the election."""
    return add_working_days(elected_on, INSPECTION_BOARD_RECOGNITION_WORKING_DAYS, week)


def barred_from_board(title: str) -> bool:
    """Decree 59/2023, Art. 25: the enterprise's head and deputies are not members."""
    folded = fold(title)
    return any(barred in folded for barred in BOARD_BARRED_TITLES)


def review_dates(start: dt.date, every_months: int, until: dt.date) -> list[dt.date]:
    """The six-monthly reviews after the conference, up to `until` (the next one)."""
    dates, n = [], 1
    while (day := add_months(start, every_months * n)) <= until:
        dates.append(day)
        n += 1
    return dates


def allocate_seats(headcounts: dict[int, int], seats: int) -> dict[int, int]:
    """Seats per unit in proportion to headcount by the largest remainder (Hamilton), every unit
    with at least one seat (VGCL Guidance 11/HD-TLĐ, 2024: each unit is represented).

    A unit whose proportional share is under one gets one seat and leaves the count; the rest
    are shared again among the others. Equal remainders go to the larger unit, then the one
    listed first. Raises ValueError when there are fewer seats than units.
    """
    units = [unit for unit, n in headcounts.items() if n > 0]
    if seats < len(units):
        raise ValueError("fewer seats than units")
    result: dict[int, int] = {}
    remaining, left = list(units), seats
    while remaining:
        total = sum(headcounts[u] for u in remaining)
        small = [u for u in remaining if headcounts[u] * left < total]
        if not small:
            break
        for unit in small:
            result[unit] = 1
        remaining = [u for u in remaining if u not in small]
        left -= len(small)
    if remaining:
        total = sum(headcounts[u] for u in remaining)
        shares = {u: divmod(headcounts[u] * left, total) for u in remaining}
        for unit in remaining:
            result[unit] = shares[unit][0]
        spare = left - sum(result[u] for u in remaining)
        order = sorted(remaining, key=lambda u: (-shares[u][1], -headcounts[u], units.index(u)))
        for unit in order[:spare]:
            result[unit] += 1
    return {unit: result[unit] for unit in units}


@dataclass(frozen=True)
class StepTemplate:
    key: str
    title: str  # a msgid
    owner: str  # a msgid
    working_days: int  # before (negative) or after the conference
    delegates_only: bool = False
    soe_only: bool = False  # only where Law 10/2022 applies (the People's Inspection Board)


# Steps of Guidance 1360/HD-TLĐ (2019) and 11/HD-TLĐ (2024), VGCL practice: the law fixes no
# lead times, so these are defaults counted in working days around the conference date.
TIMELINE = (
    StepTemplate("plan", N_("Adopt the conference plan"), N_("Employer and union"), -30),
    StepTemplate("report_business", N_("Report on business results"), N_("Employer"), -20),
    StepTemplate(
        "report_contracts",
        N_("Report on labour contracts and the collective agreement"),
        N_("Employer and union"),
        -20,
    ),
    StepTemplate("report_rules", N_("Report on the internal rules"), N_("Employer"), -20),
    StepTemplate(
        "report_resolution",
        N_("Report on the previous resolution"),
        N_("Employer and union"),
        -20,
    ),
    StepTemplate("report_dialogue", N_("Report on dialogue results"), N_("Union"), -20),
    StepTemplate("unit_conferences", N_("Hold the unit-level conferences"), N_("Union"), -12, True),
    StepTemplate("delegates", N_("Elect the delegates"), N_("Union"), -10, True),
    StepTemplate("documents_sent", N_("Send the documents to the delegates"), N_("Employer"), -5),
    StepTemplate("conference", N_("Hold the conference"), N_("Employer and union"), 0),
    StepTemplate("publish", N_("Publish the resolution"), N_("Employer"), 5),
    # Law 10/2022/QH15, Art. 77; Decree 59/2023/NĐ-CP, Art. 25: the union recognises the
    # elected People's Inspection Board within 5 working days (a legal deadline, not practice).
    StepTemplate(
        "board_recognised",
        N_("The union recognises the elected People's Inspection Board"),
        N_("Union"),
        INSPECTION_BOARD_RECOGNITION_WORKING_DAYS,
        soe_only=True,
    ),
)


def timeline_steps(form: ConferenceForm, soe: bool = False) -> list[StepTemplate]:
    """The steps of a conference of this form: the unit-level conferences and the delegates'
    election only for a delegate conference, the board's recognition only under Law 10/2022."""
    return [
        step
        for step in TIMELINE
        if (form == ConferenceForm.DELEGATES or not step.delegates_only)
        and (soe or not step.soe_only)
    ]


@dataclass(frozen=True)
class AgendaTemplate:
    key: str
    title: str  # a msgid
    kind: str  # AgendaKind value


# The items Guidance 1360/HD-TLĐ lists for the conference (law.md §2.3), in order.
AGENDA = (
    AgendaTemplate("opening", N_("Opening, introduction of delegates and the presidium"), "info"),
    AgendaTemplate(
        "report_business", N_("Report on business results and next year's plan"), "info"
    ),
    AgendaTemplate(
        "report_contracts",
        N_("Report on labour contracts, the collective agreement and internal rules"),
        "info",
    ),
    AgendaTemplate("report_resolution", N_("Report on the previous year's resolution"), "info"),
    AgendaTemplate("report_dialogue", N_("Report on workplace dialogue"), "info"),
    AgendaTemplate("discussion", N_("Discussion and answers to workers' proposals"), "info"),
    AgendaTemplate(
        "dialogue_representatives",
        N_("Election of the worker dialogue representatives"),
        "election",
    ),
    AgendaTemplate("resolution", N_("Adoption of the conference resolution"), "resolution"),
    AgendaTemplate("closing", N_("Closing"), "info"),
)
INSPECTION_BOARD_ITEM = AgendaTemplate(
    "inspection_board", N_("Election of the People's Inspection Board"), "election"
)


def quorum_met(rule: Rule, present: int, expected: int) -> bool:
    return expected > 0 and rule.is_met(present, expected)


# A six-monthly review (sơ kết, Law 10/2022/QH15, Art. 70(3)) reviews about six months of the
# resolution's implementation. One that covers less than half its interval since the conference
# or the previous review (a "six-monthly" review of 4 days) is recorded only with the reason.
def review_period_needs_reason(since: dt.date, held_on: dt.date, months: int) -> bool:
    return (held_on - since).days < months * 30 // 2


# Minutes record what happened and when (issue 11): a conference opened before the day it is
# planned for, or closed with votes of its agenda not held, is recorded only with the reason.
def days_early(planned: dt.date, on: dt.date) -> int:
    """How many days before the planned date `on` is (0 on or after it)."""
    return max(0, (planned - on).days)
