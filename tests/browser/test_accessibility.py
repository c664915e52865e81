"""WCAG 2.1 AA in the browser (issue 13, item 12): axe-core, from the axe-playwright-python
package (its axe.min.js, installed with the test tools: no network at test time), runs on every
page of the demo — the workers' pages (public page, suggestions, the vote page, the results)
and every staff page — and no serious or critical violation is allowed. The pages come from
tests/page_walk.py, so a module merged later is checked too. Keyboard use: every control
reachable from the page's links and forms can take the focus (tabindex never negative on a
control)."""

from __future__ import annotations

import pytest
from axe_playwright_python.async_playwright import Axe

from labour_democracy.core.demo import load_demo
from tests.browser.conftest import DESKTOP
from tests.browser.test_every_page_fits_a_phone import signed_in_pages
from tests.page_walk import demo_visits

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# Controls a keyboard cannot reach: a focusable control taken out of the tab order.
UNREACHABLE = """() => [...document.querySelectorAll(
  'a[href], button, input:not([type=hidden]), select, textarea, summary')]
  .filter(e => e.getAttribute('tabindex') !== null && Number(e.getAttribute('tabindex')) < 0)
  .map(e => e.outerHTML.slice(0, 80))"""


async def test_no_page_of_the_demo_has_a_serious_accessibility_violation(
    app, chromium, live_server
):
    await load_demo()
    visits = await demo_visits(app, records_per_route=1)
    pages = await signed_in_pages(chromium, live_server, DESKTOP)
    axe = Axe()
    problems = []
    try:
        for visit in visits:
            page = pages[visit.who]
            response = await page.goto(visit.url)
            if response is None or response.status != 200:
                continue
            if "text/html" not in (response.headers.get("content-type") or ""):
                continue
            results = await axe.run(page, options=AXE_OPTIONS)
            for violation in results.response["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    targets = [n["target"] for n in violation["nodes"][:3]]
                    problems.append(f"{visit.url}: {violation['id']} {targets}")
            unreachable = await page.evaluate(UNREACHABLE)
            if unreachable:
                problems.append(f"{visit.url}: not reachable with the keyboard: {unreachable}")
    finally:
        for page in pages.values():
            await page.context.close()
    assert not problems, "accessibility problems:\n" + "\n".join(problems)


async def test_the_checker_sees_a_violation(page):
    """The control: a field without a label and an image without text are reported."""
    await page.goto("/login")
    await page.evaluate(
        "() => { document.querySelector('main').insertAdjacentHTML('beforeend',"
        " '<input type=text name=x><img src=/favicon.ico>'); }"
    )
    results = await Axe().run(page, options=AXE_OPTIONS)
    found = {
        v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")
    }
    assert {"label", "image-alt"} <= found


async def test_the_worker_ballot_page_has_no_serious_violation(page):
    """The page a worker votes on (reached with the code on the slip), and the receipt."""
    from labour_democracy.core.tables import Role
    from tests.voting.conftest import election, make_ballot, motion

    setup = await make_ballot(
        role=Role.UNION,
        questions=(motion(), election(["Lê Văn Đức", "Lê Văn Dũng", "Trần Thị An"], 2)),
    )
    await page.goto("/v")
    await page.fill("#f-code", setup.codes[0].code)
    await page.click("#voter-code-form button[type=submit]")
    await page.wait_for_selector("fieldset.question")
    results = await Axe().run(page, options=AXE_OPTIONS)
    serious = [
        (v["id"], [n["target"] for n in v["nodes"][:3]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, serious
    assert not await page.evaluate(UNREACHABLE)
