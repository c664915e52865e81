"""The dialogue's deadlines, computed from its records when asked: for the reminders of the
enterprise page and for the iCalendar feed a phone subscribes to (calendar_feed.py)."""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt

from labour_democracy.core import calendar, enterprises, working_calendar
from labour_democracy.core import rules as core_rules
from labour_democracy.core.reminders import Due
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Enterprise
from labour_democracy.dialogue import labels, queries, rules
from labour_democracy.dialogue.permissions import VIEW_DIALOGUE
from labour_democracy.dialogue.regulation import parse_months
from labour_democracy.dialogue.tables import (
    Dialogue,
    DialogueKind,
    DialogueRequest,
    DialogueSettings,
    DialogueStatus,
    MemberList,
    MemberListStatus,
    RequestSide,
)
from labour_democracy.i18n import LOCAL_TIMEZONE, format_date, today
from labour_democracy.i18n import gettext as _


async def deadlines(enterprise: Enterprise, on: dt.date | None = None) -> list[Due]:
    """Every open deadline of the enterprise's dialogues, member lists and requests."""
    on = on or today()
    week = await working_calendar.week_for(enterprise)
    # Decree 145 Art. 114(4), Labour Code Arts. 118-119: duties from 10 workers only.
    ten_or_more = core_rules.ten_worker_duties_apply(
        (await enterprises.workforce(enterprise.id, on)).count
    )
    existed_from = queries.existed_from(enterprise)
    base = f"/enterprises/{enterprise.id}/dialogue"
    items: list[Due] = []
    dialogues = await Dialogue.select().where(
        (Dialogue.enterprise == enterprise.id)
        & Dialogue.status.is_in([DialogueStatus.PLANNED.value, DialogueStatus.HELD.value])
    )
    for row in dialogues:
        row["title"] = labels.dialogue_title(row["title"], row["title_key"])
        url = f"{base}/{row['id']}"
        day = row["scheduled_at"].astimezone(LOCAL_TIMEZONE).date()
        if row["status"] == DialogueStatus.PLANNED and row["kind"] == DialogueKind.PERIODIC:
            due = rules.contents_deadline(day, week)
            if row["employer_contents_sent_on"] is None:
                items.append(
                    Due(
                        _("Employer's contents for “{title}”").format(title=row["title"]),
                        due,
                        url,
                        _("Employer"),
                        _("Decree 145/2020/NĐ-CP, Art. 39(3)"),
                        calendar.explain(day, due, week),
                    )
                )
            if row["worker_contents_sent_on"] is None:
                items.append(
                    Due(
                        _("Worker side's contents for “{title}”").format(title=row["title"]),
                        due,
                        url,
                        _("Worker side"),
                        _("Decree 145/2020/NĐ-CP, Art. 39(3)"),
                        calendar.explain(day, due, week),
                    )
                )
        if row["status"] == DialogueStatus.HELD and row["held_on"]:
            items.append(
                Due(
                    _("Publicise the main contents of “{title}”").format(title=row["title"]),
                    rules.publication_due(row["held_on"], week),
                    url,
                    _("Employer"),
                    _("Decree 145/2020/NĐ-CP, Art. 39(5)"),
                    calendar.explain(
                        row["held_on"], rules.publication_due(row["held_on"], week), week
                    ),
                )
            )
        if row["kind"] == DialogueKind.EVENT:
            duty = rules.EVENT_DUTIES.get(row["matter"])
            if duty and duty.from_ten_workers and not ten_or_more:
                duty = None
            deadline = duty.deadline(row["event_effective_on"]) if duty else None
            if deadline and row["event_publicised_on"] is None:
                items.append(
                    Due(
                        f"{_(duty.duty)} ({row['title']})",
                        deadline,
                        url,
                        _("Employer"),
                        _(duty.article),
                    )
                )
    requests = await DialogueRequest.select().where(
        (DialogueRequest.enterprise == enterprise.id) & DialogueRequest.replied_on.is_null()
    )
    for row in requests:
        items.append(
            Due(
                _("Written reply to the request of {date}").format(
                    date=format_date(row["submitted_on"])
                ),
                row["reply_due_on"],
                f"{base}/requests/{row['id']}",
                _("Worker side") if row["side"] == RequestSide.EMPLOYER else _("Employer"),
                _("Decree 145/2020/NĐ-CP, Art. 40(2)"),
                calendar.explain(
                    row["received_on"] or row["submitted_on"], row["reply_due_on"], week
                ),
            )
        )
    latest = (
        await MemberList.select(MemberList.id, MemberList.valid_from)
        .where(
            (MemberList.enterprise == enterprise.id)
            & (MemberList.status == MemberListStatus.PUBLISHED.value)
        )
        .order_by(MemberList.valid_from, ascending=False)
        .first()
    )
    if latest:
        items.append(
            Due(
                _("Renew the list of dialogue members"),
                rules.list_renewal_due(latest["valid_from"]),
                f"{base}/member-lists/{latest['id']}",
                _("Both sides"),
                _("Decree 145/2020/NĐ-CP, Art. 38(3)"),
            )
        )
    settings = (
        await DialogueSettings.select(DialogueSettings.periodic_months)
        .where(DialogueSettings.enterprise == enterprise.id)
        .first()
    )
    if settings:
        scheduled = {
            (d.year, d.month)
            for d in (
                row["scheduled_at"].astimezone(LOCAL_TIMEZONE)
                for row in await Dialogue.select(Dialogue.scheduled_at).where(
                    (Dialogue.enterprise == enterprise.id)
                    & (Dialogue.kind == DialogueKind.PERIODIC.value)
                    & (Dialogue.status != DialogueStatus.CALLED_OFF.value)
                )
            )
        }
        for month in parse_months(settings["periodic_months"]):
            if existed_from and not rules.periodic_month_owed(on.year, month, existed_from, week):
                continue
            if (on.year, month) not in scheduled:
                last_day = month_calendar.monthrange(on.year, month)[1]
                items.append(
                    Due(
                        _("Periodic dialogue planned for {month}/{year}").format(
                            month=month, year=on.year
                        ),
                        dt.date(on.year, month, last_day),
                        f"{base}/new?kind=periodic&month={month}",
                        _("Employer"),
                        _("Labour Code 45/2019/QH14, Art. 63(2)(a)"),
                    )
                )
    return sorted(items, key=lambda item: item.due_on)


async def due(context: EnterpriseContext) -> list[Due]:
    if not context.can(VIEW_DIALOGUE):
        return []
    return await deadlines(context.enterprise)
