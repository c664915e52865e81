"""Every staff and public page of the demo fits a 360-px phone: no page is wider than the
window. The pages come from tests/page_walk.py (the registered routes, filled with the demo's
records), so a module merged later is measured too."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser

from labour_democracy.core.demo import DEMO_PASSWORD, load_demo
from tests.browser.conftest import PHONE
from tests.browser.test_phone_layout import OVERFLOW
from tests.page_walk import EMAILS, demo_visits

pytestmark = pytest.mark.browser


async def signed_in_pages(chromium: Browser, live_server: str, viewport: dict) -> dict:
    """A page per person of the demo (and one for the anonymous worker), signed in."""
    pages = {}
    for who in [*EMAILS, "anonymous"]:
        context = await chromium.new_context(base_url=live_server, viewport=viewport)
        page = await context.new_page()
        if who != "anonymous":
            await page.goto("/login")
            await page.fill("#f-email", EMAILS[who])
            await page.fill("#f-password", DEMO_PASSWORD)
            await page.click("main form button[type=submit]")
            await page.wait_for_url(lambda url: not url.split("?")[0].endswith("/login"))
        pages[who] = page
    return pages


async def test_every_page_of_the_demo_fits_a_360px_phone(app, chromium, live_server):
    await load_demo()
    visits = await demo_visits(app, records_per_route=2)
    pages = await signed_in_pages(chromium, live_server, PHONE)
    too_wide = []
    try:
        for visit in visits:
            page = pages[visit.who]
            response = await page.goto(visit.url)
            if response is None or response.status != 200:
                continue
            if "text/html" not in (response.headers.get("content-type") or ""):
                continue
            result = await page.evaluate(OVERFLOW)
            if result["excess"] > 0:
                too_wide.append(f"{visit.url}: {result['excess']}px too wide: {result['wide']}")
    finally:
        for page in pages.values():
            await page.context.close()
    assert not too_wide, "pages wider than a 360-px phone:\n" + "\n".join(too_wide)
