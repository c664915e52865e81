"""The law of workplace dialogue as pure functions and small tables.

Labour Code 2019 (BLLĐ) Arts. 63-64 and Decree 145/2020/NĐ-CP Arts. 37-41. Shares are compared
in whole numbers (count × 10 against members × 7), so no rounding helps a quorum: 7 of 10 is
not "more than 70 %". Deadlines in working days use core.calendar.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from dataclasses import dataclass
from enum import StrEnum

from labour_democracy.core import calendar
from labour_democracy.dialogue.tables import DialogueKind, EventMatter, Side
from labour_democracy.i18n import N_


@dataclass(frozen=True)
class Band:
    """A workforce band and the worker-side size for it (Decree 145 Art. 38(2)(a))."""

    workforce_from: int
    workforce_below: int | None  # None: no upper bound
    minimum: int
    top: int | None  # the top of "from 4 to 8"; None where the law gives only a minimum


# Decree 145 Art. 38(2)(a): "ít nhất từ 04 người đến 08 người" is read as a hard minimum of 4
# and a band up to 8 (more members are allowed: the text says "at least").
BANDS = (
    Band(0, 50, 3, None),
    Band(50, 150, 4, 8),
    Band(150, 300, 9, 13),
    Band(300, 500, 14, 18),
    Band(500, 1000, 19, 23),
    Band(1000, None, 24, None),
)

# Decree 145 Art. 38(1): at least 3 on the employer side, the legal representative among them.
EMPLOYER_SIDE_MINIMUM = 3
# Decree 145 Art. 38(3): member lists fixed at least every 2 years.
LIST_RENEWAL_YEARS = 2
# Labour Code Art. 63(2)(a): periodic dialogue at least once a year.
PERIODIC_MINIMUM_PER_YEAR = 1
PERIODIC_MAXIMUM_PER_YEAR = 12
# Decree 145 Art. 39(3): each side's contents sent >= 5 working days before a periodic dialogue.
CONTENTS_WORKING_DAYS = 5
# Decree 145 Art. 40(2): a request is answered in writing within 5 working days.
REPLY_WORKING_DAYS = 5
# Decree 145 Arts. 39(5), 40(4), 41(1)(e): main contents publicised within 3 working days.
PUBLICATION_WORKING_DAYS = 3


def band_for(workforce: int) -> Band:
    for band in BANDS:
        if band.workforce_below is None or workforce < band.workforce_below:
            return band
    raise AssertionError("the last band has no upper bound")


def worker_side_minimum(workforce: int) -> int:
    return band_for(workforce).minimum


def worker_side_large_enough(size: int, workforce: int) -> bool:
    return size >= worker_side_minimum(workforce)


def employer_side_valid(size: int, has_legal_representative: bool) -> bool:
    return size >= EMPLOYER_SIDE_MINIMUM and has_legal_representative


def band_changed(listed_workforce: int, current_workforce: int) -> bool:
    """The workforce crossed into another band since the list was fixed: check its size."""
    return band_for(listed_workforce) != band_for(current_workforce)


def seat_split(seats: int, members: dict[str, int]) -> dict[str, int]:
    """Worker-side seats split in proportion to each organisation's or group's members
    (Decree 145 Art. 38(2)(b)), by largest remainder; ties go to the larger membership, then
    to the order given."""
    total = sum(members.values())
    if seats <= 0 or total <= 0:
        return {name: 0 for name in members}
    shares = {name: divmod(seats * count, total) for name, count in members.items()}
    result = {name: whole for name, (whole, _rest) in shares.items()}
    order = list(members)
    leftover = seats - sum(result.values())
    by_remainder = sorted(
        order, key=lambda name: (-shares[name][1], -members[name], order.index(name))
    )
    for name in by_remainder[:leftover]:
        result[name] += 1
    return result


def seat_split_expected(
    organisation_seats: int, group_seats: int, organisation_members: int, other_workers: int
) -> dict[str, int] | None:
    """The split Decree 145 Art. 38(2)(b) asks of a worker side that has both representative
    organisations and a workers' dialogue group: its seats in proportion to the organisations'
    members and the other workers (`seat_split`). None where the article does not apply (one
    kind of seat only) or the split already matches."""
    if organisation_seats <= 0 or group_seats <= 0:
        return None
    expected = seat_split(
        organisation_seats + group_seats,
        {"organisation": organisation_members, "group": other_workers},
    )
    if expected == {"organisation": organisation_seats, "group": group_seats}:
        return None
    return expected


def list_renewal_due(valid_from: dt.date) -> dt.date:
    """The day by which a new list must be fixed (Art. 38(3)); 29 February moves to the 28th."""
    year = valid_from.year + LIST_RENEWAL_YEARS
    try:
        return valid_from.replace(year=year)
    except ValueError:
        return valid_from.replace(year=year, day=28)


def periodic_months_valid(per_year: int, months: list[int]) -> bool:
    """At least one periodic dialogue a year (BLLĐ Art. 63(2)(a)), one distinct month each."""
    return (
        PERIODIC_MINIMUM_PER_YEAR <= per_year <= PERIODIC_MAXIMUM_PER_YEAR
        and len(months) == per_year
        and len(set(months)) == len(months)
        and all(1 <= month <= 12 for month in months)
    )


def periodic_held_in_time(last_held: dt.date | None, on: dt.date) -> bool:
    """A periodic dialogue held in the 12 months up to `on` (BLLĐ Art. 63(2)(a))."""
    if last_held is None:
        return False
    return last_held > _years_before(on, 1)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


# Every deadline below takes the enterprise's `calendar.WorkingWeek` (core.working_calendar.
# week_for); the old Saturday flag is still accepted, positionally or as `saturday_works=`.
Week = calendar.WorkingWeek | bool | None


def contents_deadline(dialogue_on: dt.date, week: Week = None, *, saturday_works=None) -> dt.date:
    """The last day to send a side's contents for a periodic dialogue (Art. 39(3))."""
    week = calendar.week_of(week, saturday_works)
    return calendar.add_working_days(dialogue_on, -CONTENTS_WORKING_DAYS, week)


