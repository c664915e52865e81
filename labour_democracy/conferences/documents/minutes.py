"""The minutes of the conference (Biên bản hội nghị), generated when the conference closes from
the check-ins, the votes' sealed results and the workers' proposals with their answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from labour_democracy.conferences.documents.common import (
    VOTE_WORDS,
    Head,
    attendees,
    chairs_text,
    conference_name,
    head_of,
    issue_document,
    legal_bases,
    local_time,
    opening_text,
    rule_text,
)
from labour_democracy.conferences.documents.records import (
    Attendance,
    ItemOutcome,
    attendance,
    co_chairs,
    conference_of,
    read_delegates,
    read_outcomes,
    verdict_text,
    votes_text,
)
from labour_democracy.conferences.documents.templates import MINUTES, MINUTES_KIND
from labour_democracy.conferences.queries import require
from labour_democracy.conferences.tables import (
    AgendaKind,
    Conference,
)
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.documents import layout
from labour_democracy.documents.rules import single_line
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import format_number
from labour_democracy.suggestions import services as suggestions
from labour_democracy.suggestions.tables import SuggestionStatus, Topic


def _details(outcome: ItemOutcome, who: str) -> list[str]:
    """What the minutes say of one decided item: the vote, the rule and its source, the outcome."""
    result = outcome.result
    if result is None:
        return []
    mode = VOTE_WORDS.get(outcome.vote_mode, outcome.vote_mode)
    lines = []
    for question in result.questions:
        words, source = rule_text(question.rule, question.rule_source, who)
        text = (
            f"Nội dung {outcome.position}. {outcome.title}: biểu quyết bằng hình thức {mode}; "
            f"{format_number(result.electorate)} {who} có quyền biểu quyết, "
            f"{format_number(result.cast)} tham gia biểu quyết. "
            f"{votes_text(question, outcome.labels, result)}. "
            f"Quy tắc thông qua: {words}, "
            f"tức ít nhất {format_number(question.threshold)} phiếu ({source}). "
            f"Kết quả: {verdict_text(question, outcome.labels, shout=True)}."
        )
        if question.tied:
            tied = ", ".join(outcome.labels.get(i, "") for i in question.tied)
            text += f" Bằng phiếu ở vị trí cuối: {tied}; cần bầu lại."
        lines.append(text)
    return lines


def _item_rows(outcomes: list[ItemOutcome]) -> list[dict[str, Any]]:
    rows = []
    for outcome in outcomes:
        if outcome.result is None:
            votes = "" if outcome.kind == AgendaKind.INFO else "Chưa biểu quyết"
            verdict = "Hội nghị đã nghe, thảo luận" if outcome.kind == AgendaKind.INFO else ""
        else:
            votes = "\n".join(
                votes_text(q, outcome.labels, outcome.result) for q in outcome.result.questions
            )
            verdict = "; ".join(verdict_text(q, outcome.labels) for q in outcome.result.questions)
        rows.append(
            {"number": outcome.position, "title": outcome.title, "votes": votes, "outcome": verdict}
        )
    return rows


def minutes_context(
    head: Head,
    conference: Conference,
    present: Attendance,
    outcomes: list[ItemOutcome],
    proposals: list[dict],
    ended_at: dt.datetime | None,
    not_voted_reason: str = "",
) -> dict[str, Any]:
    who = attendees(conference)
    attendance_lines = [
        chairs_text(head, conference, "đại diện " + head.workers),
        f"Thư ký hội nghị: Ông/Bà {conference.secretary}.",
        f"Tổng số {who} được triệu tập: {format_number(present.expected)}. "
        f"Số {who} có mặt: {format_number(present.present)} ({present.share}).",
        f"Điều kiện hợp lệ của hội nghị: {present.quorum} ({present.quorum_source}) — "
        + ("ĐẠT." if present.quorum_reached else "KHÔNG ĐẠT."),
    ]
    proposal_rows = [
        {
            "number": number,
            "text": single_line(
                f"{row['subject']}: {row['body']}" if row["body"].strip() else row["subject"]
            ),
            "answer": single_line(row["answer"]) or "Chưa trả lời",
        }
        for number, row in enumerate(proposals, start=1)
    ]
    # What happened and when: the day it was opened, the day and hour it ended.
    held = local_time(conference.opened_at)
    held_on = held.date() if held else conference.held_on
    if ended_at is None:
        ended = "Hội nghị kết thúc cùng ngày. "
    elif ended_at.date() == held_on:
        ended = f"Hội nghị kết thúc lúc {ended_at:%H giờ %M} cùng ngày. "
    else:
        ended = f"Hội nghị kết thúc lúc {ended_at:%H giờ %M} ngày {ended_at:%d/%m/%Y}. "
    not_voted = [o.title for o in outcomes if o.kind != AgendaKind.INFO and o.result is None]
    closing = [
        *(
            [
                f"Các nội dung chưa biểu quyết: {'; '.join(not_voted)}. "
                f"Lý do: {single_line(not_voted_reason)}"
            ]
            if not_voted and not_voted_reason
            else []
        ),
        ended + "Biên bản đã được đọc lại trước hội nghị và được các đại biểu nhất trí.",
        "Biên bản được lập thành 03 bản có giá trị như nhau: 01 bản lưu tại người sử dụng lao "
        f"động, 01 bản gửi {head.workers}, 01 bản niêm yết công khai tại nơi làm việc.",
    ]
    return layout.standard_context(
        issuer=head.issuer,
        place=head.place,
        date=held_on,
        doc_type="BIÊN BẢN",
        summary=conference_name(conference),
        body=[*legal_bases(head, conference), opening_text(head, conference, held)],
        signer_title="",
        signer_name="",
        recipients=["Đại biểu dự hội nghị;", "Lưu: VT, CĐCS."],
        attendance=attendance_lines,
        items=_item_rows(outcomes),
        item_details=[line for outcome in outcomes for line in _details(outcome, who)],
        proposals=proposal_rows,
        closing=closing,
        signers=[
            {"title": "THƯ KÝ HỘI NGHỊ", "side": "", "name": conference.secretary},
            *co_chairs(conference, head.workers),
        ],
    )


async def _proposals(context: EnterpriseContext, conference_id: int) -> list[dict]:
    return await suggestions.list_suggestions(
        context,
        Topic.CONFERENCE,
        conference_id,
        (SuggestionStatus.PUBLISHED, SuggestionStatus.ANSWERED),
    )


async def issue_minutes(
    context: EnterpriseContext, conference_id: int, not_voted_reason: str = ""
) -> IssuedDocument:
    """Biên bản hội nghị, generated from what happened. Called by the closing use case
    (inside its transaction); it stores the returned document's id on the conference."""
    require(context)
    conference = await conference_of(context, conference_id)
    present = attendance(conference, await read_delegates(conference.id))
    document_context = minutes_context(
        await head_of(context),
        conference,
        present,
        await read_outcomes(conference.id),
        await _proposals(context, conference.id),
        local_time(conference.closed_at),
        not_voted_reason,
    )
    return await issue_document(
        context,
        conference,
        kind=MINUTES_KIND,
        type_code="BB",
        template=MINUTES,
        document_context=document_context,
        on=document_context["header"]["date"],
    )
