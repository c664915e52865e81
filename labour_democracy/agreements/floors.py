"""The legal floors a clause of an agreement is compared with, as dated data with their sources
(law.md §9), and the comparison itself.

Labour Code 2019, Art. 75(2): an agreement may not be less favourable to workers than the law;
more favourable terms are encouraged. Each floor has the day it took effect, so a new floor (a new
minimum-wage decree) changes the check of every agreement in force from that day, and the
clauses it leaves below the law must be amended (Art. 82(2)). Some terms are caps (overtime
hours, probation): there the agreement is more favourable when it allows less.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from labour_democracy.core import legal_sources
from labour_democracy.i18n import N_


class Direction(StrEnum):
    AT_LEAST = "at_least"  # a minimum: more is more favourable (wage, leave days)
    AT_MOST = "at_most"  # a cap: less is more favourable (overtime hours, probation days)


class Verdict(StrEnum):
    BELOW = "below"  # less favourable than the law: unlawful (Art. 75(2))
    EQUAL = "equal"
    MORE_FAVOURABLE = "more_favourable"
    NO_BASELINE = "no_baseline"  # the law sets no floor (meal allowance, Tết bonus)


@dataclass(frozen=True)
class TermKind:
    """A kind of structured term a clause may carry; `label` and `unit` are msgids."""

    key: str
    label: str
    unit: str
    direction: Direction | None  # None: no legal baseline
    regional: bool = False  # the floor depends on the minimum-wage region (I-IV)


LC = legal_sources.LABOUR_CODE.cited
D145 = legal_sources.DECREE_145.cited

TERM_KINDS: tuple[TermKind, ...] = (
    TermKind("wage_month", N_("Lowest monthly wage"), N_("đ a month"), Direction.AT_LEAST, True),
    TermKind("wage_hour", N_("Lowest hourly wage"), N_("đ an hour"), Direction.AT_LEAST, True),
    TermKind("hours_day", N_("Normal hours a day"), N_("hours"), Direction.AT_MOST),
    TermKind("hours_week", N_("Normal hours a week"), N_("hours"), Direction.AT_MOST),
    TermKind(
        "overtime_day_share",
        N_("Overtime a day, share of normal hours"),
        N_("per cent"),
        Direction.AT_MOST,
    ),
    TermKind("overtime_month", N_("Overtime a month"), N_("hours"), Direction.AT_MOST),
    TermKind("overtime_year", N_("Overtime a year"), N_("hours"), Direction.AT_MOST),
    TermKind(
        "overtime_year_listed",
        N_("Overtime a year, listed sectors"),
        N_("hours"),
        Direction.AT_MOST,
    ),
    TermKind(
        "premium_weekday", N_("Overtime pay on a normal day"), N_("per cent"), Direction.AT_LEAST
    ),
    TermKind(
        "premium_rest_day",
        N_("Overtime pay on a weekly rest day"),
        N_("per cent"),
        Direction.AT_LEAST,
    ),
    TermKind(
        "premium_holiday", N_("Overtime pay on a holiday"), N_("per cent"), Direction.AT_LEAST
    ),
    TermKind("premium_night", N_("Night work supplement"), N_("per cent"), Direction.AT_LEAST),
    TermKind(
        "premium_night_overtime",
        N_("Night overtime supplement"),
        N_("per cent"),
        Direction.AT_LEAST,
    ),
    TermKind("break_day", N_("Break in a day shift"), N_("minutes"), Direction.AT_LEAST),
    TermKind("break_night", N_("Break in a night shift"), N_("minutes"), Direction.AT_LEAST),
    TermKind("rest_between_shifts", N_("Rest between shifts"), N_("hours"), Direction.AT_LEAST),
    TermKind("weekly_rest", N_("Weekly rest"), N_("hours"), Direction.AT_LEAST),
    TermKind("public_holidays", N_("Paid public holidays"), N_("days a year"), Direction.AT_LEAST),
    TermKind("annual_leave", N_("Annual leave, normal work"), N_("days"), Direction.AT_LEAST),
    TermKind(
        "annual_leave_heavy",
        N_("Annual leave, heavy or hazardous work"),
        N_("days"),
        Direction.AT_LEAST,
    ),
    TermKind(
        "annual_leave_very_heavy",
        N_("Annual leave, especially heavy work"),
        N_("days"),
        Direction.AT_LEAST,
    ),
    TermKind(
        "seniority_step",
        N_("Years of service for one more day of leave"),
        N_("years"),
        Direction.AT_MOST,
    ),
    TermKind(
        "leave_marriage", N_("Paid leave for one's own marriage"), N_("days"), Direction.AT_LEAST
    ),
    TermKind(
        "leave_child_marriage",
        N_("Paid leave for a child's marriage"),
        N_("days"),
        Direction.AT_LEAST,
    ),
    TermKind(
        "leave_bereavement",
        N_("Paid leave on the death of a parent, spouse or child"),
        N_("days"),
        Direction.AT_LEAST,
    ),
    TermKind("maternity_months", N_("Maternity leave"), N_("months"), Direction.AT_LEAST),
    TermKind(
        "paternity_days", N_("Father's leave at a birth"), N_("working days"), Direction.AT_LEAST
    ),
    TermKind(
        "notice_employer_indefinite",
        N_("Employer's notice, indefinite-term contract"),
        N_("days"),
        Direction.AT_LEAST,
    ),
    TermKind(
        "notice_employer_fixed",
        N_("Employer's notice, 12-36 month contract"),
        N_("days"),
        Direction.AT_LEAST,
    ),
    TermKind(
        "notice_worker_indefinite",
        N_("Worker's notice, indefinite-term contract"),
        N_("days"),
        Direction.AT_MOST,
    ),
    TermKind(
        "probation_manager", N_("Probation, enterprise managers"), N_("days"), Direction.AT_MOST
    ),
    TermKind(
        "probation_college",
        N_("Probation, college degree or higher"),
        N_("days"),
        Direction.AT_MOST,
    ),
    TermKind(
        "probation_intermediate",
        N_("Probation, intermediate qualification"),
        N_("days"),
        Direction.AT_MOST,
    ),
    TermKind("probation_other", N_("Probation, other work"), N_("working days"), Direction.AT_MOST),
    TermKind(
        "probation_pay",
        N_("Pay during probation"),
        N_("per cent of the job's wage"),
        Direction.AT_LEAST,
    ),
    TermKind("severance", N_("Severance allowance"), N_("months' wage a year"), Direction.AT_LEAST),
    TermKind("job_loss", N_("Job-loss allowance"), N_("months' wage a year"), Direction.AT_LEAST),
    TermKind(
        "job_loss_minimum",
        N_("Job-loss allowance, at least"),
        N_("months' wage"),
        Direction.AT_LEAST,
    ),
    TermKind(
        "menstruation_break",
        N_("Paid break during menstruation"),
        N_("minutes a day"),
        Direction.AT_LEAST,
    ),
    TermKind(
        "nursing_break",
        N_("Paid nursing break, child under 12 months"),
        N_("minutes a day"),
        Direction.AT_LEAST,
    ),
    TermKind("meal_allowance", N_("Meal allowance"), N_("đ a meal"), None),
    TermKind("tet_bonus", N_("Tết bonus"), N_("months' wage"), None),
)
KINDS_BY_KEY = {kind.key: kind for kind in TERM_KINDS}


@dataclass(frozen=True)
class Floor:
    """One legal floor from the day it took effect, with its source (`region` for regional
    minimum wages, 1-4 for regions I-IV)."""

    term: str
    value: Decimal
    effective_from: dt.date
    source: str
    region: int | None = None


def _regional(term: str, values: tuple[int, int, int, int], on: dt.date, source: str):
    return tuple(
        Floor(term, Decimal(value), on, source, region)
        for region, value in enumerate(values, start=1)
    )


# Decree 74/2024 is not in law.md: its source is printed as not verified (docs/legal-sources.md).
_D74 = f"{legal_sources.DECREE_74_2024.cited}, Điều 3 (chưa kiểm chứng)"
_D293 = f"{legal_sources.DECREE_293_2025.cited}, Điều 3"
_2021 = dt.date(2021, 1, 1)  # the Labour Code 2019 took effect on 1/1/2021

FLOORS: tuple[Floor, ...] = (
    # Regional minimum wages: Decree 74/2024 from 1/7/2024, Decree 293/2025 from 1/1/2026.
    *_regional(
        "wage_month", (4_960_000, 4_410_000, 3_860_000, 3_450_000), dt.date(2024, 7, 1), _D74
    ),
    *_regional("wage_hour", (23_800, 21_200, 18_600, 16_600), dt.date(2024, 7, 1), _D74),
    *_regional(
        "wage_month", (5_310_000, 4_730_000, 4_140_000, 3_700_000), dt.date(2026, 1, 1), _D293
    ),
    *_regional("wage_hour", (25_500, 22_700, 20_000, 17_800), dt.date(2026, 1, 1), _D293),
    Floor("hours_day", Decimal(8), _2021, f"{LC}, Điều 105(1)"),
    Floor("hours_week", Decimal(48), _2021, f"{LC}, Điều 105(1)"),
    Floor("overtime_day_share", Decimal(50), _2021, f"{LC}, Điều 107(2)(b)"),
    Floor("overtime_month", Decimal(40), _2021, f"{LC}, Điều 107(2)(b)"),
    Floor("overtime_year", Decimal(200), _2021, f"{LC}, Điều 107(2)(c)"),
    Floor("overtime_year_listed", Decimal(300), _2021, f"{LC}, Điều 107(3); {D145}, Điều 61"),
    Floor("premium_weekday", Decimal(150), _2021, f"{LC}, Điều 98(1)(a)"),
    Floor("premium_rest_day", Decimal(200), _2021, f"{LC}, Điều 98(1)(b)"),
    Floor("premium_holiday", Decimal(300), _2021, f"{LC}, Điều 98(1)(c)"),
    Floor("premium_night", Decimal(30), _2021, f"{LC}, Điều 98(2)"),
    Floor("premium_night_overtime", Decimal(20), _2021, f"{LC}, Điều 98(3)"),
    Floor("break_day", Decimal(30), _2021, f"{LC}, Điều 109(1)"),
    Floor("break_night", Decimal(45), _2021, f"{LC}, Điều 109(1)"),
    Floor("rest_between_shifts", Decimal(12), _2021, f"{LC}, Điều 110"),
    Floor("weekly_rest", Decimal(24), _2021, f"{LC}, Điều 111(1)"),
    Floor("public_holidays", Decimal(11), _2021, f"{LC}, Điều 112(1)"),
    Floor("annual_leave", Decimal(12), _2021, f"{LC}, Điều 113(1)(a)"),
    Floor("annual_leave_heavy", Decimal(14), _2021, f"{LC}, Điều 113(1)(b)"),
    Floor("annual_leave_very_heavy", Decimal(16), _2021, f"{LC}, Điều 113(1)(c)"),
    Floor("seniority_step", Decimal(5), _2021, f"{LC}, Điều 114"),
    Floor("leave_marriage", Decimal(3), _2021, f"{LC}, Điều 115(1)(a)"),
    Floor("leave_child_marriage", Decimal(1), _2021, f"{LC}, Điều 115(1)(b)"),
    Floor("leave_bereavement", Decimal(3), _2021, f"{LC}, Điều 115(1)(c)"),
    Floor("maternity_months", Decimal(6), _2021, f"{LC}, Điều 139(1)"),
    Floor(
        "paternity_days",
        Decimal(5),
        dt.date(2025, 7, 1),
        "Luật Bảo hiểm xã hội số 41/2024/QH15, Điều 53(2) (điều khoản chưa kiểm chứng)",
    ),
    Floor(
        "notice_employer_indefinite",
        Decimal(45),
        _2021,
        f"{LC}, Điều 36(2)(a) (khoản chưa kiểm chứng)",
    ),
    Floor(
        "notice_employer_fixed", Decimal(30), _2021, f"{LC}, Điều 36(2)(b) (khoản chưa kiểm chứng)"
    ),
    Floor("notice_worker_indefinite", Decimal(45), _2021, f"{LC}, Điều 35(1)(a)"),
    Floor("probation_manager", Decimal(180), _2021, f"{LC}, Điều 25(1)"),
    Floor("probation_college", Decimal(60), _2021, f"{LC}, Điều 25(2)"),
    Floor("probation_intermediate", Decimal(30), _2021, f"{LC}, Điều 25(3)"),
    Floor("probation_other", Decimal(6), _2021, f"{LC}, Điều 25(4)"),
    Floor("probation_pay", Decimal(85), _2021, f"{LC}, Điều 26"),
    Floor("severance", Decimal("0.5"), _2021, f"{LC}, Điều 46(1)"),
    Floor("job_loss", Decimal(1), _2021, f"{LC}, Điều 47(1)"),
    Floor("job_loss_minimum", Decimal(2), _2021, f"{LC}, Điều 47(1)"),
    Floor("menstruation_break", Decimal(30), _2021, f"{D145}, Điều 80(1)"),
    Floor("nursing_break", Decimal(60), _2021, f"{D145}, Điều 80(2)"),
)
_FLOORS_BY_TERM: dict[str, list[Floor]] = {}
for _floor in sorted(FLOORS, key=lambda floor: floor.effective_from):
    _FLOORS_BY_TERM.setdefault(_floor.term, []).append(_floor)

REGIONS = (1, 2, 3, 4)
REGION_NAMES = {1: "I", 2: "II", 3: "III", 4: "IV"}


def floor_for(term: str, on: dt.date, region: int | None = None, floors=None) -> Floor | None:
    """The floor of `term` in force on `on` (the latest that took effect by then). An
    enterprise whose region is not set is held to region I, the highest (Decree 293/2025
    Art. 4: an area in doubt takes the highest region)."""
    found = None
    candidates = _FLOORS_BY_TERM.get(term, []) if floors is None else floors
    for floor in candidates:
        if floor.term != term or floor.effective_from > on:
            continue
        if floor.region is not None and floor.region != (region or 1):
            continue
        found = floor
    return found


def parse_value(text: str | None) -> Decimal | None:
    """A clause's figure as typed ("5.310.000", "5,310,000", "0,5", "150 %"); None when empty;
    ValueError when it is not a number."""
    if text is None or not text.strip():
        return None
    cleaned = text.strip().replace(" ", "").replace("%", "").replace("đ", "")
    if cleaned.count(",") == 1 and cleaned.count(".") == 0 and len(cleaned.split(",")[1]) != 3:
        cleaned = cleaned.replace(",", ".")  # a Vietnamese decimal comma: "0,5"
    elif cleaned.count(".") >= 1 and all(len(p) == 3 for p in cleaned.split(".")[1:]):
        cleaned = cleaned.replace(".", "").replace(",", ".")  # thousands dots: "5.310.000"
    else:
        cleaned = cleaned.replace(",", "")  # thousands commas: "5,310,000"
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite() or value < 0:
        raise ValueError(text)
    return value


@dataclass(frozen=True)
class Check:
    """The legal check of one clause's term."""

    verdict: Verdict
    floor: Floor | None