def contents_sent_in_time(
    sent_on: dt.date, dialogue_on: dt.date, week: Week = None, *, saturday_works=None
) -> bool:
    return sent_on <= contents_deadline(dialogue_on, calendar.week_of(week, saturday_works))


def earliest_periodic_date(on: dt.date, week: Week = None, *, saturday_works=None) -> dt.date:
    """The first day a periodic dialogue can be held if contents are sent on `on`: the first
    day whose contents deadline is not before `on` (sent on a day off, they count from the next
    working day)."""
    week = calendar.week_of(week, saturday_works)
    start = calendar.next_working_day(on, week)
    return calendar.add_working_days(start, CONTENTS_WORKING_DAYS, week)


def periodic_month_owed(
    year: int, month: int, existed_from: dt.date, week: Week = None, *, saturday_works=None
) -> bool:
    """A periodic dialogue the regulation plans for `month` of `year` is owed only if the
    enterprise could hold it: the earliest date its contents allow (Art. 39(3), counted from the
    day the enterprise came to exist) falls within that month or before it. A brand-new
    enterprise is not overdue for a dialogue planned before it existed (issue 12)."""
    week = calendar.week_of(week, saturday_works)
    last_day = dt.date(year, month, monthrange(year, month)[1])
    return earliest_periodic_date(existed_from, week) <= last_day


def womens_representative_missing(concerns_women: bool, womens_representative: str) -> bool:
    """Decree 145 Art. 38(4): when a topic of the dialogue concerns women, a representative of
    the women workers takes part; any dialogue kind."""
    return concerns_women and not womens_representative.strip()


def quorum_applies(kind: DialogueKind) -> bool:
    """Art. 39(4) sets the quorum of a periodic dialogue only; on request or on an event the
    democracy regulation decides who takes part (Arts. 40(3), 41(1)(d) borrow only the
    signatures of Art. 39(4))."""
    return kind == DialogueKind.PERIODIC


