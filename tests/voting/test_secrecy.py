"""What a reader of the database or of the logs can learn about who voted how: not the order of
voting, not a code; and a voter whose answer was lost learns that the vote counted."""

from __future__ import annotations

import logging
import re

from piccolo.querystring import QueryString

from bench.secrecy import database_orders, kendall_tau
from labour_democracy import db
from labour_democracy.core.errors import Invalid
from labour_democracy.voting import casting, codes, rules, services, tally, voters
from labour_democracy.voting.slips import voting_url
from labour_democracy.voting.tables import Ballot, Mark, Vote
from tests.voting.conftest import make_ballot, option_ids
from tests.voting.test_pages import _english

_RECEIPT = re.compile(r'class="receipt"[^>]*>([0-9A-Z]{5}-[0-9A-Z]{5})<')


def _nullifier(code: str) -> str:
    return codes.nullifier(codes.code_hash(rules.normalise_code(code)))


async def test_after_closing_no_order_of_the_rows_follows_the_order_of_voting():
    setup = await make_ballot(workers=40)
    question = setup.question_ids[0]
    options = list((await option_ids(question)).values())
    cast_order = []
    for number, issued in enumerate(setup.codes):  # one at a time: each vote a batch of its own
        await voters.cast_code(issued.code, {question: [options[number % 3]]})
        cast_order.append(_nullifier(issued.code))
    before = await database_orders(setup.ballot_id)
    # While the vote is open, the storage order is the order of voting (the test's premise).
    storage = "vote_rowid" if db.is_sqlite() else "vote_ctid"
    assert kendall_tau(cast_order, before[storage]) == 1.0
    old_ids = {str(row["id"]) for row in await Vote.select(Vote.id)}
    counted_before = tally.seal(await tally.count(setup.ballot_id))

    await services.close_ballot(setup.context, setup.ballot_id)

    after = await database_orders(setup.ballot_id)
    taus = {name: kendall_tau(cast_order, pairs) for name, pairs in after.items()}
    # Ids, rowid/ctid, xmin and mark ids: shuffled, and checked to be far from the old order.
    assert all(abs(tau) < 0.1 for name, tau in taus.items() if not name.endswith("_scan")), taus
    # A plain scan may follow an index on the nullifier (a keyed hash): random, not controlled.
    assert all(abs(tau) < 0.6 for tau in taus.values()), taus
    # Fresh rows, the same votes: the count and every receipt are unchanged.
    assert not old_ids & {str(row["id"]) for row in await Vote.select(Vote.id)}
    assert await Vote.count() == 40 and await Mark.count() == 40
    assert tally.seal(await tally.count(setup.ballot_id)) == counted_before
    assert await tally.receipts(setup.ballot_id) == sorted(codes.receipt(n) for n in cast_order)


def test_kendall_tau_of_a_permutation_and_the_landing_places():
    assert casting.order_tau([0, 1, 2, 3]) == 1.0 and casting.order_tau([3, 2, 1, 0]) == -1.0
    assert casting.order_tau([1, 0, 3, 2]) == 1 - 4 * 2 / 12
    assert casting.order_tau([]) == 0.0
    # Rows a, b, c stored in that order; their new ids sort c, a, b.
    assert casting._permutation(["a", "b", "c"], {"a": "5", "b": "9", "c": "1"}) == [1, 2, 0]


async def test_acknowledged_writes_are_flushed_to_disk_at_commit():
    if db.is_sqlite():
        async with db.write_transaction():
            synchronous = await db.engine().run_querystring(QueryString("PRAGMA synchronous"))
            secure = await db.engine().run_querystring(QueryString("PRAGMA secure_delete"))
        assert synchronous[0]["synchronous"] == 2  # FULL: NORMAL (1) loses commits on power cut
        assert secure[0]["secure_delete"] == 1
    else:
        async with db.write_transaction():
            rows = await db.engine().run_querystring(QueryString("SHOW synchronous_commit"))
        assert rows[0]["synchronous_commit"] == "on"


async def test_a_retried_code_learns_its_vote_was_counted_with_its_receipt():
    setup = await make_ballot()
    question = setup.question_ids[0]
    yes = (await option_ids(question))["for"]
    code = setup.codes[0].code
    receipt = await voters.cast_code(code, {question: [yes]})
    # The confirm step sent again (its answer was lost) and the code typed again.
    try:
        await voters.cast_code(code, {question: [yes]})
        raise AssertionError("a second vote was accepted")
    except voters.AlreadyCounted as counted:
        assert counted.receipt == receipt
    try:
        await voters.resolve_code(code)
        raise AssertionError("a used code resolved")
    except voters.CodeUsed as used:
        assert used.receipt == receipt and isinstance(used, Invalid)
    assert await Vote.count() == 1
    # After closing too, the receipt is shown again rather than a bare "closed".
    await services.close_ballot(setup.context, setup.ballot_id)
    try:
        await voters.resolve_code(code)
        raise AssertionError("a used code resolved after closing")
    except voters.CodeUsed as used:
        assert used.receipt == receipt


async def test_the_voter_pages_show_the_receipt_again_to_a_retry(browser_for):
    setup = await make_ballot()
    question = setup.question_ids[0]
    yes = (await option_ids(question))["for"]
    code = setup.codes[0].code
    voter = await _english(await browser_for())
    first = await voter.post("/v/cast", {"code": code, f"q{question}": str(yes)})
    receipt = _RECEIPT.search(first.text).group(1)
    for again in (
        await voter.post("/v/cast", {"code": code, f"q{question}": str(yes)}),
        await voter.post("/v", {"code": code}),
        await voter.post("/v/review", {"code": code, f"q{question}": str(yes)}),
        await voter.get(f"/v?code={code}"),
    ):
        assert again.status_code == 200, again.text
        assert "already voted" in again.text and _RECEIPT.search(again.text).group(1) == receipt
    assert await Vote.count() == 1


async def test_the_qr_link_carries_the_code_where_no_server_sees_it(browser_for, caplog):
    caplog.set_level(logging.DEBUG)
    setup = await make_ballot()
    code = setup.codes[0].code
    link = voting_url(code)
    assert link.endswith(f"/v#code={code}")  # the fragment is never sent in a request
    voter = await browser_for()
    page = await voter.get("/v")
    assert '<script src="/static/voter-code.js"' in page.text
    assert 'id="voter-code-form"' in page.text
    script = await voter.get("/static/voter-code.js")
    assert script.status_code == 200 and "replaceState" in script.text
    # The form works without the script, and old links (query or path) still open the ballot.
    question = setup.question_ids[0]
    for response in (
        await voter.post("/v", {"code": code}),
        await voter.get(f"/v?code={code}"),
        await voter.get(f"/v?c={code}"),
        await voter.get(f"/V/{code.replace('-', '')}"),
    ):
        assert response.status_code == 200 and f'name="q{question}"' in response.text
    # The app's own logs (every logger but the test client's) never carry the code.
    plain = code.replace("-", "")
    logged = "\n".join(
        r.getMessage() for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))
    )
    assert logged and code not in logged and plain not in logged


async def test_the_published_result_survives_the_rewrite():
    setup = await make_ballot()
    question = setup.question_ids[0]
    yes = (await option_ids(question))["for"]
    receipts = [await voters.cast_code(c.code, {question: [yes]}) for c in setup.codes[:3]]
    digest = await services.close_ballot(setup.context, setup.ballot_id)
    ballot = await Ballot.objects().where(Ballot.id == setup.ballot_id).first()
    assert ballot.result_hash == digest
    assert await tally.receipts(setup.ballot_id) == sorted(receipts)
