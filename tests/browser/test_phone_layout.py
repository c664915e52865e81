"""A 360-px-wide phone: no page scrolls sideways."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from labour_democracy.core.tables import Role
from tests import factories
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

# The page's width beyond the window, and the elements that stick out (for the message).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > width + 0.5)
    .filter(e => !e.closest(".table-wrap") || e.classList.contains("table-wrap"))
    .map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
              (e.className ? "." + String(e.className).replace(/ /g, ".") : ""));
  return {excess: document.documentElement.scrollWidth - width, wide: wide.slice(0, 10)};
}"""


async def _assert_no_sideways_scroll(page: Page) -> None:
    result = await page.evaluate(OVERFLOW)
    assert result["excess"] <= 0, f"{page.url} is {result['excess']}px too wide: {result['wide']}"


async def test_the_login_page_fits_a_360px_phone(page: Page):
    await page.set_viewport_size(PHONE)
    await page.goto("/login")
    await _assert_no_sideways_scroll(page)


async def test_the_roster_fits_a_360px_phone(page: Page, sign_in):
    await page.set_viewport_size(PHONE)
    enterprise = await factories.enterprise(name="Công ty TNHH Một thành viên May mặc Xuất khẩu")
    await factories.user("hr@a.vn", Role.HR, enterprise)
    unit = await factories.org_unit(enterprise, "Phòng Hành chính - Nhân sự và Quan hệ lao động")
    await factories.worker(enterprise, "Nguyễn Thị Phương Thảo Nguyên", org_unit=unit)
    await factories.workers(enterprise, 24, org_unit=unit, position="Công nhân may")
    await sign_in("hr@a.vn", factories.PASSWORD)
    await page.goto(f"/enterprises/{enterprise}/workers")
    await _assert_no_sideways_scroll(page)
