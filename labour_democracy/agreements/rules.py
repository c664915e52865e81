"""The law of collective bargaining and collective labour agreements as pure functions and
small dated tables.

Labour Code 2019 (Bộ luật Lao động số 45/2019/QH14) Arts. 65-89, read with law.md §9: the
bargaining deadlines (Art. 70), the failure of bargaining (Art. 71), the workers' vote (Art. 76),
filing (Art. 77), effective date and term (Art. 78), amendment (Art. 82), expiry and
continuation, extension (Art. 83). The legal floors a clause is compared with are in `floors.py`.
Deadlines in working days use core.calendar with the enterprise's week, as every module does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from labour_democracy.core import calendar
from labour_democracy.i18n import N_
from labour_democracy.voting.rules import AGREEMENT_APPROVAL

# Art. 70(1): the receiving side agrees time and place within 7 working days of the request ...
REPLY_WORKING_DAYS = 7
# ... and bargaining starts no later than 30 days after the request was received.
FIRST_SESSION_DAYS = 30
# Art. 70(2): bargaining lasts at most 90 days from its start, unless the parties agree otherwise.
BARGAINING_DAYS = 90
# Art. 70(3): the employer provides the information asked for within 10 days.
INFORMATION_DAYS = 10
# Art. 77: the employer sends a copy to the provincial labour authority within 10 days of signing.
FILING_DAYS = 10
# Art. 78(3): an agreement has a term of 1 to 3 years.
TERM_MONTHS_MIN = 12
TERM_MONTHS_MAX = 36
# Art. 83(1): within 90 days before expiry the parties may bargain an extension or a new one ...
RENEWAL_WINDOW_DAYS = 90
# ... Art. 83(2): and an agreement still being renegotiated at expiry continues at most 90 days.
CONTINUATION_DAYS = 90
# Art. 83(1) lets the parties extend an agreement (with the vote of Art. 76, law.md §9); whether
# the 1 to 3 years of Art. 78(3) bound the extended term, law.md does not say. A setting, with
# the cautious default: the whole term, from the first effective day to the new expiry, stays
# within 3 years.
EXTENDED_TERM_MONTHS_MAX = TERM_MONTHS_MAX
EXTENDED_TERM_SOURCE = N_(
    "Setting, cautious default: the whole term, extension included, stays within 3 years "
    "(Labour Code 45/2019/QH14, Art. 78(3) read as applying to the extended term; "
    "the law does not say)"
)


def reply_due(received_on: dt.date, week: calendar.WorkingWeek | None = None) -> dt.date:
    """The last day to agree time and place (Art. 70(1)): 7 working days after receipt."""
    return calendar.add_working_days(received_on, REPLY_WORKING_DAYS, week)


def first_session_due(received_on: dt.date) -> dt.date:
    """The last day bargaining may start (Art. 70(1)): 30 days after receipt."""
    return received_on + dt.timedelta(days=FIRST_SESSION_DAYS)


def bargaining_due(started_on: dt.date) -> dt.date:
    """The last day of bargaining (Art. 70(2)): 90 days from its first session."""
    return started_on + dt.timedelta(days=BARGAINING_DAYS)


def information_due(asked_on: dt.date) -> dt.date:
    """The employer's information is due 10 days after the worker side asked (Art. 70(3))."""
    return asked_on + dt.timedelta(days=INFORMATION_DAYS)


def failure_grounds(
    *,
    received_on: dt.date,
    replied_on: dt.date | None,
    first_session_on: dt.date | None,
    concluded: bool,
    on: dt.date,
    week: calendar.WorkingWeek | None = None,
) -> list[str]:
    """The grounds of Art. 71 on which bargaining has failed by `on` (msgids), empty when none:
    no reply or no bargaining within the deadlines of Art. 70(1), or 90 days without an
    agreement. Both sides declaring failure is recorded by them, not computed."""
    grounds: list[str] = []
    due = reply_due(received_on, week)
    if (replied_on is None and on > due) or (replied_on is not None and replied_on > due):
        grounds.append(
            N_(
                "No reply agreeing time and place within 7 working days (Labour Code "
                "45/2019/QH14, Art. 70(1))."
            )
        )
    start_due = first_session_due(received_on)
    if (first_session_on is None and on > start_due) or (
        first_session_on is not None and first_session_on > start_due
    ):
        grounds.append(
            N_(
                "Bargaining did not start within 30 days of the request (Labour Code "
                "45/2019/QH14, Art. 70(1))."
            )
        )
    if first_session_on is not None and not concluded and on > bargaining_due(first_session_on):
        grounds.append(
            N_(
                "90 days of bargaining passed without an agreement (Labour Code 45/2019/QH14, "
                "Art. 70(2))."
            )
        )
    return grounds


def approval_passes(votes_for: int, workforce: int) -> bool:
    """Art. 76(1): signed only if more than half of ALL the enterprise's workers approve; the
    denominator is the whole workforce frozen on the vote date, not the votes cast, so exactly
    half fails. The voting engine's own rule, compared in whole numbers."""
    return workforce > 0 and AGREEMENT_APPROVAL.is_met(votes_for, workforce)


def approvals_needed(workforce: int) -> int:
    """The fewest votes for that approve the agreement (Art. 76(1))."""
    return AGREEMENT_APPROVAL.smallest_count(workforce)


def term_valid(term_months: int) -> bool:
    """Art. 78(3): 1 to 3 years."""
    return TERM_MONTHS_MIN <= term_months <= TERM_MONTHS_MAX


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; a day the month lacks moves to its last day (31/1 -> 28/2)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("every month has 28 days")


def effective_date(agreed_on: dt.date | None, signed_on: dt.date) -> dt.date:
    """Art. 78(1): the date written in the agreement, otherwise the signing date."""
    return agreed_on or signed_on


def expiry_date(effective_on: dt.date, term_months: int) -> dt.date:
    """The last day in force: the day before the term's anniversary (2 years from 1/3/2026
    end on 28/2/2028)."""
    return add_months(effective_on, term_months) - dt.timedelta(days=1)


def filing_due(signed_on: dt.date) -> dt.date:
    """Art. 77: a copy reaches Sở Nội vụ within 10 days of signing."""
    return signed_on + dt.timedelta(days=FILING_DAYS)


def filed_in_time(filed_on: dt.date | None, signed_on: dt.date, on: dt.date) -> bool | None:
    """True when filed within 10 days; False when late (filed late, or unfiled after the
    deadline); None while the deadline is still ahead and nothing is filed."""
    due = filing_due(signed_on)
    if filed_on is not None:
        return filed_on <= due
    return None if on <= due else False


def renewal_opens(expires_on: dt.date) -> dt.date:
    """Art. 83(1): bargaining an extension or a new agreement may start 90 days before expiry."""
    return expires_on - dt.timedelta(days=RENEWAL_WINDOW_DAYS)


def in_renewal_window(on: dt.date, expires_on: dt.date) -> bool:
    """Art. 83(1): from the 90th day before expiry (the 91st is out) to the last day in force."""
    return renewal_opens(expires_on) <= on <= expires_on


def extension_refusal(on: dt.date, expires_on: dt.date) -> str | None:
    """Art. 83(1): why an extension cannot be agreed on `on` (a msgid naming {opens} and
    {expires}), or None within the 90 days before expiry (the 90th day before is in, the 91st
    out); an expired agreement is not extended."""
    if in_renewal_window(on, expires_on):
        return None
    if on > expires_on:
        return N_("The agreement expired on {expires}: an expired agreement is not extended.")
    return N_(
        "An extension is agreed within the 90 days before expiry, from {opens} to {expires} "
        "(Labour Code 45/2019/QH14, Art. 83(1))."
    )


def extended_expiry_limit(effective_on: dt.date) -> dt.date:
    """The last day an extended agreement may run to (the setting above)."""
    return expiry_date(effective_on, EXTENDED_TERM_MONTHS_MAX)


def extension_term_refusal(
    effective_on: dt.date,
    expires_on: dt.date,
    new_expires_on: dt.date,
) -> str | None:
    """Why `new_expires_on` is not a lawful new expiry (a msgid naming {expires}, {limit} and
    {months}), or None: it comes after the current expiry and the whole term stays within the
    setting's months."""
    if new_expires_on <= expires_on:
        return N_("The new expiry must come after the current one, {expires}.")
    if new_expires_on > extended_expiry_limit(effective_on):
        return N_(
            "The whole term, extension included, stays within {months} months: the agreement "
            "may run at most until {limit}."
        )
    return None


def continuation_ends(expires_on: dt.date) -> dt.date:
    """Art. 83(2): still renegotiating at expiry, the agreement continues at most 90 days."""
    return expires_on + dt.timedelta(days=CONTINUATION_DAYS)


@dataclass(frozen=True)
class Standing:
    """Whether a signed agreement applies on a day, and why (msgid)."""

    in_force: bool
    label: str


def standing(
    on: dt.date, effective_on: dt.date, expires_on: dt.date, renegotiating: bool
) -> Standing:
    """In force from the effective date to expiry (Art. 78); after expiry, continued up to 90
    days while a new agreement is being bargained (Art. 83(2)); otherwise not in force."""
    if on < effective_on:
        return Standing(False, N_("Not yet in force"))
    if on <= expires_on:
        return Standing(True, N_("In force"))
    if renegotiating and on <= continuation_ends(expires_on):
        return Standing(
            True, N_("Continued while renegotiating (Labour Code 45/2019/QH14, Art. 83(2))")
        )
    return Standing(False, N_("Expired"))


def may_sign(approved: bool) -> bool:
    """Art. 76(1): signed only after the workers approved it."""
    return approved


def may_file(signed: bool) -> bool:
    """Art. 77: what is filed is the signed agreement."""
    return signed
