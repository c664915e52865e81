"""Growing delays against guessing (sign-in passwords, vote codes), shared by every process.

A key (an account, a client address, a device) gets a number of free attempts; after them each
counted attempt makes the next one wait, twice as long each time up to a ceiling, and a key left
quiet for a day starts again. Nothing is ever locked: the owner of an account waits at most the
ceiling, and sign-in lets a device used before pass the account's delay (core/accounts.py).

An attempt is counted *before* the password or code is checked, in one statement
(`INSERT ... ON CONFLICT DO UPDATE ... WHERE next_at <= now RETURNING`), so a burst of
concurrent attempts cannot all be checked against the same count: the row's lock puts them in
a line, each sees the count the previous one left, and those that arrive during a delay are
refused without being checked. Times are Unix milliseconds, so the arithmetic is plain integer
SQL on both engines; the row lives in the database, so several processes share it.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from dataclasses import dataclass

from labour_democracy.core.tables import Throttle
from labour_democracy.db import write_transaction
from labour_democracy.i18n import ngettext
from labour_democracy.settings import get_settings

FORGET_AFTER_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Policy:
    """`free` attempts, then delays from `first_delay` doubling up to `max_delay` (seconds)."""

    free: int
    first_delay: int
    max_delay: int

    def __post_init__(self) -> None:
        # The numbers are written into the SQL text (see _claim_sql): integers only.
        for value in (self.free, self.first_delay, self.max_delay):
            if not isinstance(value, int) or value < 0:
                raise ValueError(f"a throttle policy needs whole numbers, not {value!r}")


class Throttled(Exception):
    """The key is waiting out a delay; `seconds` until the next attempt is counted."""

    def __init__(self, seconds: int) -> None:
        super().__init__(f"try again in {seconds} s")
        self.seconds = seconds


def wait_words(seconds: int) -> str:
    """ "45 seconds", "3 minutes": the wait, in words for a message saying when to try again."""
    if seconds < 120:
        return ngettext("%(n)s second", "%(n)s seconds", seconds) % {"n": seconds}
    minutes = -(-seconds // 60)
    return ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}


def key(kind: str, value: str) -> str:
    """The row's key: a keyed hash, so the table names no e-mail and no address."""
    secret = get_settings().key("throttle")
    return hmac.new(secret, f"{kind}\x00{value}".encode(), hashlib.sha256).hexdigest()


def _now_ms() -> int:
    return int(time.time() * 1000)


def _claim_sql(policy: Policy, now: int) -> str:
    # Every number is an int of this module (Policy checks it), so it is written into the SQL:
    # a parameter inside CASE has no type PostgreSQL could infer. The key is the one parameter.
    # In DO UPDATE, `throttle.x` is the stored row; a row quiet for a day counts as empty.
    stale = f"throttle.last_at < {now - FORGET_AFTER_SECONDS * 1000}"
    before = f"(CASE WHEN {stale} THEN 0 ELSE throttle.attempts END)"
    earned = f"(CASE WHEN {stale} THEN 0 ELSE throttle.delay END)"
    delay = (
        f"(CASE WHEN {before} + 1 < {policy.free} THEN 0"
        f" WHEN {earned} * 2 < {policy.first_delay} THEN {policy.first_delay}"
        f" WHEN {earned} * 2 > {policy.max_delay} THEN {policy.max_delay}"
        f" ELSE {earned} * 2 END)"
    )
    # Without a delay next_at stays 0, not "now": concurrent requests read the clock a few
    # milliseconds apart, and one whose "now" is older than another's must not be refused.
    first = policy.first_delay if policy.free <= 1 else 0
    return (
        "INSERT INTO throttle (key, attempts, delay, next_at, last_at)"
        f" VALUES ({{}}, 1, {first}, {now + first * 1000 if first else 0}, {now})"
        f" ON CONFLICT (key) DO UPDATE SET attempts = {before} + 1, delay = {delay},"
        f" next_at = CASE WHEN {delay} = 0 THEN 0 ELSE {now} + {delay} * 1000 END,"
        f" last_at = {now}"
        f" WHERE throttle.next_at <= {now}"
        " RETURNING attempts"
    )


async def _count(row_key: str, policy: Policy, now: int) -> int | None:
    """Count one attempt; None when the key is waiting (nothing counted)."""
    rows = await Throttle.raw(_claim_sql(policy, now), row_key)
    return rows[0]["attempts"] if rows else None


async def seconds_to_wait(row_key: str) -> int:
    """How long the key must still wait (0: an attempt would be counted now). One read."""
    rows = await Throttle.raw("SELECT next_at FROM throttle WHERE key = {}", row_key)
    if not rows:
        return 0
    return max(0, math.ceil((rows[0]["next_at"] - _now_ms()) / 1000))


async def claim(*limits: tuple[str, Policy]) -> None:
    """Count one attempt against every key, or none: `Throttled` if any key must wait.

    Call before checking the secret; a refused attempt is not counted anywhere (the
    transaction is rolled back), so waiting is never made longer by trying during a delay.
    """
    # A key already waiting is refused with one read, without taking the write lock (most of
    # a burst ends here once the free attempts are used); the claim below decides in any case.
    for row_key, _policy in limits:
        if wait := await seconds_to_wait(row_key):
            raise Throttled(wait)
    now = _now_ms()
    async with write_transaction():
        for row_key, policy in limits:
            if await _count(row_key, policy, now) is None:
                raise Throttled(await seconds_to_wait(row_key) or 1)


async def record(row_key: str, policy: Policy) -> None:
    """Count one failed attempt after the fact (vote codes: only a wrong code counts)."""
    async with write_transaction():
        await _count(row_key, policy, _now_ms())


async def refund(row_key: str, policy: Policy) -> None:
    """Take back one counted attempt that turned out right (a correct password from a shared
    address); below the free attempts, the delay it may have started is lifted too. Call inside
    the caller's write transaction."""
    await Throttle.raw(
        "UPDATE throttle SET attempts = attempts - 1,"
        f" delay = CASE WHEN attempts - 1 < {policy.free} THEN 0 ELSE delay END,"
        f" next_at = CASE WHEN attempts - 1 < {policy.free} THEN 0 ELSE next_at END"
        " WHERE key = {} AND attempts > 0",
        row_key,
    )


async def forget(row_key: str) -> None:
    """Start the key again (the right password for the account). Inside a write transaction."""
    await Throttle.delete().where(Throttle.key == row_key)


async def forget_quiet() -> None:
    """Delete rows quiet for a day (they count as empty anyway). Inside a write transaction."""
    await Throttle.delete().where(Throttle.last_at < _now_ms() - FORGET_AFTER_SECONDS * 1000)
