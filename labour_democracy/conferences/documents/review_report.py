"""The report of a six-monthly review of the resolution (Báo cáo sơ kết, Law 10/2022/QH15,
Art. 70(3)): the commitments with their results and what the review recorded."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from labour_democracy.conferences.documents.common import (
    Head,
    conference_context,
    conference_name,
    head_of,
    issue_document,
    short_date,
)
from labour_democracy.conferences.documents.records import conference_of
from labour_democracy.conferences.documents.templates import REVIEW_REPORT, REVIEW_REPORT_KIND
from labour_democracy.conferences.queries import require
from labour_democracy.conferences.tables import (
    Conference,
    ResolutionReview,
)
from labour_democracy.core.errors import NotFound
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.documents.rules import DEMOCRACY_LAW, single_line
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.followups import services as followups
from labour_democracy.followups.tables import FollowUpStatus
from labour_democracy.i18n import format_number, today


@dataclass(frozen=True)
class ReviewFacts:
    """What a recorded review says, with the period it covers and the resolution it reviews."""

    held_on: dt.date
    since: dt.date  # the conference, or the previous review
    months: int  # the interval of the review schedule
    report: str
    informed_workers_on: dt.date | None
    resolution_reference: str  # "" when the resolution was not issued through the app
    resolution_on: dt.date | None
    early_reason: str = ""  # why it covers less than half its interval (conferences/rules.py)


def months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def _commitment_result(row: dict, held_on: dt.date) -> str:
    """A commitment's result in the report: done (when), dropped (why), or still open (and
    overdue when its date had passed on the day of the review)."""
    if row["status"] == FollowUpStatus.DONE:
        return f"Đã hoàn thành {short_date(row['done_on'])}".strip()
    if row["status"] == FollowUpStatus.DROPPED:
        return f"Không thực hiện: {single_line(row['drop_reason'])}"
    overdue = row["due_on"] is not None and row["due_on"] < held_on
    return "Chưa hoàn thành, quá hạn" if overdue else "Chưa hoàn thành"


def _commitment_counts(commitments: list[dict], held_on: dt.date) -> list[str]:
    if not commitments:
        return ["Nghị quyết không có cam kết cần theo dõi."]
    done = sum(1 for row in commitments if row["status"] == FollowUpStatus.DONE)
    dropped = sum(1 for row in commitments if row["status"] == FollowUpStatus.DROPPED)
    still_open = len(commitments) - done - dropped
    overdue = sum(
        1
        for row in commitments
        if row["status"] == FollowUpStatus.OPEN and row["due_on"] and row["due_on"] < held_on
    )
    open_words = f"chưa hoàn thành: {format_number(still_open)}"
    if overdue:
        open_words += f" (trong đó quá hạn: {format_number(overdue)})"
    return [
        f"Tổng số cam kết của Nghị quyết: {format_number(len(commitments))}. "
        f"Đã hoàn thành: {format_number(done)}; {open_words}; "
        f"không thực hiện: {format_number(dropped)}."
    ]


def review_report_context(
    head: Head,
    conference: Conference,
    review: ReviewFacts,
    commitments: list[dict],
    on: dt.date,
) -> dict[str, Any]:
    name = conference_name(conference)
    resolution = f"Nghị quyết {name}"
    if review.resolution_reference:
        resolution += f" số {review.resolution_reference}"
    if review.resolution_on:
        resolution += f" ngày {short_date(review.resolution_on)}"
    body = [
        f"Thực hiện Điều 70 {DEMOCRACY_LAW} và Quy chế dân chủ ở "
        f"cơ sở tại nơi làm việc, ngày {short_date(review.held_on)} {head.name} đã tổ chức sơ kết "
        f"{review.months} tháng việc thực hiện {resolution}.",
        f"Thời gian sơ kết: từ ngày {short_date(review.since)} "
        f"đến ngày {short_date(review.held_on)}. "
        "Kết quả như sau:",
    ]
    if review.early_reason:
        body.insert(-1, f"Lý do sơ kết khi chưa đủ {review.months} tháng: {review.early_reason}")
    rows = [
        {
            "number": index,
            "title": row["title"],
            "owner": row["owner"],
            "due": short_date(row["due_on"]),
            "result": _commitment_result(row, review.held_on),
        }
        for index, row in enumerate(commitments, start=1)
    ]
    if review.informed_workers_on:
        closing = (
            "Kết quả sơ kết đã được thông báo tới toàn thể người lao động ngày "
            f"{short_date(review.informed_workers_on)}."
        )
    else:
        closing = (
            "Kết quả sơ kết được niêm yết, công bố để toàn thể người lao động biết theo Quy chế "
            "dân chủ ở cơ sở tại nơi làm việc."
        )
    return conference_context(
        head,
        conference,
        doc_type="BÁO CÁO",
        summary=f"Sơ kết {review.months} tháng thực hiện Nghị quyết {name}",
        on=on,
        body=body,
        recipients=[
            "Toàn thể người lao động (niêm yết, công bố);",
            f"{head.workers};",
            "Lưu: VT.",
        ],
        commitments=rows,
        counts=_commitment_counts(commitments, review.held_on),
        report=[line.strip() for line in review.report.splitlines() if line.strip()],
        closing=[closing],
    )


async def review_period(
    conference: Conference, review_id: int, held_on: dt.date
) -> tuple[dt.date, int]:
    """The start of the period a review held on `held_on` covers (the conference, or the last
    review recorded before), and the schedule's interval in months."""
    reviews = (
        await ResolutionReview.select()
        .where(ResolutionReview.conference == conference.id)
        .order_by(ResolutionReview.due_on)
    )
    index = next((i for i, row in enumerate(reviews) if row["id"] == review_id), 0)
    earlier = [
        row["held_on"]
        for row in reviews
        if row["id"] != review_id and row["held_on"] and row["held_on"] <= held_on
    ]
    scheduled_from = reviews[index - 1]["due_on"] if index else conference.held_on
    months = months_between(scheduled_from, reviews[index]["due_on"]) if reviews else 6
    return max([conference.held_on, *earlier]), months


