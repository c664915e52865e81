"""The disclosure board: the checklist, disclosing (notice read back, public page), workers
acknowledging with their code, who has not read it by unit (names or counts), late disclosures,
SOE posting durations, suggestions linked to the matter, the JSON API."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy.core.tables import Enterprise, Ownership, Role
from labour_democracy.documents.checks import all_text
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import today
from labour_democracy.suggestions.tables import Suggestion
from labour_democracy.workplace_rules.tables import (
    Disclosure,
    DisclosureReading,
    DisclosureSuggestion,
    WorkplaceRulesSettings,
)
from tests import factories
from tests.workplace_rules.test_regulation import in_english


@pytest.fixture
async def enterprise() -> int:
    enterprise_id = await factories.enterprise(name="Công ty TNHH May Sông Hồng", symbol="SHVN")
    await factories.user("hr@a.vn", Role.HR, enterprise_id)
    await factories.user("union@a.vn", Role.UNION, enterprise_id)
    cutting = await factories.org_unit(enterprise_id, "Tổ cắt")
    sewing = await factories.org_unit(enterprise_id, "Tổ may")
    await factories.worker(enterprise_id, "Nguyễn Thị Lan", code="NV001", org_unit=cutting)
    await factories.worker(enterprise_id, "Trần Văn Bình", code="NV002", org_unit=cutting)
    await factories.worker(enterprise_id, "Lê Thị Hoa", code="NV003", org_unit=sewing)
    return enterprise_id


def _form(**changes) -> dict:
    values = {
        "matter": "business",
        "title": "Tình hình sản xuất quý I",
        "body": "Doanh thu quý I tăng 5%.\nKế hoạch quý II giữ nguyên.",
        "decided_on": today().isoformat(),
        "disclosed_on": today().isoformat(),
        "forms": ["posting", "meeting"],
    }
    values.update(changes)
    return values


async def _token(enterprise_id: int) -> str:
    row = await Enterprise.select(Enterprise.public_token).where(Enterprise.id == enterprise_id)
    return row[0]["public_token"]


async def test_a_disclosure_is_posted_acknowledged_and_counted_by_unit(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    base = f"/enterprises/{enterprise}/workplace-rules/disclosures"
    board = await hr.get(base)
    assert "Tình hình sản xuất, kinh doanh" in board.text and "never" in board.text
    response = await hr.post(base, _form())
    assert response.status_code == 303
    disclosure = await Disclosure.objects().first()
    assert response.headers["location"] == f"{base}/{disclosure.id}"
    assert disclosure.forms == "meeting,posting,public_page"
    notice = (
        await IssuedDocument.objects()
        .where(IssuedDocument.id == disclosure.notice_document)
        .first()
    )
    assert notice.reference == "01/TB-SHVN" and notice.kind == "disclosure_notice"
    text = all_text((await hr.get(f"/enterprises/{enterprise}/documents/{notice.id}/docx")).content)
    assert "THÔNG BÁO" in text and "Về việc công khai: Tình hình sản xuất quý I" in text
    assert "Doanh thu quý I tăng 5%." in text

    token = await _token(enterprise)
    worker = await in_english(await browser_for())
    assert "Tình hình sản xuất quý I" in (await worker.get(f"/p/{token}")).text
    page = await worker.get(f"/p/{token}/disclosures/{disclosure.id}")
    assert page.status_code == 200 and "Your employee code" in page.text
    wrong = await worker.post(f"/p/{token}/disclosures/{disclosure.id}", {"employee_code": "XX9"})
    assert wrong.status_code == 422 and "No worker of this enterprise has this code" in wrong.text
    done = await worker.post(f"/p/{token}/disclosures/{disclosure.id}", {"employee_code": "nv001"})
    assert done.status_code == 200 and "your reading is recorded" in done.text
    again = await worker.post(
        f"/p/{token}/disclosures/{disclosure.id}?kiosk=1", {"employee_code": "NV001"}
    )
    assert again.status_code == 200
    await worker.post(f"/p/{token}/disclosures/{disclosure.id}?kiosk=1", {"employee_code": "NV003"})
    assert await DisclosureReading.count() == 2

    detail = await hr.get(f"{base}/{disclosure.id}")
    assert "Trần Văn Bình (NV002)" in detail.text and "Nguyễn Thị Lan" not in detail.text
    assert "1/2" in detail.text and "1/1" in detail.text

    # Where the regulation forbids names, HR sees counts only.
    response = await hr.post(f"{base}/settings", {"disclosure_days": "15"})
    assert response.status_code == 303
    assert not (await WorkplaceRulesSettings.objects().first()).unread_names_shown
    detail = await hr.get(f"{base}/{disclosure.id}")
    assert "Trần Văn Bình" not in detail.text and "counts only" in detail.text

    api = await hr.api("GET", f"/api/v1/enterprises/{enterprise}/disclosures")
    assert api.status_code == 200
    assert api.json()[0]["reference"] == "01/TB-SHVN" and api.json()[0]["late"] is False


async def test_another_enterprise_token_does_not_reach_the_disclosure(browser_for, enterprise):
    other = await factories.enterprise(name="Công ty khác")
    disclosure = Disclosure(
        enterprise=enterprise,
        matter="cba",
        title="TƯLĐTT",
        body="x",
        decided_on=today(),
        due_on=today(),
        disclosed_on=today(),
    )
    await disclosure.save()
    worker = await browser_for()
    page = await worker.get(f"/p/{await _token(other)}/disclosures/{disclosure.id}")
    assert page.status_code == 404


async def test_a_late_disclosure_is_flagged(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    base = f"/enterprises/{enterprise}/workplace-rules/disclosures"
    decided = today() - dt.timedelta(days=20)
    if decided.year != today().year:
        pytest.skip("the decision would fall in last year")
    response = await hr.post(base, _form(decided_on=decided.isoformat()))
    assert response.status_code == 303
    detail = await hr.get(response.headers["location"])
    assert "Disclosed after its deadline" in detail.text
    board = await hr.get(base)
    assert "late: due" in board.text


async def test_a_state_owned_posting_shorter_than_twenty_days_is_refused(browser_for):
    enterprise_id = await factories.enterprise(ownership=Ownership.STATE_OWNED)
    await factories.user("soe@a.vn", Role.HR, enterprise_id)
    hr = await in_english(await browser_for("soe@a.vn"))
    base = f"/enterprises/{enterprise_id}/workplace-rules/disclosures"
    short = (today() + dt.timedelta(days=18)).isoformat()
    response = await hr.post(base, _form(posted_until=short))
    assert response.status_code == 422 and "at least 20 consecutive days" in response.text
    assert await Disclosure.count() == 0
    response = await hr.post(base, _form())
    assert response.status_code == 303
    assert (await Disclosure.objects().first()).posted_until == today() + dt.timedelta(days=19)
    # A state-owned enterprise may not set a deadline longer than the law's 15 days.
    response = await hr.post(f"{base}/settings", {"disclosure_days": "16"})
    assert response.status_code == 422 and "Law 10/2022/QH15, Art. 65(2)" in response.text


async def test_a_suggestion_is_linked_to_the_disclosed_matter(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    base = f"/enterprises/{enterprise}/workplace-rules/disclosures"
    await hr.post(base, _form())
    disclosure = await Disclosure.objects().first()
    suggestion = Suggestion(
        enterprise=enterprise,
        kind="suggestion",
        subject="Tăng ca quý II?",
        body="Xin rõ hơn.",
        channel="public_page",
        received_on=today(),
        status="published",
    )
    await suggestion.save()
    response = await hr.post(
        f"{base}/{disclosure.id}/suggestions", {"suggestion_id": str(suggestion.id)}
    )
    assert response.status_code == 303
    assert "Tăng ca quý II?" in (await hr.get(f"{base}/{disclosure.id}")).text
    response = await hr.post(f"{base}/{disclosure.id}/suggestions", {"suggestion_id": "999999"})
    assert response.status_code == 422
    assert await DisclosureSuggestion.count() == 1


async def test_workers_are_consulted_on_a_disclosed_matter_through_a_ballot(
    browser_for, enterprise
):
    from labour_democracy.voting.tables import Ballot

    hr = await in_english(await browser_for("hr@a.vn"))
    union = await in_english(await browser_for("union@a.vn"))
    base = f"/enterprises/{enterprise}/workplace-rules/disclosures"
    await hr.post(base, _form())
    disclosure = await Disclosure.objects().first()
    assert (await union.post(f"{base}/{disclosure.id}/ballot")).status_code == 403
    response = await hr.post(f"{base}/{disclosure.id}/ballot")
    ballot = await Ballot.objects().first()
    assert response.headers["location"] == f"/enterprises/{enterprise}/ballots/{ballot.id}"
    assert ballot.title == "Lấy ý kiến: Tình hình sản xuất quý I"
    assert (await Disclosure.objects().first()).ballot_id == ballot.id
    page = await hr.get(f"{base}/{disclosure.id}")
    assert f"/ballots/{ballot.id}" in page.text


async def test_unknown_codes_from_one_address_are_slowed_down(browser_for, enterprise):
    disclosure = Disclosure(
        enterprise=enterprise,
        matter="cba",
        title="Thỏa ước",
        body="x",
        decided_on=today(),
        due_on=today(),
        disclosed_on=today(),
    )
    await disclosure.save()
    worker = await in_english(await browser_for())
    url = f"/p/{await _token(enterprise)}/disclosures/{disclosure.id}"
    for attempt in range(20):
        response = await worker.post(url, {"employee_code": f"XX{attempt}"})
        assert "No worker of this enterprise has this code" in response.text
    response = await worker.post(url, {"employee_code": "NV001"})
    assert response.status_code == 422 and "Too many unknown codes" in response.text
    assert await DisclosureReading.count() == 0


async def test_a_private_enterprise_that_opts_in_follows_the_state_owned_rules(
    browser_for, enterprise
):
    hr = await in_english(await browser_for("hr@a.vn"))
    base = f"/enterprises/{enterprise}/workplace-rules/disclosures"
    assert "Tài chính, tài sản công" not in (await hr.get(base)).text
    response = await hr.post(f"{base}/settings", {"disclosure_days": "20", "follows_law_10": "on"})
    assert response.status_code == 422 and "Law 10/2022/QH15, Art. 65(2)" in response.text
    assert not (await WorkplaceRulesSettings.objects().first()).follows_law_10
    response = await hr.post(f"{base}/settings", {"disclosure_days": "15", "follows_law_10": "on"})
    assert response.status_code == 303
    assert "Tài chính, tài sản công" in (await hr.get(base)).text
    short = (today() + dt.timedelta(days=5)).isoformat()
    response = await hr.post(base, _form(posted_until=short))
    assert response.status_code == 422 and "at least 20 consecutive days" in response.text
    page = await hr.get(f"/enterprises/{enterprise}/workplace-rules/")
    assert "Ban Thanh tra nhân dân" in page.text


async def test_the_board_lists_disclosures_a_page_at_a_time(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    for n in range(21):
        await Disclosure(
            enterprise=enterprise,
            matter="other",
            title=f"Thông báo số {n:02d}",
            body="x",
            decided_on=today(),
            due_on=today(),
            disclosed_on=today(),
        ).save()
    base = f"/enterprises/{enterprise}/workplace-rules/disclosures"
    first = await hr.get(base)
    assert "Thông báo số 20" in first.text and "Thông báo số 00" not in first.text
    assert "Page 1 of 2" in first.text
    second = await hr.get(f"{base}?page=2", headers={"hx-request": "true"})
    assert "Thông báo số 00" in second.text and "<html" not in second.text


async def test_the_read_api_is_in_the_openapi_schema(browser_for, enterprise):
    hr = await browser_for("hr@a.vn")
    paths = (await hr.get("/schema/openapi.json")).json()["paths"]
    assert "/api/v1/enterprises/{enterprise_id}/disclosures" in paths
    assert "/api/v1/enterprises/{enterprise_id}/regulation-versions" in paths
    board = await (await in_english(hr)).get(
        f"/enterprises/{enterprise}/workplace-rules/disclosures"
    )
    assert "Each matter is disclosed within 15 days of its decision." in board.text
