"""A union officer runs a secret consultation end to end in the browser: create it, print the
slips, five workers vote on phones and two on paper, close, read the result and the minutes."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from playwright.async_api import Browser, Page, expect

from labour_democracy.core.tables import Role
from tests import factories
from tests.browser.conftest import TIMEOUT_MS

pytestmark = pytest.mark.browser
CODE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")


async def _downloaded(page: Page, click) -> bytes:
    async with page.expect_download() as waiting:
        await click()
    download = await waiting.value
    return Path(await download.path()).read_bytes()  # noqa: ASYNC240 (a test reading a file)


async def _vote_on_a_phone(chromium: Browser, live_server: str, code: str, answer: str) -> str:
    phone = await chromium.new_context(base_url=live_server, viewport={"width": 360, "height": 740})
    phone.set_default_timeout(TIMEOUT_MS)
    try:
        page = await phone.new_page()
        # What the slip's QR code opens: the code in the fragment, which no server sees; the
        # page's script sends it in the form and takes it out of the address bar.
        await page.goto(f"/v#code={code}")
        await page.wait_for_url(re.compile(r"/v$"))
        assert "#" not in page.url and code not in page.url
        await page.get_by_label(answer, exact=True).check()
        await page.click("form[action='/v/review'] button[type=submit]")
        await page.click("form[action='/v/cast'] button[type=submit]")
        receipt = await page.locator(".receipt").inner_text()
        width = await page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, "the voting pages fit a 360-px phone"
        return receipt
    finally:
        await phone.close()


async def test_a_union_officer_runs_a_secret_consultation_end_to_end(
    page: Page, sign_in, chromium: Browser, live_server: str
):
    enterprise = await factories.enterprise(name="Công ty TNHH May Thử")
    await factories.workers(enterprise, 8)
    await factories.user("union@a.vn", Role.UNION, enterprise)
    await sign_in("union@a.vn", factories.PASSWORD)

    await page.goto(f"/enterprises/{enterprise}/ballots/new")
    await page.fill("#f-title", "Lấy ý kiến về quy chế thưởng năm 2027")
    await page.fill("#f-explanation", "Dự thảo quy chế thưởng được niêm yết tại bảng tin.")
    await page.click("main form button[type=submit]")
    await page.wait_for_url(re.compile(r"/ballots/\d+$"))
    ballot_url = page.url

    await page.click("details summary.button")
    await page.select_option("#f-kind", "motion")
    await page.fill("#f-text", "Anh/chị có tán thành dự thảo quy chế thưởng không?")
    await page.click("form[action$='/questions'] button[type=submit]")
    await expect(page.locator("ol.questions > li")).to_have_count(1)

    slips = await _downloaded(page, lambda: page.click("form[action$='/slips'] button"))
    text = "\n".join(
        cell.text
        for table in docx.Document(io.BytesIO(slips)).tables
        for row in table.rows
        for cell in row.cells
    )
    codes = CODE.findall(text)
    assert len(codes) == 8 and len(set(codes)) == 8

    await page.goto(ballot_url)
    page.once("dialog", lambda dialog: dialog.accept())
    await page.click("form[action$='/open'] button")
    await expect(page.locator("#turnout")).to_be_visible()

    receipts = [
        await _vote_on_a_phone(chromium, live_server, code, answer)
        for code, answer in zip(
            codes[:5],
            ["Tán thành", "Tán thành", "Tán thành", "Không tán thành", "Không ý kiến"],
            strict=True,
        )
    ]

    await page.goto(ballot_url + "/paper")
    for code, answer in ((codes[5], "Tán thành"), (codes[6], "Không tán thành")):
        await page.fill("#f-code", code)
        await page.get_by_label(answer, exact=True).check()
        await page.click("main form button[type=submit]")
        await expect(page.locator(".flash.success")).to_be_visible()

    await page.goto(ballot_url)
    await expect(page.locator(".turnout .big")).to_contain_text("7 / 8")
    page.once("dialog", lambda dialog: dialog.accept())
    await page.click("form[action$='/close'] button")
    result = page.locator("#result")
    await expect(result).to_contain_text("4")  # four in favour: 3 phones + 1 paper
    await expect(result.locator(".tag.ok")).to_have_count(2)  # quorum reached, adopted

    minutes = await _downloaded(page, lambda: page.click("a[href$='/minutes']"))
    document = docx.Document(io.BytesIO(minutes))
    body = "\n".join(p.text for p in document.paragraphs)
    cells = [
        cell.text.replace("\u00a0", " ")
        for table in document.tables
        for row in table.rows
        for cell in row.cells
    ]
    assert "BIÊN BẢN" in body and "Số phiếu thu về: 7" in body
    assert "ĐƯỢC THÔNG QUA" in body
    # The share of the rule's own denominator, saying which it is (valid ballots here).
    assert "Tán thành" in cells and "4" in cells and "4/7 phiếu hợp lệ = 57,14 %" in cells
    assert "{{" not in body and "{%" not in body

    await page.goto(ballot_url)
    await page.click("a[href^='/r/']")
    for receipt in receipts:
        await expect(page.locator(".receipts")).to_contain_text(receipt)
