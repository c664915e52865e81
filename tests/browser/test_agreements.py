"""Issue 14's "Done when": HR and the union chair take a collective agreement from the request
through two sessions, a wage clause flagged below the regional minimum and fixed, the workers'
vote (exactly half of all workers fails, one more passes), signing, the filing letter and the
expiry reminder; the documents are downloaded and read back with python-docx."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest
from playwright.async_api import Browser, Page, expect

from labour_democracy.agreements.tables import Agreement
from labour_democracy.core.tables import Enterprise, Role
from labour_democracy.i18n import today
from tests import factories
from tests.browser.conftest import DESKTOP, PHONE, TIMEOUT_MS
from tests.browser.test_phone_layout import OVERFLOW

pytestmark = pytest.mark.browser
WORKERS = 4


def _read(path: str) -> str:
    document = docx.Document(io.BytesIO(Path(path).read_bytes()))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


async def _downloaded(page: Page, selector: str) -> str:
    async with page.expect_download() as info:
        await page.click(selector)
    return _read(await (await info.value).path())


async def _signed_in(chromium: Browser, live_server: str, email: str) -> Page:
    context = await chromium.new_context(base_url=live_server, viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    page = await context.new_page()
    await page.goto("/login")
    await page.fill("#f-email", email)
    await page.fill("#f-password", factories.PASSWORD)
    await page.click("main form button[type=submit]")
    await page.wait_for_url(lambda url: not url.split("?")[0].endswith("/login"))
    await page.select_option("#language-choice", "en")
    await page.click("form.language button[type=submit]")
    await expect(page.locator("html")).to_have_attribute("lang", "en")
    return page


async def _propose(page: Page, url: str, status: str, figure: str | None = None, session=None):
    await page.goto(url)
    if session is not None:
        await page.select_option("#f-session", index=session)
    await page.select_option("#f-status", status)
    if figure is not None:
        await page.fill("#f-text", f"Mức lương thấp nhất là {figure} đồng/tháng.")
        await page.fill("#f-value", figure)
    await page.click("#proposal-form button[type=submit]")
    await expect(page.locator(".flash.success")).to_be_visible()


async def _session(page: Page, here: str, place: str) -> None:
    await page.goto(here)
    await page.fill("#f-place", place)
    await page.fill("#f-minute_taker", "Lê Văn Cường")
    await page.click("#session-form button[type=submit]")
    await expect(page.locator(".flash.success")).to_be_visible()


async def _vote(union: Page, here: str, votes_for: int) -> None:
    """The union prepares the vote of all workers, opens it, enters the tellers' count and closes
    it, then records the result on the agreement."""
    await union.goto(here)
    await union.select_option("#f-channels", "paper")
    await union.click("#vote-form button[type=submit]")
    await union.wait_for_url("**/ballots/*")
    ballot_url = union.url
    union.once("dialog", lambda dialog: dialog.accept())
    await union.click("form[action$='/open'] button")
    await expect(union.locator("#turnout")).to_be_visible()
    await union.goto(ballot_url + "/tally-sheet")
    await union.select_option("#f-kind", "paper_count")
    await union.fill("#f-ballots", str(WORKERS))
    await union.fill("#f-teller_one", "Lê Thị Kiểm")
    await union.fill("#f-teller_two", "Vũ Văn Phiếu")
    await union.get_by_label("For", exact=True).fill(str(votes_for))
    await union.get_by_label("Against", exact=True).fill(str(WORKERS - votes_for))
    await union.click("main form button[type=submit]")
    await union.goto(ballot_url)
    union.once("dialog", lambda dialog: dialog.accept())
    await union.click("form[action$='/close'] button")
    await expect(union.locator("#result")).to_be_visible()
    await union.goto(here)
    await union.click("form[action$='/vote/result'] button")


async def test_hr_and_union_bargain_vote_sign_and_file_an_agreement(
    chromium: Browser, live_server: str
):
    enterprise = await factories.enterprise(
        name="Công ty TNHH May Sông Hồng", symbol="SHVN", min_wage_region=1,
        legal_representative="Nguyễn Văn An",
    )  # fmt: skip
    await factories.workers(enterprise, WORKERS)
    await factories.user("hr@a.vn", Role.HR, enterprise)
    await factories.user("union@a.vn", Role.UNION, enterprise)
    hr = await _signed_in(chromium, live_server, "hr@a.vn")
    union = await _signed_in(chromium, live_server, "union@a.vn")
    base = f"/enterprises/{enterprise}/agreements"

    # The union asks to bargain; the letter is drawn up and read back.
    await union.goto(base)
    await union.fill("#f-title", "Thỏa ước lao động tập thể năm 2027")
    await union.fill("#f-contents", "Tiền lương tối thiểu\nLàm thêm giờ")
    await union.click("#new-request button[type=submit]")
    await expect(union.locator(".flash.success")).to_be_visible()
    here = union.url.split("#")[0].split("?")[0]
    await union.click("form[action$='/request-letter'] button")
    letter = await _downloaded(union, "a[href$='/docx']")
    assert "Đề nghị thương lượng tập thể" in letter and "Tiền lương tối thiểu" in letter
    await union.fill("#f-full_name", "Trần Thị Bình")
    await union.fill("#team-title", "Chủ tịch Công đoàn cơ sở")
    await union.check("#f-leads")
    await union.click("#team-form button[type=submit]")

    # HR agrees time and place, names its team, and the first session is held.
    await hr.goto(here)
    await hr.fill("#f-agreed_time_place", "9 giờ ngày mai, hội trường")
    await hr.click("#reply-form button[type=submit]")
    await expect(hr.locator(".flash.success")).to_be_visible()
    await hr.fill("#f-full_name", "Nguyễn Văn An")
    await hr.check("#f-leads")
    await hr.click("#team-form button[type=submit]")
    await _session(hr, here, "Hội trường tầng 2")

    # HR writes the wage article below the regional minimum: flagged.
    await hr.goto(here)
    await hr.select_option("#f-chapter", index=1)
    await hr.fill("#clause-title", "Mức lương thấp nhất")
    await hr.fill("#f-text", "Mức lương thấp nhất là 5.000.000 đồng/tháng.")
    await hr.select_option("#f-term", "wage_month")
    await hr.fill("#f-value", "5.000.000")
    await hr.click("#clause-form button[type=submit]")
    ledger = hr.locator("#ledger")
    await expect(ledger.locator(".tag.late")).to_have_text("Below the law")
    await expect(ledger).to_contain_text("293/2025")
    clause = await ledger.locator("a[href*='/clauses/']").first.get_attribute("href")
    await _propose(hr, clause, "clause_agreed")
    await _propose(union, clause, "clause_agreed")
    await union.goto(here)
    await expect(union.locator("#vote")).to_contain_text("is below the law")
    await expect(union.locator("#vote-form")).to_have_count(0)

    # The second session raises it; the union agrees; minutes drawn up and published.
    await _session(hr, here, "Hội trường tầng 2")
    await _propose(hr, clause, "clause_agreed", "5.600.000", session=2)
    await _propose(union, clause, "clause_agreed")
    await union.goto(here)
    await expect(union.locator("#ledger .tag")).to_contain_text(["More favourable than the law"])
    await union.click("#sessions a:has-text('Session 2')")
    await union.click("form[action$='/minutes'] button")
    minutes = await _downloaded(union, "a[href$='/docx']")
    assert "BIÊN BẢN" in minutes and "lần thứ 2" in minutes and "5.600.000" in minutes
    assert "NGƯỜI GHI BIÊN BẢN" in minutes and "Lê Văn Cường" in minutes
    await union.click("form[action$='/publish'] button")
    await expect(union.locator(".flash.success")).to_be_visible()

    # Exactly half of all workers: not approved, back to bargaining with the result kept.
    await _vote(union, here, WORKERS // 2)
    await expect(union.locator(".flash.error")).to_contain_text("did not reach more than half")
    await expect(union.locator("#vote")).to_contain_text("2 for of 4 workers — not approved")

    # Signing is refused before approval (no form; the status says so).
    await hr.goto(here)
    await expect(hr.locator("#sign-form")).to_have_count(0)

    # One more: approved.
    await _vote(union, here, WORKERS // 2 + 1)
    await expect(union.locator(".flash.success")).to_contain_text("More than half of all workers")

    # HR signs; a term outside 1-3 years is refused on its field first.
    await hr.goto(here)
    await hr.fill("#f-term_months", "48")
    await hr.fill("#f-workers_signer", "Trần Thị Bình")
    await hr.click("#sign-form button[type=submit]")
    await expect(hr.locator("#sign-form .field-error")).to_contain_text("12 to 36 months")
    await hr.fill("#f-term_months", "24")
    await hr.click("#sign-form button[type=submit]")
    await expect(hr.locator(".flash.success")).to_contain_text("within 10 days")
    agreement = await _downloaded(hr, "#signing a.button[href$='/docx']")
    assert "THỎA ƯỚC LAO ĐỘNG TẬP THỂ" in agreement and "Chương II" in agreement
    assert "Điều 1. Mức lương thấp nhất" in agreement and "5.600.000" in agreement
    assert "Trần Thị Bình" in agreement and "Nguyễn Văn An" in agreement

    # The filing reminder is on the enterprise page; HR publishes and files.
    await hr.goto(f"/enterprises/{enterprise}")
    await expect(hr.locator(".due-list")).to_contain_text("with Sở Nội vụ")
    await hr.goto(here)
    await hr.click("#publish-form button[type=submit]")
    await expect(hr.locator(".flash.success")).to_be_visible()
    token = (await Enterprise.objects().where(Enterprise.id == enterprise).first()).public_token
    await hr.goto(f"/p/{token}")
    await expect(hr.locator("#agreements")).to_contain_text("Mức lương thấp nhất là 5.600.000")
    await expect(hr.locator("#agreements")).to_contain_text("Session 2")
    await hr.goto(here)
    await hr.click("#file-form button[type=submit]")
    await expect(hr.locator(".flash.success")).to_contain_text("filing letter")
    filing = await _downloaded(hr, "a:has-text('filing letter (.docx)')")
    assert "Kính gửi: Sở Nội vụ" in filing and "Điều 77" in filing

    # Time passes: 20 days before expiry the renewal reminder is due on the enterprise page.
    row = await Agreement.objects().first()
    await Agreement.update({Agreement.expires_on: today() + dt.timedelta(days=20)}).where(
        Agreement.id == row.id
    )
    await hr.goto(f"/enterprises/{enterprise}")
    await expect(hr.locator(".due-list")).to_contain_text("expires: bargain its renewal")

    # The pages fit a 360-px phone.
    await union.set_viewport_size(PHONE)
    for path in (base, here, f"{here}/compare", clause, f"{here}/import"):
        await union.goto(path)
        result = await union.evaluate(OVERFLOW)
        assert result["excess"] <= 0, f"{path} is {result['excess']}px too wide: {result['wide']}"


async def test_the_parties_extend_the_agreement_in_force_through_the_vote_of_all_workers(
    chromium: Browser, live_server: str
):
    from labour_democracy.agreements import approval, rules
    from labour_democracy.agreements.schemas import SignForm
    from labour_democracy.agreements.tables import AgreementStatus
    from tests.agreements.test_services import _agree, _bargain

    enterprise = await factories.enterprise(min_wage_region=1, legal_representative="Nguyễn Văn An")
    await factories.workers(enterprise, WORKERS)
    await factories.user("hr@b.vn", Role.HR, enterprise)
    await factories.user("union@b.vn", Role.UNION, enterprise)
    hr_context = await factories.context(enterprise, Role.HR)
    union_context = await factories.context(enterprise, Role.UNION)
    agreement_id, clause_id = await _bargain(hr_context, union_context)
    await _agree(hr_context, agreement_id, clause_id, value="5.600.000")
    await Agreement.update({Agreement.status: AgreementStatus.APPROVED}).where(
        Agreement.id == agreement_id
    )
    sign = SignForm(signed_on=today(), term_months=24, employer_signer="A", workers_signer="B")
    await approval.sign(hr_context, agreement_id, sign)
    # 20 days before expiry: inside the 90 days of Art. 83(1).
    expires = today() + dt.timedelta(days=20)
    effective = rules.add_months(expires + dt.timedelta(days=1), -24)
    await Agreement.update(
        {Agreement.effective_on: effective, Agreement.expires_on: expires}
    ).where(Agreement.id == agreement_id)
    limit = rules.extended_expiry_limit(effective)
    union = await _signed_in(chromium, live_server, "union@b.vn")
    hr = await _signed_in(chromium, live_server, "hr@b.vn")
    here = f"/enterprises/{enterprise}/agreements/{agreement_id}"

    # Past the 3-year limit: refused on its field, nothing made.
    await union.goto(here)
    await union.fill("#f-expires_on", (limit + dt.timedelta(days=1)).isoformat())
    await union.click("#extension-form button[type=submit]")
    await expect(union.locator("#extension-form .field-error")).to_contain_text("36 months")
    await union.fill("#f-expires_on", limit.isoformat())
    await union.click("#extension-form button[type=submit]")
    await expect(union.locator(".flash.success")).to_contain_text("vote of all workers")
    extension = union.url.split("#")[0].split("?")[0]
    shown = f"{limit.day} {limit.strftime('%b')} {limit.year}"  # the English short date
    await expect(union.locator("#proposal")).to_contain_text(shown)

    # Exactly half fails, one more passes; HR signs and reads the extension agreement.
    await _vote(union, extension, WORKERS // 2)
    await expect(union.locator(".flash.error")).to_contain_text("did not reach more than half")
    await _vote(union, extension, WORKERS // 2 + 1)
    await expect(union.locator(".flash.success")).to_contain_text("More than half of all workers")
    await hr.goto(extension)
    await hr.fill("#f-workers_signer", "Trần Thị Bình")
    await hr.click("#sign-form button[type=submit]")
    await expect(hr.locator(".flash.success")).to_contain_text("new expiry recorded")
    document = await _downloaded(hr, "#signing a.button[href$='/docx']")
    assert "THỎA THUẬN" in document and "Gia hạn thỏa ước" in document
    assert "3/4 người lao động" in document and "Trần Thị Bình" in document
    await hr.click("#file-form button[type=submit]")
    filing = await _downloaded(hr, "a:has-text('filing letter (.docx)')")
    assert "gia hạn thỏa ước" in filing

    # The agreement now runs to the new expiry.
    await hr.goto(here)
    await expect(hr.locator("#signing")).to_contain_text(shown)
    await expect(hr.locator("#signing")).to_contain_text(
        "Extended (Labour Code 45/2019/QH14, Art. 83)"
    )
    assert (
        await Agreement.objects().where(Agreement.id == agreement_id).first()
    ).expires_on == limit

    # The extension page fits a 360-px phone.
    await hr.set_viewport_size(PHONE)
    await hr.goto(extension)
    result = await hr.evaluate(OVERFLOW)
    assert result["excess"] <= 0, f"{extension} is {result['excess']}px too wide: {result['wide']}"
