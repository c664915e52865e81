"""The democracy regulation through its pages: built from its chapters, consulted on, comments
answered (a rejection needs its reason), issued (decision and regulation read back), published,
revised; refusals change nothing."""

from __future__ import annotations

import pytest

from labour_democracy.core.tables import Enterprise, Ownership, Role
from labour_democracy.documents.checks import all_text
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import today
from labour_democracy.workplace_rules.tables import (
    RegulationChapter,
    RegulationComment,
    RegulationStatus,
    RegulationVersion,
)
from tests import factories


async def in_english(browser):
    response = await browser.post("/language", {"language": "en", "next": "/"})
    assert response.status_code == 303
    return browser


@pytest.fixture
async def enterprise() -> int:
    enterprise_id = await factories.enterprise(name="Công ty TNHH May Sông Hồng", symbol="SHVN")
    await factories.user("hr@a.vn", Role.HR, enterprise_id)
    await factories.user("union@a.vn", Role.UNION, enterprise_id)
    await factories.workers(enterprise_id, 12)
    return enterprise_id


async def _version() -> RegulationVersion:
    return (
        await RegulationVersion.objects()
        .order_by(RegulationVersion.number, ascending=False)
        .first()
    )


async def test_an_empty_regulation_shows_every_chapter_missing(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    page = await hr.get(f"/enterprises/{enterprise}/workplace-rules/")
    assert page.status_code == 200
    assert "Missing: 7 of 7 chapters" not in page.text  # the dialogue chapter comes from dialogue
    assert "Missing: 6 of 7 chapters" in page.text
    assert "Decree 145/2020/NĐ-CP, Arts. 48" in page.text
    version = await _version()
    assert version.status == RegulationStatus.DRAFT and not version.state_owned


async def test_a_state_owned_enterprise_gets_the_inspection_board_chapter(browser_for):
    enterprise_id = await factories.enterprise(ownership=Ownership.STATE_OWNED)
    await factories.user("soe@a.vn", Role.HR, enterprise_id)
    hr = await in_english(await browser_for("soe@a.vn"))
    page = await hr.get(f"/enterprises/{enterprise_id}/workplace-rules/")
    assert "Ban Thanh tra nhân dân" in page.text and "Missing: 7 of 8 chapters" in page.text


async def _full_draft(hr, enterprise) -> int:
    await hr.get(f"/enterprises/{enterprise}/workplace-rules/")
    version = await _version()
    response = await hr.post(
        f"/enterprises/{enterprise}/workplace-rules/regulation/{version.id}/defaults"
    )
    assert response.status_code == 303
    return version.id


async def test_issuing_without_the_consultation_is_refused(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    version_id = await _full_draft(hr, enterprise)
    response = await hr.post(
        f"/enterprises/{enterprise}/workplace-rules/regulation/{version_id}/issue",
        {"issued_on": today().isoformat(), "signer_title": "Giám đốc", "signer_name": "An"},
    )
    assert response.status_code == 422
    assert "Consult the workers&#39; representatives" in response.text
    assert (await _version()).status == RegulationStatus.DRAFT
    assert await IssuedDocument.count() == 0


async def test_a_chapter_that_drops_a_right_is_refused(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    version_id = await _full_draft(hr, enterprise)
    response = await hr.post(
        f"/enterprises/{enterprise}/workplace-rules/regulation/{version_id}/chapter",
        {"key": "comment", "text": "Chỉ góp ý về nội quy.", "matters": ["internal_rules"]},
    )
    assert response.status_code == 422 and "Law 10/2022/QH15, Art. 82(3)" in response.text
    chapter = (
        await RegulationChapter.objects()
        .where((RegulationChapter.version == version_id) & (RegulationChapter.key == "comment"))
        .first()
    )
    assert chapter.text.startswith("Người lao động tham gia ý kiến")


async def test_consulted_regulation_is_issued_with_a_reasoned_rejection_and_published(
    browser_for, enterprise
):
    hr = await in_english(await browser_for("hr@a.vn"))
    union = await in_english(await browser_for("union@a.vn"))
    version_id = await _full_draft(hr, enterprise)
    base = f"/enterprises/{enterprise}/workplace-rules/regulation"
    response = await hr.post(
        f"{base}/{version_id}/consultation",
        {"consulted_bodies": "Công đoàn cơ sở", "started_on": today().isoformat()},
    )
    assert response.status_code == 303
    response = await union.post(
        f"{base}/{version_id}/comments",
        {"author": "Công đoàn cơ sở", "chapter_key": "conference", "body": "Họp hai lần mỗi năm."},
    )
    assert response.status_code == 303
    comment = await RegulationComment.objects().first()

    # The union may not answer its own comment; HR answers, and a rejection needs its reason.
    response = await union.post(f"{base}/comments/{comment.id}", {"decision": "reject"})
    assert response.status_code == 403
    response = await hr.post(f"{base}/comments/{comment.id}", {"decision": "reject", "reason": " "})
    assert response.status_code == 422 and "Art. 48(2)" in response.text
    assert (await RegulationComment.objects().first()).status == "comment_pending"

    # An unanswered comment blocks issuing.
    issue = {
        "issued_on": today().isoformat(),
        "signer_title": "Giám đốc",
        "signer_name": "Nguyễn Văn An",
    }
    response = await hr.post(f"{base}/{version_id}/issue", issue)
    assert response.status_code == 422 and "Answer every comment" in response.text

    response = await hr.post(
        f"{base}/comments/{comment.id}",
        {"decision": "reject", "reason": "Ngân sách chỉ cho phép một lần."},
    )
    assert response.status_code == 303
    response = await hr.post(f"{base}/{version_id}/issue", issue)
    assert response.status_code == 303
    version = await _version()
    assert version.status == RegulationStatus.ISSUED
    decision = (
        await IssuedDocument.objects().where(IssuedDocument.id == version.decision_document).first()
    )
    regulation = (
        await IssuedDocument.objects()
        .where(IssuedDocument.id == version.regulation_document)
        .first()
    )
    assert decision.reference == "01/QĐ-SHVN" and regulation.reference == "01/QC-SHVN"

    text = all_text(
        (await hr.get(f"/enterprises/{enterprise}/documents/{decision.id}/docx")).content
    )
    assert (
        "QUYẾT ĐỊNH" in text and "Về việc ban hành Quy chế dân chủ ở cơ sở tại nơi làm việc" in text
    )
    assert "Căn cứ Nghị định số 145/2020/NĐ-CP" in text
    text = all_text(
        (await hr.get(f"/enterprises/{enterprise}/documents/{regulation.id}/docx")).content
    )
    assert "QUY CHẾ" in text and "Chương I" in text and "ĐỐI THOẠI TẠI NƠI LÀM VIỆC" in text
    assert "01/QĐ-SHVN" in text and "Đối thoại định kỳ được tổ chức 1 lần mỗi năm" in text

    response = await hr.post(f"{base}/{version_id}/publish")
    assert response.status_code == 303
    assert (await _version()).status == RegulationStatus.PUBLISHED
    token = (
        await Enterprise.select(Enterprise.public_token).where(Enterprise.id == enterprise).first()
    )["public_token"]
    public = await (await in_english(await browser_for())).get(f"/p/{token}")
    assert "Democracy regulation, version 1, published" in public.text

    # A revision starts a new draft with the same chapters, consulted again.
    response = await hr.post(f"{base}/revise")
    assert response.status_code == 303
    revised = await _version()
    assert revised.number == 2 and revised.status == RegulationStatus.DRAFT
    assert await RegulationChapter.count().where(RegulationChapter.version == revised.id) == 6

    api = await hr.api("GET", f"/api/v1/enterprises/{enterprise}/regulation-versions")
    assert api.status_code == 200
    assert [(v["number"], v["status"]) for v in api.json()] == [
        (2, "reg_draft"),
        (1, "reg_published"),
    ]


async def test_an_issued_version_cannot_be_edited(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    version_id = await _full_draft(hr, enterprise)
    await RegulationVersion.update({RegulationVersion.status: RegulationStatus.ISSUED}).where(
        RegulationVersion.id == version_id
    )
    response = await hr.post(
        f"/enterprises/{enterprise}/workplace-rules/regulation/{version_id}/chapter",
        {"key": "general", "text": "Khác"},
    )
    assert response.status_code == 303  # refused with a message, the page reloaded
    chapter = (
        await RegulationChapter.objects()
        .where((RegulationChapter.version == version_id) & (RegulationChapter.key == "general"))
        .first()
    )
    assert chapter.text != "Khác"


async def test_workers_read_the_draft_and_are_consulted_through_a_ballot(browser_for, enterprise):
    from labour_democracy.voting.tables import Ballot

    hr = await in_english(await browser_for("hr@a.vn"))
    version_id = await _full_draft(hr, enterprise)
    base = f"/enterprises/{enterprise}/workplace-rules/regulation"
    token = (
        await Enterprise.select(Enterprise.public_token).where(Enterprise.id == enterprise).first()
    )["public_token"]
    worker = await in_english(await browser_for())
    page = await worker.get(f"/p/{token}/regulation")
    assert page.status_code == 200 and "No regulation is published yet." in page.text
    assert "Người lao động tham gia ý kiến" not in page.text  # a draft not yet sent is private

    # A ballot only while the draft is under consultation.
    response = await hr.post(f"{base}/{version_id}/ballot")
    assert response.status_code == 303 and await Ballot.count() == 0
    await hr.post(
        f"{base}/{version_id}/consultation",
        {"consulted_bodies": "Công đoàn cơ sở", "started_on": today().isoformat()},
    )
    page = await worker.get(f"/p/{token}/regulation")
    assert "Draft under consultation" in page.text and "Người lao động tham gia ý kiến" in page.text
    assert (
        "Draft democracy regulation: read it and send your comments"
        in (await worker.get(f"/p/{token}")).text
    )
    response = await hr.post(f"{base}/{version_id}/ballot")
    ballot = await Ballot.objects().first()
    assert response.headers["location"] == f"/enterprises/{enterprise}/ballots/{ballot.id}"
    assert ballot.purpose == "consultation" and ballot.title.startswith("Lấy ý kiến dự thảo")
    assert (await _version()).ballot_id == ballot.id
    await hr.post(f"{base}/{version_id}/ballot")
    assert await Ballot.count() == 1


async def test_under_ten_workers_the_regulation_is_optional_and_the_federation_only_reads(
    browser_for,
):
    enterprise_id = await factories.enterprise()
    await factories.user("small@a.vn", Role.HR, enterprise_id)
    await factories.user("fed@a.vn", Role.FEDERATION, province="24")
    await factories.workers(enterprise_id, 9)
    hr = await in_english(await browser_for("small@a.vn"))
    page = await hr.get(f"/enterprises/{enterprise_id}/workplace-rules/")
    assert "With 9 workers the enterprise need not issue one" in page.text
    federation = await in_english(await browser_for("fed@a.vn"))
    page = await federation.get(f"/enterprises/{enterprise_id}/workplace-rules/")
    assert page.status_code == 200 and "Save the chapter" not in page.text
    version = await _version()
    response = await federation.post(
        f"/enterprises/{enterprise_id}/workplace-rules/regulation/{version.id}/defaults"
    )
    assert response.status_code == 403


async def test_an_issued_version_keeps_the_dialogue_chapter_it_printed(browser_for, enterprise):
    from labour_democracy.dialogue.tables import DialogueSettings

    hr = await in_english(await browser_for("hr@a.vn"))
    version_id = await _full_draft(hr, enterprise)
    base = f"/enterprises/{enterprise}/workplace-rules/regulation"
    await hr.post(
        f"{base}/{version_id}/consultation",
        {"consulted_bodies": "Công đoàn cơ sở", "started_on": today().isoformat()},
    )
    issue = {"issued_on": today().isoformat(), "signer_title": "Giám đốc", "signer_name": "An"}
    assert (await hr.post(f"{base}/{version_id}/issue", issue)).status_code == 303
    await DialogueSettings.update(
        {DialogueSettings.periodic_per_year: 2, DialogueSettings.periodic_months: "3, 9"}
    ).where(DialogueSettings.enterprise == enterprise)
    page = await hr.get(f"{base}/{version_id}")
    assert "1 lần mỗi năm" in page.text and "2 lần mỗi năm" not in page.text
    await hr.post(f"{base}/revise")
    page = await hr.get(f"/enterprises/{enterprise}/workplace-rules/")
    assert "2 lần mỗi năm, vào tháng 3, 9" in page.text


async def test_a_worker_comments_on_the_draft_from_the_public_page(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    version_id = await _full_draft(hr, enterprise)
    token = (
        await Enterprise.select(Enterprise.public_token).where(Enterprise.id == enterprise).first()
    )["public_token"]
    worker = await in_english(await browser_for())
    response = await worker.post(f"/p/{token}/regulation", {"body": "Quá sớm"})
    assert response.status_code == 303 and await RegulationComment.count() == 0  # no draft sent
    await hr.post(
        f"/enterprises/{enterprise}/workplace-rules/regulation/{version_id}/consultation",
        {"consulted_bodies": "Công đoàn cơ sở", "started_on": today().isoformat()},
    )
    response = await worker.post(f"/p/{token}/regulation", {"body": " ", "chapter_key": "decide"})
    assert response.status_code == 422 and await RegulationComment.count() == 0
    response = await worker.post(
        f"/p/{token}/regulation", {"body": "Thêm quyền góp ý về ca đêm.", "chapter_key": "comment"}
    )
    assert response.status_code == 200 and "your comment is recorded" in response.text
    comment = await RegulationComment.objects().first()
    assert comment.author == "Người lao động (không ghi tên)" and comment.chapter_key == "comment"
    page = await hr.get(f"/enterprises/{enterprise}/workplace-rules/")
    assert "Thêm quyền góp ý về ca đêm." in page.text
    assert "Comments waiting for an answer: 1" in page.text