async def _review_facts(conference: Conference, review_id: int) -> ReviewFacts:
    """The recorded review, the period since the conference or the previous review held before
    it, the schedule's interval, and the resolution's number and date."""
    reviews = (
        await ResolutionReview.select()
        .where(ResolutionReview.conference == conference.id)
        .order_by(ResolutionReview.due_on)
    )
    found = [i for i, row in enumerate(reviews) if row["id"] == review_id and row["held_on"]]
    if not found:
        raise NotFound
    index = found[0]
    review = reviews[index]
    held_on = review["held_on"]
    earlier = [
        row["held_on"]
        for row in reviews
        if row["id"] != review_id and row["held_on"] and row["held_on"] <= held_on
    ]
    scheduled_from = reviews[index - 1]["due_on"] if index else conference.held_on
    resolution = None
    if conference.resolution is not None:
        resolution = (
            await IssuedDocument.select(IssuedDocument.reference, IssuedDocument.issued_on)
            .where(IssuedDocument.id == conference.resolution)
            .first()
        )
    return ReviewFacts(
        held_on=held_on,
        since=max([conference.held_on, *earlier]),
        months=months_between(scheduled_from, review["due_on"]),
        report=review["report"],
        informed_workers_on=review["informed_workers_on"],
        resolution_reference=resolution["reference"] if resolution else "",
        resolution_on=resolution["issued_on"] if resolution else None,
    )


async def issue_review_report(
    context: EnterpriseContext, conference_id: int, review_id: int, early_reason: str = ""
) -> IssuedDocument:
    """Báo cáo sơ kết việc thực hiện Nghị quyết (Law 10/2022/QH15, Art. 70(3)). Called by the
    use case recording the review (inside its transaction, once the review's date and report
    are written); it stores the returned document's id on the review."""
    require(context)
    conference = await conference_of(context, conference_id)
    facts = dataclasses.replace(
        await _review_facts(conference, review_id), early_reason=single_line(early_reason)
    )
    commitments = await followups.list_for(context, "conference", conference.id)
    on = today()
    return await issue_document(
        context,
        conference,
        kind=REVIEW_REPORT_KIND,
        type_code="BC",
        template=REVIEW_REPORT,
        document_context=review_report_context(
            await head_of(context), conference, facts, commitments, on
        ),
        on=on,
    )
