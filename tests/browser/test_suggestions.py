"""A worker on a 360-px phone without JavaScript sends an anonymous suggestion from the public
page, and later reads the answer with the tracking code."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Browser, expect

from labour_democracy.core.tables import Enterprise, Role
from labour_democracy.suggestions import services
from labour_democracy.suggestions.tables import Suggestion
from tests import factories
from tests.browser.conftest import TIMEOUT_MS

pytestmark = pytest.mark.browser
CODE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")


async def test_a_worker_sends_a_suggestion_from_a_phone_without_javascript(
    chromium: Browser, live_server: str
):
    enterprise_id = await factories.enterprise(name="Công ty TNHH May Sông Hồng")
    token = (await Enterprise.select(Enterprise.public_token).first())["public_token"]
    phone = await chromium.new_context(
        base_url=live_server, viewport={"width": 360, "height": 740}, java_script_enabled=False
    )
    phone.set_default_timeout(TIMEOUT_MS)
    try:
        page = await phone.new_page()
        await page.goto(f"/p/{token}")
        section = page.locator("#suggestions")
        await section.get_by_label("Tiêu đề").fill("Nước uống ở xưởng cắt")
        await section.get_by_label("Nội dung kiến nghị hoặc câu hỏi").fill(
            "Xưởng cắt chỉ có một bình nước cho 40 người."
        )
        await section.get_by_role("button", name="Gửi").click()
        code = CODE.search(await page.locator("#tracking-code").inner_text()).group(0)
        assert await page.evaluate("document.documentElement.scrollWidth") <= 360

        row = await Suggestion.objects().first()
        assert row.author_name == ""
        union = await factories.context(enterprise_id, Role.UNION)
        hr = await factories.context(enterprise_id, Role.HR)
        await services.publish(union, row.id)
        await services.answer(hr, row.id, "Tuần này bổ sung thêm ba bình nước.")

        await page.goto(f"/p/{token}")
        await page.locator("#suggestions").get_by_label("Mã tra cứu").fill(code)
        await page.locator("#suggestions").get_by_role("button", name="Tra cứu").click()
        await expect(page.get_by_text("Tuần này bổ sung thêm ba bình nước.")).to_be_visible()
        assert await page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        await phone.close()
