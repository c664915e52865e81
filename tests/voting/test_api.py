"""The ballots' read API: a counted result with its rule, electorate and turnout; an open ballot
answers its status only; nothing of who voted how (both engines)."""

from __future__ import annotations

from labour_democracy.core.tables import Role
from labour_democracy.voting import services, voters
from labour_democracy.voting.tables import Secrecy, Vote
from tests.api_readers import answers, readers
from tests.voting.conftest import make_ballot, option_ids


async def test_a_closed_ballot_shows_its_counts_and_nothing_of_who_voted(browser_for):
    setup = await make_ballot(workers=5)
    question = setup.question_ids[0]
    options = await option_ids(question)
    receipts = [
        await voters.cast_code(setup.codes[n].code, {question: [options["for"]]}) for n in range(3)
    ]
    receipts.append(await voters.cast_code(setup.codes[3].code, {question: [options["against"]]}))
    enterprise = setup.context.enterprise_id
    people = await readers(enterprise)
    hr = await browser_for(people.emails["hr"])
    url = f"/api/v1/enterprises/{enterprise}/ballots/{setup.ballot_id}/result"

    while_open = await hr.api("GET", url)
    assert while_open.status_code == 200, while_open.text
    assert while_open.json()["ballot"]["status"] == "open"
    assert while_open.json()["result"] is None  # no running tally

    await services.close_ballot(setup.context, setup.ballot_id)
    response = await hr.api("GET", url)
    body = response.json()
    assert body["ballot"]["status"] == "closed" and body["ballot"]["secrecy"] == "secret"
    result = body["result"]
    assert (result["electorate"], result["cast"], result["present"]) == (5, 4, 4)
    assert result["turnout"] == "80.0"  # 4 of 5
    (counted,) = result["questions"]
    assert {o["label"]: o["votes"] for o in counted["options"]} == {
        "For": 3,
        "Against": 1,
        "Abstain": 0,
    }
    # More than half of the 4 valid ballots: 3 needed, 3 for.
    assert counted["rule"]["base"] == "valid" and counted["rule"]["comparator"] == "gt"
    assert (counted["rule"]["numerator"], counted["rule"]["denominator"]) == (1, 2)
    assert (counted["base_count"], counted["threshold"], counted["passed"]) == (4, 3, True)
    assert result["result_hash"] and len(result["result_hash"]) == 64
    for secret in [*receipts, *(c.code for c in setup.codes)]:
        assert secret not in response.text
    nullifiers = [row["nullifier"] for row in await Vote.select(Vote.nullifier)]
    assert nullifiers and not any(n in response.text for n in nullifiers)
    for word in ("receipt", "nullifier", "online", "paper", "slips"):
        assert word not in response.text

    listing = await hr.api("GET", f"/api/v1/enterprises/{enterprise}/ballots?status=closed")
    assert [b["id"] for b in listing.json()["items"]] == [setup.ballot_id]


async def test_a_named_vote_in_progress_shows_no_tally_even_to_its_organisers(browser_for):
    setup = await make_ballot(workers=3, secrecy=Secrecy.NAMED)
    question = setup.question_ids[0]
    options = await option_ids(question)
    await voters.cast_code(setup.codes[0].code, {question: [options["for"]]})
    enterprise = setup.context.enterprise_id
    people = await readers(enterprise)
    union = await browser_for(people.emails["union"])  # organises the vote
    page = await union.get(f"/enterprises/{enterprise}/ballots/{setup.ballot_id}")
    assert 'id="result"' in page.text  # the page shows its organisers the named tally ...
    api = await union.api(
        "GET", f"/api/v1/enterprises/{enterprise}/ballots/{setup.ballot_id}/result"
    )
    assert api.json()["result"] is None  # ... the API does not


async def test_a_result_is_read_by_every_role_of_the_enterprise_and_nobody_else(browser_for):
    setup = await make_ballot(workers=2, role=Role.HR)
    await services.close_ballot(setup.context, setup.ballot_id)
    enterprise = setup.context.enterprise_id
    people = await readers(enterprise)
    url = f"/api/v1/enterprises/{enterprise}/ballots/{setup.ballot_id}/result"
    assert await answers(browser_for, people, url) == {
        "hr": 200,
        "union": 200,
        "federation": 200,
        "local_union": 200,
        "national": 200,
        "other_hr": 404,
    }
    # Another enterprise's ballot named under one's own enterprise is no more found.
    other = await browser_for(people.emails["other_hr"])
    mixed = f"/api/v1/enterprises/{people.other}/ballots/{setup.ballot_id}/result"
    assert (await other.api("GET", mixed)).status_code == 404


async def test_the_list_refuses_an_unknown_status_and_clamps_the_page(browser_for):
    setup = await make_ballot(workers=2)
    enterprise = setup.context.enterprise_id
    people = await readers(enterprise)
    hr = await browser_for(people.emails["hr"])
    base = f"/api/v1/enterprises/{enterprise}/ballots"
    bad = await hr.api("GET", f"{base}?status=counting")
    assert bad.status_code == 400
    assert bad.headers["content-type"].startswith("application/problem+json")
    for page in ("2966020184665835555520512", "-3", "0"):
        far = await hr.api("GET", f"{base}?page={page}")
        assert far.status_code == 200, (page, far.text)
        assert (far.json()["page"], far.json()["total"]) == (1, 1)
