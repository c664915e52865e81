"""The grassroots trade union's rules as pure functions and dated settings: who may found and
join, the founding minimum, the union fee and its deadlines, member dues, the committee's term
and the election majority.

The law (Trade Union Law 50/2024/QH15, Decree 105/2026/NĐ-CP) is encoded as rules; what the law
leaves to the Charter of the Vietnam General Confederation of Labour (Điều lệ Công đoàn Việt Nam)
is kept as dated settings (`CharterSetting`) that name their source and say how sure we are,
because the Charter is being revised (Congress XIV, 2026). A setting whose source the app cannot
name says so instead of inventing one (issue 12, point 10).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from labour_democracy.core import legal_sources
from labour_democracy.core.calendar import add_working_days
from labour_democracy.i18n import N_
from labour_democracy.voting.rules import Base, Comparator, Rule

TRADE_UNION_LAW = legal_sources.TRADE_UNION_LAW.cited


@dataclass(frozen=True)
class CharterSetting:
    """A value the law leaves to the VGCL Charter or to the upper-level union, with the day it
    applies from and its source as the app can name it (a msgid)."""

    key: str
    value: int | Decimal
    since: dt.date
    source: str
    verified: bool


# law.md §4.2 and §9: at least 5 members or 5 voluntary applicants found a grassroots union
# (Charter 2013 Art. 16(1)(a); Charter 2020 Art. 13(1)) — SECONDARY.
FOUNDING_MINIMUM = CharterSetting(
    "founding_minimum",
    5,
    dt.date(2020, 1, 1),
    N_("VGCL Charter (2020), Art. 13(1): at least 5 applicants (secondary source)"),
    verified=False,
)
# law.md §9: member dues are 1 % of the social-insurance salary today; the draft Charter XIV
# proposes 0.5 % — SECONDARY.
MEMBER_DUES_PERCENT = CharterSetting(
    "member_dues_percent",
    Decimal("1"),
    dt.date(2020, 1, 1),
    N_(
        "VGCL Charter: 1 per cent of the social-insurance salary (secondary source; under revision)"
    ),
    verified=False,
)
# The committee's term: the app could not name the Charter's article (law.md §4.2: UNVERIFIED),
# so the value is the upper-level union's setting and says so.
COMMITTEE_TERM_YEARS = CharterSetting(
    "committee_term_years",
    5,
    dt.date(2020, 1, 1),
    N_("Setting of the upper-level union (the Charter's article was not verified)"),
    verified=False,
)
# Enterprises the federation helps first: 10 workers or more by default (law.md §9: the
# dashboards take the threshold as a setting; Decree 145/2020 Art. 114(4) draws the line at 10).
UNION_TARGET_WORKFORCE = CharterSetting(
    "union_target_workforce",
    10,
    dt.date(2021, 1, 1),
    N_("Setting of the federation; default 10 workers (Decree 145/2020/NĐ-CP, Art. 114(4))"),
    verified=True,
)

SETTINGS = (FOUNDING_MINIMUM, MEMBER_DUES_PERCENT, COMMITTEE_TERM_YEARS, UNION_TARGET_WORKFORCE)

# Issue 12, point 10: who is elected to the union's committees is the upper-level union's rule;
# the app does not name an article it has not read, so the source says it is a setting.
UNION_ELECTION_MAJORITY = Rule(
    Base.VALID,
    Comparator.GREATER,
    1,
    2,
    N_(
        "Setting of the upper-level union (default: more than half of the valid ballots); "
        "the VGCL election rules are not encoded in the app"
    ),
)

# The committee's first meeting elects its chair and vice-chairs (the inspection committee its
# chair) from its members, by its members. law.md §4 and §9 name no article for the majority
# (the VGCL Charter's election rules were not read), so "more than half of the committee's
# members" is the upper-level union's setting and says so; it counts the whole committee, not
# the ballots cast, so an absent member counts against a candidate.
OFFICER_MAJORITY = Rule(
    Base.ELECTORATE,
    Comparator.GREATER,
    1,
    2,
    N_(
        "Setting of the upper-level union (default: more than half of the committee's "
        "members); the VGCL election rules are not encoded in the app, so no article is named"
    ),
)


def vice_chair_seats_valid(seats: int, committee_size: int) -> bool:
    """Vice-chairs are chosen among the members other than the chair: none, or up to the
    committee's size less one. The law read sets no number (law.md §4.2: UNVERIFIED)."""
    return 0 <= seats <= committee_size - 1


