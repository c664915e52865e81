"""Signing in with a mouse and with the keyboard alone."""

from __future__ import annotations

import pytest
from playwright.async_api import Page, expect

from labour_democracy.core.tables import Role
from tests import factories

pytestmark = pytest.mark.browser

ACTIVE_ELEMENT = "(e => e.id || e.className || e.tagName.toLowerCase())(document.activeElement)"


async def test_hr_signs_in_and_lands_on_the_enterprise_page(page: Page, sign_in):
    enterprise = await factories.enterprise(name="Công ty TNHH May Sông Hồng")
    await factories.user("hr@a.vn", Role.HR, enterprise)
    await sign_in("hr@a.vn", factories.PASSWORD)
    assert page.url.endswith(f"/enterprises/{enterprise}")
    await expect(page.locator("main h1")).to_have_text("Công ty TNHH May Sông Hồng")
    await expect(page.locator(".enterprise-nav a[aria-current=page]")).to_have_count(1)


async def test_keyboard_reaches_the_skip_link_then_the_login_fields_in_order_and_enter_submits(
    page: Page,
):
    enterprise = await factories.enterprise()
    await factories.user("hr@a.vn", Role.HR, enterprise)
    await page.goto("/login")
    await expect(page.locator("#f-email")).to_be_focused()  # autofocus

    # Backwards from the e-mail field, the skip link is the first stop of the page.
    for _ in range(10):
        if await page.evaluate(ACTIVE_ELEMENT) == "skip":
            break
        await page.keyboard.press("Shift+Tab")
    skip = page.locator("a.skip")
    await expect(skip).to_be_focused()
    box = await skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, "the focused skip link must be on screen"

    await page.keyboard.press("Enter")
    await expect(page.locator("main#main")).to_be_focused()
    visited = []
    for _ in range(3):
        await page.keyboard.press("Tab")
        visited.append(await page.evaluate(ACTIVE_ELEMENT))
    assert visited[:2] == ["f-email", "f-password"]
    await expect(page.locator("main form button[type=submit]")).to_be_focused()

    await page.keyboard.press("Shift+Tab")
    await page.keyboard.press("Shift+Tab")
    await expect(page.locator("#f-email")).to_be_focused()
    await page.keyboard.type("hr@a.vn")
    await page.keyboard.press("Tab")
    await page.keyboard.type(factories.PASSWORD)
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"**/enterprises/{enterprise}")


async def test_a_wrong_password_shows_the_error_beside_the_form_and_keeps_the_email(page: Page):
    await factories.user("hr@a.vn", Role.HR, await factories.enterprise())
    await page.goto("/login")
    await page.fill("#f-email", "hr@a.vn")
    await page.fill("#f-password", "not-the-password")
    await page.press("#f-password", "Enter")
    await expect(page.locator(".error-summary")).to_be_visible()
    await expect(page.locator("#f-email")).to_have_value("hr@a.vn")
    assert page.url.endswith("/login")
