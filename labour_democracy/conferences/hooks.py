"""What the conference module gives other parts of the app: its section of the enterprise's
public page, its deadlines for the reminders, and its conferences as targets for proposals."""

from __future__ import annotations

from types import SimpleNamespace

from labour_democracy.conferences import labels, queries, rules
from labour_democracy.conferences.permissions import VIEW_CONFERENCES
from labour_democracy.conferences.rules_settings import is_state_owned
from labour_democracy.conferences.tables import (
    AgendaItem,
    Conference,
    ConferenceStatus,
    ResolutionReview,
    StepStatus,
    TimelineStep,
)
from labour_democracy.core import enterprises, reminders
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Enterprise
from labour_democracy.i18n import format_date, today
from labour_democracy.i18n import gettext as _

PUBLIC_LIMIT = 3


async def public_section(enterprise: Enterprise) -> dict | None:
    """The published resolutions, newest first: what the workers are told was decided."""
    rows = (
        await Conference.select(
            Conference.id,
            Conference.year,
            Conference.kind,
            Conference.held_on,
            Conference.published_on,
            Conference.resolution_summary,
        )
        .where(
            (Conference.enterprise == enterprise.id)
            & (Conference.status == ConferenceStatus.PUBLISHED)
        )
        .order_by(Conference.published_on, ascending=False)
        .limit(PUBLIC_LIMIT)
    )
    if not rows:
        return None
    for row in rows:
        row["label"] = queries.label(SimpleNamespace(**row))
        row["paragraphs"] = [p for p in row["resolution_summary"].splitlines() if p.strip()]
    return {"conferences": rows}


async def due(context: EnterpriseContext) -> list[reminders.Due]:
    """Open timeline steps of conferences not yet closed, and reviews not yet held."""
    if not context.can(VIEW_CONFERENCES):
        return []
    base = f"/enterprises/{context.enterprise_id}/conferences"
    steps = await TimelineStep.select(
        TimelineStep.key,
        TimelineStep.title,
        TimelineStep.owner,
        TimelineStep.due_on,
        TimelineStep.conference,
    ).where(
        (TimelineStep.conference.enterprise == context.enterprise_id)
        & (TimelineStep.status == StepStatus.TODO)
        & TimelineStep.conference.status.is_in(
            [ConferenceStatus.PLANNED, ConferenceStatus.IN_SESSION, ConferenceStatus.CLOSED]
        )
    )
    items = [
        reminders.Due(
            title=_("Conference: {step}").format(step=labels.step_title(row["key"], row["title"])),
            due_on=row["due_on"],
            url=f"{base}/{row['conference']}",
            owner=labels.step_owner(row["key"], row["owner"]),
        )
        for row in steps
    ]
    for row in await ResolutionReview.select(
        ResolutionReview.due_on, ResolutionReview.conference
    ).where(
        (ResolutionReview.conference.enterprise == context.enterprise_id)
        & ResolutionReview.held_on.is_null()
    ):
        items.append(
            reminders.Due(
                title=_("Six-monthly review of the conference resolution"),
                due_on=row["due_on"],
                url=f"{base}/{row['conference']}",
                legal_source=_("Law 10/2022/QH15, Art. 70(3)"),
            )
        )
    items += await _board_term(context, base)
    if not await _required(context):
        # Fewer than 10 workers (Decree 145 Art. 114(4)): nothing of it is overdue.
        items = [item for item in items if item.due_on >= today()]
    return items


async def _board_term(context: EnterpriseContext, base: str) -> list[reminders.Due]:
    """The People's Inspection Board elected at the latest held conference whose agenda had its
    election: its 2-year term ends (Law 10/2022/QH15, Art. 77; Decree 59/2023/NĐ-CP, Art. 25)."""
    row = (
        await AgendaItem.select(AgendaItem.conference, AgendaItem.conference.held_on.as_alias("on"))
        .where(
            (AgendaItem.conference.enterprise == context.enterprise_id)
            & (AgendaItem.key == "inspection_board")
            & AgendaItem.conference.status.is_in(
                [ConferenceStatus.CLOSED, ConferenceStatus.PUBLISHED]
            )
        )
        .order_by(AgendaItem.conference.held_on, ascending=False)
        .first()
    )
    if row is None:
        return []
    return [
        reminders.Due(
            title=_(
                "Elect the People's Inspection Board: the term of the board elected on {date} ends"
            ).format(date=format_date(row["on"])),
            due_on=rules.inspection_board_term_ends(row["on"]),
            url=f"{base}/{row['conference']}",
            owner=_("Employer and union"),
            legal_source=_("Law 10/2022/QH15, Art. 77; Decree 59/2023/NĐ-CP, Art. 25"),
        )
    ]


async def _required(context: EnterpriseContext) -> bool:
    workforce = (await enterprises.workforce(context.enterprise_id)).count
    return rules.conference_required(workforce, is_state_owned(context.enterprise))


async def proposal_targets(context: EnterpriseContext) -> list[tuple[int, str]]:
    """Conferences not yet closed: workers' proposals can still be taken up there."""
    rows = await Conference.objects().where(
        (Conference.enterprise == context.enterprise_id)
        & Conference.status.is_in([ConferenceStatus.PLANNED, ConferenceStatus.IN_SESSION])
    )
    return [(row.id, queries.label(row)) for row in rows]
