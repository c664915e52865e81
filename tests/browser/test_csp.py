"""The pages satisfy their Content-Security-Policy: no violation reported in the console while a
person signs in, browses, and uses htmx (the check-in form, the language switch)."""

from __future__ import annotations

import pytest
from playwright.async_api import Page, expect

from labour_democracy.core.tables import Role
from tests import factories
from tests.route_samples import SAMPLES

pytestmark = pytest.mark.browser


async def test_pages_load_without_a_csp_violation(page: Page, sign_in):
    enterprise = await factories.enterprise()
    parent = await factories.org_unit(enterprise, name="Xưởng may")
    await factories.org_unit(enterprise, name="Tổ 1", parent=parent)
    await factories.english_user("hr@csp.vn", Role.HR, enterprise)
    conference = await SAMPLES["conference_id"](enterprise)
    notice = await SAMPLES["notice_id"](enterprise)
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))

    await sign_in("hr@csp.vn", factories.PASSWORD)
    base = f"/enterprises/{enterprise}"
    for path in (
        base,
        f"{base}/org-units",
        f"{base}/public-page",
        f"{base}/notices/{notice}",
        f"{base}/conferences/{conference}",
    ):
        response = await page.goto(path)
        assert response is not None and response.ok, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
    # htmx runs under the policy: its request carries the CSRF header and its answer is swapped.
    await page.goto(f"{base}/conferences/{conference}/checkin")
    await page.fill("#f-code", "NOTONLIST")
    await page.click("form.checkin button")
    await expect(page.locator("#checkin-result")).not_to_be_empty()
    await expect(page.locator("#f-code")).to_have_value("")  # static/app.js reset the form
    # the poster's print button is wired by static/app.js, not an onclick attribute
    await page.goto(f"{base}/public-page")
    await page.evaluate("window.print = () => { document.body.dataset.printed = 'yes'; }")
    await page.click("button[data-print]")
    await expect(page.locator("body")).to_have_attribute("data-printed", "yes")

    violations = [m for m in messages if "Content Security Policy" in m or "pageerror" in m]
    assert not violations, violations
