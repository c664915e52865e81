"""Issue 16's "Done when": HR and the union chair take the democracy regulation from empty to
published with a rejected comment and its reason; three workers acknowledge a disclosure from
360-px phone windows; HR prepares the internal labour rules' registration dossier. Documents are
downloaded and read back with python-docx."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from playwright.async_api import Browser, Page, expect

from labour_democracy.core.tables import Enterprise, Representation, Role
from labour_democracy.workplace_rules import rules
from labour_democracy.workplace_rules.tables import DisclosureReading, InternalRules
from tests import factories
from tests.browser.conftest import DESKTOP, PHONE, TIMEOUT_MS
from tests.browser.test_labels_and_layout import UNLABELLED
from tests.browser.test_phone_layout import OVERFLOW

pytestmark = pytest.mark.browser
REASON = "Ngân sách năm nay chỉ cho phép một hội nghị."


def _read(path: str) -> str:
    document = docx.Document(io.BytesIO(Path(path).read_bytes()))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


async def _signed_in(chromium: Browser, live_server: str, email: str, viewport=DESKTOP) -> Page:
    context = await chromium.new_context(base_url=live_server, viewport=viewport)
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


async def _download(page: Page, name: str) -> str:
    async with page.expect_download() as info:
        await page.get_by_role("link", name=name).click()
    return _read(await (await info.value).path())


async def test_regulation_disclosure_and_internal_rules_from_empty(
    chromium: Browser, live_server: str
):
    enterprise_id = await factories.enterprise(
        name="Công ty TNHH May Sông Hồng",
        symbol="SHVN",
        representation=Representation.GRASSROOTS_UNION,
    )
    await factories.user("hr@shvn.vn", Role.HR, enterprise_id)
    await factories.user("union@shvn.vn", Role.UNION, enterprise_id)
    cutting = await factories.org_unit(enterprise_id, "Tổ cắt")
    sewing = await factories.org_unit(enterprise_id, "Tổ may")
    codes = ["CN001", "CN002", "CN003"]
    for code, name in zip(codes, ("Nguyễn Thị Lan", "Trần Văn Bình", "Lê Thị Hoa"), strict=True):
        await factories.worker(enterprise_id, name, code=code, org_unit=cutting)
    await factories.workers(enterprise_id, 9, org_unit=sewing)
    enterprise = await Enterprise.objects().where(Enterprise.id == enterprise_id).first()
    base = f"/enterprises/{enterprise_id}/workplace-rules"

    # HR starts from an empty regulation and fills it with the law's default text.
    hr = await _signed_in(chromium, live_server, "hr@shvn.vn")
    await hr.goto(base)
    await expect(hr.locator("#missing")).to_contain_text("Missing: 6 of 7 chapters")
    await hr.get_by_role(
        "button", name="Fill the empty chapters with the law's default text"
    ).click()
    await expect(hr.locator("#missing")).to_contain_text("Every required chapter has its text.")
    assert await hr.evaluate(UNLABELLED) == []
    await hr.get_by_label("Sent to").fill("Công đoàn cơ sở; nhóm đại diện đối thoại")
    await hr.get_by_role("button", name="Send the draft for comments").click()
    await expect(hr.locator("h2").first).to_contain_text("Under consultation")

    # The union chair records the union's comment.
    union = await _signed_in(chromium, live_server, "union@shvn.vn", PHONE)
    await union.goto(base)
    assert await union.evaluate(UNLABELLED) == []
    await union.get_by_label("From").fill("Công đoàn cơ sở")
    await union.select_option("#f-chapter_key", "conference")
    await union.get_by_label("Comment").fill("Tổ chức Hội nghị người lao động hai lần mỗi năm.")
    await union.get_by_role("button", name="Record the comment").click()
    await expect(union.locator("#messages")).to_contain_text("The comment was recorded.")
    result = await union.evaluate(OVERFLOW)
    assert result["excess"] <= 0, f"{union.url} is too wide: {result['wide']}"

    # A worker reads the draft on the workers' page from a phone and comments on it.
    context = await chromium.new_context(base_url=live_server, viewport=PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    reader = await context.new_page()
    await reader.goto(f"/p/{enterprise.public_token}")
    await reader.locator("#disclosures a[href$='/regulation']").first.click()
    await expect(reader.locator("body")).to_contain_text("Nội dung người lao động quyết định")
    await reader.locator("#f-body").fill("Đề nghị công khai cả kế hoạch tăng ca.")
    await reader.locator("#comment button[type=submit]").click()
    await expect(reader.locator("#comment-sent")).to_be_visible()
    result = await reader.evaluate(OVERFLOW)
    assert result["excess"] <= 0, f"{reader.url} is too wide: {result['wide']}"
    await context.close()

    # HR may not reject the union's comment without a reason, then rejects it with one, takes
    # the worker's up, issues and publishes.
    await hr.goto(base)
    union_comment = hr.locator("[id^=comment-]", has_text="hai lần mỗi năm")
    await union_comment.get_by_role("button", name="Do not take it up").click()
    await expect(hr.locator("body")).to_contain_text("Give the reason the comment is not taken up")
    union_comment = hr.locator("[id^=comment-]", has_text="hai lần mỗi năm")
    await union_comment.locator("textarea").fill(REASON)
    await union_comment.get_by_role("button", name="Do not take it up").click()
    union_comment = hr.locator("[id^=comment-]", has_text="hai lần mỗi năm")
    await expect(union_comment).to_contain_text("Not taken up")
    await expect(union_comment).to_contain_text(REASON)
    worker_comment = hr.locator("[id^=comment-]", has_text="kế hoạch tăng ca")
    await worker_comment.get_by_role("button", name="Take it up", exact=True).click()
    await expect(hr.locator("[id^=comment-]", has_text="kế hoạch tăng ca")).to_contain_text(
        "Taken up"
    )
    await hr.get_by_role("button", name="Issue the regulation").click()
    await expect(hr.locator("h2").first).to_contain_text("Issued, not yet published")
    decision = await _download(hr, "Decision (.docx)")
    assert "Số: 01/QĐ-SHVN" in decision and "QUYẾT ĐỊNH" in decision
    assert "Về việc ban hành Quy chế dân chủ ở cơ sở tại nơi làm việc" in decision
    regulation = await _download(hr, "Regulation (.docx)")
    assert "Số: 01/QC-SHVN" in regulation and "HỘI NGHỊ NGƯỜI LAO ĐỘNG" in regulation
    assert "Đối thoại định kỳ được tổ chức 1 lần mỗi năm" in regulation
    hr.once("dialog", lambda dialog: dialog.accept())  # "Publish this version ...?"
    await hr.get_by_role("button", name="Publish to the workers").click()
    await expect(hr.locator("h2").first).to_contain_text("Published")

    # HR discloses the business situation; three workers acknowledge it from their phones.
    await hr.goto(f"{base}/disclosures")
    await hr.select_option("#f-matter", "business")
    await hr.get_by_label("Title").fill("Tình hình sản xuất, kinh doanh quý I")
    await hr.get_by_label("What is disclosed").fill(
        "Doanh thu quý I tăng 5%.\nQuý II giữ kế hoạch."
    )
    await hr.get_by_role("button", name="Disclose and make the notice").click()
    await expect(hr.locator("h1")).to_contain_text("Tình hình sản xuất, kinh doanh quý I")
    notice = await _download(hr, "Notice (.docx)")
    assert "Số: 01/TB-SHVN" in notice and "Về việc công khai" in notice
    disclosure_path = (
        await hr.locator("#main").get_by_role("link", name="Workers' page").get_attribute("href")
    )

    for code in codes:
        context = await chromium.new_context(base_url=live_server, viewport=PHONE)
        context.set_default_timeout(TIMEOUT_MS)
        worker = await context.new_page()
        await worker.goto(f"/p/{enterprise.public_token}")
        await worker.get_by_role("link", name="Tình hình sản xuất, kinh doanh quý I").click()
        await expect(worker).to_have_url(f"{live_server}{disclosure_path}")
        await worker.locator("#f-employee_code").fill(code.lower())
        await worker.locator("main form button[type=submit]").click()
        await expect(worker.locator("#thanks")).to_be_visible()
        result = await worker.evaluate(OVERFLOW)
        assert result["excess"] <= 0, f"{worker.url} is too wide: {result['wide']}"
        await context.close()
    assert await DisclosureReading.count() == 3

    await hr.reload()
    readings = hr.locator("#readings")
    await expect(readings).to_contain_text("Tổ cắt")
    await expect(readings.locator("tr", has_text="Tổ cắt")).to_contain_text("3/3")
    await expect(readings.locator("tr", has_text="Tổ may")).to_contain_text("0/9")

    # The internal labour rules: contents, the union's opinion, issue, the dossier.
    await hr.goto(f"{base}/internal-rules")
    for _key, title, article in rules.INTERNAL_RULES_CONTENTS:
        await hr.get_by_label(f"{title} ({article})").fill(f"Quy định về {title.lower()}.")
    await hr.get_by_role("button", name="Save the contents").click()
    await expect(hr.locator("body")).to_contain_text(
        "Every content of Labour Code 45/2019/QH14, Art. 118(2) is covered."
    )
    await union.goto(f"{base}/internal-rules")
    await expect(union.locator("body")).to_contain_text("Quy định về trật tự tại nơi làm việc.")
    await union.get_by_label("Its opinion").fill("Công đoàn cơ sở nhất trí với dự thảo nội quy.")
    await union.get_by_role("button", name="Record the opinion").click()
    await expect(union.locator("body")).to_contain_text("Representative organisation consulted")
    result = await union.evaluate(OVERFLOW)
    assert result["excess"] <= 0, f"{union.url} is too wide: {result['wide']}"
    await hr.reload()
    await hr.get_by_role("button", name="Issue the rules").click()
    await expect(hr.locator("body")).to_contain_text("Dossier due by")
    await hr.locator("#f-authority").fill("Sở Nội vụ tỉnh Bắc Ninh")
    await hr.get_by_role("button", name="Record the filing and make the covering letter").click()
    await expect(hr.locator("body")).to_contain_text("Authority's answer due by")
    letter = await _download(hr, "Covering letter of the dossier (.docx)")
    assert (
        "V/v Đăng ký nội quy lao động" in letter and "Kính gửi: Sở Nội vụ tỉnh Bắc Ninh" in letter
    )
    assert "Hồ sơ gồm:" in letter and "2. Nội quy lao động;" in letter
    await hr.select_option("#f-outcome", "registered")
    await hr.get_by_role("button", name="Record the reply").click()
    await expect(hr.locator("h2").first).to_contain_text("Registered")
    assert (await InternalRules.objects().first()).status == "ir_registered"

    # Every page of the module fits a 360-px phone and labels each control.
    await hr.set_viewport_size(PHONE)
    disclosure_page = f"{base}/disclosures/" + disclosure_path.rsplit("/", 1)[-1]
    for path in (base, f"{base}/internal-rules", f"{base}/disclosures", disclosure_page):
        await hr.goto(path)
        result = await hr.evaluate(OVERFLOW)
        assert result["excess"] <= 0, f"{hr.url} is too wide: {result['wide']}"
        assert await hr.evaluate(UNLABELLED) == [], hr.url
