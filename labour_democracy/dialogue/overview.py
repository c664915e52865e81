"""The dialogue home page: the regulation's plan for the year, the list in force and its
checks, the seat split, the last periodic dialogue and the requests awaiting a reply.
"""

from __future__ import annotations

from labour_democracy.core import enterprises
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.dialogue import inputs, member_lists, planning, queries, regulation, rules
from labour_democracy.dialogue.permissions import VIEW_DIALOGUE
from labour_democracy.dialogue.tables import DialogueRequest
from labour_democracy.i18n import today


async def overview(context: EnterpriseContext) -> dict:
    """The dialogue home page: the regulation's plan, the list in force, what is late."""
    inputs.require(context, VIEW_DIALOGUE)
    on = today()
    settings = await regulation.settings_for(context.enterprise_id)
    version = await queries.current_list(context.enterprise_id)
    workforce = (await enterprises.workforce(context.enterprise_id)).count
    check = (
        member_lists.composition(
            await queries.active_members(version.id), workforce, version.workforce
        )
        if version
        else None
    )
    seats = max(check.worker_side if check else 0, rules.worker_side_minimum(workforce))
    last = await queries.last_periodic(context.enterprise_id)
    pending = (
        await DialogueRequest.select()
        .where(DialogueRequest.enterprise == context.enterprise_id)
        .where(DialogueRequest.replied_on.is_null())
        .order_by(DialogueRequest.reply_due_on)
    )
    return {
        "settings": settings,
        "plan": await planning.planned_periodic(context, on.year),
        "version": version,
        "renewal_due": rules.list_renewal_due(version.valid_from) if version else None,
        "check": check,
        "last_periodic": last,
        "periodic_in_time": rules.periodic_held_in_time(last, on),
        "pending_requests": pending,
        "split": await seat_split(context, seats, workforce),
        "today": on,
    }


async def seat_split(context: EnterpriseContext, seats: int, workforce: int) -> dict:
    """Worker-side seats in proportion to members (Decree 145 Art. 38(2)(b)): the roster's
    union members for the representative organisation, the other workers for the dialogue
    group."""
    members = await queries.organisation_members(context)
    split = rules.seat_split(seats, {"organisation": members, "group": workforce - members})
    return {"seats": seats, "members": members, "others": workforce - members, **split}
