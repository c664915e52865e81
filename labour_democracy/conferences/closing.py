"""Closing the conference and after: the session closed with its minutes (Biên bản), the
adopted resolution (Nghị quyết) published, and its commitments followed up."""

from __future__ import annotations

from labour_democracy.conferences import rules
from labour_democracy.conferences.documents import minutes as minutes_document
from labour_democracy.conferences.documents import resolution as resolution_document
from labour_democracy.conferences.queries import (
    SOURCE_KIND,
    get_conference,
    require,
    resolution_adopted,
)
from labour_democracy.conferences.rules_settings import rules_of
from labour_democracy.conferences.schemas import (
    CommitmentForm,
)
from labour_democracy.conferences.tables import (
    AgendaItem,
    AgendaKind,
    Conference,
    ConferenceStatus,
    ResolutionReview,
    StepStatus,
    TimelineStep,
)
from labour_democracy.core import audit
from labour_democracy.core.errors import Conflict, Invalid
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.db import write_transaction
from labour_democracy.followups import services as followups
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import ngettext, today
from labour_democracy.voting import services as voting
from labour_democracy.voting.tables import (
    BallotStatus,
)


async def close_conference(
    context: EnterpriseContext, conference_id: int, summary: str, reason: str = ""
) -> None:
    """Close the session: every vote must be closed; an agenda item to be voted on that was not
    is left only with the `reason`, which the minutes print; the minutes are issued."""
    require(context)
    conference = await get_conference(context, conference_id)
    if conference.status != ConferenceStatus.IN_SESSION:
        raise Conflict(_("Only a conference in session can be closed."))
    if len(summary) > 20_000:
        raise Invalid({"resolution_summary": _("At most {n} characters.").format(n=20_000)})
    open_votes = await AgendaItem.exists().where(
        (AgendaItem.conference == conference_id)
        & AgendaItem.ballot.is_not_null()
        & (AgendaItem.ballot.status != BallotStatus.CLOSED)
    )
    if open_votes:
        raise Conflict(_("Close every vote of the conference first."))
    reason = " ".join(reason.split())[:2_000]
    not_held = await AgendaItem.count().where(
        (AgendaItem.conference == conference_id)
        & (AgendaItem.kind != AgendaKind.INFO)
        & AgendaItem.ballot.is_null()
    )
    if not_held and not reason:
        raise Invalid(
            {
                "reason": ngettext(
                    "{n} item of the agenda was to be voted on and was not: say why, and the "
                    "minutes record it; or hold its vote first.",
                    "{n} items of the agenda were to be voted on and were not: say why, and the "
                    "minutes record it; or hold their votes first.",
                    not_held,
                ).format(n=not_held)
            }
        )
    async with write_transaction():
        await Conference.update(
            {
                Conference.status: ConferenceStatus.CLOSED,
                Conference.closed_at: voting.now(),
                Conference.resolution_summary: summary.strip(),
            }
        ).where(Conference.id == conference_id)
        minutes = await minutes_document.issue_minutes(
            context, conference_id, not_voted_reason=reason if not_held else ""
        )
        await Conference.update({Conference.minutes: minutes.id}).where(
            Conference.id == conference_id
        )
        await audit.record(
            context.actor,
            "conference.closed",
            "conference",
            conference_id,
            context.enterprise_id,
            adopted=await resolution_adopted(conference_id),
            **({"not_voted": not_held, "reason": reason} if not_held else {}),
        )


async def publish(context: EnterpriseContext, conference_id: int) -> None:
    """Put the adopted resolution on the enterprise's public page, dated today; for an SOE,
    schedule the six-monthly reviews until the next annual conference."""
    require(context)
    conference = await get_conference(context, conference_id)
    if conference.status != ConferenceStatus.CLOSED:
        raise Conflict(_("Close the conference before publishing its resolution."))
    if not await resolution_adopted(conference_id):
        raise Conflict(_("The resolution was not adopted; there is nothing to publish."))
    on = today()
    view = await rules_of(context.enterprise)
    async with write_transaction():
        await Conference.update(
            {Conference.status: ConferenceStatus.PUBLISHED, Conference.published_on: on}
        ).where(Conference.id == conference_id)
        resolution = await resolution_document.issue_resolution(context, conference_id)
        await Conference.update({Conference.resolution: resolution.id}).where(
            Conference.id == conference_id
        )
        await TimelineStep.update(
            {TimelineStep.status: StepStatus.DONE, TimelineStep.done_on: on}
        ).where((TimelineStep.conference == conference_id) & (TimelineStep.key == "publish"))
        if conference.soe_rules:
            until = rules.add_months(conference.held_on, 12)
            await ResolutionReview.insert(
                *(
                    ResolutionReview(conference=conference_id, due_on=day)
                    for day in rules.review_dates(conference.held_on, view.review_months, until)
                )
            )
        await audit.record(
            context.actor,
            "conference.published",
            "conference",
            conference_id,
            context.enterprise_id,
            published_on=on.isoformat(),
        )


async def add_commitment(
    context: EnterpriseContext, conference_id: int, form: CommitmentForm
) -> int:
    """A commitment of the resolution becomes a follow-up action."""
    require(context)
    conference = await get_conference(context, conference_id)
    if conference.status not in (ConferenceStatus.CLOSED, ConferenceStatus.PUBLISHED):
        raise Conflict(_("Commitments are recorded once the conference is closed."))
    return await followups.create(
        context,
        SOURCE_KIND,
        conference_id,
        form.title,
        form.owner,
        form.due_on,
    )


async def commitments(context: EnterpriseContext, conference_id: int) -> list[dict]:
    await get_conference(context, conference_id)
    return await followups.list_for(context, SOURCE_KIND, conference_id)
