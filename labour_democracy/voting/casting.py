"""Writing votes: a per-process writer that commits waiting votes together.

Each submission waits for the commit of the batch it joined before it is acknowledged, so an
acknowledged vote survives a crash of the process. Batching does two jobs: it turns hundreds of
small write transactions into a few (the write lock of SQLite and the commit flush are paid once
per batch), and it shuffles the votes of a batch, so not even the order of rows inside one
transaction follows the order in which people voted.

The unique (ballot, nullifier) index is the last word on "one vote per code": a duplicate in
the same batch is refused before the insert, one from another batch or process by the index.
"""

from __future__ import annotations

import asyncio
import random
import uuid
import weakref
from dataclasses import dataclass, field

from labour_democracy import db
from labour_democracy.voting.tables import Ballot, BallotStatus, Mark, Vote

MAX_BATCH = 500


class Refused(Exception):
    """The vote was not stored; `reason` says why ("used" or "closed")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Submission:
    ballot_id: int
    nullifier: str
    channel: str
    elector_id: int | None
    # (question id, option id or None, invalid)
    marks: list[tuple[int, int | None, bool]]
    done: asyncio.Future = field(default_factory=lambda: asyncio.get_running_loop().create_future())


class _Writer:
    def __init__(self) -> None:
        self.queue: asyncio.Queue[Submission] = asyncio.Queue()
        self.task = asyncio.get_running_loop().create_task(self._run(), name="vote-writer")

    async def _run(self) -> None:
        while True:
            batch = [await self.queue.get()]
            while len(batch) < MAX_BATCH and not self.queue.empty():
                batch.append(self.queue.get_nowait())
            try:
                await _commit(batch)
            except Exception as error:  # nothing of this batch was stored: every voter may retry
                for submission in batch:
                    if not submission.done.done():
                        submission.done.set_exception(error)


_writers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Writer] = (
    weakref.WeakKeyDictionary()
)


async def submit(submission: Submission) -> None:
    """Store one vote; returns once it is committed, or raises `Refused`."""
    loop = asyncio.get_running_loop()
    writer = _writers.get(loop)
    if writer is None or writer.task.done():
        writer = _writers[loop] = _Writer()
    await writer.queue.put(submission)
    await submission.done


async def _open_ballots(ballot_ids: set[int]) -> set[int]:
    query = Ballot.select(Ballot.id).where(
        Ballot.id.is_in(list(ballot_ids)) & (Ballot.status == BallotStatus.OPEN)
    )
    if not db.is_sqlite():
        # Closing a ballot updates its row; a shared lock makes the close wait for votes in
        # flight and every later vote see it closed (on SQLite the write lock already does).
        query = query.lock_rows("SHARE")
    return {row["id"] for row in await query}


# One statement per batch, in SQL both engines speak (ON CONFLICT ... RETURNING: SQLite 3.35+).
_INSERT_VOTES = (
    "INSERT INTO vote (id, ballot, nullifier, channel, elector) VALUES {rows} "
    "ON CONFLICT (ballot, nullifier) DO NOTHING RETURNING ballot, nullifier"
)
_INSERT_MARKS = "INSERT INTO mark (vote, ballot, question, option, invalid) VALUES {rows}"
_ROWS_PER_STATEMENT = 500


def _values(count: int, width: int) -> str:
    row = "(" + ", ".join(["{}"] * width) + ")"
    return ", ".join([row] * count)


async def _commit(batch: list[Submission]) -> None:
    random.shuffle(batch)
    outcome: dict[int, str | None] = {}
    async with db.write_transaction():
        open_ids = await _open_ballots({s.ballot_id for s in batch})
        candidates: dict[tuple[int, str], Submission] = {}
        for submission in batch:
            key = (submission.ballot_id, submission.nullifier)
            if submission.ballot_id not in open_ids:
                outcome[id(submission)] = "closed"
            elif key in candidates:
                outcome[id(submission)] = "used"
            else:
                candidates[key] = submission
        accepted: set[tuple[int, str]] = set()
        if candidates:
            ids = {key: uuid.uuid4() for key in candidates}
            arguments = [
                value
                for key, s in candidates.items()
                for value in (ids[key], s.ballot_id, s.nullifier, s.channel, s.elector_id)
            ]
            inserted = await Vote.raw(
                _INSERT_VOTES.format(rows=_values(len(candidates), 5)), *arguments
            )
            accepted = {(row["ballot"], row["nullifier"]) for row in inserted}
            marks = [
                (ids[key], s.ballot_id, question, option, invalid)
                for key, s in candidates.items()
                if key in accepted
                for question, option, invalid in s.marks
            ]
            for start in range(0, len(marks), _ROWS_PER_STATEMENT):
                chunk = marks[start : start + _ROWS_PER_STATEMENT]
                await Mark.raw(
                    _INSERT_MARKS.format(rows=_values(len(chunk), 5)),
                    *(value for mark in chunk for value in mark),
                )
        for key, submission in candidates.items():
            outcome[id(submission)] = None if key in accepted else "used"
    for submission in batch:
        reason = outcome[id(submission)]
        if reason is None:
            submission.done.set_result(None)
        else:
            submission.done.set_exception(Refused(reason))
