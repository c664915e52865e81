"""The agreements pages: HR and the union from the request to the filing letter; bad input is
refused with its reason on the field and changes nothing; the public page shows the published
agreement; the JSON API reads it."""

from __future__ import annotations

import pytest

from labour_democracy.agreements.tables import Agreement, AgreementStatus, Chapter, Clause
from labour_democracy.core.tables import Role
from labour_democracy.i18n import today
from tests import factories
from tests.agreements import REPRESENTED


async def in_english(browser):
    response = await browser.post("/language", {"language": "en", "next": "/"})
    assert response.status_code == 303
    return browser


@pytest.fixture
async def enterprise() -> int:
    enterprise_id = await factories.enterprise(
        name="Công ty TNHH May Sông Hồng", symbol="SHVN", min_wage_region=1, **REPRESENTED
    )
    await factories.workers(enterprise_id, 4)
    await factories.user("hr@a.vn", Role.HR, enterprise_id)
    await factories.user("union@a.vn", Role.UNION, enterprise_id)
    return enterprise_id


async def _request(union, base: str) -> int:
    response = await union.post(
        base,
        {
            "requested_by": "cba_workers",
            "received_on": today().isoformat(),
            "title": "Thỏa ước lao động tập thể năm 2027",
            "contents": "Tiền lương",
        },
    )
    assert response.status_code == 303, response.text
    return (await Agreement.objects().first()).id


async def test_the_request_page_records_a_request_and_shows_its_deadlines(browser_for, enterprise):
    union = await in_english(await browser_for("union@a.vn"))
    base = f"/enterprises/{enterprise}/agreements"
    page = await union.get(base)
    assert "No bargaining or agreement yet." in page.text
    agreement_id = await _request(union, base)
    page = await union.get(f"{base}/{agreement_id}")
    assert page.status_code == 200
    assert "7 working days, Labour Code 45/2019/QH14, Art. 70(1)" in page.text
    assert "Wages, allowances" in page.text or "Tiền lương, phụ cấp" in page.text


