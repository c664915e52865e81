"""The federation's pages: import with a per-row report, the dashboard's 95.3 %, the drill-down
to the late ones, a reminder the enterprise reads, the annual report read back, exports, and the
scopes of a commune-union officer and the national reader."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from openpyxl import load_workbook

from labour_democracy.compliance import facts
from labour_democracy.compliance.tables import Contact, Fact, FactSource, FactState
from labour_democracy.core.tables import Enterprise, Membership, Role, UpperUnion, User
from labour_democracy.db import write_transaction
from labour_democracy.i18n import today
from tests import factories
from tests.compliance import seed


async def _upload(browser, content: bytes):
    headers = {"x-csrftoken": await browser.csrf()}
    return await browser.client.post(
        "/compliance/register",
        files={"file": ("register.csv", content, "text/csv")},
        headers=headers,
        follow_redirects=False,
    )


async def _seeded(browser_for):
    codes = await seed.communes()
    await factories.english_user("lien@tn.vn", Role.FEDERATION, province=seed.PROVINCE)
    officer = await browser_for("lien@tn.vn")
    refused = await _upload(officer, seed.bad_file(codes))
    assert refused.status_code == 422
    assert "Unknown commune code 99999." in refused.text
    assert "Tax code 4600000001 is already on row 2." in refused.text
    assert await Enterprise.count() == 0
    done = await _upload(officer, seed.good_file(codes))
    assert done.status_code == 303, done.text
    ids = [r["id"] for r in await Enterprise.select(Enterprise.id).order_by(Enterprise.tax_code)]
    year = today().year
    for enterprise_id in ids[:41]:
        async with write_transaction():
            await facts.put(
                enterprise_id,
                year,
                "conference_held",
                FactState.MET,
                on=dt.date(year, 1, 2),
                source=FactSource.REPORTED,
            )
    return officer, ids


async def test_the_province_officer_sees_95_3_percent_and_drills_down_to_the_late_two(
    browser_for,
):
    officer, _ids = await _seeded(browser_for)
    page = await officer.get("/compliance/")
    assert page.status_code == 200, page.text
    assert "95.3%" in page.text and "41 of 43" in page.text
    assert "<svg" in page.text
    late = await officer.get("/compliance/enterprises?state=late&obligation=conference_held")
    assert late.status_code == 200
    assert "Công ty số 42" in late.text and "Công ty số 43" in late.text
    assert "Công ty số 41" not in late.text
    sheet = await officer.get("/compliance/export.xlsx?table=late&obligation=conference_held")
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.values)
    assert [r[0] for r in rows[1:]] == ["Công ty số 42", "Công ty số 43"]


async def test_a_reminder_reaches_the_enterprise_and_the_report_reads_back(browser_for):
    officer, ids = await _seeded(browser_for)
    late_one = ids[42]
    sent = await officer.post(f"/enterprises/{late_one}/compliance/remind", {"year": today().year})
    assert sent.status_code == 303, sent.text
    assert await Contact.count() == 1
    await factories.english_user("hr@42.vn", Role.HR, late_one)
    hr = await browser_for("hr@42.vn")
    page = await hr.get(f"/enterprises/{late_one}/compliance")
    assert page.status_code == 200 and "Reminder" in page.text
    assert "Annual worker conference held" in page.text
    report = await officer.get("/compliance/report.docx")
    assert report.status_code == 200, report.text
    text = "\n".join(p.text for p in Document(io.BytesIO(report.content)).paragraphs)
    assert "41/43 doanh nghiệp" in text and "95,3%" in text
    assert "5/5 doanh nghiệp nhà nước" in text


async def test_a_commune_union_officer_sees_only_its_enterprises(browser_for):
    _officer, ids = await _seeded(browser_for)
    park = await UpperUnion.select(UpperUnion.id).where(UpperUnion.code == "KCN-YB").first()
    user = User(
        email="kcn@tn.vn",
        full_name="CĐ KCN",
        password_hash=(
            await User.select(User.password_hash).where(User.email == "lien@tn.vn").first()
        )["password_hash"],
        language="en",
    )
    await user.save()
    await Membership(user=user.id, role=Role.LOCAL_UNION, upper_union=park["id"]).save()
    local = await browser_for("kcn@tn.vn")
    listing = await local.get("/compliance/enterprises")
    assert listing.status_code == 200
    assert "Công ty số 41" in listing.text and "Công ty số 01" not in listing.text
    page = await local.get("/compliance/")
    assert "1 of 3" in page.text  # 41 held; 42 and 43 did not
    assert (await local.get(f"/enterprises/{ids[0]}/compliance")).status_code == 404
    assert (await local.get(f"/enterprises/{ids[42]}/compliance")).status_code == 200
    assert (await local.get("/compliance/register")).status_code == 403


async def test_the_national_reader_sees_every_province_and_acts_on_none(browser_for):
    _officer, ids = await _seeded(browser_for)
    user_id = await factories.english_user("vgcl@vn.vn", Role.HR, ids[0])
    await Membership.delete().where(Membership.user == user_id)
    await Membership(user=user_id, role=Role.NATIONAL).save()
    national = await browser_for("vgcl@vn.vn")
    page = await national.get("/compliance/")
    assert (
        page.status_code == 200 and "By province" in page.text and "Tỉnh Thái Nguyên" in page.text
    )
    refused = await national.post(f"/enterprises/{ids[42]}/compliance/remind", {"year": 2026})
    assert refused.status_code == 403
    api = await national.get(
        "/api/v1/compliance/aggregates", headers={"accept": "application/json"}
    )
    conference = next(f for f in api.json()["totals"] if f["obligation"] == "conference_held")
    assert (conference["held"], conference["eligible"], conference["rate"]) == (41, 43, "95.3")


async def test_an_administrator_gives_the_local_union_role_naming_its_union(browser_for):
    province = await factories.province_id(seed.PROVINCE)
    union = UpperUnion(code="CD-1", name="Công đoàn xã 1", province=province)
    await union.save()
    await factories.english_user("admin@x.vn", Role.ADMIN)
    user_id = await factories.english_user("cd1@x.vn", Role.HR, await factories.enterprise())
    admin = await browser_for("admin@x.vn")
    url = f"/admin/users/{user_id}/memberships"
    refused = await admin.post(url, {"role": "local_union"})
    assert refused.status_code == 422
    assert "Choose the commune or industrial-park union." in refused.text
    done = await admin.post(url, {"role": "local_union", "upper_union": str(union.id)})
    assert done.status_code == 303
    assert await Membership.exists().where(
        (Membership.user == user_id) & (Membership.upper_union == union.id)
    )


async def test_petitions_reported_on_the_enterprise_page_count_in_the_dashboard(browser_for):
    officer, ids = await _seeded(browser_for)
    url = f"/enterprises/{ids[0]}/compliance/facts"
    form = {"obligation": "suggestions_answered", "year": str(today().year)}
    refused = await officer.post(url, {**form, "received": "10", "resolved": "12"})
    assert refused.status_code == 422
    assert "More resolved than received." in refused.text and 'value="12"' in refused.text
    assert not await Fact.exists().where(Fact.obligation == "suggestions_answered")
    done = await officer.post(url, {**form, "received": "48", "resolved": "45"})
    assert done.status_code == 303, done.text
    page = await officer.get("/compliance/")
    assert "45 of 48" in page.text and "93.8%" in page.text
    standing = await officer.get(f"/enterprises/{ids[0]}/compliance")
    assert "45 of 48 items done" in standing.text
