"""The conference's timeline (the plan's steps, Guidance 1360/HD-TLĐ): the steps in order with
what is overdue, and a step marked done (or reopened), given an owner or a new due date."""

from __future__ import annotations

from labour_democracy.conferences import labels, rules
from labour_democracy.conferences.queries import (
    get_conference,
    require,
)
from labour_democracy.conferences.rules_settings import is_state_owned
from labour_democracy.conferences.schemas import (
    StepForm,
)
from labour_democracy.conferences.tables import (
    Conference,
    StepStatus,
    TimelineStep,
)
from labour_democracy.core import audit, calendar, enterprises, working_calendar
from labour_democracy.core.errors import Invalid, NotFound
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.db import write_transaction
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today


async def timeline(context: EnterpriseContext, conference_id: int) -> list[dict]:
    conference = await get_conference(context, conference_id)
    week = await working_calendar.week_for(context.enterprise)
    on = today()
    steps = (
        await TimelineStep.select()
        .where(TimelineStep.conference == conference_id)
        .order_by(TimelineStep.position)
    )
    workforce = (await enterprises.workforce(context.enterprise_id)).count
    # Decree 145 Art. 114(4): under 10 workers a private employer need not hold it.
    required = rules.conference_required(workforce, is_state_owned(context.enterprise))
    for step in steps:
        step["overdue"] = required and step["status"] == StepStatus.TODO and step["due_on"] < on
        # What the due date skipped, counted from the conference day (core.calendar.explain).
        step["note"] = calendar.explain(conference.held_on, step["due_on"], week)
        step["title"] = labels.step_title(step["key"], step["title"])
        step["owner"] = labels.step_owner(step["key"], step["owner"])
    return steps


async def update_step(
    context: EnterpriseContext, conference_id: int, step_id: int, form: StepForm
) -> None:
    require(context)
    await get_owned(context, Conference, conference_id)
    step = (
        await TimelineStep.objects()
        .where((TimelineStep.id == step_id) & (TimelineStep.conference == conference_id))
        .first()
    )
    if step is None:
        raise NotFound
    if form.owner is not None and len(form.owner) > 255:
        raise Invalid({"owner": _("At most {n} characters.").format(n=255)})
    values = {
        TimelineStep.status: StepStatus.DONE if form.done else StepStatus.TODO,
        TimelineStep.done_on: today() if form.done else None,
    }
    if form.owner:
        # The catalogue's owner sent back unchanged stays the catalogue's (shown translated).
        values[TimelineStep.owner] = labels.typed_or_catalogue(
            form.owner, labels.step_msgids(step.key)[1]
        )
    if form.due_on:
        values[TimelineStep.due_on] = form.due_on
    async with write_transaction():
        await TimelineStep.update(values).where(TimelineStep.id == step.id)
        if step.key == "documents_sent":
            await Conference.update(
                {Conference.documents_sent_on: today() if form.done else None}
            ).where(Conference.id == conference_id)
        await audit.record(
            context.actor,
            "conference.step_updated",
            "conference",
            conference_id,
            context.enterprise_id,
            step=step.key,
            done=form.done,
        )
