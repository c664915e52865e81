"""The conference pages, through HTTP as a browser sends them (English messages)."""

from __future__ import annotations

import re

from labour_democracy.conferences.tables import Conference, Delegate
from labour_democracy.core.tables import Enterprise, Ownership, Role
from tests import factories
from tests.conferences.conftest import enterprise_with_units

HR = "hr@conference.test"
UNION = "union@conference.test"


async def _people(enterprise: int):
    await factories.english_user(HR, Role.HR, enterprise)
    await factories.english_user(UNION, Role.UNION, enterprise)


async def _plan(browser, enterprise: int, form: str = "whole_workforce", **values) -> int:
    response = await browser.post(
        f"/enterprises/{enterprise}/conferences/new",
        {
            "year": "2027",
            "kind": "annual",
            "held_on": "2027-03-10",
            "starts_at": "08:00",
            "venue": "Hội trường",
            "form": form,
            "employer_chair": "Nguyễn Văn A",
            "union_chair": "Trần Thị B",
            "secretary": "Lê Văn C",
            **values,
        },
    )
    assert response.status_code == 303, response.text
    return int(response.headers["location"].rsplit("/", 1)[1])


async def test_rules_page_shows_defaults_and_refuses_weaker_soe_rules(browser_for):
    enterprise = await enterprise_with_units(ownership=Ownership.STATE_OWNED)
    await _people(enterprise)
    hr = await browser_for(HR)
    page = await hr.get(f"/enterprises/{enterprise}/conferences/rules")
    assert page.status_code == 200
    assert "Law 10/2022/QH15, Art. 69(2)(c)" in page.text
    refused = await hr.post(
        f"/enterprises/{enterprise}/conferences/rules",
        {"quorum_comparator": "ge", "quorum_numerator": "1", "quorum_denominator": "2"},
    )
    assert refused.status_code == 422
    assert "cannot set a quorum below the law" in refused.text


async def test_plan_refuses_soe_delegate_form_under_100(browser_for):
    enterprise = await enterprise_with_units((10, 10), ownership=Ownership.STATE_OWNED)
    await _people(enterprise)
    hr = await browser_for(HR)
    response = await hr.post(
        f"/enterprises/{enterprise}/conferences/new",
        {
            "year": "2027",
            "kind": "annual",
            "held_on": "2027-05-10",
            "starts_at": "08:00",
            "venue": "Hội trường",
            "form": "delegates",
            "employer_chair": "A",
            "union_chair": "B",
            "secretary": "C",
        },
    )
    assert response.status_code == 422
    assert "cannot leave their posts: say which (Law 10/2022/QH15, Art. 69(2)(a)-(b))" in (
        response.text
    )
    assert "within 3 months after the fiscal year ends" in response.text
    assert await Conference.count() == 0


async def test_check_in_by_qr_code_and_name_and_projector(browser_for):
    enterprise = await enterprise_with_units((3,))
    await _people(enterprise)
    union = await browser_for(UNION)
    conference = await _plan(union, enterprise)
    base = f"/enterprises/{enterprise}/conferences/{conference}"
    delegates = await Delegate.select().where(Delegate.conference == conference)
    page = await union.get(f"{base}/checkin?code={delegates[0]['checkin_code']}")
    assert page.status_code == 200 and delegates[0]["checkin_code"] in page.text
    done = await union.post(f"{base}/checkin", {"code": delegates[0]["checkin_code"]})
    assert done.status_code == 200 and "checked in" in done.text
    refused = await union.post(f"{base}/checkin", {"code": "NOTONLIST"})
    assert refused.status_code == 422
    assert "Not on the delegate list" in refused.text
    found = await union.get(f"{base}/checkin?q=cong+nhan", headers={"hx-request": "true"})
    assert found.text.count("Check in") >= 2
    await union.post(f"{base}/checkin", {"delegate_id": str(delegates[1]["id"])})
    live = await union.get(f"{base}/projector", headers={"hx-request": "true"})
    assert re.search(r"2\s*/\s*3", live.text)
    assert "Quorum reached" in live.text


async def test_overview_agenda_delegates_pages_answer(browser_for):
    enterprise = await enterprise_with_units((5, 3))
    await _people(enterprise)
    hr = await browser_for(HR)
    conference = await _plan(hr, enterprise, form="delegates")
    base = f"/enterprises/{enterprise}/conferences/{conference}"
    for path in ("", "/agenda", "/delegates", "/delegates?seats=4", "/projector", "/checkin"):
        response = await hr.get(base + path)
        assert response.status_code == 200, (path, response.text[:500])
    preview = await hr.get(base + "/delegates?seats=4")
    assert "Save this allocation" in preview.text
    saved = await hr.post(base + "/seats", {"seats": "4"})
    assert saved.status_code == 303
    index = await hr.get(f"/enterprises/{enterprise}/conferences")
    assert "2027" in index.text
    # A vote cannot open while the conference is not in session.
    agenda = await hr.get(base + "/agenda")
    assert "Adoption of the conference resolution" in agenda.text


