"""Printing the slips again cancels the earlier ones: the page says what the file holds and how
to hand the slips out, asks for a ticked confirmation before a reprint, and audits it
(issue 13, item 10)."""

from __future__ import annotations

import json

from labour_democracy.core.tables import AuditEntry, Role
from labour_democracy.voting.tables import BallotCode
from tests import factories
from tests.voting.conftest import make_ballot


async def test_a_reprint_is_confirmed_and_audited(browser_for):
    setup = await make_ballot(role=Role.UNION, open_it=False)
    await factories.user("union@a.vn", Role.UNION, setup.context.enterprise_id)
    union = await browser_for("union@a.vn", factories.PASSWORD)
    await union.post("/language", {"language": "en"})
    base = f"/enterprises/{setup.context.enterprise_id}/ballots/{setup.ballot_id}"
    page = (await union.get(base)).text
    assert "shuffle them" in page and "The file holds every code" in page
    assert 'name="confirm_reprint"' in page

    refused = await union.post(f"{base}/slips")
    assert refused.status_code == 422
    assert 'id="f-confirm_reprint"' in refused.text and "tick the box" in refused.text
    assert await BallotCode.count().where(BallotCode.cancelled.eq(False)) == len(setup.codes)

    reprinted = await union.post(f"{base}/slips", {"confirm_reprint": "on"})
    assert reprinted.status_code == 200
    assert reprinted.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument"
    )
    assert await BallotCode.count().where(BallotCode.cancelled.eq(True)) == len(setup.codes)
    entries = await AuditEntry.select().where(AuditEntry.action == "ballot.codes_issued")
    assert json.loads(entries[-1]["details"])["cancelled"] == len(setup.codes)
