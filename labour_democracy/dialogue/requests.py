"""Dialogue requests (Decree 145 Art. 40): a side asks (the worker side with the agreement of
at least 30 % of its members), the other side answers in writing with a time and place, and
the dialogue is scheduled then; documents/request_reply.py drafts the letter.
"""

from __future__ import annotations

from labour_democracy.core import audit, calendar
from labour_democracy.core.errors import Conflict, Forbidden, Invalid
from labour_democracy.core.schemas import Page
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.db import write_transaction
from labour_democracy.dialogue import inputs, labels, permissions, planning, queries, rules
from labour_democracy.dialogue.permissions import REQUEST_DIALOGUE, VIEW_DIALOGUE
from labour_democracy.dialogue.schemas import DialogueForm, ReplyForm, RequestForm
from labour_democracy.dialogue.tables import (
    DialogueKind,
    DialogueRequest,
    RequestSide,
    RequestSupporter,
    Side,
)
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today


async def create_request(context: EnterpriseContext, form: RequestForm) -> int:
    """A request for a dialogue; a worker-side one is refused without the agreement of at
    least 30 % of the worker-side members (Decree 145 Art. 40(1))."""
    inputs.require(context, REQUEST_DIALOGUE)
    if not permissions.request_side_allowed(context, form.side):
        raise Forbidden
    reason = inputs.text(form.reason, "reason", required=True)
    requested_by = inputs.clean(form.requested_by)
    errors: dict[str, str] = {}
    if not requested_by or len(requested_by) > inputs.NAME_LIMIT:
        errors["requested_by"] = _("Say which organisation or group asks.")
    entered_on = today()
    received_on = form.received_on or entered_on
    if form.submitted_on > entered_on:
        errors["submitted_on"] = _("This date cannot be in the future.")
    elif not rules.receipt_valid(form.submitted_on, received_on, entered_on):
        errors["received_on"] = _(
            "The request is received on or after the day it was submitted, and not later than "
            "today."
        )
    if errors:
        raise Invalid(errors)
    version = await queries.current_list(context.enterprise_id, form.submitted_on)
    if version is None:
        raise Invalid(_("Publish the list of dialogue members first."))
    supporters: list[int] = []
    if form.side == RequestSide.WORKERS:
        workers = [
            m
            for m in await queries.active_members(version.id, form.submitted_on)
            if m.side != Side.EMPLOYER
        ]
        ids = {m.id for m in workers}
        supporters = sorted(set(form.supporters))
        if set(supporters) - ids:
            raise Invalid({"supporters": _("Tick only worker-side members of the current list.")})
        if not rules.request_supported(len(supporters), len(workers)):
            raise Invalid(
                {
                    "supporters": _(
                        "A worker-side request needs the agreement of worker-side members, at "
                        "least 30%, here {needed} of {total}; {count} ticked (Decree "
                        "145/2020/NĐ-CP, Art. "
                        "40(1))."
                    ).format(
                        needed=rules.request_smallest(len(workers)),
                        total=len(workers),
                        count=len(supporters),
                    )
                }
            )
    async with write_transaction():
        request = DialogueRequest(
            enterprise=context.enterprise_id,
            side=form.side,
            member_list=version.id,
            requested_by=requested_by,
            reason=reason,
            submitted_on=form.submitted_on,
            received_on=received_on,
            reply_due_on=rules.reply_due(received_on, await queries.working_week(context)),
            created_by=context.actor.id,
        )
        await request.save()
        for member_id in supporters:
            await RequestSupporter(request=request.id, member=member_id).save()
        await audit.record(
            context.actor,
            "dialogue.requested",
            "dialogue_request",
            request.id,
            context.enterprise_id,
            side=form.side.value,
            supporters=len(supporters),
        )
    return request.id


