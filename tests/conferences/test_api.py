"""The conferences' read API: the list by year, one conference with its rules, attendance,
agenda votes and documents, as the pages show them; scope and roles (both engines)."""

from __future__ import annotations

from labour_democracy.conferences import agenda, checkin, delegates, session
from tests.api_readers import answers, readers
from tests.conferences.conftest import SOE_HELD_ON, planned, published_soe


async def test_a_published_conference_reads_as_its_pages_show_it(browser_for):
    context, conference_id = await published_soe()
    enterprise = context.enterprise_id
    people = await readers(enterprise)
    hr = await browser_for(people.emails["hr"])
    base = f"/api/v1/enterprises/{enterprise}/conferences"

    listing = await hr.api("GET", base)
    assert listing.status_code == 200, listing.text
    (summary,) = listing.json()["items"]
    assert summary["id"] == conference_id and summary["year"] == SOE_HELD_ON.year
    assert (summary["kind"], summary["form"], summary["status"]) == (
        "annual",
        "whole_workforce",
        "published",
    )
    assert summary["held_on"] == SOE_HELD_ON.isoformat() and summary["published_on"]
    assert (await hr.api("GET", f"{base}?year={SOE_HELD_ON.year - 1}")).json()["total"] == 0

    response = await hr.api("GET", f"{base}/{conference_id}")
    assert response.status_code == 200, response.text
    detail = response.json()
    assert (detail["held_on"], detail["starts_at"], detail["status"]) == (
        SOE_HELD_ON.isoformat(),
        "08:00",
        "published",
    )
    assert detail["opened_at"] and detail["closed_at"] and detail["resolution_adopted"]
    # A state-owned enterprise: at least 2/3 of the six convened present, so 4 (Law 10/2022,
    # Art. 69(2)(c)); the resolution passes with more than half of those present.
    assert detail["attendance"] == {
        "convened": 6,
        "present": 6,
        "quorum_reached": True,
        "quorum_needed": 4,
    }
    assert [detail["quorum"][k] for k in ("base", "comparator", "numerator", "denominator")] == [
        "electorate",
        "ge",
        2,
        3,
    ]
    assert "Law 10/2022" in detail["quorum"]["source"]
    assert detail["passing"]["base"] == "present" and detail["passing"]["comparator"] == "gt"

    voted = [item for item in detail["agenda"] if item["result"]]
    assert len(voted) == 1 and voted[0]["vote_status"] == "closed"
    assert all(item["result"] is None for item in detail["agenda"] if item["kind"] == "info")
    result = voted[0]["result"]
    (question,) = result["questions"]
    assert {o["label"]: o["votes"] for o in question["options"]} == {
        "For": 6,
        "Against": 0,
        "Abstain": 0,
    }
    # More than half of the 6 present: 4 needed ("6 present, 4 needed" on the agenda page).
    assert (question["base_count"], question["threshold"], question["passed"]) == (6, 4, True)
    assert result["present"] == 6

    documents = {d["kind"]: d for d in detail["documents"]}
    assert set(documents) == {"minutes", "resolution"}
    for document in documents.values():
        assert document["reference"] and document["issued_on"]
        download = await hr.get(document["url"])
        assert download.status_code == 200, document["url"]
        assert download.headers["content-type"].startswith("application/vnd.openxmlformats")
    # Nothing of the delegates: no names, no check-in codes.
    assert "Công nhân" not in response.text and "checkin" not in response.text


async def test_a_vote_in_session_shows_its_status_and_no_count(browser_for):
    context, conference_id = await planned(sizes=(3,))
    await session.open_session(context, conference_id, reason="Họp sớm theo đề nghị")
    for delegate in await delegates.delegates(context, conference_id):
        await checkin.check_in(context, conference_id, delegate_id=delegate["id"])
    item = next(
        i["id"] for i in await agenda.agenda(context, conference_id) if i["key"] == "resolution"
    )
    ballot_id = await session.open_vote(context, conference_id, item)
    people = await readers(context.enterprise_id)
    union = await browser_for(people.emails["union"])
    url = f"/api/v1/enterprises/{context.enterprise_id}/conferences/{conference_id}"
    detail = (await union.api("GET", url)).json()
    (voting,) = [i for i in detail["agenda"] if i["ballot"] == ballot_id]
    assert (voting["vote_status"], voting["result"]) == ("open", None)
    assert detail["status"] == "in_session" and detail["attendance"]["present"] == 3
    assert detail["documents"] == [] and not detail["resolution_adopted"]


async def test_conferences_are_read_by_the_pages_readers_only(browser_for):
    context, conference_id = await planned(sizes=(2,))
    enterprise = context.enterprise_id
    people = await readers(enterprise)
    base = f"/api/v1/enterprises/{enterprise}/conferences"
    expected = {
        "hr": 200,
        "union": 200,
        "federation": 200,
        "local_union": 200,
        "national": 403,  # the conference pages are not the national reader's
        "other_hr": 404,
    }
    assert await answers(browser_for, people, base) == expected
    assert await answers(browser_for, people, f"{base}/{conference_id}") == expected
    other = await browser_for(people.emails["other_hr"])
    mixed = f"/api/v1/enterprises/{people.other}/conferences/{conference_id}"
    assert (await other.api("GET", mixed)).status_code == 404


async def test_a_bad_year_is_a_problem_and_a_far_page_shows_the_last(browser_for):
    context, _conference_id = await planned(sizes=(2,))
    people = await readers(context.enterprise_id)
    hr = await browser_for(people.emails["hr"])
    base = f"/api/v1/enterprises/{context.enterprise_id}/conferences"
    for year in ("99999", "1066", "soon", "99999999999999999999"):
        response = await hr.api("GET", f"{base}?year={year}")
        assert response.status_code == 400, (year, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
    for page in ("2966020184665835555520512", "-1"):
        far = (await hr.api("GET", f"{base}?page={page}")).json()
        assert (far["page"], far["total"], len(far["items"])) == (1, 1, 1)
