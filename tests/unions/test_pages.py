"""The union's pages through the test client: the public application, the campaign committee's
pages, the federation's pages, HR's view (no applicant's name), the fees page, the API."""

from __future__ import annotations

import re

import pytest

from labour_democracy.core.tables import Enterprise, Role
from labour_democracy.unions.tables import GrassrootsUnion, UnionApplication
from tests import factories
from tests.unions import helpers


async def in_english(browser):
    response = await browser.post("/language", {"language": "en", "next": "/"})
    assert response.status_code == 303
    return browser


@pytest.fixture
async def enterprise() -> tuple[int, str]:
    enterprise_id, _ = await helpers.enterprise_with_workers(12)
    await factories.user("hr@a.vn", Role.HR, enterprise_id)
    await factories.user("union@a.vn", Role.UNION, enterprise_id)
    await factories.user("fed@a.vn", Role.FEDERATION, province="24")
    await factories.user("fed@b.vn", Role.FEDERATION, province="01")
    token = (
        await Enterprise.select(Enterprise.public_token)
        .where(Enterprise.id == enterprise_id)
        .first()
    )["public_token"]
    return enterprise_id, token


def _code(page: str) -> str:
    return re.search(r'id="tracking-code">([^<]+)<', page).group(1).strip()


async def test_the_federation_appoints_the_committee_and_workers_apply_without_an_account(
    browser_for, enterprise
):
    enterprise_id, token = enterprise
    fed = await in_english(await browser_for("fed@a.vn"))
    listing = await fed.get("/federation/unions")
    assert listing.status_code == 200 and f"/federation/unions/{enterprise_id}" in listing.text
    stranger = await browser_for("fed@b.vn")
    assert (await stranger.get(f"/federation/unions/{enterprise_id}")).status_code == 404
    campaign = {
        "union_name": "CĐCS",
        "upper_union": "LĐLĐ",
        "formed_on": "2026-12-01",
        "members": "Nguyễn Văn An",
    }
    taken = await stranger.post(f"/federation/unions/{enterprise_id}/campaign", campaign)
    assert taken.status_code == 404 and await GrassrootsUnion.count() == 0
    refused = await fed.post(
        f"/federation/unions/{enterprise_id}/campaign",
        {"union_name": "CĐCS", "upper_union": "LĐLĐ", "formed_on": "2026-12-01", "members": " \n "},
    )
    assert refused.status_code == 422 and "This field is required" in refused.text
    done = await fed.post(
        f"/federation/unions/{enterprise_id}/campaign",
        {
            "union_name": "Công đoàn cơ sở Công ty TNHH Thử nghiệm",
            "upper_union": "Liên đoàn Lao động tỉnh Thái Nguyên",
            "formed_on": "2026-12-01",
            "members": "Nguyễn Văn An - Tổ trưởng",
        },
    )
    assert done.status_code == 303
    hr = await browser_for("hr@a.vn")
    assert (await hr.post(f"/federation/unions/{enterprise_id}/recognition", {})).status_code == 403

    worker = await in_english(await browser_for())
    assert (await worker.get("/p/not-a-token/union")).status_code == 404
    form = await worker.get(f"/p/{token}/union")
    assert form.status_code == 200 and "Send my application" in form.text
    bad = await worker.post(f"/p/{token}/union", {"full_name": "", "gender": "female"})
    assert bad.status_code == 422 and await UnionApplication.count() == 0
    sent = await worker.post(
        f"/p/{token}/union",
        {"full_name": "Kim Min-jun", "gender": "male", "nationality": "KR", "contract_months": "6"},
    )
    assert sent.status_code == 200
    code = _code(sent.text)
    checked = await worker.post(f"/p/{token}/union/check", {"code": code})
    assert "Not eligible (foreign worker, contract under 12 months)" in checked.text

    union = await in_english(await browser_for("union@a.vn"))
    base = f"/enterprises/{enterprise_id}/union"
    page = await union.get(f"{base}/applications")
    assert "Kim Min-jun" in page.text
    application = await UnionApplication.objects().first()
    refused = await union.post(f"{base}/applications/{application.id}", {"decision": "accept"})
    assert refused.status_code == 422 and "12 months" in refused.text
    # The employer sees the count, never who applied.
    hr = await in_english(hr)
    overview = await hr.get(base)
    assert overview.status_code == 200 and "Kim Min-jun" not in overview.text
    assert "0 / 5" in overview.text
    assert (await hr.get(f"{base}/applications")).status_code == 403
    poster = await union.get(f"{base}/poster")
    assert poster.status_code == 200 and f"/p/{token}/union" in poster.text


