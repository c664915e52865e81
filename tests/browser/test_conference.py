"""An HR manager and the union chair run a delegate conference in the browser: rules, plan,
seats, the units' delegates, invitations, check-in at the door, a show-of-hands vote on the
resolution, closing, publication, and the minutes and resolution read back with python-docx."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from playwright.async_api import Browser, Page, expect

from labour_democracy.conferences.tables import Delegate, UnitSeat
from labour_democracy.core.tables import Role, Worker
from tests import factories
from tests.browser.conftest import TIMEOUT_MS

pytestmark = pytest.mark.browser


async def _downloaded(page: Page, click) -> bytes:
    async with page.expect_download() as waiting:
        await click()
    download = await waiting.value
    return Path(await download.path()).read_bytes()  # noqa: ASYNC240 (a test reading a file)


def _text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts).replace("\u00a0", " ")  # dates and "%" are kept on one line


async def test_hr_and_the_union_chair_run_a_delegate_conference(
    page: Page, sign_in, chromium: Browser, live_server: str
):
    enterprise = await factories.enterprise(name="Công ty TNHH May Hội Nghị")
    for name, size in (("Xưởng cắt", 6), ("Xưởng may", 4), ("Kho", 2)):
        unit = await factories.org_unit(enterprise, name=name)
        await factories.workers(enterprise, size, org_unit=unit)
    await factories.english_user("hr@conf.vn", Role.HR, enterprise)
    await factories.english_user("union@conf.vn", Role.UNION, enterprise)
    base = f"/enterprises/{enterprise}/conferences"

    # HR: the rules (the law's defaults), then the plan.
    await sign_in("hr@conf.vn", factories.PASSWORD)
    await page.goto(f"{base}/rules")
    await page.click("main form button[type=submit]")
    await expect(page.locator("#messages")).to_contain_text("The conference rules were saved.")
    await page.goto(f"{base}/new")
    await page.fill("#f-year", "2026")
    await page.fill("#f-held_on", "2026-12-28")
    await page.fill("#f-starts_at", "08:00")
    await page.fill("#f-venue", "Hội trường tầng 3")
    await page.select_option("#f-form", "delegates")
    await page.fill("#f-union_chair", "Trần Thị Hoa")
    await page.fill("#f-secretary", "Lê Thị Mai")
    await page.click("main form button[type=submit]")
    await page.wait_for_url(re.compile(r"/conferences/\d+$"))
    conference_url = page.url
    conference = int(conference_url.rsplit("/", 1)[1])
    await expect(page.get_by_text("Send the documents to the delegates")).to_be_visible()

    # Seats shown before saving, then each unit's elected delegates and one ex officio.
    await page.goto(f"{conference_url}/delegates")
    await page.fill("#f-seats", "6")
    await page.click("form[method=get] button:has-text('Show the allocation')")
    await expect(page.locator("main table").first).to_contain_text("Xưởng cắt")
    await page.click("text=Save this allocation")
    await expect(page.locator("#messages")).to_contain_text("The seats were allocated.")
    for seat in await UnitSeat.select().where(UnitSeat.conference == conference):
        workers = (
            await Worker.select(Worker.id)
            .where(Worker.org_unit == seat["org_unit"])
            .order_by(Worker.id)
            .limit(seat["seats"])
        )
        await page.select_option(f"#f-unit-{seat['id']}", [str(w["id"]) for w in workers])
        await page.click(f"form:has(#f-unit-{seat['id']}) button")
        await expect(page.locator("#messages")).to_contain_text("elected delegates were recorded")
    outsider = (
        await Worker.select(Worker.id, Worker.employee_code)
        .where(Worker.enterprise == enterprise)
        .order_by(Worker.id, ascending=False)
        .first()
    )
    # The person is found by the roster search (htmx), not picked from a list of everyone.
    await page.fill("#f-worker_q", outsider["employee_code"])
    await page.check(f"#worker-{outsider['id']}")
    await page.fill("#f-ex_officio_role", "Giám đốc")
    await page.click("text=Add the delegate")
    await expect(page.locator("#messages")).to_contain_text("The delegate was added.")
    delegates = await Delegate.select().where(Delegate.conference == conference)
    assert len(delegates) == 7

    # Invitations: one .docx, each delegate with a personal check-in code.
    await page.goto(conference_url)
    invitations = _text(
        await _downloaded(page, lambda: page.click("text=Invitations with check-in QR codes"))
    )
    assert delegates[0]["checkin_code"] in invitations

    # The union chair opens the conference and checks five of seven in at the door.
    union = await chromium.new_context(base_url=live_server)
    union.set_default_timeout(TIMEOUT_MS)
    chair = await union.new_page()
    try:
        await chair.goto("/login")
        await chair.fill("#f-email", "union@conf.vn")
        await chair.fill("#f-password", factories.PASSWORD)
        await chair.click("main form button[type=submit]")
        await chair.wait_for_url(lambda url: not url.split("?")[0].endswith("/login"))
        await chair.goto(conference_url)
        await chair.fill("#f-open-reason", "Họp sớm theo đề nghị của công đoàn.")
        await chair.click("text=Open the conference")
        await expect(chair.locator("#messages")).to_contain_text("The conference is in session.")
        await chair.goto(f"{conference_url}/checkin")
        await chair.fill("#f-code", "NOTONLIST")
        await chair.click("text=Check in >> nth=0")
        await expect(chair.locator("#checkin-result")).to_contain_text("Not on the delegate list")
        for present, delegate in enumerate(delegates[:5], start=1):
            # The form empties itself after each answer: wait for that before the next code.
            await expect(chair.locator("#f-code")).to_have_value("")
            await chair.fill("#f-code", delegate["checkin_code"].lower())
            await chair.click("form.checkin button")
            await expect(chair.locator("#checkin-result")).to_contain_text(f"{present} / 7")
            await expect(chair.locator("#checkin-result")).to_contain_text("checked in")

        # The vote on the resolution, by show of hands: 4 for, 1 against.
        await chair.goto(f"{conference_url}/agenda")
        item = chair.locator("li", has_text="Adoption of the conference resolution")
        await item.locator("text=Open the vote").click()
        await expect(chair.locator("#messages")).to_contain_text("The vote is open.")
        item = chair.locator("li", has_text="Adoption of the conference resolution")
        inputs = item.locator("form.hands input[type=number]")
        await inputs.nth(0).fill("4")
        await inputs.nth(1).fill("1")
        await item.locator("input[name=teller_one]").fill("Phạm Văn Dũng")
        await item.locator("input[name=teller_two]").fill("Hoàng Thị Yến")
        await item.locator("text=Record the show of hands and close").click()
        await expect(chair.locator("#messages")).to_contain_text("counted and the vote closed")
        await expect(
            chair.locator("li", has_text="Adoption of the conference resolution")
        ).to_contain_text("Adopted")
    finally:
        await union.close()

    # HR closes, records a commitment, publishes; minutes and resolution carry the numbers.
    await page.goto(conference_url)
    await page.fill("#f-summary", "Tăng lương tối thiểu thêm 5 % từ ngày 01/01/2027.")
    await page.fill("#f-close-reason", "Bầu đại diện đối thoại vào quý sau.")
    await page.click("text=Close the conference")
    await expect(page.locator("#messages")).to_contain_text("its minutes were issued")
    await page.fill("#f-c-title", "Tăng lương tối thiểu thêm 5 %")
    await page.fill("#f-c-owner", "Ban Giám đốc")
    await page.fill("#f-c-due", "2027-01-01")
    await page.click("text=Add the commitment")
    await expect(page.locator("#messages")).to_contain_text("now a follow-up action")
    await page.click("text=Issue and publish the resolution")
    await expect(page.locator("#messages")).to_contain_text("published on the enterprise")

    minutes = _text(await _downloaded(page, lambda: page.click("text=Minutes of the conference")))
    resolution = _text(await _downloaded(page, lambda: page.click("text=Resolution (.docx)")))
    for text in (minutes, resolution):
        assert re.search(r"\b5\b", text) and re.search(r"\b7\b", text), text
        assert re.search(r"\b4\b", text), text
    assert "Tăng lương tối thiểu thêm 5 %" in resolution
