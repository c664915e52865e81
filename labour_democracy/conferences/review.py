"""The six-monthly review of the resolution a state-owned enterprise holds (sơ kết, Law
10/2022/QH15, Art. 70(3)): the scheduled reviews, recording one, and its report to the workers."""

from __future__ import annotations

from labour_democracy.conferences import rules
from labour_democracy.conferences.documents import review_report
from labour_democracy.conferences.queries import get_conference, require
from labour_democracy.conferences.schemas import (
    ReviewForm,
)
from labour_democracy.conferences.tables import (
    ResolutionReview,
)
from labour_democracy.core import audit
from labour_democracy.core.errors import Conflict, Invalid, NotFound
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.db import write_transaction
from labour_democracy.i18n import format_date, today
from labour_democracy.i18n import gettext as _


async def reviews(context: EnterpriseContext, conference_id: int) -> list[dict]:
    await get_conference(context, conference_id)
    return (
        await ResolutionReview.select()
        .where(ResolutionReview.conference == conference_id)
        .order_by(ResolutionReview.due_on)
    )


async def review(
    context: EnterpriseContext, conference_id: int, review_id: int
) -> ResolutionReview:
    """One review of this conference (NotFound for another conference's)."""
    await get_conference(context, conference_id)
    found = (
        await ResolutionReview.objects()
        .where((ResolutionReview.id == review_id) & (ResolutionReview.conference == conference_id))
        .first()
    )
    if found is None:
        raise NotFound
    return found


async def record_review(
    context: EnterpriseContext, conference_id: int, review_id: int, form: ReviewForm
) -> int:
    """Record a review once: its date, its report and when the workers were informed; the
    report to the workers (Báo cáo sơ kết) is issued in the same transaction. Returns the
    document's id."""
    require(context)
    conference = await get_conference(context, conference_id)
    row = await review(context, conference_id, review_id)
    if row.held_on is not None:
        raise Conflict(_("This review is already recorded."))
    errors = {}
    if not form.report.strip() or len(form.report) > 20_000:
        errors["report"] = _("Write the review's report (at most 20,000 characters).")
    if form.held_on > today():
        errors["held_on"] = _("The review cannot be dated in the future.")
    elif form.held_on < conference.held_on:
        errors["held_on"] = _("The review comes after the conference ({date}).").format(
            date=format_date(conference.held_on)
        )
    if "held_on" not in errors:
        since, months = await review_report.review_period(conference, row.id, form.held_on)
        if rules.review_period_needs_reason(since, form.held_on, months) and not (
            form.reason.strip()
        ):
            errors["reason"] = _(
                "A review every {months} months that covers only {days} days (since {date}) "
                "is recorded with the reason it is held so early."
            ).format(months=months, days=(form.held_on - since).days, date=format_date(since))
    if len(form.reason) > 2_000:
        errors["reason"] = _("At most {n} characters.").format(n=2_000)
    informed = form.informed_workers_on
    if informed is not None and not form.held_on <= informed <= today():
        errors["informed_workers_on"] = _(
            "The workers are informed on or after the review, and not in the future."
        )
    if errors:
        raise Invalid(errors)
    async with write_transaction():
        # Only a review not yet recorded: of two people recording it at once, one wins.
        claimed = (
            await ResolutionReview.update(
                {
                    ResolutionReview.held_on: form.held_on,
                    ResolutionReview.report: form.report.strip(),
                    ResolutionReview.informed_workers_on: informed,
                }
            )
            .where((ResolutionReview.id == row.id) & ResolutionReview.held_on.is_null())
            .returning(ResolutionReview.id)
        )
        if not claimed:
            raise Conflict(_("This review is already recorded."))
        document = await review_report.issue_review_report(
            context, conference_id, row.id, form.reason
        )
        await ResolutionReview.update({ResolutionReview.document: document.id}).where(
            ResolutionReview.id == row.id
        )
        await audit.record(
            context.actor,
            "conference.reviewed",
            "conference",
            conference_id,
            context.enterprise_id,
            review=row.id,
            document=document.id,
            reason=form.reason.strip(),
        )
    return document.id