async def test_a_recognised_union_keeps_its_register_and_shows_fees_and_api(
    browser_for, enterprise
):
    enterprise_id, _ = enterprise
    await helpers.found_union(enterprise_id)
    union = await in_english(await browser_for("union@a.vn"))
    base = f"/enterprises/{enterprise_id}/union"
    register = await union.get(f"{base}/members")
    assert register.status_code == 200 and "Nguyễn Văn An" in register.text
    duplicate = await union.post(
        f"{base}/members", {"employee_code": "NV000", "joined_on": "2026-12-01"}
    )
    assert duplicate.status_code == 422 and "already a member" in duplicate.text
    added = await union.post(
        f"{base}/members", {"employee_code": "NV007", "joined_on": "2026-12-01"}
    )
    assert added.status_code == 303
    imported = await union.post(
        f"{base}/members/import", {"employee_codes": "NV008\nNV009", "joined_on": "2026-12-01"}
    )
    assert imported.status_code == 303
    counts = await union.api("GET", f"/api/v1/enterprises/{enterprise_id}/union/membership")
    assert counts.status_code == 200 and counts.json()[-1]["total"] == 8
    summary = await union.api("GET", f"/api/v1/enterprises/{enterprise_id}/union")
    assert summary.json()["status"] == "recognised" and summary.json()["members"] == 8
    hr = await in_english(await browser_for("hr@a.vn"))
    assert (await hr.get(f"{base}/members")).status_code == 403
    fees = await hr.get(f"{base}/fees?payroll=100.000.000&year=2026")
    assert fees.status_code == 200 and "2,000,000" in fees.text and "31 Jan 2027" in fees.text
    assert (await hr.get(f"{base}/fees?payroll=abc")).status_code == 200
    fed = await browser_for("fed@a.vn")
    progress = await fed.api("GET", "/api/v1/unions/founding-progress")
    assert progress.status_code == 200 and progress.json() == []
    # A page far past the last (Schemathesis asked for page 2966020184665835555520512).
    far = await fed.api("GET", "/api/v1/unions/founding-progress?page=2966020184665835555520512")
    assert far.status_code in (200, 400) and far.json() is not None
    beyond = await fed.api("GET", "/api/v1/unions/founding-progress?page=99999999999")
    assert beyond.status_code == 200 and beyond.json() == []


async def test_members_marked_on_the_roster_join_the_register(browser_for, enterprise):
    from labour_democracy.core.tables import Worker

    enterprise_id, _ = enterprise
    await helpers.found_union(enterprise_id)
    await Worker.update({Worker.union_member: True}).where(
        Worker.employee_code.is_in(["NV010", "NV011"])
    )
    union = await in_english(await browser_for("union@a.vn"))
    base = f"/enterprises/{enterprise_id}/union/members"
    done = await union.post(f"{base}/from-roster", {"joined_on": "2026-12-01"})
    assert done.status_code == 303
    again = await union.post(f"{base}/from-roster", {"joined_on": "2026-12-01"})
    assert again.status_code == 422 and "No worker marked" in again.text
    register = await union.get(base)
    assert "Công nhân 10" in register.text and "Công nhân 11" in register.text
