"""The resolution of the conference (Nghị quyết hội nghị), issued when it is published: what
was adopted, the commitments (follow-up actions) and the stamp of its validity."""

from __future__ import annotations

from typing import Any

from labour_democracy.conferences.documents.common import (
    Head,
    attendees,
    conference_name,
    head_of,
    issue_document,
    legal_bases,
    long_date,
    rule_text,
    short_date,
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
from labour_democracy.conferences.documents.templates import RESOLUTION, RESOLUTION_KIND
from labour_democracy.conferences.queries import require
from labour_democracy.conferences.tables import (
    Conference,
)
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.documents import layout
from labour_democracy.documents.rules import DEMOCRACY_LAW
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.followups import services as followups
from labour_democracy.i18n import format_number


def _adopted(outcomes: list[ItemOutcome]) -> list[str]:
    lines = []
    for outcome in outcomes:
        if outcome.result is None:
            continue
        for question in outcome.result.questions:
            if question.kind == "motion" and question.passed:
                lines.append(f"{len(lines) + 1}. {outcome.title}.")
            elif question.kind == "election" and question.elected:
                names = ", ".join(outcome.labels.get(i, "") for i in question.elected)
                lines.append(f"{len(lines) + 1}. {outcome.title}: {names}.")
    return lines


def resolution_context(
    head: Head,
    conference: Conference,
    present: Attendance,
    outcomes: list[ItemOutcome],
    commitments: list[dict],
) -> dict[str, Any]:
    name = conference_name(conference)
    bases = legal_bases(
        head, conference, f"kết quả biểu quyết tại {name} {long_date(conference.held_on)}"
    )
    adopted = [
        f"{name} thống nhất thông qua các nội dung sau:",
        *[p.strip() for p in conference.resolution_summary.splitlines() if p.strip()],
        *_adopted(outcomes),
    ]
    if len(adopted) == 1:
        adopted = [f"{name} không thông qua nội dung nào."]
    duties = [
        f"{index}. {row['title']} — Phụ trách: {row['owner']}; "
        f"thời hạn: {short_date(row['due_on'])}."
        for index, row in enumerate(commitments, start=1)
    ] or ["Không có cam kết cần theo dõi."]
    execution = [
        f"Người sử dụng lao động và {head.workers} có trách nhiệm phổ biến "
        "Nghị quyết này tới toàn thể người lao động, tổ chức thực hiện và giám sát việc thực "
        "hiện."
    ]
    if conference.soe_rules:
        execution.append(
            "Định kỳ 6 tháng, sơ kết việc thực hiện Nghị quyết và thông báo kết quả tới toàn "
            f"thể người lao động (Điều 70 {DEMOCRACY_LAW})."
        )
    execution.append("Nghị quyết có hiệu lực kể từ ngày ký.")
    return layout.standard_context(
        issuer=head.issuer,
        place=head.place,
        date=conference.held_on,
        doc_type="NGHỊ QUYẾT",
        summary=name,
        signer_title="",
        signer_name="",
        recipients=[
            "Toàn thể người lao động (niêm yết, công bố);",
            "Lưu: VT, CĐCS." if head.union else "Lưu: VT.",
        ],
        bases=bases,
        articles=[
            {"heading": "Điều 1. Các nội dung được thông qua", "paragraphs": adopted},
            {"heading": "Điều 2. Các cam kết thực hiện", "paragraphs": duties},
            {"heading": "Điều 3. Tổ chức thực hiện", "paragraphs": execution},
        ],
        signers=co_chairs(conference, head.workers),
        validity=_validity(conference, present, outcomes),
    )


def _validity(
    conference: Conference, present: Attendance, outcomes: list[ItemOutcome]
) -> list[dict[str, str]]:
    """The stamp that lets anyone check the resolution was validly adopted."""
    who = attendees(conference)
    pass_words, pass_source = rule_text(conference.pass_rule, conference.pass_source, who)
    rows = [
        {
            "label": f"Số {who} được triệu tập",
            "value": format_number(present.expected),
            "source": "Danh sách đại biểu",
        },
        {
            "label": f"Số {who} có mặt",
            "value": (f"{format_number(present.present)} ({present.share})"),
            "source": "Điểm danh tại hội nghị",
        },
        {
            "label": f"Điều kiện hợp lệ: {present.quorum}",
            "value": "Đạt" if present.quorum_reached else "Không đạt",
            "source": present.quorum_source,
        },
        {"label": "Quy tắc thông qua", "value": pass_words, "source": pass_source},
    ]
    for outcome in outcomes:
        if outcome.result is None:
            continue
        for question in outcome.result.questions:
            _, source = rule_text(question.rule, question.rule_source, who)
            rows.append(
                {
                    "label": f"Nội dung {outcome.position}. {outcome.title}",
                    "value": f"{votes_text(question, outcome.labels, outcome.result)}"
                    f" — {verdict_text(question, outcome.labels)}",
                    "source": source,
                }
            )
    return rows


async def issue_resolution(context: EnterpriseContext, conference_id: int) -> IssuedDocument:
    """Nghị quyết hội nghị with its validity stamp. Called by the publishing use case (inside
    its transaction), once the commitments are recorded as follow-up actions (source
    "conference"); it stores the returned document's id on the conference."""
    require(context)
    conference = await conference_of(context, conference_id)
    present = attendance(conference, await read_delegates(conference.id))
    commitments = await followups.list_for(context, "conference", conference.id)
    document_context = resolution_context(
        await head_of(context),
        conference,
        present,
        await read_outcomes(conference.id),
        commitments,
    )
    return await issue_document(
        context,
        conference,
        kind=RESOLUTION_KIND,
        type_code="NQ",
        template=RESOLUTION,
        document_context=document_context,
        on=conference.held_on,
    )
