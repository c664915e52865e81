"""Writing votes: a per-process writer that commits waiting votes together.

Each submission waits for the commit of the batch it joined before it is acknowledged, so an
acknowledged vote survives a crash of the process. Batching does two jobs: it turns hundreds of
small write transactions into a few (the write lock of SQLite and the commit flush are paid once
per batch), and it shuffles the votes of a batch, so not even the order of rows inside one
transaction follows the order in which people voted.

The unique (ballot, nullifier) index is the last word on "one vote per code": a duplicate in
the same batch is refused before the insert, one from another batch or process by the index.

Shuffling a batch hides nothing when votes arrive one at a time: each batch then holds one
vote, and the order of rows (SQLite's rowid, PostgreSQL's ctid and xmin, the mark ids) is the
order of voting. `reshuffle` therefore rewrites a ballot's votes when it closes, inside the
closing transaction, as fresh rows in a random order (see docs/decisions/ballot-secrecy.md).
"""

from __future__ import annotations

import asyncio
import secrets
import uuid
import weakref
from dataclasses import dataclass, field

from labour_democracy import db
from labour_democracy.voting.tables import Ballot, BallotStatus, Mark, Vote

MAX_BATCH = 500
# The order of rows must not be predictable from anything a reader of the database can see.
_RANDOM = secrets.SystemRandom()


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
    _RANDOM.shuffle(batch)
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


# A random order can by chance resemble the old one: with 200 votes one uniform shuffle in 30
# is more than 0.1 (Kendall's τ) away from independent. Among a few shuffles, take one that is
# not: this narrows the choice by well under one bit, against hundreds of bits of randomness.
_SHUFFLE_TRIES = 32
_SHUFFLE_TAU = 0.05
# Above this many votes a uniform shuffle alone is within ±0.03 with overwhelming odds.
_SHUFFLE_CHECK_LIMIT = 20_000
_TEMPORARY = ("reshuffle_vote", "reshuffle_mark", "reshuffle_map")


def _inversions(values: list[int]) -> int:
    """Pairs out of order, by merge sort: O(n log n), so the check costs little at 20,000."""
    if len(values) < 2:
        return 0
    middle = len(values) // 2
    left, right = values[:middle], values[middle:]
    count = _inversions(left) + _inversions(right)
    i = j = 0
    for k in range(len(values)):
        if j >= len(right) or (i < len(left) and left[i] <= right[j]):
            values[k] = left[i]
            i += 1
        else:
            values[k] = right[j]
            j += 1
            count += len(left) - i
    return count


def order_tau(permutation: list[int]) -> float:
    """Kendall's τ between positions 0..n-1 and `permutation` (1: same order, -1: reversed)."""
    n = len(permutation)
    if n < 2:
        return 0.0
    return 1 - 4 * _inversions(list(permutation)) / (n * (n - 1))


def _permutation(old_order: list, new_ids: dict) -> list[int]:
    """Where each row lands, by its new id, listed in the old storage order."""
    rank = {old: position for position, old in enumerate(sorted(new_ids, key=new_ids.get))}
    return [rank[old] for old in old_order]


async def _draw_new_ids(ballot_id: int) -> None:
    """Give every vote of the ballot a new random id (reshuffle_map), retrying while the order
    of the new ids resembles the storage order."""
    order = db.physical_order()
    old_order = [
        str(row["id"])
        for row in await Vote.raw(
            f"SELECT id FROM vote WHERE ballot = {{}} ORDER BY {order}", ballot_id
        )
    ]
    # CREATE TABLE AS takes no bind parameters on PostgreSQL: the ballot id is an int.
    await Vote.raw(
        f"CREATE TEMPORARY TABLE reshuffle_map AS SELECT id AS old_id, {db.random_uuid_sql()} "
        f"AS new_id FROM vote WHERE ballot = {int(ballot_id)}"
    )
    # Without it SQLite joins the marks to the map by scanning the map for every mark.
    await Vote.raw("CREATE INDEX reshuffle_map_old_id ON reshuffle_map (old_id)")
    if len(old_order) > _SHUFFLE_CHECK_LIMIT:
        return
    for _attempt in range(_SHUFFLE_TRIES):
        rows = await Vote.raw("SELECT old_id, new_id FROM reshuffle_map")
        new_ids = {str(row["old_id"]): str(row["new_id"]) for row in rows}
        if abs(order_tau(_permutation(old_order, new_ids))) <= _SHUFFLE_TAU:
            return
        await Vote.raw(f"UPDATE reshuffle_map SET new_id = {db.random_uuid_sql()}")


async def reshuffle(ballot_id: int) -> int:
    """Rewrite a closed ballot's votes and marks as new rows in a random order; returns how many
    votes were rewritten.

    Run inside the closing transaction, after the ballot's row says closed (so no vote can
    join). Every vote gets a new random id (drawn by the database: PostgreSQL's
    gen_random_uuid, SQLite's randomblob), and the votes and their marks are inserted again in
    the order of those ids. SQLite's rowid, PostgreSQL's ctid, the marks' ids, a plain scan and
    the vote ids then all follow one random order, and xmin is the closing transaction's for
    every row. The old order is the order of storage (rowid or ctid), which is the casting order
    when votes came one at a time. The work stays inside the database (temporary tables), so a
    hundred thousand votes take seconds. The receipt derives from the nullifier, which is kept,
    so every voter still finds their receipt. Deleted rows are overwritten on SQLite
    (`secure_delete`, see db.py); on PostgreSQL they are dead tuples until vacuum reclaims them.
    """
    if not await Vote.exists().where(Vote.ballot == ballot_id):
        return 0
    for table in _TEMPORARY:
        await Vote.raw(f"DROP TABLE IF EXISTS {table}")
    await _draw_new_ids(ballot_id)
    await Vote.raw(
        "CREATE TEMPORARY TABLE reshuffle_vote AS SELECT map.new_id AS id, v.ballot, v.nullifier, "
        "v.channel, v.elector FROM vote v JOIN reshuffle_map map ON map.old_id = v.id "
        f"WHERE v.ballot = {int(ballot_id)}"
    )
    await Vote.raw(
        "CREATE TEMPORARY TABLE reshuffle_mark AS SELECT map.new_id AS vote, m.ballot, "
        "m.question, m.option, m.invalid FROM mark m JOIN reshuffle_map map ON map.old_id = m.vote "
        f"WHERE m.ballot = {int(ballot_id)}"
    )
    await Mark.raw("DELETE FROM mark WHERE ballot = {}", ballot_id)
    await Vote.raw("DELETE FROM vote WHERE ballot = {}", ballot_id)
    inserted = await Vote.raw(
        "INSERT INTO vote (id, ballot, nullifier, channel, elector) "
        "SELECT id, ballot, nullifier, channel, elector FROM reshuffle_vote ORDER BY id "
        "RETURNING 1 AS one"
    )
    await Mark.raw(
        "INSERT INTO mark (vote, ballot, question, option, invalid) "
        "SELECT vote, ballot, question, option, invalid FROM reshuffle_mark ORDER BY vote"
    )
    for table in _TEMPORARY:
        await Vote.raw(f"DROP TABLE {table}")
    return len(inserted)
