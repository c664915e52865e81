"""The roster page: search without diacritics, sorting, paging, and the edit form's errors."""

from __future__ import annotations

import pytest
from playwright.async_api import Page, expect

from labour_democracy.core.tables import Role, Worker
from tests import factories

pytestmark = pytest.mark.browser

ROWS = "#roster-table tbody tr"
CODES = "#roster-table tbody tr td:nth-child(1)"


async def _hr_with_roster(sign_in, *names_and_codes: tuple[str, str]) -> int:
    enterprise = await factories.enterprise()
    await factories.user("hr@a.vn", Role.HR, enterprise)
    for name, code in names_and_codes:
        await factories.worker(enterprise, name, code=code)
    await sign_in("hr@a.vn", factories.PASSWORD)
    return enterprise


async def test_searching_nguyen_without_diacritics_finds_the_nguyen_rows(page: Page, sign_in):
    enterprise = await _hr_with_roster(
        sign_in,
        ("Nguyễn Thị Lan", "NV001"),
        ("Trần Văn Nguyên", "NV002"),
        ("Phạm Thị Nguyệt", "NV003"),
        ("Lê Văn Hùng", "NV004"),
    )
    await page.goto(f"/enterprises/{enterprise}/workers")
    await expect(page.locator(ROWS)).to_have_count(4)

    await page.fill("#f-q", "nguyen")
    await expect(page.locator(ROWS)).to_have_count(2)
    await expect(page.locator(ROWS)).to_contain_text(["Nguyễn Thị Lan", "Trần Văn Nguyên"])
    await page.wait_for_url("**q=nguyen**")  # the search is in the address, to share or reload

    await page.fill("#f-q", "khong-co-ai")
    await expect(page.locator("#roster-table .empty")).to_be_visible()


async def test_the_roster_sorts_by_code_up_then_down(page: Page, sign_in):
    enterprise = await _hr_with_roster(
        sign_in, ("Lê Văn Hùng", "NV003"), ("Nguyễn Thị Lan", "NV001"), ("Trần Thị Mai", "NV002")
    )
    await page.goto(f"/enterprises/{enterprise}/workers")
    await expect(page.locator(CODES)).to_have_text(["NV003", "NV001", "NV002"])  # by name

    code_header = page.locator("#roster-table thead th").first
    await code_header.locator("a").click()
    await expect(code_header).to_have_attribute("aria-sort", "ascending")
    await expect(page.locator(CODES)).to_have_text(["NV001", "NV002", "NV003"])

    await code_header.locator("a").click()
    await expect(code_header).to_have_attribute("aria-sort", "descending")
    await expect(page.locator(CODES)).to_have_text(["NV003", "NV002", "NV001"])


async def test_the_roster_pages_by_twenty_forward_and_back(page: Page, sign_in):
    enterprise = await _hr_with_roster(sign_in)
    await factories.workers(enterprise, 25)
    await page.goto(f"/enterprises/{enterprise}/workers")
    await expect(page.locator(ROWS)).to_have_count(20)
    await expect(page.locator(".pager a[rel=prev]")).to_have_count(0)

    await page.click(".pager a[rel=next]")
    await expect(page.locator(ROWS)).to_have_count(5)
    await page.wait_for_url("**page=2**")
    await expect(page.locator(".pager a[rel=next]")).to_have_count(0)

    await page.click(".pager a[rel=prev]")
    await expect(page.locator(ROWS)).to_have_count(20)


async def test_the_edit_form_shows_the_error_beside_the_field_and_keeps_the_input(
    page: Page, sign_in
):
    enterprise = await _hr_with_roster(sign_in)
    worker = await factories.worker(enterprise, "Nguyễn Thị Lan", code="NV001")
    await page.goto(f"/enterprises/{enterprise}/workers/{worker}")
    await page.fill("#f-full_name", "Nguyễn Thị Lan Anh")
    await page.fill("#f-email", "not-an-email")
    await page.click("form.grid-form button[type=submit]")

    email = page.locator("#f-email")
    error = page.locator("#email-error")
    await expect(email).to_have_attribute("aria-invalid", "true")
    await expect(email).to_have_attribute("aria-describedby", "email-error")
    await expect(error).to_be_visible()
    await expect(page.locator(".field.has-error")).to_have_count(1)
    await expect(page.locator(".field.has-error #email-error")).to_have_count(1)
    field_box, error_box = await email.bounding_box(), await error.bounding_box()
    assert field_box and error_box
    assert 0 <= error_box["y"] - (field_box["y"] + field_box["height"]) < 40, "right below it"

    await expect(email).to_have_value("not-an-email")
    await expect(page.locator("#f-full_name")).to_have_value("Nguyễn Thị Lan Anh")
    await expect(page.locator(".error-summary")).to_be_visible()
    saved = await Worker.select(Worker.full_name, Worker.email).where(Worker.id == worker).first()
    assert saved == {"full_name": "Nguyễn Thị Lan", "email": None}
