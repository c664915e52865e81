"""Every page of the core module: each form control labelled, `lang` set, no sideways scroll."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from labour_democracy.core.tables import Role
from tests import factories
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

UNLABELLED = """() => [...document.querySelectorAll("input:not([type=hidden]), select, textarea")]
  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute("aria-label")
               && !e.getAttribute("aria-labelledby"))
  .map(e => e.outerHTML.slice(0, 120))"""

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


async def test_every_core_page_labels_its_inputs_sets_lang_and_fits_a_phone(page: Page, sign_in):
    enterprise = await factories.enterprise(name="Công ty TNHH Một thành viên May mặc Xuất khẩu")
    await factories.user("hr@a.vn", Role.HR, enterprise)
    unit = await factories.org_unit(enterprise, "Phòng Hành chính - Nhân sự")
    worker = await factories.worker(enterprise, "Nguyễn Thị Phương Thảo", org_unit=unit)
    await page.set_viewport_size(PHONE)
    problems: list[str] = []

    async def check(path: str) -> None:
        response = await page.goto(path)
        assert response and response.ok, f"{path}: HTTP {response and response.status}"
        if unlabelled := await page.evaluate(UNLABELLED):
            problems.append(f"{path}: inputs without a label: {unlabelled}")
        if not await page.get_attribute("html", "lang"):
            problems.append(f"{path}: no lang on <html>")
        if (excess := await page.evaluate(OVERFLOW)) > 0:
            problems.append(f"{path}: {excess}px wider than a 360-px phone")

    await check("/login")
    await sign_in("hr@a.vn", factories.PASSWORD)
    base = f"/enterprises/{enterprise}"
    for path in (
        base,
        f"{base}/edit",
        f"{base}/org-units",
        f"{base}/org-units/{unit}/edit",
        f"{base}/workers",
        f"{base}/workers/new",
        f"{base}/workers/{worker}",
        "/account/password",
    ):
        await check(path)
    assert not problems, "\n".join(problems)