async def list_requests(context: EnterpriseContext, page: int = 1) -> Page:
    inputs.require(context, VIEW_DIALOGUE)
    clause = DialogueRequest.enterprise == context.enterprise_id
    total = await DialogueRequest.count().where(clause)
    pages = max(1, -(-total // inputs.PER_PAGE))
    page = max(1, min(page, pages))
    rows = (
        await DialogueRequest.select()
        .where(clause)
        .order_by(DialogueRequest.submitted_on, ascending=False)
        .order_by(DialogueRequest.id, ascending=False)
        .limit(inputs.PER_PAGE)
        .offset((page - 1) * inputs.PER_PAGE)
    )
    on = today()
    for row in rows:
        row["late"] = rules.is_late(row["replied_on"], row["reply_due_on"], on)
    return Page(rows=rows, total=total, page=page, per_page=inputs.PER_PAGE)


async def get_request(context: EnterpriseContext, request_id: int) -> dict:
    inputs.require(context, VIEW_DIALOGUE)
    request = await get_owned(context, DialogueRequest, request_id)
    row = (await DialogueRequest.select().where(DialogueRequest.id == request.id))[0]
    row["late"] = rules.is_late(row["replied_on"], row["reply_due_on"], today())
    row["reply_due_note"] = calendar.explain(
        row["received_on"] or row["submitted_on"],
        row["reply_due_on"],
        await queries.working_week(context),
    )
    supporter_ids = [
        r["member"]
        for r in await RequestSupporter.select(RequestSupporter.member).where(
            RequestSupporter.request == request.id
        )
    ]
    members = await queries.active_members(request.member_list, request.submitted_on)
    row["supporters"] = [m for m in members if m.id in supporter_ids]
    row["worker_members"] = sum(1 for m in members if m.side != Side.EMPLOYER)
    row["can_answer"] = permissions.reply_side_allowed(
        context, RequestSide(row["side"])
    ) and context.can(REQUEST_DIALOGUE)
    return row


async def answer_request(context: EnterpriseContext, request_id: int, form: ReplyForm) -> int:
    """The other side's written reply agreeing time and place (Art. 40(2)); the dialogue is
    scheduled at that time. The reply letter is drafted from it (dialogue.documents)."""
    inputs.require(context, REQUEST_DIALOGUE)
    request = await get_owned(context, DialogueRequest, request_id)
    if not permissions.reply_side_allowed(context, RequestSide(request.side)):
        raise Forbidden
    if request.replied_on is not None:
        raise Conflict(_("This request has already been answered."))
    errors: dict[str, str] = {}
    if form.replied_on > today():
        errors["replied_on"] = _("This date cannot be in the future.")
    elif form.replied_on < request.submitted_on:
        errors["replied_on"] = _("The reply cannot come before the request.")
    if queries.local_date(form.reply_at) < form.replied_on:
        errors["reply_at"] = _("The dialogue cannot take place before the reply.")
    text = inputs.text(form.reply_text, "reply_text", required=True)
    place = inputs.clean(form.reply_place)
    if not place or len(place) > inputs.NAME_LIMIT:
        errors["reply_place"] = _("Say where the dialogue takes place.")
    if errors:
        raise Invalid(errors)
    async with write_transaction():
        await DialogueRequest.update(
            {
                DialogueRequest.replied_on: form.replied_on,
                DialogueRequest.reply_text: text,
                DialogueRequest.reply_at: form.reply_at,
                DialogueRequest.reply_place: place,
            }
        ).where(DialogueRequest.id == request.id)
        dialogue_id = await planning.create_dialogue(
            context,
            DialogueForm(
                kind=DialogueKind.REQUESTED,
                title=request.requested_by,
                scheduled_at=form.reply_at,
                place=place,
            ),
            request_id=request.id,
            title_key=labels.REQUESTED,
        )
        await audit.record(
            context.actor,
            "dialogue.request_answered",
            "dialogue_request",
            request.id,
            context.enterprise_id,
        )
    return dialogue_id
