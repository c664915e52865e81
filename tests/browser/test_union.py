"""From "no union" to a recognised grassroots union in the browser: the federation officer
appoints the campaign committee, three workers apply from their phones (a foreign worker on a
6-month contract is refused as a founder), the committee reviews, holds the founding congress
(the executive committee's first meeting elects the chair by secret ballot of its members)
and sends the dossier, the officer recognises the union, and its chair then co-chairs a
conference plan HR issues. The documents are read back with python-docx."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from playwright.async_api import Browser, Page, expect

from labour_democracy.core.tables import Enterprise, Representation, Role
from labour_democracy.i18n import today
from labour_democracy.unions import founding, officers
from labour_democracy.unions.schemas import ApplicationForm, MeetingForm, ReviewForm
from labour_democracy.unions.tables import Body, GrassrootsUnion, Office, OfficerRound
from labour_democracy.voting import services as voting
from labour_democracy.voting.schemas import TallySheetForm
from labour_democracy.voting.tables import TallyKind
from tests import factories
from tests.browser.conftest import TIMEOUT_MS
from tests.unions import helpers

pytestmark = pytest.mark.browser
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"]


async def _downloaded(page: Page, click) -> bytes:
    async with page.expect_download() as waiting:
        await click()
    download = await waiting.value
    return Path(await download.path()).read_bytes()  # noqa: ASYNC240 (a test reading a file)


def _text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


async def _apply_from_a_phone(chromium: Browser, live_server: str, token: str, **fields) -> str:
    phone = await chromium.new_context(
        base_url=live_server, viewport={"width": 360, "height": 740}, java_script_enabled=False
    )
    phone.set_default_timeout(TIMEOUT_MS)
    try:
        page = await phone.new_page()
        await page.goto(f"/p/{token}")
        await page.locator("#union").get_by_role("link").click()
        await page.fill("#f-full_name", fields["name"])
        await page.select_option("#f-gender", fields.get("gender", "female"))
        await page.fill("#f-nationality", fields.get("nationality", "VN"))
        if fields.get("months"):
            await page.fill("#f-contract_months", str(fields["months"]))
        await page.click("main form button[type=submit]")
        code = (await page.locator("#tracking-code").inner_text()).strip()
        assert await page.evaluate("document.documentElement.scrollWidth") <= 360
        return code
    finally:
        await phone.close()


async def test_from_no_union_to_a_recognised_union_whose_chair_co_chairs_a_conference(
    page: Page, sign_in, chromium: Browser, live_server: str
):
    enterprise = await factories.enterprise(name="Công ty TNHH May Công Đoàn")
    unit = await factories.org_unit(enterprise, name="Xưởng may")
    for i in range(12):
        name = NAMES[i] if i < len(NAMES) else f"Công nhân {i}"
        await factories.worker(enterprise, name=name, code=f"NV{i:03d}", org_unit=unit)
    await factories.english_user("fed@tn.vn", Role.FEDERATION, province="24")
    await factories.english_user("committee@cd.vn", Role.UNION, enterprise)
    await factories.english_user("hr@cd.vn", Role.HR, enterprise)
    token = (
        await Enterprise.select(Enterprise.public_token).where(Enterprise.id == enterprise).first()
    )["public_token"]

    # The federation officer sees the enterprise among those without a union and appoints
    # the campaign committee; the decision is drafted.
    await sign_in("fed@tn.vn", factories.PASSWORD)
    await page.goto("/federation/unions")
    await page.click("text=Công ty TNHH May Công Đoàn")
    await page.fill("#f-members", "Nguyễn Văn An - Tổ trưởng\nTrần Thị Bình")
    await page.click("main form button[type=submit]")
    await expect(page.locator("#messages")).to_contain_text("campaign committee was appointed")
    decision = _text(await _downloaded(page, lambda: page.click("#union-documents a")))
    assert "QUYẾT ĐỊNH" in decision and "Ban vận động" in decision

    # Three workers apply from their phones; the third is foreign, on a 6-month contract.
    await _apply_from_a_phone(chromium, live_server, token, name="Nguyễn Văn An", gender="male")
    await _apply_from_a_phone(chromium, live_server, token, name="Trần Thị Bình")
    foreign = await _apply_from_a_phone(
        chromium, live_server, token, name="Kim Min-jun", gender="male", nationality="KR", months=6
    )
    # Three more colleagues hand in paper applications, entered by the committee.
    enterprise_row = await Enterprise.objects().where(Enterprise.id == enterprise).first()
    for name in NAMES[2:]:
        await founding.apply(enterprise_row, ApplicationForm(full_name=name, gender="female"), "x")

    # The campaign committee reviews: the foreign worker is refused as a founder.
    committee = await chromium.new_context(base_url=live_server)
    committee.set_default_timeout(TIMEOUT_MS)
    member = await committee.new_page()
    await member.goto("/login")
    await member.fill("#f-email", "committee@cd.vn")
    await member.fill("#f-password", factories.PASSWORD)
    await member.click("main form button[type=submit]")
    await member.wait_for_url(lambda url: not url.split("?")[0].endswith("/login"))
    base = f"/enterprises/{enterprise}/union"
    await member.goto(f"{base}/applications")
    applications = {
        a.full_name: a.id
        for a in await founding.applications(await factories.context(enterprise, Role.UNION))
    }
    card = member.locator(f"#application-{applications['Kim Min-jun']}")
    await card.locator("button[type=submit]").click()
    await expect(member.locator("main")).to_contain_text("12 months or more")
    for index, name in enumerate(NAMES[:2]):
        card = member.locator(f"#application-{applications[name]}")
        await card.locator("input[name=employee_code]").fill(f"NV{index:03d}")
        await card.locator("button[type=submit]").click()
        await expect(member.locator("#messages")).to_contain_text("The application was reviewed.")
    union_context = await factories.context(enterprise, Role.UNION)
    for index, name in enumerate(NAMES[2:], start=2):
        await founding.review(
            union_context,
            applications[name],
            ReviewForm(decision="accept", employee_code=f"NV{index:03d}"),
        )
    await member.goto(base)
    await expect(member.locator("#founder-count")).to_have_text("5 / 5")

    # The founding congress: plan, attendance, the strike-out election counted by tellers.
    await member.fill("#f-place", "Hội trường tầng 2")
    await member.fill(
        "#f-executive_candidates", "Nguyễn Văn An\nTrần Thị Bình\nLê Văn Cường\nPhạm Thị Dung"
    )
    await member.fill("#f-inspection_candidates", "Hoàng Văn Em")
    await member.click("#congress form button[type=submit]")
    await expect(member.locator("#messages")).to_contain_text("The congress was planned.")
    for checkbox in await member.locator("input[name=present]").all():
        await checkbox.check()
    await member.click("text=Take attendance and draw the ballot")
    await expect(member.locator("#messages")).to_contain_text("Attendance was taken")
    union = await GrassrootsUnion.objects().where(GrassrootsUnion.enterprise == enterprise).first()
    ballot_id = union.election_ballot
    await voting.open_ballot(union_context, ballot_id, present=5)
    votes = {
        "Nguyễn Văn An": 5,
        "Trần Thị Bình": 4,
        "Lê Văn Cường": 3,
        "Phạm Thị Dung": 1,
        "Hoàng Văn Em": 5,
    }
    questions = await voting.questions_with_options(ballot_id)
    await voting.add_tally_sheet(
        union_context,
        ballot_id,
        TallySheetForm(kind=TallyKind.PAPER, ballots=5, teller_one="Tổ A", teller_two="Tổ B"),
        {(q["id"], o["id"], False): votes[o["label"]] for q in questions for o in q["options"]},
    )
    await voting.close_ballot(union_context, ballot_id)
    await member.goto(base)
    await member.click("text=Record the elected committees")
    await expect(member.locator("#executive")).to_contain_text("Nguyễn Văn An")

    # The executive committee's first meeting elects the chair: a secret strike-out ballot of
    # the committee's three members, counted by tellers, recorded on the officers' page.
    await member.click("text=Elect the officers")
    executive = member.locator("#meeting-executive_committee")
    await executive.locator("button[type=submit]").click()
    await expect(member.locator("#messages")).to_contain_text("first meeting was recorded")
    for name in ("Nguyễn Văn An", "Lê Văn Cường"):
        await executive.locator(f"label:has-text('{name}') input").check()
    await executive.locator("text=Draw the round").click()
    await expect(member.locator("#messages")).to_contain_text("The round is drawn")
    chair_round = await OfficerRound.objects().first()
    await helpers.count(union_context, chair_round.ballot, {"Nguyễn Văn An": 2}, 3)
    await member.reload()
    await executive.locator("text=Record the round's result").click()
    await expect(member.locator("#officers-executive_committee")).to_contain_text(
        "Nguyễn Văn An — Chair"
    )
    await expect(member.locator("#rounds-executive_committee")).to_contain_text("Elected")
    # The vice-chair and the inspection committee's chair, the same way (through the services).
    vice = {"Trần Thị Bình": 3}
    await helpers.hold_round(union_context, Body.EXECUTIVE, Office.VICE_CHAIR, vice, 3)
    await officers.plan_meeting(
        union_context, MeetingForm(body=Body.INSPECTION, met_on=today(), place="Phòng họp")
    )
    await helpers.hold_round(union_context, Body.INSPECTION, Office.CHAIR, {"Hoàng Văn Em": 1}, 1)
    await member.reload()
    meeting = _text(
        await _downloaded(
            member, lambda: member.click("#meeting-executive_committee a:has-text('Minutes')")
        )
    )
    assert "Phiên họp thứ nhất Ban Chấp hành" in meeting and "TM. BAN CHẤP HÀNH" in meeting
    assert "Nguyễn Văn An" in meeting
    await member.goto(base)
    await member.click("text=Issue the dossier for recognition")
    await expect(member.locator("#union-status")).to_have_text("Waiting for recognition")
    minutes = _text(
        await _downloaded(
            member, lambda: member.click("#union-documents a:has-text('Biên bản Đại hội')")
        )
    )
    assert "LIÊN ĐOÀN LAO ĐỘNG TỈNH THÁI NGUYÊN" in minutes or "LIÊN ĐOÀN LAO ĐỘNG" in minutes
    assert "TM. BAN CHẤP HÀNH" in minutes
    await committee.close()

    # The officer recognises the union; the recognition decision is drafted.
    await page.goto(f"/federation/unions/{enterprise}")
    await page.click("text=Recognise the union and draft the decision")
    await expect(page.locator("#union-status")).to_have_text("Recognised")
    recognition = _text(
        await _downloaded(
            page, lambda: page.click("#union-documents a:has-text('Quyết định công nhận')")
        )
    )
    assert "Về việc công nhận Công đoàn cơ sở Công ty TNHH May Công Đoàn" in recognition
    row = await Enterprise.objects().where(Enterprise.id == enterprise).first()
    assert row.representation == Representation.GRASSROOTS_UNION

    # The worker reads her application's fate with her code.
    checker = await chromium.new_context(base_url=live_server, java_script_enabled=False)
    check = await checker.new_page()
    await check.goto(f"/p/{token}/union")
    await check.fill("#union-code", foreign)
    await check.click("form[action$='/union/check'] button")
    await expect(check.locator("main")).to_contain_text("12")
    await checker.close()

    # HR plans the conference: the union's chair co-chairs, and the plan names the union.
    hr = await chromium.new_context(base_url=live_server)
    hr.set_default_timeout(TIMEOUT_MS)
    desk = await hr.new_page()
    await desk.goto("/login")
    await desk.fill("#f-email", "hr@cd.vn")
    await desk.fill("#f-password", factories.PASSWORD)
    await desk.click("main form button[type=submit]")
    await desk.wait_for_url(lambda url: not url.split("?")[0].endswith("/login"))
    conferences = f"/enterprises/{enterprise}/conferences"
    await desk.goto(f"{conferences}/rules")
    await desk.click("main form button[type=submit]")
    await desk.goto(f"{conferences}/new")
    await expect(desk.locator("#f-union_chair")).to_have_value("Nguyễn Văn An")
    await desk.fill("#f-year", "2026")
    await desk.fill("#f-held_on", "2026-12-28")
    await desk.fill("#f-venue", "Hội trường tầng 3")
    await desk.fill("#f-secretary", "Lê Thị Mai")
    await desk.click("main form button[type=submit]")
    await desk.wait_for_url(re.compile(r"/conferences/\d+$"))
    plan = _text(await _downloaded(desk, lambda: desk.click("text=Conference plan (.docx)")))
    assert "phối hợp với Ban Chấp hành Công đoàn cơ sở" in plan
    await expect(desk.locator("main")).to_contain_text("Nguyễn Văn An")
    await hr.close()


UNLABELLED = """() => [...document.querySelectorAll("input:not([type=hidden]), select, textarea")]
  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute("aria-label")
               && !e.getAttribute("aria-labelledby"))
  .map(e => e.outerHTML.slice(0, 120))"""
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


async def test_every_union_page_labels_its_inputs_and_fits_a_phone(page: Page, sign_in):
    from tests.browser.conftest import PHONE

    enterprise, _ = await helpers.enterprise_with_workers(12)
    await helpers.found_union(enterprise)
    await factories.user("union@u.vn", Role.UNION, enterprise)
    await factories.user("fed@u.vn", Role.FEDERATION, province="24")
    token = (
        await Enterprise.select(Enterprise.public_token).where(Enterprise.id == enterprise).first()
    )["public_token"]
    await page.set_viewport_size(PHONE)
    problems: list[str] = []

    async def check(path: str) -> None:
        response = await page.goto(path)
        assert response and response.ok, f"{path}: HTTP {response and response.status}"
        if unlabelled := await page.evaluate(UNLABELLED):
            problems.append(f"{path}: inputs without a label: {unlabelled}")
        if (excess := await page.evaluate(OVERFLOW)) > 0:
            problems.append(f"{path}: {excess}px wider than a 360-px phone")

    await check(f"/p/{token}/union")
    await sign_in("union@u.vn", factories.PASSWORD)
    base = f"/enterprises/{enterprise}/union"
    for path in (
        base,
        f"{base}/applications",
        f"{base}/members",
        f"{base}/poster",
        f"{base}/officers",
        f"{base}/fees?payroll=100000000",
    ):
        await check(path)
    await page.context.clear_cookies()
    await sign_in("fed@u.vn", factories.PASSWORD)
    for path in ("/federation/unions", f"/federation/unions/{enterprise}", base):
        await check(path)
    assert not problems, "\n".join(problems)
