"""The votes on the workers' public page (`/p/<token>`): where to vote while a ballot is open
online, and the results of the closed consultations."""

from __future__ import annotations

from typing import Any

from labour_democracy.core.tables import Enterprise
from labour_democracy.voting.tables import Ballot, BallotStatus, Channels

PUBLIC_LIMIT = 10


async def public_section(enterprise: Enterprise) -> dict[str, Any] | None:
    open_online = (
        await Ballot.select(Ballot.title, Ballot.closes_at)
        .where(
            (Ballot.enterprise == enterprise.id)
            & (Ballot.status == BallotStatus.OPEN)
            & Ballot.channels.is_in([Channels.ONLINE, Channels.BOTH])
        )
        .order_by(Ballot.id, ascending=False)
    )
    results = (
        await Ballot.select(Ballot.title, Ballot.closed_at, Ballot.public_token)
        .where(
            (Ballot.enterprise == enterprise.id)
            & (Ballot.status == BallotStatus.CLOSED)
            & (Ballot.purpose == "consultation")
            & Ballot.result.is_not_null()
        )
        .order_by(Ballot.closed_at, ascending=False)
        .limit(PUBLIC_LIMIT)
    )
    if not open_online and not results:
        return None
    return {"open": open_online, "results": results}