def quorum_met(employer_present: bool, worker_side_present: int, worker_side_members: int) -> bool:
    """Art. 39(4): the legal representative (or authorised person) present and more than 70 %
    of the listed worker-side members present; exactly 70 % is not enough."""
    return (
        employer_present
        and worker_side_members > 0
        and worker_side_present * 10 > worker_side_members * 7
    )


def quorum_smallest(worker_side_members: int) -> int:
    """The fewest worker-side members present that meet the quorum."""
    return worker_side_members * 7 // 10 + 1


@dataclass(frozen=True)
class MissingSigners:
    """Who the minutes still lack (Decree 145 Art. 39(4))."""

    employer: bool  # neither the legal representative nor an authorised person signs
    no_worker_side: bool  # the list has no worker-side member at all
    sides: tuple[Side, ...]  # worker sides with members but no signer

    def __bool__(self) -> bool:
        return self.employer or self.no_worker_side or bool(self.sides)


def minutes_missing_signers(employer_signs: bool, worker_sides: dict[Side, bool]) -> MissingSigners:
    """Decree 145 Art. 39(4) (referred to by Arts. 40(3) and 41(1)(đ)): the minutes are signed by
    the employer's legal representative or the person they authorised, and by the representative
    of each worker representative organisation and of the workers' dialogue group where there is
    one. `worker_sides` maps each worker side with members on the list to whether one of them
    signs for it; an empty mapping means nobody can sign for the workers."""
    return MissingSigners(
        employer=not employer_signs,
        no_worker_side=not worker_sides,
        sides=tuple(side for side, signs in worker_sides.items() if not signs),
    )


def request_supported(supporters: int, worker_side_members: int) -> bool:
    """Art. 40(1): a worker-side request needs the agreement of at least 30 % of the
    worker-side members; exactly 30 % is enough."""
    return worker_side_members > 0 and supporters * 10 >= worker_side_members * 3


