"""Planning a dialogue (periodic, on request, on an event; Labour Code Art. 63(2)): the list of
dialogues and their deadlines, the regulation's periodic plan, scheduling, each side's
contents sent beforehand (Decree 145 Art. 39(3)), the steps of an event (Art. 41(1)), and
calling a dialogue off.
"""

from __future__ import annotations

import datetime as dt

from labour_democracy.core import audit, calendar
from labour_democracy.core.errors import Conflict, Forbidden, Invalid
from labour_democracy.core.schemas import Page
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.db import contains, write_transaction
from labour_democracy.dialogue import inputs, labels, permissions, queries, regulation, rules
from labour_democracy.dialogue.permissions import MANAGE_DIALOGUE, VIEW_DIALOGUE
from labour_democracy.dialogue.schemas import ContentsForm, DialogueForm, EventStepsForm
from labour_democracy.dialogue.tables import (
    Dialogue,
    DialogueKind,
    DialogueRequest,
    DialogueStatus,
    RequestSide,
    Side,
)
from labour_democracy.i18n import N_, format_date, today
from labour_democracy.i18n import gettext as _


async def list_dialogues(
    context: EnterpriseContext, page: int = 1, q: str | None = None, kind: str | None = None
) -> Page:
    inputs.require(context, VIEW_DIALOGUE)
    clause = Dialogue.enterprise == context.enterprise_id
    if q and q.strip():
        clause &= contains(Dialogue.title, q.strip())
    if kind in {k.value for k in DialogueKind}:
        clause &= Dialogue.kind == kind
    total = await Dialogue.count().where(clause)
    pages = max(1, -(-total // inputs.PER_PAGE))
    page = max(1, min(page, pages))
    rows = (
        await Dialogue.select()
        .where(clause)
        .order_by(Dialogue.scheduled_at, ascending=False)
        .order_by(Dialogue.id, ascending=False)
        .limit(inputs.PER_PAGE)
        .offset((page - 1) * inputs.PER_PAGE)
    )
    week = await queries.working_week(context)
    for row in rows:
        annotate(row, week)
    return Page(rows=rows, total=total, page=page, per_page=inputs.PER_PAGE)


def annotate(row: dict, week: rules.Week, on: dt.date | None = None) -> dict:
    """Deadlines and lateness of a dialogue row (a dict from select), each deadline with what
    it skipped (`*_due_note`)."""
    week = calendar.week_of(week)
    on = on or today()
    day = queries.local_date(row["scheduled_at"])
    row["date"] = day
    row["title"] = labels.dialogue_title(row["title"], row.get("title_key"))
    periodic = row["kind"] == DialogueKind.PERIODIC
    row["contents_due"] = rules.contents_deadline(day, week) if periodic else None
    row["contents_due_note"] = calendar.explain(day, row["contents_due"], week) if periodic else ""
    for side in ("employer", "worker"):
        sent = row[f"{side}_contents_sent_on"]
        # Sent after the deadline, or not sent while the dialogue is still ahead and the
        # deadline has passed.
        row[f"{side}_contents_late"] = bool(
            periodic
            and (sent is not None or row["status"] == DialogueStatus.PLANNED)
            and rules.is_late(sent, row["contents_due"], on)
        )
    held = row["held_on"]
    row["publication_due"] = rules.publication_due(held, week) if held else None
    row["publication_due_note"] = (
        calendar.explain(held, row["publication_due"], week) if held else ""
    )
    row["publication_late"] = bool(
        held and rules.is_late(row["published_on"], row["publication_due"], on)
    )
    return row


async def dialogue_choices(context: EnterpriseContext) -> list[tuple[int, str]]:
    """Planned dialogues a suggestion can be assigned to (suggestions.topics)."""
    rows = (
        await Dialogue.select(
            Dialogue.id, Dialogue.title, Dialogue.title_key, Dialogue.scheduled_at
        )
        .where(Dialogue.enterprise == context.enterprise_id)
        .where(Dialogue.status == DialogueStatus.PLANNED.value)
        .order_by(Dialogue.scheduled_at)
    )
    return [
        (
            row["id"],
            f"{labels.dialogue_title(row['title'], row['title_key'])} "
            f"({format_date(queries.local_date(row['scheduled_at']))})",
        )
        for row in rows
    ]


async def planned_periodic(context: EnterpriseContext, year: int) -> list[dict]:
    """The regulation's periodic dialogues of `year`, each with the dialogue scheduled for it."""
    inputs.require(context, VIEW_DIALOGUE)
    settings = await regulation.settings_for(context.enterprise_id)
    scheduled = await Dialogue.select(Dialogue.id, Dialogue.scheduled_at, Dialogue.status).where(
        (Dialogue.enterprise == context.enterprise_id)
        & (Dialogue.kind == DialogueKind.PERIODIC.value)
        & (Dialogue.status != DialogueStatus.CALLED_OFF.value)
    )
    plan = []
    for month in regulation.parse_months(settings.periodic_months):
        match = next(
            (
                row
                for row in scheduled
                if queries.local_date(row["scheduled_at"]).year == year
                and queries.local_date(row["scheduled_at"]).month == month
            ),
            None,
        )
        plan.append({"year": year, "month": month, "dialogue": match})
    return plan


async def periodic_defaults(context: EnterpriseContext, month: int | None) -> dict[str, str]:
    """A periodic dialogue of the regulation's `month`: its title and the 15th of that month
    at 08:00, or the first day the contents deadline allows if that is later."""
    on = today()
    earliest = rules.earliest_periodic_date(on, await queries.working_week(context))
    if month is None or not 1 <= month <= 12:
        return {"scheduled_at": f"{earliest.isoformat()}T08:00"}
    year = on.year if month >= on.month else on.year + 1
    day = max(dt.date(year, month, 15), earliest)
    return {
        "title": f"Đối thoại định kỳ tháng {month:02d}/{year}",
        "scheduled_at": f"{day.isoformat()}T08:00",
    }


async def create_dialogue(
    context: EnterpriseContext,
    form: DialogueForm,
    request_id: int | None = None,
    title_key: str = "",
) -> int:
    """Schedule a dialogue with the list in force. A periodic one is refused before the day
    the contents can still be sent 5 working days ahead (Decree 145 Art. 39(3)). With a
    `title_key` (labels.TITLES) the title is the app's, composed with `form.title` when shown."""
    inputs.require(context, MANAGE_DIALOGUE)
    title = inputs.clean(form.title)
    errors: dict[str, str] = {}
    if not title or len(title) > inputs.TITLE_LIMIT:
        errors["title"] = _("Give the dialogue a title.")
    place = inputs.clean(form.place)
    if not place or len(place) > inputs.NAME_LIMIT:
        errors["place"] = _("Say where the dialogue takes place.")
    if form.kind == DialogueKind.EVENT and form.matter is None:
        errors["matter"] = _("Choose the matter the employer is changing.")
    day = queries.local_date(form.scheduled_at)
    if form.kind == DialogueKind.PERIODIC:
        week = await queries.working_week(context)
        earliest = rules.earliest_periodic_date(today(), week)
        if rules.contents_deadline(day, week) < today():
            errors["scheduled_at"] = _(
                "Each side must send its contents at least 5 working days before a periodic "
                "dialogue (Decree 145/2020/NĐ-CP, Art. 39(3)): the earliest date now is {date}."
            ).format(date=format_date(earliest))
    elif day < today():
        errors["scheduled_at"] = _("This date has passed.")
    if errors:
        raise Invalid(errors)
    version = await queries.current_list(context.enterprise_id, day) or await queries.current_list(
        context.enterprise_id
    )
    if version is None:
        raise Invalid(
            _("Publish the list of dialogue members first: the dialogue needs both sides.")
        )
    async with write_transaction():
        dialogue = Dialogue(
            enterprise=context.enterprise_id,
            kind=form.kind,
            matter=form.matter.value if form.matter and form.kind == DialogueKind.EVENT else "",
            title=title,
            title_key=title_key,
            member_list=version.id,
            scheduled_at=form.scheduled_at,
            place=place,
            created_by=context.actor.id,
        )
        await dialogue.save()
        if request_id is not None:
            await DialogueRequest.update({DialogueRequest.dialogue: dialogue.id}).where(
                DialogueRequest.id == request_id
            )
        await audit.record(
            context.actor,
            "dialogue.scheduled",
            "dialogue",
            dialogue.id,
            context.enterprise_id,
            kind=form.kind.value,
        )
    return dialogue.id


async def get_dialogue(context: EnterpriseContext, dialogue_id: int) -> Dialogue:
    inputs.require(context, VIEW_DIALOGUE)
    return await get_owned(context, Dialogue, dialogue_id)


async def planned(context: EnterpriseContext, dialogue_id: int) -> Dialogue:
    dialogue = await get_owned(context, Dialogue, dialogue_id)
    if dialogue.status == DialogueStatus.CALLED_OFF:
        raise Conflict(_("This dialogue was called off."))
    if dialogue.status != DialogueStatus.PLANNED:
        raise Conflict(_("This dialogue has already been recorded."))
    return dialogue


async def call_off(context: EnterpriseContext, dialogue_id: int) -> None:
    inputs.require(context, MANAGE_DIALOGUE)
    async with write_transaction():
        dialogue = await planned(context, dialogue_id)
        await Dialogue.update({Dialogue.status: DialogueStatus.CALLED_OFF.value}).where(
            Dialogue.id == dialogue.id
        )
        await audit.record(
            context.actor, "dialogue.called_off", "dialogue", dialogue.id, context.enterprise_id
        )


def contents_sides(context: EnterpriseContext) -> set[Side]:
    """Each side sends its own contents: HR the employer's, the union the workers'."""
    return {
        side
        for side, request_side in (
            (Side.EMPLOYER, RequestSide.EMPLOYER),
            (Side.UNION, RequestSide.WORKERS),
        )
        if permissions.request_side_allowed(context, request_side)
    }


async def record_contents(context: EnterpriseContext, dialogue_id: int, form: ContentsForm) -> None:
    """A side's contents and the day they were sent; late ones are kept and flagged."""
    inputs.require(context, MANAGE_DIALOGUE)
    contents = inputs.text(form.contents, "contents", required=True)
    employer = form.side == Side.EMPLOYER
    if form.side not in contents_sides(context):
        raise Forbidden(_("Each side records the contents it sends."))
    if form.sent_on > today():
        raise Invalid({"sent_on": _("This date cannot be in the future.")})
    async with write_transaction():
        dialogue = await planned(context, dialogue_id)
        values = (
            {Dialogue.employer_contents: contents, Dialogue.employer_contents_sent_on: form.sent_on}
            if employer
            else {
                Dialogue.worker_contents: contents,
                Dialogue.worker_contents_sent_on: form.sent_on,
            }
        )
        await Dialogue.update(values).where(Dialogue.id == dialogue.id)
        await audit.record(
            context.actor,
            "dialogue.contents",
            "dialogue",
            dialogue.id,
            context.enterprise_id,
            side="employer" if employer else "workers",
        )


def event_steps(
    row: dict,
    reply_days: int,
    week: rules.Week,
    on: dt.date | None = None,
    ten_or_more: bool = True,
):
    """The guided flow of Decree 145 Art. 41(1), each step with its deadline and state. A duty
    of 10 workers or more (the internal rules' filing) carries no deadline for fewer."""
    on = on or today()
    sent = row["event_document_sent_on"]
    reply_due = rules.event_reply_due(sent, reply_days, week) if sent else None
    held = row["held_on"]
    duty = rules.EVENT_DUTIES.get(row["matter"])
    steps = [
        {
            "label": N_("The employer sends its document to the worker-side members"),
            "done_on": sent,
            "due_on": None,
            "source": N_("Decree 145/2020/NĐ-CP, Art. 41(1)(a)"),
        },
        {
            "label": N_("The worker side replies in writing with the workers' opinions"),
            "done_on": row["event_reply_on"],
            "due_on": reply_due,
            "source": N_("Decree 145/2020/NĐ-CP, Art. 41(1)(b)"),
        },
        {
            "label": N_("The dialogue is held"),
            "done_on": held,
            "due_on": row["date"],
            "source": N_("Decree 145/2020/NĐ-CP, Art. 41(1)(c)"),
        },
        {
            "label": N_("The main contents are publicised"),
            "done_on": row["published_on"],
            "due_on": row["publication_due"],
            "source": N_("Decree 145/2020/NĐ-CP, Art. 41(1)(e)"),
        },
    ]
    if duty is not None and (ten_or_more or not duty.from_ten_workers):
        steps.append(
            {
                "label": duty.duty,
                "done_on": row["event_publicised_on"],
                "due_on": duty.deadline(row["event_effective_on"]),
                "source": duty.article,
                "event_date": duty.event_date,
            }
        )
    for step in steps:
        step["late"] = bool(step["due_on"] and rules.is_late(step["done_on"], step["due_on"], on))
    return steps


async def record_event_steps(
    context: EnterpriseContext, dialogue_id: int, form: EventStepsForm
) -> None:
    inputs.require(context, MANAGE_DIALOGUE)
    dates = {
        "event_document_sent_on": form.event_document_sent_on,
        "event_reply_on": form.event_reply_on,
        "event_publicised_on": form.event_publicised_on,
    }
    errors = {
        name: _("This date cannot be in the future.")
        for name, day in dates.items()
        if day and day > today()
    }
    if form.event_reply_on and not form.event_document_sent_on:
        errors["event_reply_on"] = _("Record first when the employer sent its document.")
    elif form.event_reply_on and form.event_reply_on < form.event_document_sent_on:
        errors["event_reply_on"] = _("The reply cannot come before the document.")
    if errors:
        raise Invalid(errors)
    reply = inputs.text(form.event_reply, "event_reply")
    async with write_transaction():
        dialogue = await get_owned(context, Dialogue, dialogue_id)
        if dialogue.kind != DialogueKind.EVENT:
            raise Conflict(_("Only a dialogue on an event has these steps."))
        await Dialogue.update(
            {
                Dialogue.event_document_sent_on: form.event_document_sent_on,
                Dialogue.event_reply_on: form.event_reply_on,
                Dialogue.event_reply: reply,
                Dialogue.event_effective_on: form.event_effective_on,
                Dialogue.event_publicised_on: form.event_publicised_on,
            }
        ).where(Dialogue.id == dialogue.id)
        await audit.record(
            context.actor, "dialogue.event_steps", "dialogue", dialogue.id, context.enterprise_id
        )
