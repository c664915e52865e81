"""Issuing a notice through its pages, and the documents list and downloads (both engines)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from urllib.parse import unquote

import pytest

from labour_democracy.core.tables import AuditEntry, Role
from labour_democracy.documents import pdf
from labour_democracy.documents.checks import all_text
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import today
from labour_democracy.notices import services
from labour_democracy.notices.tables import Notice
from tests import factories
from tests.helpers import require_tool


def _form(**changes) -> dict[str, str]:
    values = {
        "subject": "Về việc tổ chức Hội nghị người lao động năm 2026",
        "body": "Căn cứ Bộ luật Lao động năm 2019;\n\nCông ty thông báo lịch họp như sau.",
        "place": "Bắc Ninh",
        "issued_on": today().isoformat(),
        "signer_authority": "TM. Ban Giám đốc",
        "signer_title": "Giám đốc",
        "signer_name": "Nguyễn Văn An",
        "recipients": "Toàn thể người lao động;\nLưu: VT, HCNS.",
    }
    values.update(changes)
    return values


async def in_english(browser):
    """Messages are checked in English, whatever the default language."""
    response = await browser.post("/language", {"language": "en", "next": "/"})
    assert response.status_code == 303
    return browser


@pytest.fixture
async def enterprise() -> int:
    enterprise_id = await factories.enterprise(
        name="Công ty TNHH May Sông Hồng", symbol="SHVN", province="24"
    )
    await factories.user("hr@a.vn", Role.HR, enterprise_id)
    await factories.user("union@a.vn", Role.UNION, enterprise_id)
    return enterprise_id


async def test_hr_issues_a_notice_and_downloads_it(browser_for, enterprise):
    hr = await browser_for("hr@a.vn")
    response = await hr.post(f"/enterprises/{enterprise}/notices/new", _form())
    assert response.status_code == 303
    notice = await Notice.objects().first()
    assert response.headers["location"] == f"/enterprises/{enterprise}/notices/{notice.id}"

    page = await hr.get(response.headers["location"])
    assert page.status_code == 200
    year = today().year
    assert "01/TB-SHVN" in page.text and "Toàn thể người lao động;" in page.text
    document = await IssuedDocument.objects().where(IssuedDocument.id == notice.document).first()
    assert document.reference == "01/TB-SHVN" and document.year == year
    assert f"/enterprises/{enterprise}/documents/{document.id}/docx" in page.text

    download = await hr.get(f"/enterprises/{enterprise}/documents/{document.id}/docx")
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert hashlib.sha256(download.content).hexdigest() == document.sha256
    text = all_text(download.content)
    assert "Số: 01/TB-SHVN" in text and "CÔNG TY TNHH MAY SÔNG HỒNG" in text
    assert "Về việc tổ chức Hội nghị người lao động năm 2026" in text
    assert "TM. BAN GIÁM ĐỐC" in text and "- Lưu: VT, HCNS." in text

    actions = [e.action for e in await AuditEntry.objects().order_by(AuditEntry.seq)]
    assert actions[-2:] == ["document.issued", "notice.created"]
    created = await AuditEntry.objects().where(AuditEntry.action == "notice.created").first()
    assert json.loads(created.details) == {"document": document.id, "reference": "01/TB-SHVN"}
    assert "Nguyễn Văn An" not in created.details


async def test_the_download_has_a_vietnamese_safe_file_name(browser_for, enterprise):
    hr = await browser_for("hr@a.vn")
    await hr.post(f"/enterprises/{enterprise}/notices/new", _form(subject='Lịch "nghỉ" Tết/2026'))
    document = await IssuedDocument.objects().first()
    download = await hr.get(f"/enterprises/{enterprise}/documents/{document.id}/docx")
    disposition = download.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="01-TB-SHVN Lich nghi Tet 2026.docx";')
    encoded = disposition.split("filename*=UTF-8''")[1]
    assert unquote(encoded) == "01-TB-SHVN Lịch nghỉ Tết 2026.docx"
    assert disposition.isascii()


async def test_the_form_offers_the_enterprise_defaults(browser_for, enterprise):
    hr = await browser_for("hr@a.vn")
    page = await hr.get(f"/enterprises/{enterprise}/notices/new")
    assert page.status_code == 200
    assert 'value="Bắc Ninh"' in page.text  # "Tỉnh Bắc Ninh" without "Tỉnh"
    assert f'value="{today().isoformat()}"' in page.text
    assert 'value="Nguyễn Văn A"' in page.text and 'value="Giám đốc"' in page.text
    assert "Lưu: VT, HCNS." in page.text


async def test_bad_input_keeps_the_form_and_issues_nothing(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    url = f"/enterprises/{enterprise}/notices/new"
    response = await hr.post(url, _form(subject="", body="Nội dung giữ lại"))
    assert response.status_code == 422
    assert "This field is required." in response.text and "Nội dung giữ lại" in response.text
    response = await hr.post(url, _form(recipients="Toàn thể người lao động;"))
    assert response.status_code == 422
    assert "Lưu: VT, HCNS." in response.text and "Decree 30/2020" in response.text
    assert "Toàn thể người lao động;" in response.text
    response = await hr.post(url, _form(subject="x" * 501))
    assert response.status_code == 422 and "At most 500 characters." in response.text
    assert await Notice.count() == 0 and await IssuedDocument.count() == 0


async def test_an_htmx_post_with_errors_answers_422_with_the_form(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    response = await hr.post(f"/enterprises/{enterprise}/notices/new", _form(body=""), htmx=True)
    assert response.status_code == 422 and "This field is required." in response.text


@pytest.mark.parametrize(("offset", "accepted"), [(0, True), (-1, False), (1, False)])
async def test_the_date_must_fall_in_the_current_year(browser_for, enterprise, offset, accepted):
    year = today().year + offset
    edge = dt.date(year, 1, 1) if offset >= 0 else dt.date(year, 12, 31)
    hr = await in_english(await browser_for("hr@a.vn"))
    response = await hr.post(
        f"/enterprises/{enterprise}/notices/new", _form(issued_on=edge.isoformat())
    )
    assert (response.status_code == 303) is accepted
    if not accepted:
        assert "Art. 15" in response.text
    assert await Notice.count() == (1 if accepted else 0)


async def test_the_year_boundary_uses_today_in_vietnam(enterprise, monkeypatch):
    context = await factories.context(enterprise)
    monkeypatch.setattr(services, "today", lambda: dt.date(2027, 1, 1))
    form = services.NoticeForm(**{**_form(), "issued_on": dt.date(2027, 1, 1)})
    notice_id = await services.create_notice(context, form)
    notice = await Notice.objects().where(Notice.id == notice_id).first()
    document = await IssuedDocument.objects().where(IssuedDocument.id == notice.document).first()
    assert (document.year, document.reference) == (2027, "01/TB-SHVN")


async def test_notices_are_numbered_in_order(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    for subject in ("Một", "Hai", "Ba"):
        await hr.post(f"/enterprises/{enterprise}/notices/new", _form(subject=subject))
    page = await hr.get(f"/enterprises/{enterprise}/notices")
    assert page.text.index("03/TB-SHVN") < page.text.index("01/TB-SHVN")
    assert "Issue a notice" in page.text


async def test_a_union_officer_reads_notices_but_cannot_issue_one(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    await hr.post(f"/enterprises/{enterprise}/notices/new", _form())
    union = await in_english(await browser_for("union@a.vn"))
    listing = await union.get(f"/enterprises/{enterprise}/notices")
    assert listing.status_code == 200 and "01/TB-SHVN" in listing.text
    assert "Issue a notice" not in listing.text
    assert (await union.get(f"/enterprises/{enterprise}/notices/new")).status_code == 403
    response = await union.post(f"/enterprises/{enterprise}/notices/new", _form())
    assert response.status_code == 403
    assert await Notice.count() == 1


async def test_hr_of_another_enterprise_gets_404_everywhere(browser_for, enterprise):
    hr = await browser_for("hr@a.vn")
    await hr.post(f"/enterprises/{enterprise}/notices/new", _form())
    notice = await Notice.objects().first()
    other = await factories.enterprise()
    await factories.user("hr@b.vn", Role.HR, other)
    outsider = await browser_for("hr@b.vn")
    base = f"/enterprises/{enterprise}"
    for url in (
        f"{base}/notices",
        f"{base}/notices/new",
        f"{base}/notices/{notice.id}",
        f"{base}/documents",
        f"{base}/documents/{notice.document}/docx",
        f"{base}/documents/{notice.document}/pdf",
    ):
        assert (await outsider.get(url)).status_code == 404, url
    response = await outsider.post(f"{base}/notices/new", _form())
    assert response.status_code == 404
    # Their own enterprise's URL with this enterprise's ids: still not found.
    own = f"/enterprises/{other}"
    assert (await outsider.get(f"{own}/notices/{notice.id}")).status_code == 404
    assert (await outsider.get(f"{own}/documents/{notice.document}/docx")).status_code == 404
    assert await Notice.count() == 1


async def test_the_documents_list_shows_issued_documents_newest_first(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    empty = await hr.get(f"/enterprises/{enterprise}/documents")
    assert empty.status_code == 200 and "No documents yet" in empty.text
    for subject in ("Thông báo A", "Thông báo B"):
        await hr.post(f"/enterprises/{enterprise}/notices/new", _form(subject=subject))
    page = await hr.get(f"/enterprises/{enterprise}/documents")
    assert page.text.index("Thông báo B") < page.text.index("Thông báo A")
    assert "02/TB-SHVN" in page.text
    fragment = await hr.get(
        f"/enterprises/{enterprise}/documents?kind=notice", headers={"hx-request": "true"}
    )
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert "Thông báo A" in fragment.text
    other_kind = await hr.get(f"/enterprises/{enterprise}/documents?kind=minutes")
    assert "No documents of this kind yet." in other_kind.text


async def test_the_menu_links_notices_and_documents(browser_for, enterprise):
    page = await (await browser_for("union@a.vn")).get(f"/enterprises/{enterprise}")
    assert f'href="/enterprises/{enterprise}/notices"' in page.text
    assert f'href="/enterprises/{enterprise}/documents"' in page.text


async def test_without_soffice_the_pdf_link_is_replaced_by_a_note(
    browser_for, enterprise, monkeypatch
):
    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    hr = await in_english(await browser_for("hr@a.vn"))
    response = await hr.post(f"/enterprises/{enterprise}/notices/new", _form())
    page = await hr.get(response.headers["location"])
    assert "/pdf" not in page.text and "LibreOffice is not installed" in page.text
    document = await IssuedDocument.objects().first()
    refused = await hr.get(f"/enterprises/{enterprise}/documents/{document.id}/pdf")
    assert refused.status_code == 303
    listing = await hr.get(refused.headers["location"])
    assert "LibreOffice is not installed" in listing.text  # the reason, flashed


@pytest.mark.pdf
async def test_the_pdf_download_when_soffice_is_installed(
    browser_for, enterprise, tmp_path, monkeypatch
):
    require_tool("soffice", "PDF copies of documents need LibreOffice")
    hr = await browser_for("hr@a.vn")
    response = await hr.post(f"/enterprises/{enterprise}/notices/new", _form())
    page = await hr.get(response.headers["location"])
    document = await IssuedDocument.objects().first()
    link = f"/enterprises/{enterprise}/documents/{document.id}/pdf"
    assert link in page.text
    download = await hr.get(link)
    assert download.status_code == 200 and download.content.startswith(b"%PDF-")
    assert download.headers["content-type"] == "application/pdf"
    assert ".pdf" in download.headers["content-disposition"]
