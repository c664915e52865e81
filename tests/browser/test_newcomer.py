"""The newcomer's path from the Foundation issue: sign in as the demo HR manager, switch the
language, import a roster file with one bad row and see the error, fix it and import, issue a
notice and download it."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from playwright.async_api import Page, expect

from labour_democracy.core.demo import DEMO_PASSWORD, load_demo
from labour_democracy.core.tables import Enterprise, Worker
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import today

pytestmark = pytest.mark.browser
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


async def test_the_newcomer_path(page: Page, sign_in):
    await load_demo()
    enterprise = (
        await Enterprise.select(Enterprise.id).where(Enterprise.symbol == "SHVN").first()
    )["id"]
    before = await Worker.count().where(Worker.enterprise == enterprise)

    await sign_in("hr@demo.vn", DEMO_PASSWORD)
    await expect(page.locator("html")).to_have_attribute("lang", "vi")
    await page.select_option("#language-choice", "en")
    await page.click("form.language button[type=submit]")
    await expect(page.locator("html")).to_have_attribute("lang", "en")

    await page.goto(f"/enterprises/{enterprise}/workers/import")
    await page.set_input_files("#f-file", SAMPLES / "roster-one-bad-row.csv")
    await page.click("main form button[type=submit]")
    await page.click("button[name=action][value=import]")
    report = page.locator("main")
    await expect(report).to_contain_text("Nothing was imported")
    await expect(report).to_contain_text("31/02/2024")  # the bad cell, named
    assert await Worker.count().where(Worker.enterprise == enterprise) == before

    await page.goto(f"/enterprises/{enterprise}/workers/import")
    await page.set_input_files("#f-file", SAMPLES / "roster-sample.csv")
    await page.click("main form button[type=submit]")
    await page.click("button[name=action][value=import]")
    await expect(page.locator("#messages")).to_contain_text("30")
    assert await Worker.count().where(Worker.enterprise == enterprise) == before + 30

    # The demo's dialogue already issued notices this year; numbering continues after them.
    earlier = await IssuedDocument.select(IssuedDocument.number).where(
        (IssuedDocument.enterprise == enterprise)
        & (IssuedDocument.type_code == "TB")
        & (IssuedDocument.year == today().year)
    )
    expected = max((row["number"] for row in earlier), default=0) + 1
    await page.goto(f"/enterprises/{enterprise}/notices/new")
    await page.fill("#f-subject", "Về việc tổ chức Hội nghị người lao động năm 2027")
    await page.fill("#f-body", "Công ty thông báo & mời toàn thể người lao động <dự> hội nghị.")
    await page.click("main form button[type=submit]")
    async with page.expect_download() as waiting:
        await page.click("a[href$='/docx']")
    download = await waiting.value
    content = Path(await download.path()).read_bytes()  # noqa: ASYNC240 (a test reading a file)
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "THÔNG BÁO" in text
    assert "Về việc tổ chức Hội nghị người lao động năm 2027" in text
    assert "& mời toàn thể người lao động <dự>" in text
    assert f"Số: {expected:02d}/TB-SHVN" in cells
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells
