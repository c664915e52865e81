"""The pages of the member spreadsheet import and of the dissolution, through the test client:
who may use them, the preview, the refusal with each row's problem, the closed register."""

from __future__ import annotations

import re

import pytest

from labour_democracy.core.roster_import import limits
from labour_democracy.core.tables import Role
from labour_democracy.i18n import today
from labour_democracy.unions.tables import GrassrootsUnion, UnionDissolution, UnionMember
from tests import factories
from tests.unions import helpers
from tests.unions.test_membership_import import HEADER, _csv, recognised


async def _english(browser):
    assert (await browser.post("/language", {"language": "en"})).status_code == 303
    return browser


@pytest.fixture
async def enterprise() -> int:
    enterprise_id, _workers = await helpers.enterprise_with_workers(6)
    await factories.user("hr@a.vn", Role.HR, enterprise_id)
    await factories.user("union@a.vn", Role.UNION, enterprise_id)
    await factories.user("fed@a.vn", Role.FEDERATION, province="24")
    await factories.user("fed@b.vn", Role.FEDERATION, province="01")
    return enterprise_id


async def _upload(browser, enterprise_id: int, content: bytes):
    return await browser.post(
        f"/enterprises/{enterprise_id}/union/members/upload/",
        files={"file": ("doan-vien.csv", content, "text/csv")},
    )


async def test_the_union_uploads_previews_and_registers_a_member_list(browser_for, enterprise):
    await recognised(enterprise)
    union = await _english(await browser_for("union@a.vn"))
    base = f"/enterprises/{enterprise}/union/members"
    assert "/members/upload" in (await union.get(base)).text
    page = await union.get(f"{base}/upload/")
    assert page.status_code == 200 and 'type="file"' in page.text
    empty = await _upload(union, enterprise, b"")
    assert empty.status_code == 422 and "The file is empty: no row has any text." in empty.text
    none = await union.post(f"{base}/upload/", {})
    assert none.status_code == 422 and "Choose a .xlsx or .csv file." in none.text
    blank = await union.post(f"{base}/upload/", files={"file": ("trong.csv", b" \n", "text/csv")})
    assert blank.status_code == 422 and "The file is empty" in blank.text
    # A body beyond the limit is refused on the page by its declared size, as the roster's is.
    huge = await _upload(union, enterprise, b"x" * (limits.UPLOAD_BODY_LIMIT + 1))
    assert huge.status_code == 422 and "larger than 5 MB" in huge.text
    assert 'aria-invalid="true"' in huge.text

    bad = _csv(
        [HEADER, ["1", "NV000", "", "05/01/2025", "", ""], ["2", "NV404", "", "05/01/2025", "", ""]]
    )
    sent = await _upload(union, enterprise, bad)
    assert sent.status_code == 303
    preview = await union.get(sent.headers["location"])
    assert preview.status_code == 422
    assert "Row 3" in preview.text and "No worker of this enterprise has this code." in preview.text
    assert 'value="import"' not in preview.text  # nothing to register while a row is wrong
    mapping = re.findall(r'name="(map_[a-z_]+)"', preview.text)
    assert "map_joined_on" in mapping
    forced = await union.post(
        sent.headers["location"],
        {"map_employee_code": "1", "map_joined_on": "3", "action": "import"},
    )
    assert (
        forced.status_code == 422 and "Nothing was imported: some rows have problems" in forced.text
    )
    assert await UnionMember.count() == 0

    good = _csv(
        [HEADER, ["1", "NV000", "", "05/01/2025", "", ""], ["2", "NV001", "", "06/01/2025", "", ""]]
    )
    sent = await _upload(union, enterprise, good)
    preview = await union.get(sent.headers["location"])
    assert preview.status_code == 200 and 'value="import"' in preview.text
    assert "Nguyễn Văn An" in preview.text
    saved = await union.post(
        sent.headers["location"],
        {"map_employee_code": "1", "map_joined_on": "3", "map_left_on": "4", "action": "import"},
    )
    assert saved.status_code == 303 and saved.headers["location"] == base
    assert await UnionMember.count() == 2

    hr = await browser_for("hr@a.vn")
    assert (await hr.get(f"{base}/upload/")).status_code == 403
    assert (await _upload(hr, enterprise, good)).status_code == 403


async def test_the_upper_level_union_dissolves_from_its_page(browser_for, enterprise):
    await helpers.found_union(enterprise)
    url = f"/federation/unions/{enterprise}/dissolution"
    fed = await _english(await browser_for("fed@a.vn"))
    assert f'href="{url}"' in (await fed.get(f"/federation/unions/{enterprise}")).text
    form = await fed.get(url)
    assert form.status_code == 200 and 'name="reason"' in form.text
    hr = await browser_for("hr@a.vn")
    assert (await hr.post(url, {"reason": "no_members_left"})).status_code == 403
    stranger = await browser_for("fed@b.vn")
    assert (await stranger.get(url)).status_code == 404
    assert (await stranger.post(url, {"reason": "no_members_left"})).status_code == 404
    refused = await fed.post(url, {"reason": "other_reason", "dissolved_on": "2999-01-01"})
    assert refused.status_code == 422
    assert "The decision cannot be dated in the future." in refused.text
    assert "Say what the reason is." in refused.text
    assert await UnionDissolution.count() == 0
    done = await fed.post(
        url, {"reason": "enterprise_bankrupt", "dissolved_on": today().isoformat()}
    )
    assert done.status_code == 303
    shown = await fed.get(url)
    assert "/QĐ-LĐLĐ" in shown.text and "The enterprise went bankrupt" in shown.text
    again = await fed.post(
        url, {"reason": "enterprise_bankrupt", "dissolved_on": today().isoformat()}
    )
    assert again.status_code == 303 and await UnionDissolution.count() == 1
    union = await _english(await browser_for("union@a.vn"))
    register = await union.get(f"/enterprises/{enterprise}/union/members")
    assert 'id="register-closed"' in register.text and "/leave" not in register.text
    index = await union.get(f"/enterprises/{enterprise}/union")
    assert 'id="union-dissolved"' in index.text and "/union/campaign" in index.text
    assert (await GrassrootsUnion.objects().first()).status == "dissolved"