def request_smallest(worker_side_members: int) -> int:
    return -(-worker_side_members * 3 // 10)


def reply_due(received_on: dt.date, week: Week = None, *, saturday_works=None) -> dt.date:
    """Art. 40(2): the side that **receives** the request replies in writing, agreeing time and
    place, within 5 working days — counted from the day it received the request (issue 12)."""
    week = calendar.week_of(week, saturday_works)
    return calendar.add_working_days(received_on, REPLY_WORKING_DAYS, week)


def receipt_valid(submitted_on: dt.date, received_on: dt.date, entered_on: dt.date) -> bool:
    """A request is received on or after the day it was sent, and not after the day it is
    entered (the default receipt date)."""
    return submitted_on <= received_on <= entered_on


def publication_due(held_on: dt.date, week: Week = None, *, saturday_works=None) -> dt.date:
    """Arts. 39(5), 40(4), 41(1)(e): main contents publicised within 3 working days."""
    week = calendar.week_of(week, saturday_works)
    return calendar.add_working_days(held_on, PUBLICATION_WORKING_DAYS, week)


def event_reply_due(
    received_on: dt.date, working_days: int, week: Week = None, *, saturday_works=None
) -> dt.date:
    """Art. 41(1)(b): the worker side's written reply to the employer's document, within the
    working days the democracy regulation allows, counted from the day the document reached the
    worker-side members (the app records the day it was sent to them, by hand)."""
    week = calendar.week_of(week, saturday_works)
    return calendar.add_working_days(received_on, working_days, week)


def is_late(done_on: dt.date | None, due_on: dt.date, on: dt.date) -> bool:
    """Done after the due date, or not done and the due date has passed."""
    return (done_on or on) > due_on


class Anchor(StrEnum):
    BEFORE = "before"  # the duty falls due before the event date
    AFTER = "after"  # the duty falls due after it


@dataclass(frozen=True)
class EventDuty:
    """What Art. 41 adds for one matter: the Labour Code article, the employer's own duty and,
    where the Code counts one, its deadline in calendar days from the event date."""

    matter: EventMatter
    article: str  # a msgid
    duty: str  # a msgid
    event_date: str  # a msgid naming the date the deadline counts from
    days: int | None
    anchor: Anchor = Anchor.AFTER
    # The duty binds employers of 10 workers or more only (core.rules.ten_worker_duties_apply).
    from_ten_workers: bool = False

    def deadline(self, event_on: dt.date | None) -> dt.date | None:
        if self.days is None or event_on is None:
            return None
        delta = dt.timedelta(days=self.days)
        return event_on - delta if self.anchor is Anchor.BEFORE else event_on + delta


EVENT_DUTIES: dict[EventMatter, EventDuty] = {
    # BLLĐ Art. 36(1)(a): the performance rules are issued after consulting the organisation.
    EventMatter.PERFORMANCE_RULES: EventDuty(
        EventMatter.PERFORMANCE_RULES,
        N_("Labour Code 45/2019/QH14, Art. 36(1)(a)"),
        N_("Consult the representative organisation before issuing the rules."),
        N_("Date the rules are issued"),
        None,
    ),
    # BLLĐ Art. 42(6): notify the provincial People's Committee and the workers 30 days ahead.
    EventMatter.REDUNDANCY: EventDuty(
        EventMatter.REDUNDANCY,
        N_("Labour Code 45/2019/QH14, Art. 42"),
        N_(
            "Notify the provincial People's Committee and the workers at least 30 days before "
            "the dismissals."
        ),
        N_("Date the dismissals take effect"),
        30,
        Anchor.BEFORE,
    ),
    # BLLĐ Art. 44(2): the labour-usage plan is publicised within 15 days of its adoption.
    EventMatter.LABOUR_USAGE_PLAN: EventDuty(
        EventMatter.LABOUR_USAGE_PLAN,
        N_("Labour Code 45/2019/QH14, Art. 44"),
        N_("Publicise the plan to the workers within 15 days of its adoption."),
        N_("Date the plan is adopted"),
        15,
    ),
    # BLLĐ Art. 93(3): wage scales and norms are publicised at the workplace before applying.
    EventMatter.WAGE_SCALE: EventDuty(
        EventMatter.WAGE_SCALE,
        N_("Labour Code 45/2019/QH14, Art. 93"),
        N_("Publicise the wage scale, pay table or norms at the workplace before applying them."),
        N_("Date they start to apply"),
        1,
        Anchor.BEFORE,
    ),
    # BLLĐ Art. 104(2): the bonus rules are publicised at the workplace.
    EventMatter.BONUS_RULES: EventDuty(
        EventMatter.BONUS_RULES,
        N_("Labour Code 45/2019/QH14, Art. 104"),
        N_("Publicise the bonus rules at the workplace."),
        N_("Date the rules are issued"),
        None,
    ),
    # BLLĐ Arts. 118(3), 119(1): consulted before issue; filed with the provincial labour
    # authority within 10 days of issue — by employers of 10 workers or more (Art. 118(1)).
    EventMatter.INTERNAL_RULES: EventDuty(
        EventMatter.INTERNAL_RULES,
        N_("Labour Code 45/2019/QH14, Arts. 118-119"),
        N_("File the internal labour rules with the provincial labour authority within 10 days."),
        N_("Date the rules are issued"),
        10,
        from_ten_workers=True,
    ),
    # BLLĐ Art. 128: a suspension lasts at most 15 days (90 in the cases the article names).
    EventMatter.SUSPENSION: EventDuty(
        EventMatter.SUSPENSION,
        N_("Labour Code 45/2019/QH14, Art. 128"),
        N_(
            "The suspension ends within 15 days (90 in the exceptional cases of Labour Code "
            "45/2019/QH14, Art. 128)."
        ),
        N_("Date the suspension starts"),
        15,
    ),
}