async def test_a_figure_that_is_not_a_number_is_refused_on_its_field(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    union = await in_english(await browser_for("union@a.vn"))
    base = f"/enterprises/{enterprise}/agreements"
    agreement_id = await _request(union, base)
    chapter = await Chapter.objects().where(Chapter.agreement == agreement_id).first()
    response = await hr.post(
        f"{base}/{agreement_id}/clauses",
        {"chapter": str(chapter.id), "title": "Lương", "text": "Mức lương", "term": "wage_month",
         "value": "năm triệu"},
    )  # fmt: skip
    assert response.status_code == 422
    assert "Write a number" in response.text and "năm triệu" in response.text
    assert await Clause.count() == 0


async def test_a_clause_below_the_minimum_wage_is_flagged_and_blocks_the_vote(
    browser_for, enterprise
):
    hr = await in_english(await browser_for("hr@a.vn"))
    union = await in_english(await browser_for("union@a.vn"))
    base = f"/enterprises/{enterprise}/agreements"
    agreement_id = await _request(union, base)
    chapter = (
        await Chapter.objects()
        .where((Chapter.agreement == agreement_id) & (Chapter.position == 2))
        .first()
    )
    response = await hr.post(
        f"{base}/{agreement_id}/clauses",
        {"chapter": str(chapter.id), "title": "Lương thấp nhất", "text": "5.000.000 đ",
         "term": "wage_month", "value": "5.000.000"},
    )  # fmt: skip
    assert response.status_code == 303
    clause = await Clause.objects().first()
    page = await hr.get(f"{base}/{agreement_id}")
    assert "Below the law" in page.text and "293/2025" in page.text
    for who, side in ((hr, "cba_employer"), (union, "cba_workers")):
        response = await who.post(
            f"{base}/{agreement_id}/clauses/{clause.id}/proposals",
            {"side": side, "status": "clause_agreed"},
        )
        assert response.status_code == 303
    response = await union.post(f"{base}/{agreement_id}/vote", {"channels": "paper"})
    assert response.status_code == 303
    page = await union.get(f"{base}/{agreement_id}")
    assert "is below the law" in page.text
    assert (await Agreement.objects().first()).status == AgreementStatus.BARGAINING
    # HR may not speak for the workers.
    response = await hr.post(
        f"{base}/{agreement_id}/clauses/{clause.id}/proposals",
        {"side": "cba_workers", "status": "clause_agreed"},
    )
    assert response.status_code == 403


async def test_signing_before_approval_is_refused_and_the_api_reads_the_checks(
    browser_for, enterprise
):
    hr = await in_english(await browser_for("hr@a.vn"))
    union = await in_english(await browser_for("union@a.vn"))
    base = f"/enterprises/{enterprise}/agreements"
    agreement_id = await _request(union, base)
    response = await hr.post(
        f"{base}/{agreement_id}/sign",
        {"signed_on": today().isoformat(), "term_months": "24", "employer_signer": "A",
         "workers_signer": "B"},
    )  # fmt: skip
    assert response.status_code == 303
    page = await hr.get(f"{base}/{agreement_id}")
    assert "more than half of all workers approved it" in page.text
    assert (await Agreement.objects().first()).signed_on is None
    response = await hr.get(f"/api/v1/enterprises/{enterprise}/agreements/{agreement_id}")
    assert response.status_code == 200
    body = response.json()
    assert body["agreement"]["status"] == "cba_bargaining" and body["clauses"] == []
    listing = await hr.get(f"/api/v1/enterprises/{enterprise}/agreements")
    assert [row["id"] for row in listing.json()] == [agreement_id]


async def test_the_comparison_page_and_its_tracked_changes(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    union = await in_english(await browser_for("union@a.vn"))
    base = f"/enterprises/{enterprise}/agreements"
    agreement_id = await _request(union, base)
    chapter = await Chapter.objects().where(Chapter.agreement == agreement_id).first()
    await hr.post(
        f"{base}/{agreement_id}/clauses",
        {"chapter": str(chapter.id), "title": "Phạm vi", "text": "Toàn bộ người lao động"},
    )
    page = await hr.get(f"{base}/{agreement_id}/compare")
    assert page.status_code == 200
    assert "<ins>Toàn bộ người lao động</ins>" in page.text
    document = await hr.get(f"{base}/{agreement_id}/compare.docx?a=0&b=0")
    assert document.status_code == 200
    import io
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(document.content)).read("word/document.xml").decode()
    assert "<w:ins " in xml and "Toàn bộ người lao động" in xml


async def test_the_text_renders_in_vietnamese_or_with_english_from_the_same_articles(
    browser_for, enterprise
):
    import io

    import docx

    hr = await in_english(await browser_for("hr@a.vn"))
    union = await in_english(await browser_for("union@a.vn"))
    base = f"/enterprises/{enterprise}/agreements"
    agreement_id = await _request(union, base)
    chapter = await Chapter.objects().where(Chapter.agreement == agreement_id).first()
    await hr.post(
        f"{base}/{agreement_id}/clauses",
        {"chapter": str(chapter.id), "title": "Phạm vi", "text": "Toàn bộ người lao động.",
         "title_en": "Scope", "text_en": "All workers."},
    )  # fmt: skip

    def text(content: bytes) -> str:
        document = docx.Document(io.BytesIO(content))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)

    def side_by_side(content: bytes) -> list[tuple[str, str]]:
        document = docx.Document(io.BytesIO(content))
        return [(r.cells[0].text, r.cells[1].text) for t in document.tables for r in t.rows]

    vietnamese = text((await hr.get(f"{base}/{agreement_id}/text.docx")).content)
    both = text((await hr.get(f"{base}/{agreement_id}/text.docx?bilingual=true")).content)
    assert "Điều 1. Phạm vi" in vietnamese and "All workers." not in vietnamese
    assert "Điều 1. Phạm vi" in both and "Article 1. Scope" in both and "All workers." in both
    rows = side_by_side((await hr.get(f"{base}/{agreement_id}/text.docx?bilingual=true")).content)
    assert ("Điều 1. Phạm vi", "Article 1. Scope") in rows
    assert ("Toàn bộ người lao động.", "All workers.") in rows


async def test_a_sample_article_fills_the_form_and_is_checked_once_added(browser_for, enterprise):
    from labour_democracy.agreements import library

    hr = await in_english(await browser_for("hr@a.vn"))
    union = await in_english(await browser_for("union@a.vn"))
    base = f"/enterprises/{enterprise}/agreements"
    agreement_id = await _request(union, base)
    index = next(i for i, s in enumerate(library.samples(), start=1) if s["term"] == "wage_month")
    page = await hr.get(f"{base}/{agreement_id}?sample={index}")
    assert "5.600.000 đồng/tháng, cao hơn mức lương tối thiểu vùng" in page.text
    assert 'value="5600000"' in page.text
    assert (await hr.get(f"{base}/{agreement_id}?sample=999")).status_code == 200


async def test_the_public_copy_is_refused_until_published_and_outside_its_enterprise(
    browser_for, enterprise
):
    from labour_democracy.core.tables import Enterprise

    union = await in_english(await browser_for("union@a.vn"))
    agreement_id = await _request(union, f"/enterprises/{enterprise}/agreements")
    token = (await Enterprise.objects().where(Enterprise.id == enterprise).first()).public_token
    other = await factories.enterprise(name="B")
    other_token = (await Enterprise.objects().where(Enterprise.id == other).first()).public_token
    anyone = await browser_for()
    assert (await anyone.get(f"/p/{token}/agreements/{agreement_id}/copy.docx")).status_code == 404
    await Agreement.update({Agreement.published_on: today()}).where(Agreement.id == agreement_id)
    found = await anyone.get(f"/p/{token}/agreements/{agreement_id}/copy.docx")
    assert found.status_code == 200 and found.content[:2] == b"PK"
    wrong = await anyone.get(f"/p/{other_token}/agreements/{agreement_id}/copy.docx")
    assert wrong.status_code == 404
