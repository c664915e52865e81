"""The documents that prepare the conference: the plan (Kế hoạch tổ chức hội nghị) with its
timeline steps, owners and due dates, and the agenda (Chương trình hội nghị)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from labour_democracy.conferences.documents.common import (
    AGENDA_WORDS,
    VOTE_WORDS,
    Head,
    chairs_text,
    conference_context,
    conference_name,
    head_of,
    issue_document,
    legal_bases,
    opening_text,
    short_date,
)
from labour_democracy.conferences.documents.records import conference_of
from labour_democracy.conferences.documents.templates import AGENDA, AGENDA_KIND, PLAN, PLAN_KIND
from labour_democracy.conferences.labels import item_title, step_owner, step_title
from labour_democracy.conferences.queries import require
from labour_democracy.conferences.tables import (
    AgendaItem,
    AgendaKind,
    Conference,
    StepStatus,
    TimelineStep,
)
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import language, today

# Without a union the union's steps fall to the workers' representatives (Decree 145/2020,
# Art. 47(1): the union takes part "if any").
_OWNERS_WITHOUT_UNION = {
    "Người sử dụng lao động và công đoàn": "Người sử dụng lao động và đại diện người lao động",
    "Công đoàn": "Đại diện người lao động",
}


def _owner(head: Head, owner: str) -> str:
    return owner if head.has_union else _OWNERS_WITHOUT_UNION.get(owner, owner)


def plan_context(
    head: Head, conference: Conference, steps: list[dict], on: dt.date
) -> dict[str, Any]:
    body = [
        *legal_bases(head, conference),
        opening_text(head, conference),
        f"Người sử dụng lao động phối hợp với {head.workers} tổ chức hội nghị "
        "theo Quy chế dân chủ ở cơ sở tại nơi làm việc; các công việc chuẩn bị, người phụ "
        "trách và thời hạn (tính theo ngày làm việc) như sau:",
    ]
    rows = [
        {
            "number": index,
            "title": step_title(step.get("key", ""), step["title"]),
            "owner": _owner(head, step_owner(step.get("key", ""), step["owner"])),
            "due": short_date(step["due_on"]),
            "status": (
                f"Đã xong {short_date(step['done_on'])}".strip()
                if step["status"] == StepStatus.DONE
                else "Chưa thực hiện"
            ),
        }
        for index, step in enumerate(steps, start=1)
    ]
    closing = [
        "Các đơn vị, cá nhân được phân công chủ động thực hiện đúng thời hạn; vướng mắc báo "
        "cáo Ban tổ chức hội nghị để kịp thời giải quyết."
    ]
    return conference_context(
        head,
        conference,
        doc_type="KẾ HOẠCH",
        summary=f"Tổ chức {conference_name(conference)}",
        on=on,
        body=body,
        recipients=[f"{head.workers};", "Các phòng, ban, đơn vị;", "Lưu: VT."],
        steps=rows,
        closing=closing,
    )


# How a conference opens in practice (VGCL Guidance 1360/HD-TLĐ, law.md §2.3): the agenda
# printed for the delegates lists these first, in place of the app's single "opening" item.
OPENING_ITEMS = (
    "Khai mạc, tuyên bố lý do, giới thiệu đại biểu",
    "Bầu đoàn chủ tịch và thư ký hội nghị",
    "Thông qua chương trình hội nghị",
)


def _with_opening_items(items: list[dict]) -> list[dict]:
    """The items with their titles in Vietnamese, the opening ones spelt out."""
    opening = [
        {"key": "", "title": title, "kind": AgendaKind.INFO, "vote_mode": ""}
        for title in OPENING_ITEMS
    ]
    rest = [
        {**item, "title": item_title(item.get("key", ""), item["title"])}
        for item in items
        if item.get("key") != "opening"
    ]
    return opening + rest


def agenda_context(
    head: Head, conference: Conference, items: list[dict], on: dt.date
) -> dict[str, Any]:
    body = [
        opening_text(head, conference),
        chairs_text(head, conference, head.workers_chair)
        + f" Thư ký: Ông/Bà {conference.secretary}.",
    ]
    rows = [
        {
            "number": index,
            "title": item["title"],
            "kind": AGENDA_WORDS.get(item["kind"], "")
            + (
                f" ({VOTE_WORDS[item['vote_mode']]})"
                if item["kind"] != AgendaKind.INFO and item["vote_mode"] in VOTE_WORDS
                else ""
            ),
        }
        for index, item in enumerate(_with_opening_items(items), start=1)
    ]
    return conference_context(
        head,
        conference,
        doc_type="CHƯƠNG TRÌNH",
        on=on,
        body=body,
        recipients=["Đại biểu dự hội nghị;", "Lưu: VT."],
        items=rows,
    )


async def issue_plan(context: EnterpriseContext, conference_id: int) -> IssuedDocument:
    """Kế hoạch tổ chức hội nghị: the timeline steps with owners, due dates and status."""
    require(context)
    conference = await conference_of(context, conference_id)
    steps = (
        await TimelineStep.select()
        .where(TimelineStep.conference == conference.id)
        .order_by(TimelineStep.position)
    )
    head = await head_of(context)
    on = today()
    with language("vi"):  # the catalogue's step titles and owners, whoever issues it
        document_context = plan_context(head, conference, steps, on)
    return await issue_document(
        context,
        conference,
        kind=PLAN_KIND,
        type_code="KH",
        template=PLAN,
        document_context=document_context,
        on=on,
        reuse_unchanged=True,
    )


async def issue_agenda(context: EnterpriseContext, conference_id: int) -> IssuedDocument:
    """Chương trình hội nghị: the agenda items in order."""
    require(context)
    conference = await conference_of(context, conference_id)
    items = (
        await AgendaItem.select(
            AgendaItem.key, AgendaItem.title, AgendaItem.kind, AgendaItem.vote_mode
        )
        .where(AgendaItem.conference == conference.id)
        .order_by(AgendaItem.position)
    )
    head = await head_of(context)
    on = today()
    with language("vi"):  # the catalogue's item titles, whoever issues it
        document_context = agenda_context(head, conference, items, on)
    return await issue_document(
        context,
        conference,
        kind=AGENDA_KIND,
        type_code="CTr",
        template=AGENDA,
        document_context=document_context,
        on=on,
        reuse_unchanged=True,
    )