# Who may found and who may join ----------------------------------------------------------------


class Eligibility(StrEnum):
    """What an applicant may do in founding the union."""

    FOUNDER = "founder"  # a Vietnamese worker: founds and joins
    MEMBER_ONLY = "member_only"  # a foreign worker on a contract of 12 months or more
    NOT_ELIGIBLE = "not_eligible"  # a foreign worker on a shorter contract


# Law 50/2024/QH15, Art. 5(2): foreign workers with a labour contract of 12 months or more may
# join and take part in the grassroots union; only Vietnamese workers found one (Art. 5(1)).
FOREIGN_MEMBER_MIN_MONTHS = 12
VIETNAMESE = "VN"


def eligibility(nationality: str, contract_months: int | None) -> Eligibility:
    """Founder, member only or not eligible (Law 50/2024/QH15, Art. 5). `contract_months` None
    means a contract of indefinite term."""
    if nationality.upper() == VIETNAMESE:
        return Eligibility.FOUNDER
    if contract_months is None or contract_months >= FOREIGN_MEMBER_MIN_MONTHS:
        return Eligibility.MEMBER_ONLY
    return Eligibility.NOT_ELIGIBLE


def contract_months(start: dt.date | None, end: dt.date | None) -> int | None:
    """Whole months of a contract from its first day to its last (None: indefinite or unknown
    end). 1/1/2026 to 31/12/2026 is 12 months; to 30/12/2026 it is 11."""
    if start is None or end is None:
        return None
    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    if after.day < start.day:
        months -= 1
    return max(months, 0)


def founders_enough(founders: int, minimum: int = int(FOUNDING_MINIMUM.value)) -> bool:
    """Enough eligible founders for the founding congress (law.md §4.2)."""
    return founders >= minimum


def needs_union(workforce: int, has_union: bool, threshold: int) -> bool:
    """An enterprise the federation counts as still without its union."""
    return workforce >= threshold and not has_union


# Dissolution (giải thể công đoàn cơ sở) ----------------------------------------------------------

# law.md §4.1: a grassroots union's founding, dissolution and operation follow the Trade Union
# Law (Labour Code 2019, Art. 171), whose Art. 8(4) leaves the procedure to the VGCL Charter; the
# Charter's article on dissolution was not read. So the decision is the upper-level union's, as
# its recognition is (Law 50/2024/QH15, Art. 4(2)), and the list of reasons below is the app's
# setting, shown as such; the decision cites only what law.md names.
DISSOLUTION_BASIS = f"{legal_sources.LABOUR_CODE.cited}, Điều 171"
DISSOLUTION_REASONS_SOURCE = N_(
    "Setting of the app: the VGCL Charter's grounds for dissolving a grassroots union were not "
    'read, so this list names the usual cases and "another reason" for the rest'
)


class DissolutionReason(StrEnum):
    ENTERPRISE_DISSOLVED = "enterprise_dissolved"
    ENTERPRISE_BANKRUPT = "enterprise_bankrupt"
    ENTERPRISE_MERGED = "enterprise_merged"
    NO_MEMBERS = "no_members_left"
    OTHER = "other_reason"  # the decision says which, in words


# How the decision words each reason (documents are in Vietnamese).
DISSOLUTION_REASON_WORDS = {
    DissolutionReason.ENTERPRISE_DISSOLVED: "doanh nghiệp giải thể",
    DissolutionReason.ENTERPRISE_BANKRUPT: "doanh nghiệp phá sản",
    DissolutionReason.ENTERPRISE_MERGED: "doanh nghiệp sáp nhập, hợp nhất",
    DissolutionReason.NO_MEMBERS: "công đoàn cơ sở không còn đoàn viên",
}


class DissolutionRefusal(StrEnum):
    IN_FUTURE = "in_future"
    BEFORE_RECOGNITION = "before_recognition"


def dissolution_date_refusal(
    on: dt.date, recognised_on: dt.date | None, today: dt.date
) -> DissolutionRefusal | None:
    """A decision is dated at the latest today, and not before the union's recognition."""
    if on > today:
        return DissolutionRefusal.IN_FUTURE
    if recognised_on is not None and on < recognised_on:
        return DissolutionRefusal.BEFORE_RECOGNITION
    return None


# The union fee (kinh phí công đoàn) and member dues (đoàn phí) -----------------------------------