def compare(
    term: str, value: Decimal, on: dt.date, region: int | None = None, floors=None
) -> Check:
    """Below / equal / more favourable than the floor in force on `on`; "no baseline" where the
    law sets none (meal allowance, Tết bonus) or had none yet on that day."""
    kind = KINDS_BY_KEY.get(term)
    if kind is None or kind.direction is None:
        return Check(Verdict.NO_BASELINE, None)
    floor = floor_for(term, on, region, floors)
    if floor is None:
        return Check(Verdict.NO_BASELINE, None)
    if value == floor.value:
        return Check(Verdict.EQUAL, floor)
    better = value > floor.value if kind.direction is Direction.AT_LEAST else value < floor.value
    return Check(Verdict.MORE_FAVOURABLE if better else Verdict.BELOW, floor)


def became_unlawful(
    term: str, value: Decimal, signed_on: dt.date, on: dt.date, region: int | None = None
) -> bool:
    """Lawful when signed, below a floor that took effect since: the clause must be amended
    (Art. 82(2))."""
    return (
        compare(term, value, signed_on, region).verdict is not Verdict.BELOW
        and compare(term, value, on, region).verdict is Verdict.BELOW
    )


def floors_taking_effect(after: dt.date, until: dt.date) -> list[Floor]:
    """The floors that took effect after `after` and by `until`: what re-checks agreements."""
    return [floor for floor in FLOORS if after < floor.effective_from <= until]
