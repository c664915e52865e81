"""The issue's "Done when", played by a province officer in a browser: a register of 43
enterprises imported after two bad rows were refused, reported facts so that 41 of 43 held
their conference, 95.3 %, the drill-down to the two late ones, a reminder, the annual report
downloaded and read back; then a commune-union officer who sees only its enterprises."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document
from playwright.async_api import Browser, Page, expect

from labour_democracy.compliance.tables import Contact
from labour_democracy.core.tables import Enterprise, Membership, Role, UpperUnion
from labour_democracy.i18n import today
from tests import factories
from tests.compliance import seed

pytestmark = pytest.mark.browser


def _file(name: str, content: bytes) -> dict:
    return {"name": name, "mimeType": "text/csv", "buffer": content}


async def test_a_province_officer_counts_41_of_43_and_acts_on_the_late_two(
    page: Page, sign_in, chromium: Browser, live_server: str
):
    codes = await seed.communes()
    await factories.english_user("lien@tn.vn", Role.FEDERATION, province=seed.PROVINCE)
    await sign_in("lien@tn.vn", factories.PASSWORD)

    # The register: two bad rows refuse the whole file, each named with its row.
    await page.goto("/compliance/register")
    await page.set_input_files("#f-file", _file("register.csv", seed.bad_file(codes)))
    await page.click("form[action='/compliance/register'] button[type=submit]")
    problems = page.locator("table.problems tbody tr")
    await expect(problems).to_have_count(2)
    await expect(problems.nth(0)).to_contain_text("Unknown commune code 99999.")
    await expect(problems.nth(1)).to_contain_text("Tax code 4600000001 is already on row 2.")
    assert await Enterprise.count() == 0
    await page.set_input_files("#f-file", _file("register.csv", seed.good_file(codes)))
    await page.click("form[action='/compliance/register'] button[type=submit]")
    await expect(page.locator("#messages")).to_contain_text("43 enterprises added")

    # Reported facts: 40 from the survey file, the 41st by hand.
    year = today().year
    survey = ["tax_code,obligation,year,done_on,note"] + [
        f"{4600000000 + n},conference_held,{year},02/01/{year},khảo sát" for n in range(1, 41)
    ]
    await page.goto("/compliance/register")
    await page.set_input_files("#f-facts", _file("facts.csv", "\n".join(survey).encode()))
    await page.click("form[action='/compliance/facts'] button[type=submit]")
    await expect(page.locator("#messages")).to_contain_text("40 reported facts were imported")
    ids = [r["id"] for r in await Enterprise.select(Enterprise.id).order_by(Enterprise.tax_code)]
    await page.goto(f"/enterprises/{ids[40]}/compliance")
    await page.select_option("#f-obligation", "conference_held")
    await page.check("#f-met")
    await page.fill("#f-on", (today() - dt.timedelta(days=1)).isoformat())
    await page.click("form[action$='/compliance/facts'] button[type=submit]")
    await expect(page.locator("#messages")).to_contain_text("The reported fact was saved.")

    # The dashboard as the seed writes it, and the drill-down to the two late ones.
    await page.goto("/compliance/")
    conference = page.locator("tr", has_text="Annual worker conference held")
    await expect(conference.first).to_contain_text("95.3%")
    await expect(conference.first).to_contain_text("41 of 43")
    await conference.first.locator("a", has_text="2").click()
    late = page.locator("main table tbody tr")
    await expect(late).to_have_count(2)
    await expect(late).to_contain_text(["Công ty số 42", "Công ty số 43"])

    # A reminder to the first late one.
    await late.nth(0).locator("a").click()
    await page.click("form[action$='/compliance/remind'] button[type=submit]")
    await expect(page.locator("#messages")).to_contain_text("The reminder was sent")
    assert await Contact.count() == 1

    # The annual report, downloaded and read back.
    await page.goto("/compliance/")
    async with page.expect_download() as download_info:
        await page.click("a:has-text('Annual report (.docx)')")
    download = await download_info.value
    content = Path(await download.path()).read_bytes()  # noqa: ASYNC240 - a small local file
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert "41/43 doanh nghiệp" in text and "95,3%" in text

    # A commune-union officer (the industrial park's union) sees only its three enterprises.
    park = await UpperUnion.select(UpperUnion.id).where(UpperUnion.code == "KCN-YB").first()
    user_id = await factories.english_user("kcn@tn.vn", Role.HR, ids[0])
    await Membership.delete().where(Membership.user == user_id)
    await Membership(user=user_id, role=Role.LOCAL_UNION, upper_union=park["id"]).save()
    context = await chromium.new_context(base_url=live_server)
    other = await context.new_page()
    await other.goto("/login")
    await other.fill("#f-email", "kcn@tn.vn")
    await other.fill("#f-password", factories.PASSWORD)
    await other.click("main form button[type=submit]")
    await other.wait_for_url(lambda url: not url.split("?")[0].endswith("/login"))
    await other.goto("/compliance/enterprises")
    rows = other.locator("main table tbody tr")
    await expect(rows).to_have_count(3)
    await expect(rows).to_contain_text(["Công ty số 41", "Công ty số 42", "Công ty số 43"])
    response = await other.goto(f"/enterprises/{ids[0]}/compliance")
    assert response.status == 404
    await context.close()