# Law 50/2024/QH15, Art. 29; Decree 105/2026/NĐ-CP: 2 % of the payroll used for compulsory
# social insurance, paid monthly.
UNION_FEE_PERCENT = Decimal("2")
# Decree 105/2026/NĐ-CP: "not paid" once still unpaid 60 days after the due date.
NOT_PAID_AFTER_DAYS = 60
# Decree 105/2026/NĐ-CP: a request to suspend or reduce the fee is answered within 15 working days;
# suspension up to 12 months, reduction up to 20 % for up to 6 months.
SUSPENSION_REPLY_WORKING_DAYS = 15
SUSPENSION_MAX_MONTHS = 12
REDUCTION_MAX_PERCENT = 20
REDUCTION_MAX_MONTHS = 6


def _percent_of(amount: int, percent: Decimal) -> int:
    return int((Decimal(amount) * percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def union_fee(payroll: int) -> int:
    """The month's union fee in đồng: 2 % of the social-insurance payroll, rounded half up
    (Law 50/2024/QH15, Art. 29)."""
    return _percent_of(payroll, UNION_FEE_PERCENT)


def member_dues(salary: int, percent: Decimal | None = None) -> int:
    """A member's monthly dues in đồng (VGCL Charter; a setting, 1 % by default)."""
    return _percent_of(salary, Decimal(MEMBER_DUES_PERCENT.value) if percent is None else percent)


def fee_due_on(year: int, month: int) -> dt.date:
    """The fee of a month is due the last day of the following month (Decree 105/2026)."""
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def fee_not_paid_from(due: dt.date) -> dt.date:
    """The first day the fee counts as "not paid": 60 days after the due date (Decree
    105/2026)."""
    return due + dt.timedelta(days=NOT_PAID_AFTER_DAYS + 1)


class FeeStanding(StrEnum):
    NOT_YET_DUE = "fee_not_yet_due"
    LATE = "fee_late"  # past the due date, within the 60 days
    NOT_PAID = "fee_not_paid"  # Decree 105/2026: still unpaid 60 days after the due date


def fee_standing(due: dt.date, on: dt.date) -> FeeStanding:
    """An unpaid month's standing on `on`."""
    if on <= due:
        return FeeStanding.NOT_YET_DUE
    if on < fee_not_paid_from(due):
        return FeeStanding.LATE
    return FeeStanding.NOT_PAID


def suspension_reply_due(received: dt.date, saturday_works: bool = False) -> dt.date:
    """A suspension or reduction request is answered within 15 working days of receipt
    (Decree 105/2026/NĐ-CP)."""
    return add_working_days(received, SUSPENSION_REPLY_WORKING_DAYS, saturday_works)


def suspension_request_valid(kind: str, months: int, percent: int = 0) -> bool:
    """Suspension up to 12 months; reduction up to 20 % for up to 6 months (Decree 105/2026)."""
    if months < 1:
        return False
    if kind == "suspension":
        return months <= SUSPENSION_MAX_MONTHS
    return months <= REDUCTION_MAX_MONTHS and 0 < percent <= REDUCTION_MAX_PERCENT


# The committee's term ---------------------------------------------------------------------------


def next_congress(
    elected_on: dt.date, term_years: int = int(COMMITTEE_TERM_YEARS.value)
) -> dt.date:
    """The day the committee's term ends and the next congress is due (a setting)."""
    try:
        return elected_on.replace(year=elected_on.year + term_years)
    except ValueError:  # 29 February
        return elected_on.replace(year=elected_on.year + term_years, day=28)


def term_expired(
    elected_on: dt.date, on: dt.date, term_years: int = int(COMMITTEE_TERM_YEARS.value)
) -> bool:
    """The committee's term is over from the day the next congress is due."""
    return on >= next_congress(elected_on, term_years)


# The founding congress's agenda (đại hội thành lập), in order (law.md §4.2, step 2).
CONGRESS_AGENDA = (
    N_("Opening; the chair and the secretary of the congress"),
    N_("Declaration of the grassroots union's founding and the list of members"),
    N_("Election of the executive committee"),
    N_("Election of the inspection committee"),
    N_("Adoption of the work programme"),
    N_("The executive committee elects the chair and the vice-chair"),
    N_("Closing"),
)
# Default sizes the congress may change: the law read sets none (law.md §4.2: UNVERIFIED).
DEFAULT_EXECUTIVE_SEATS = 3
DEFAULT_INSPECTION_SEATS = 1
