"""The six-monthly review of an SOE's resolution (Law 10/2022/QH15, Art. 70(3)): recording it
issues the report to the workers (Báo cáo sơ kết), read back with python-docx, once; its
download (both engines)."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import unquote

import docx
import pytest

from labour_democracy.conferences import closing, planning
from labour_democracy.conferences import review as review_stage
from labour_democracy.conferences.documents import review_report, samples, templates
from labour_democracy.conferences.schemas import ReviewForm
from labour_democracy.conferences.tables import (
    Conference,
    ConferenceForm,
    ConferenceKind,
    Requester,
    ResolutionReview,
)
from labour_democracy.core.errors import Conflict, Invalid, NotFound
from labour_democracy.core.tables import AuditEntry, Role
from labour_democracy.documents import pdf
from labour_democracy.documents.checks import all_text
from labour_democracy.documents.controllers import DOCX_TYPE
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.followups import services as followups
from tests import factories
from tests.conferences.conftest import SOE_HELD_ON, plan_form, published_soe

RAISE = ("Tăng lương 5 % từ tháng 7/2026", "Ban Giám đốc", dt.date(2026, 6, 30))
FANS = ("Lắp thêm quạt thông gió xưởng may", "Phòng Hành chính nhân sự", dt.date(2026, 8, 31))
REVIEWED_ON = dt.date(2026, 9, 15)
REPORT = "Sản xuất ổn định, thu nhập bình quân tăng 6 %.\n\nQuạt thông gió chưa lắp: chờ vốn."


async def _soe_with_a_done_and_an_overdue_commitment(role: Role = Role.UNION, symbol="SOE"):
    context, conference_id = await published_soe((RAISE, FANS), role=role, symbol=symbol)
    raise_id, _fans = [row["id"] for row in await closing.commitments(context, conference_id)]
    await followups.complete(context, raise_id, done_on=dt.date(2026, 6, 20))
    reviews = await review_stage.reviews(context, conference_id)
    return context, conference_id, [review["id"] for review in reviews]


def _form(held_on: dt.date = REVIEWED_ON, **values) -> ReviewForm:
    return ReviewForm(
        held_on=held_on,
        report=values.pop("report", REPORT),
        informed_workers_on=values.pop("informed_workers_on", dt.date(2026, 9, 20)),
        reason=values.pop("reason", ""),
    )


async def _state() -> list:
    """What recording a review may change: the reviews, the documents and the audit log."""
    return [
        await ResolutionReview.select().order_by(ResolutionReview.id),
        await IssuedDocument.select(IssuedDocument.id, IssuedDocument.reference),
        await AuditEntry.count(),
    ]


async def test_recording_a_review_issues_its_report_with_each_commitment_and_the_counts():
    context, conference_id, (first, second) = await _soe_with_a_done_and_an_overdue_commitment()
    reviews = await review_stage.reviews(context, conference_id)
    assert [r["due_on"] for r in reviews] == [dt.date(2026, 9, 10), dt.date(2027, 3, 10)]
    assert all(r["document"] is None for r in reviews)

    document_id = await review_stage.record_review(context, conference_id, first, _form())
    review = await review_stage.review(context, conference_id, first)
    assert review.document == document_id and review.held_on == REVIEWED_ON
    document = await IssuedDocument.objects().where(IssuedDocument.id == document_id).first()
    assert document.reference == "01/BC-SOE"
    assert document.kind == templates.REVIEW_REPORT_KIND
    conference = await Conference.objects().where(Conference.id == conference_id).first()
    resolution = await IssuedDocument.objects().where(IssuedDocument.id == conference.resolution)
    resolution_reference = resolution[0].reference
    assert resolution_reference == "01/NQ-SOE"

    read = docx.Document(io.BytesIO(document.content))
    text = all_text(document.content)
    assert "BÁO CÁO" in text
    assert "Sơ kết 6 tháng thực hiện Nghị quyết Hội nghị người lao động năm 2026" in text
    assert (
        "ngày 15/09/2026 Công ty TNHH Thử nghiệm đã tổ chức sơ kết 6 tháng việc thực hiện "
        "Nghị quyết Hội nghị người lao động năm 2026 số 01/NQ-SOE ngày 10/03/2026." in text
    )
    assert "Thời gian sơ kết: từ ngày 10/03/2026 đến ngày 15/09/2026." in text
    rows = [[cell.text.replace("\u00a0", " ") for cell in row.cells] for row in read.tables[1].rows]
    assert rows == [
        ["STT", "Nội dung cam kết", "Phụ trách", "Thời hạn", "Kết quả"],
        ["1", RAISE[0], RAISE[1], "30/06/2026", "Đã hoàn thành 20/06/2026"],
        ["2", FANS[0], FANS[1], "31/08/2026", "Chưa hoàn thành, quá hạn"],
    ]
    assert (
        "Tổng số cam kết của Nghị quyết: 2. Đã hoàn thành: 1; chưa hoàn thành: 1 (trong đó quá "
        "hạn: 1); không thực hiện: 0." in text
    )
    paragraphs = [p.text.replace("\u00a0", " ") for p in read.paragraphs]
    assert "II. KẾT QUẢ SƠ KẾT" in paragraphs
    assert "Sản xuất ổn định, thu nhập bình quân tăng 6 %." in paragraphs
    assert "Quạt thông gió chưa lắp: chờ vốn." in paragraphs
    assert "Kết quả sơ kết đã được thông báo tới toàn thể người lao động ngày 20/09/2026." in text
    for line in (
        "- Toàn thể người lao động (niêm yết, công bố);",
        "- Nhóm đại diện đối thoại của người lao động;",  # no union (Decree 145, Art. 47(1))
        "- Lưu: VT.",
    ):
        assert line in text
    assert "GIÁM ĐỐC" in text and "Nguyễn Văn A" in text  # the letterhead's signer

    # The next review covers the time since this one, and takes the next number.
    document_id = await review_stage.record_review(
        context,
        conference_id,
        second,
        _form(
            dt.date(2026, 11, 20),
            informed_workers_on=None,
            report="Đã lắp quạt.",
            reason="Ban Giám đốc đề nghị sơ kết trước kỳ nghỉ Tết.",
        ),
    )
    text = all_text(
        (await IssuedDocument.objects().where(IssuedDocument.id == document_id))[0].content
    )
    assert "02/BC-SOE" in text
    assert "Thời gian sơ kết: từ ngày 15/09/2026 đến ngày 20/11/2026." in text
    assert (
        "Lý do sơ kết khi chưa đủ 6 tháng: Ban Giám đốc đề nghị sơ kết trước kỳ nghỉ Tết." in text
    )
    assert "Kết quả sơ kết được niêm yết, công bố để toàn thể người lao động biết" in text


async def test_a_review_is_recorded_once_and_a_second_attempt_changes_nothing():
    context, conference_id, (first, _second) = await _soe_with_a_done_and_an_overdue_commitment()
    await review_stage.record_review(context, conference_id, first, _form())
    before = await _state()
    with pytest.raises(Conflict, match="This review is already recorded"):
        await review_stage.record_review(
            context, conference_id, first, _form(dt.date(2026, 9, 16), report="Khác")
        )
    assert await _state() == before


async def test_a_review_dated_before_the_conference_or_informed_before_it_is_refused():
    context, conference_id, (first, _second) = await _soe_with_a_done_and_an_overdue_commitment()
    before = await _state()
    with pytest.raises(Invalid) as error:
        await review_stage.record_review(
            context, conference_id, first, _form(SOE_HELD_ON - dt.timedelta(days=1))
        )
    assert "held_on" in error.value.errors
    with pytest.raises(Invalid) as error:
        await review_stage.record_review(
            context, conference_id, first, _form(informed_workers_on=dt.date(2026, 9, 1))
        )
    assert "informed_workers_on" in error.value.errors
    assert await _state() == before


async def test_another_conferences_review_is_not_found():
    context, _conference_id, (first, _second) = await _soe_with_a_done_and_an_overdue_commitment()
    other = await planning.plan_conference(
        context,
        plan_form(
            year=2026,
            held_on=dt.date(2026, 3, 20),
            form=ConferenceForm.WHOLE,
            kind=ConferenceKind.EXTRAORDINARY,
            requested_by=Requester.UNION,
        ),
    )
    with pytest.raises(NotFound):
        await review_stage.record_review(context, other, first, _form())


@pytest.mark.unit
def test_the_report_says_why_a_commitment_was_dropped_and_what_is_not_yet_due():
    conference = samples._sample_conference()
    facts = review_report.ReviewFacts(
        held_on=dt.date(2027, 7, 15),
        since=conference.held_on,
        months=6,
        report="Ổn định.",
        informed_workers_on=None,
        resolution_reference="",
        resolution_on=None,
    )
    rows = [
        {
            "title": "Xây nhà ăn",
            "owner": "Công ty",
            "due_on": dt.date(2027, 6, 1),
            "status": "dropped",
            "done_on": None,
            "drop_reason": "Không được cấp phép xây dựng.",
        },
        {
            "title": "Khám sức khỏe",
            "owner": "Công ty",
            "due_on": dt.date(2027, 7, 15),  # due on the day of the review: not late yet
            "status": "open",
            "done_on": None,
            "drop_reason": "",
        },
    ]
    context = review_report.review_report_context(
        samples._SAMPLE_HEAD, conference, facts, rows, dt.date(2027, 7, 16)
    )
    assert [row["result"] for row in context["commitments"]] == [
        "Không thực hiện: Không được cấp phép xây dựng.",
        "Chưa hoàn thành",
    ]
    assert context["counts"] == [
        "Tổng số cam kết của Nghị quyết: 2. Đã hoàn thành: 0; chưa hoàn thành: 1; "
        "không thực hiện: 1."
    ]
    assert "thực hiện Nghị quyết Hội nghị người lao động năm 2026." in context["body"][0]
    nothing = review_report.review_report_context(
        samples._SAMPLE_HEAD, conference, facts, [], dt.date(2027, 7, 16)
    )
    assert nothing["counts"] == ["Nghị quyết không có cam kết cần theo dõi."]


# Pages ------------------------------------------------------------------------------------------


async def _signed_in(browser_for, enterprise_id: int, role: Role):
    email = f"{role.value}-{enterprise_id}@review.test"
    await factories.english_user(email, role, enterprise_id)
    return await browser_for(email)


async def test_the_review_form_issues_the_report_and_the_page_links_it(browser_for):
    context, conference_id, (first, _second) = await _soe_with_a_done_and_an_overdue_commitment(
        Role.HR
    )
    base = f"/enterprises/{context.enterprise_id}/conferences/{conference_id}"
    hr = await _signed_in(browser_for, context.enterprise_id, Role.HR)
    report_url = f"{base}/documents/review-report?review={first}"
    early = await hr.get(report_url)
    assert early.status_code == 303 and early.headers["location"] == base
    assert "Not issued yet" in (await hr.get(base)).text

    recorded = await hr.post(
        f"{base}/reviews",
        {
            "review_id": str(first),
            "held_on": "2026-09-15",
            "report": REPORT,
            "informed_workers_on": "2026-09-20",
        },
    )
    assert recorded.status_code == 303
    page = await hr.get(base)
    assert "its report to the workers issued" in page.text
    assert f"/documents/review-report?review={first}" in page.text

    got = await hr.get(report_url)
    assert got.status_code == 200 and got.headers["content-type"].startswith(DOCX_TYPE)
    assert "01-BC-SOE" in unquote(got.headers["content-disposition"])
    assert "Chưa hoàn thành, quá hạn" in all_text(got.content)

    again = await hr.post(
        f"{base}/reviews",
        {"review_id": str(first), "held_on": "2026-09-16", "report": "Khác"},
    )
    assert again.status_code == 303
    assert "This review is already recorded." in (await hr.get(base)).text
    assert (
        await IssuedDocument.count().where(IssuedDocument.kind == templates.REVIEW_REPORT_KIND) == 1
    )

    union = await _signed_in(browser_for, context.enterprise_id, Role.UNION)
    assert (await union.get(report_url)).content == got.content


async def test_the_report_download_stays_within_its_enterprise_and_conference(browser_for):
    context, conference_id, (first, _second) = await _soe_with_a_done_and_an_overdue_commitment()
    await review_stage.record_review(context, conference_id, first, _form())
    base = f"/enterprises/{context.enterprise_id}/conferences/{conference_id}"
    url = f"{base}/documents/review-report?review={first}"

    (
        other_context,
        other_conference,
        (other_review, _),
    ) = await _soe_with_a_done_and_an_overdue_commitment(symbol="OTH")
    stranger = await _signed_in(browser_for, other_context.enterprise_id, Role.HR)
    assert (await stranger.get(url)).status_code == 404
    # Nor through the stranger's own conference: the review belongs to another one.
    own = f"/enterprises/{other_context.enterprise_id}/conferences/{other_conference}"
    assert (await stranger.get(f"{own}/documents/review-report?review={first}")).status_code == 404

    hr = await _signed_in(browser_for, context.enterprise_id, Role.HR)
    assert (await hr.get(url)).status_code == 200
    # Another conference's review, named under this conference, is not found.
    assert (
        await hr.get(f"{base}/documents/review-report?review={other_review}")
    ).status_code == 404
    for odd in ("abc", "99999999999", "1e3", "-", "²", str(2**70)):
        response = await hr.get(f"{base}/documents/review-report?review={odd}")
        assert 400 <= response.status_code < 500, (odd, response.status_code)
    missing = await hr.get(f"{base}/documents/review-report")
    assert missing.status_code == 303


async def test_without_soffice_a_pdf_report_goes_back_with_the_reason(browser_for, monkeypatch):
    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    context, conference_id, (first, _second) = await _soe_with_a_done_and_an_overdue_commitment()
    await review_stage.record_review(context, conference_id, first, _form())
    hr = await _signed_in(browser_for, context.enterprise_id, Role.HR)
    base = f"/enterprises/{context.enterprise_id}/conferences/{conference_id}"
    response = await hr.get(f"{base}/documents/review-report?review={first}&format=pdf")
    assert response.status_code == 303
    assert "LibreOffice is not installed" in (await hr.get(response.headers["location"])).text


async def test_a_six_monthly_review_covering_four_days_needs_its_reason():
    context, conference_id, (first, _second) = await _soe_with_a_done_and_an_overdue_commitment(
        symbol="EARLY"
    )
    four_days_on = SOE_HELD_ON + dt.timedelta(days=4)
    before = await _state()
    with pytest.raises(Invalid) as refused:
        await review_stage.record_review(
            context, conference_id, first, _form(four_days_on, informed_workers_on=None)
        )
    assert "4" in refused.value.errors["reason"]
    assert await _state() == before
    document_id = await review_stage.record_review(
        context,
        conference_id,
        first,
        _form(four_days_on, informed_workers_on=None, reason="Thay đổi Ban Giám đốc."),
    )
    document = await IssuedDocument.objects().where(IssuedDocument.id == document_id).first()
    assert "Lý do sơ kết khi chưa đủ 6 tháng: Thay đổi Ban Giám đốc." in all_text(document.content)
