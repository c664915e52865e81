"""Issue 5's "Done when": HR and the union officer of the demo garment company take a periodic
dialogue from a worker's suggestion sent from the public page to the minutes and the notice of
its main contents, both downloaded and read back with python-docx."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest
from playwright.async_api import Browser, Page, expect

from labour_democracy.core.demo import DEMO_PASSWORD, load_demo
from labour_democracy.core.tables import Enterprise
from labour_democracy.dialogue import rules
from labour_democracy.dialogue.tables import Dialogue, DialogueStatus, MemberList
from labour_democracy.i18n import LOCAL_TIMEZONE, today
from labour_democracy.suggestions.tables import Suggestion
from tests.browser.conftest import PHONE, TIMEOUT_MS
from tests.browser.test_phone_layout import OVERFLOW

pytestmark = pytest.mark.browser
SUBJECT = "Thêm quạt ở xưởng cắt"


def _read(path: str) -> str:
    document = docx.Document(io.BytesIO(Path(path).read_bytes()))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


async def _fits_a_phone(page: Page) -> None:
    result = await page.evaluate(OVERFLOW)
    assert result["excess"] <= 0, f"{page.url} is {result['excess']}px too wide: {result['wide']}"


async def _signed_in(chromium: Browser, live_server: str, email: str) -> Page:
    """The union officer works from a 360-px phone."""
    context = await chromium.new_context(base_url=live_server, viewport=PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    page = await context.new_page()
    await page.goto("/login")
    await page.fill("#f-email", email)
    await page.fill("#f-password", DEMO_PASSWORD)
    await page.click("main form button[type=submit]")
    await page.wait_for_url(lambda url: not url.split("?")[0].endswith("/login"))
    await page.select_option("#language-choice", "en")
    await page.click("form.language button[type=submit]")
    await expect(page.locator("html")).to_have_attribute("lang", "en")
    return page


async def test_hr_and_union_hold_a_periodic_dialogue_from_a_workers_suggestion(
    page: Page, chromium: Browser, live_server: str, sign_in
):
    await load_demo()
    enterprise = await Enterprise.objects().where(Enterprise.symbol == "SHVN").first()
    base = f"/enterprises/{enterprise.id}/dialogue"
    dialogue = (
        await Dialogue.objects()
        .where(Dialogue.enterprise == enterprise.id)
        .where(Dialogue.status == DialogueStatus.PLANNED.value)
        .first()
    )
    here = f"{base}/{dialogue.id}"

    # A worker sends a suggestion from the public page on a phone.
    phone = await chromium.new_context(base_url=live_server, viewport={"width": 360, "height": 740})
    phone.set_default_timeout(TIMEOUT_MS)
    worker = await phone.new_page()
    await worker.goto(f"/p/{enterprise.public_token}")
    section = worker.locator("#suggestions")
    await section.get_by_label("Tiêu đề").fill(SUBJECT)
    await section.get_by_label("Nội dung kiến nghị hoặc câu hỏi").fill(
        "Xưởng cắt rất nóng vào buổi chiều."
    )
    await section.get_by_role("button", name="Gửi").click()
    await expect(worker.locator("#tracking-code")).to_be_visible()
    suggestion = await Suggestion.objects().where(Suggestion.subject == SUBJECT).first()

    # The union publishes it and takes it up at the next periodic dialogue.
    union = await _signed_in(chromium, live_server, "union@demo.vn")
    await union.goto(f"/enterprises/{enterprise.id}/suggestions/{suggestion.id}")
    await union.get_by_role("button", name="Publish: the employer may read it").click()
    await union.goto(f"/enterprises/{enterprise.id}/suggestions")
    await union.check(f"#pick-{suggestion.id}")
    await union.select_option("#f-assign_to", f"dialogue:{dialogue.id}")
    await union.click("button[name=action][value=assign]")
    await expect(union.locator("#messages")).to_contain_text("assigned")

    # The day of the dialogue comes; each side sent its contents on the last legal day.
    held_on = today()
    await Dialogue.update(
        {Dialogue.scheduled_at: dt.datetime.combine(held_on, dt.time(8), tzinfo=LOCAL_TIMEZONE)}
    ).where(Dialogue.id == dialogue.id)
    sent_on = rules.contents_deadline(held_on).isoformat()
    await sign_in("hr@demo.vn", DEMO_PASSWORD)
    await page.select_option("#language-choice", "en")
    await page.click("form.language button[type=submit]")
    await page.goto(here)
    employer = page.locator("#contents form").first
    await employer.locator("textarea").fill("Kế hoạch sản xuất quý I; làm thêm giờ dịp Tết.")
    await employer.locator("input[type=date]").fill(sent_on)
    await employer.get_by_role("button", name="Save the contents").click()
    await union.goto(here)
    workers_side = union.locator("#contents form").first  # the union sees only its own side
    await workers_side.locator("textarea").fill("Tiền thưởng Tết; quạt ở xưởng cắt.")
    await workers_side.locator("input[type=date]").fill(sent_on)
    await workers_side.get_by_role("button", name="Save the contents").click()
    await expect(union.locator("#contents")).not_to_contain_text("Late")

    # The union puts the suggestion (and the open follow-ups) on the agenda.
    await union.get_by_role("button", name="Put them on the agenda").click()
    await expect(union.locator("#agenda")).to_contain_text(SUBJECT)
    await _fits_a_phone(union)
    member_list = await MemberList.objects().where(MemberList.enterprise == enterprise.id).first()
    pages = ("", "/regulation", "/member-lists", f"/member-lists/{member_list.id}", "/requests")
    for path in (*pages, "/calendar"):
        await union.goto(base + path)
        await _fits_a_phone(union)

    # HR takes the attendance: everyone but one worker-side member.
    await page.goto(here)
    boxes = page.locator("#attendance input[name=present]")
    for index in range(await boxes.count()):
        await boxes.nth(index).check()
    await page.locator("#attendance label", has_text="Đỗ Thị Hoa").locator("input").uncheck()
    await page.get_by_role("button", name="Save the attendance").click()
    await expect(page.locator("#messages")).to_contain_text("the quorum is met")

    # Each item gets both positions and its outcome; the suggestion is agreed.
    due = (held_on + dt.timedelta(days=30)).isoformat()
    items = page.locator("#agenda ol > li")
    for index in range(await items.count()):
        item = page.locator("#agenda ol > li").nth(index)
        agreed = SUBJECT in await item.locator("strong").first.inner_text()
        form = item.locator("form")
        await form.locator("textarea[name=employer_position]").fill("Công ty đồng ý xem xét.")
        await form.locator("textarea[name=worker_position]").fill("Người lao động đề nghị.")
        await form.locator("select[name=outcome]").select_option(
            "agreed" if agreed else "not_agreed"
        )
        if agreed:
            await form.locator("textarea[name=agreed_text]").fill("Lắp 6 quạt ở xưởng cắt")
            await form.locator("input[name=owner]").fill("Phòng Hành chính")
            await form.locator("input[name=due_on]").fill(due)
        await form.get_by_role("button", name="Save the item").click()
        await expect(page.locator("#messages")).to_contain_text("The item was recorded.")

    record = page.locator("#record form").first
    await record.locator("#f-held_on").fill(held_on.isoformat())
    await record.locator("#f-chair").fill("Park Ji-hoon")
    await record.locator("#f-secretary").fill("Nguyễn Thị Minh Thu")
    await record.locator("#f-summary").fill(
        "Hai bên thống nhất lắp 6 quạt ở xưởng cắt trước ngày "
        f"{held_on + dt.timedelta(days=30):%d/%m/%Y}."
    )
    await record.get_by_role("button", name="Record the dialogue").click()
    await expect(page.locator("#messages")).to_contain_text("follow-up actions")

    # The minutes, with the signatures the law requires.
    async with page.expect_download() as waiting:
        await page.get_by_role("button", name="Issue the minutes (.docx)").click()
    minutes = _read(await (await waiting.value).path())
    assert "BIÊN BẢN" in minutes
    assert SUBJECT in minutes and "Lắp 6 quạt ở xưởng cắt" in minutes
    assert "Park Ji-hoon" in minutes and "Trần Văn Hải" in minutes

    # Publication within 3 working days, then the notice of the main contents.
    await page.goto(here)
    await page.locator("#documents #f-published_on").fill(held_on.isoformat())
    await page.get_by_role("button", name="Publicise and issue the notice").click()
    await expect(page.locator("#messages")).to_contain_text("publicised")
    async with page.expect_download() as waiting:
        await page.get_by_role(
            "link", name="Download the notice of the main contents (.docx)"
        ).click()
    notice = _read(await (await waiting.value).path())
    assert "THÔNG BÁO" in notice and "lắp 6 quạt ở xưởng cắt" in notice
    assert (await Dialogue.objects().get(Dialogue.id == dialogue.id)).published_on == held_on

    # The workers read the main contents on the public page.
    await worker.goto(f"/p/{enterprise.public_token}")
    await expect(worker.locator("#dialogues")).to_contain_text("lắp 6 quạt ở xưởng cắt")
    await phone.close()
    await union.context.close()
