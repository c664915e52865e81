"""JSON API (/api/v1, read only): the enterprise's ballots and the result of a counted one.

Who may read mirrors the ballot page: every role of the enterprise (the federation and the
national reader too) sees a closed ballot's result. An open or draft ballot answers its status
only, never a running tally, not even the named-vote tally its organisers see on the page; no
answer names a voter, a code, a receipt or the channel a vote came by.
"""

from __future__ import annotations

import datetime as dt

import msgspec
from litestar import Controller, get

from labour_democracy.core.api import READ_PROBLEMS
from labour_democracy.core.schemas import PageOut
from labour_democracy.voting import listing, permissions, services, tally
from labour_democracy.voting.schemas import ResultOut, result_out
from labour_democracy.voting.tables import BallotStatus
from labour_democracy.web.params import Context, FromQuery, Id


class BallotSummaryOut(msgspec.Struct, kw_only=True):
    id: int
    title: str
    purpose: str  # consultation, conference, agreement, union ... (the module that owns it)
    status: str  # draft, open, closed
    secrecy: str  # secret, named
    opened_at: dt.datetime | None
    closed_at: dt.datetime | None


class BallotPageOut(PageOut, kw_only=True):
    items: list[BallotSummaryOut]


class BallotResultOut(msgspec.Struct, kw_only=True):
    ballot: BallotSummaryOut
    result: ResultOut | None  # null until the ballot is closed and counted


def _summary(row) -> BallotSummaryOut:
    data = row if isinstance(row, dict) else row.to_dict()
    return msgspec.convert(data, BallotSummaryOut, from_attributes=True, strict=False)


class BallotApi(Controller):
    path = "/api/v1/enterprises/{enterprise_id:int}/ballots"
    tags = ["ballots"]

    @get("/", responses=READ_PROBLEMS)
    async def list_ballots(
        self,
        context: Context,
        status: FromQuery[BallotStatus | None] = None,
        page: FromQuery[int] = 1,
    ) -> BallotPageOut:
        """The enterprise's ballots, newest first, 20 a page (a page past the last shows the
        last)."""
        found = await listing.list_ballots(context, status.value if status else None, page)
        return BallotPageOut.of(found, [_summary(row) for row in found.rows])

    @get("/{ballot_id:int}/result", responses=READ_PROBLEMS)
    async def get_result(self, context: Context, ballot_id: Id) -> BallotResultOut:
        """A ballot's status, and its result once closed: each question's options with their
        votes, the rule and what its fraction is taken of, the electorate and turnout."""
        ballot = await services.get_ballot(context, ballot_id)
        # Closed and counted, and readable as on the page (permissions.can_see_results); the
        # named vote's running tally that page shows its organisers is never sent here.
        counted = (
            permissions.counted(ballot)
            and ballot.result is not None
            and permissions.can_see_results(context, ballot)
        )
        return BallotResultOut(
            ballot=_summary(ballot),
            result=result_out(tally.unseal(ballot.result), ballot.result_hash) if counted else None,
        )


ROUTES = [BallotApi]