async def test_hall_screen_needs_no_account_but_the_token(browser_for):
    enterprise = await enterprise_with_units((3,))
    await _people(enterprise)
    union = await browser_for(UNION)
    conference = await _plan(union, enterprise)
    token = (await Enterprise.select(Enterprise.public_token).where(Enterprise.id == enterprise))[
        0
    ]["public_token"]
    delegate = (await Delegate.select().where(Delegate.conference == conference))[0]
    checked = await union.post(
        f"/enterprises/{enterprise}/conferences/{conference}/checkin",
        {"code": delegate["checkin_code"]},
        htmx=True,
    )
    assert checked.status_code == 200 and "1 / 3" in checked.text
    hall = await browser_for()
    screen = await hall.get(f"/p/{token}/conferences/{conference}/screen")
    assert screen.status_code == 200 and "1 / 3" in screen.text
    assert (await hall.get(f"/p/wrong-token/conferences/{conference}/screen")).status_code == 404


async def test_a_hall_screen_stops_answering_soon_after_its_token_changes(browser_for, monkeypatch):
    from labour_democracy.conferences import checkin

    enterprise = await enterprise_with_units((3,))
    await _people(enterprise)
    conference = await _plan(await browser_for(UNION), enterprise)
    token = (await Enterprise.select(Enterprise.public_token).where(Enterprise.id == enterprise))[
        0
    ]["public_token"]
    hall = await browser_for()
    assert (await hall.get(f"/p/{token}/conferences/{conference}/screen")).status_code == 200
    await Enterprise.update({Enterprise.public_token: "renewed-token"}).where(
        Enterprise.id == enterprise
    )
    monkeypatch.setattr(checkin, "SCREEN_CACHE_SECONDS", 0.0)  # the few seconds have passed
    assert (await hall.get(f"/p/{token}/conferences/{conference}/screen")).status_code == 404
    screen = await hall.get(f"/p/renewed-token/conferences/{conference}/screen")
    assert screen.status_code == 200


async def test_odd_numbers_in_the_agenda_forms_get_a_refusal_not_an_error(browser_for):
    enterprise = await enterprise_with_units((3,))
    await _people(enterprise)
    union = await browser_for(UNION)
    conference = await _plan(union, enterprise)
    agenda = f"/enterprises/{enterprise}/conferences/{conference}/agenda"
    for form in (
        {"item_id": "99999999999"},
        {"item_id": "²"},
        {"item_id": "1", "o²": "3", "o1": "99999999999"},
    ):
        response = await union.post(f"{agenda}/hands", form)
        assert response.status_code in (303, 404, 422), (form, response.status_code)


async def test_the_federation_reads_a_conference_without_the_organisers_tabs(browser_for):
    enterprise = await enterprise_with_units((3,))
    await _people(enterprise)
    conference = await _plan(await browser_for(UNION), enterprise)
    await factories.user("fed@conference.test", Role.FEDERATION, None, province="24")
    federation = await browser_for("fed@conference.test")
    await federation.post("/language", {"language": "en", "next": "/"})
    page = await federation.get(f"/enterprises/{enterprise}/conferences/{conference}")
    assert page.status_code == 200 and "Agenda and votes" in page.text
    assert "/checkin" not in page.text and "/delegates" not in page.text
    union_page = await (await browser_for(UNION)).get(
        f"/enterprises/{enterprise}/conferences/{conference}"
    )
    assert "/checkin" in union_page.text and "/delegates" in union_page.text


async def test_a_refused_agenda_item_comes_back_marked_with_what_was_typed(browser_for):
    enterprise = await enterprise_with_units((3,))
    await _people(enterprise)
    union = await browser_for(UNION)
    conference = await _plan(union, enterprise)
    agenda = f"/enterprises/{enterprise}/conferences/{conference}/agenda"
    typed = {
        "title": "Bầu Ban thanh tra nhân dân",
        "kind": "election",
        "vote_mode": "show_of_hands",
        "candidates": "Nguyễn Văn An\nTrần Thị Bình",
        "seats": "12abc",
    }
    for headers in ({}, {"hx-request": "true"}):
        response = await union.post(agenda, typed, headers=headers)
        assert response.status_code == 422
        html = response.text
        seats = html[html.index('id="f-new-seats"') :]
        assert 'aria-invalid="true"' in seats[: seats.index(">")]
        assert 'id="f-new-seats-error"' in html and "Enter a whole number." in html
        assert 'value="Bầu Ban thanh tra nhân dân"' in html
        assert "Nguyễn Văn An\nTrần Thị Bình</textarea>" in html
