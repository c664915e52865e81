"""Sign-in limits: attempts counted before the password is checked, growing delays instead of a
lockout, a device used before that a stranger cannot keep out, and hashing off the event loop."""

from __future__ import annotations

import asyncio
import threading

import pytest

from labour_democracy import i18n
from labour_democracy.core import accounts, throttle
from labour_democracy.core.errors import Invalid
from labour_democracy.core.tables import Role, Throttle
from tests import factories

WRONG = "wrong-password"


@pytest.fixture
def checked(monkeypatch) -> list[int]:
    """The threads in which a password was checked, one entry per check."""
    threads: list[int] = []
    verify = accounts._verifies

    def counting(password_hash: str, password: str) -> bool:
        threads.append(threading.get_ident())
        return verify(password_hash, password)

    monkeypatch.setattr(accounts, "_verifies", counting)
    return threads


@pytest.fixture
def clock(monkeypatch) -> list[int]:
    """The throttle's clock, moved forward by hand (milliseconds)."""
    now = [1_900_000_000_000]
    monkeypatch.setattr(throttle, "_now_ms", lambda: now[0])
    return now


async def _outcomes(*attempts) -> list[str]:
    results = await asyncio.gather(*attempts, return_exceptions=True)
    return [
        "waited"
        if isinstance(r, accounts.TooManyAttempts)
        else "wrong"
        if isinstance(r, Invalid)
        else "signed in"
        for r in results
    ]


async def test_a_burst_of_forty_wrong_passwords_checks_no_more_than_the_limit(checked):
    await factories.user("hr@a.vn", Role.HR, await factories.enterprise())
    with i18n.language("en"):
        outcomes = await _outcomes(
            *(accounts.sign_in("hr@a.vn", WRONG, "10.0.0.1") for _ in range(40))
        )
    assert len(checked) == 5
    assert outcomes.count("wrong") == 5 and outcomes.count("waited") == 35


async def test_the_right_password_at_the_end_of_a_burst_does_not_slip_through(checked):
    await factories.user("hr@a.vn", Role.HR, await factories.enterprise())
    with i18n.language("en"):
        burst = await _outcomes(
            *(accounts.sign_in("hr@a.vn", WRONG, "10.0.0.1") for _ in range(39))
        )
        # The right password comes once the burst has been counted. Sent inside the same
        # gather, it may reach the database among the first five on a loaded machine: it is then
        # checked, signs in and clears the account's count, which is the owner's right, not a
        # slip (a burst of wrong guesses is tested above).
        last = await _outcomes(accounts.sign_in("hr@a.vn", factories.PASSWORD, "10.0.0.1"))
    assert len(checked) == 5
    assert burst.count("wrong") == 5
    assert last == ["waited"]


async def test_passwords_are_checked_in_a_worker_thread_not_on_the_event_loop(checked):
    await factories.user("hr@a.vn", Role.HR, await factories.enterprise())
    await accounts.sign_in("hr@a.vn", factories.PASSWORD, "10.0.0.1")
    assert checked and threading.get_ident() not in checked


async def test_the_delay_grows_then_ends_and_the_right_password_works(clock):
    await factories.user("admin@a.vn", Role.ADMIN)
    with i18n.language("en"):
        for _ in range(5):
            with pytest.raises(Invalid, match="wrong"):
                await accounts.sign_in("admin@a.vn", WRONG, "10.0.0.1")
        with pytest.raises(accounts.TooManyAttempts) as held:
            await accounts.sign_in("admin@a.vn", factories.PASSWORD, "10.0.0.1")
        assert "Try again in 30 seconds." in held.value.errors[""]
        clock[0] += 31_000
        with pytest.raises(Invalid, match="wrong"):
            await accounts.sign_in("admin@a.vn", WRONG, "10.0.0.1")
        with pytest.raises(accounts.TooManyAttempts) as held:
            await accounts.sign_in("admin@a.vn", factories.PASSWORD, "10.0.0.1")
        assert "Try again in 60 seconds." in held.value.errors[""]
        clock[0] += 61_000
        for _ in range(4):  # 2, 4, 8, 16 minutes, then the ceiling of 15
            with pytest.raises(Invalid, match="wrong"):
                await accounts.sign_in("admin@a.vn", WRONG, "10.0.0.1")
            clock[0] += 16 * 60_000
        with pytest.raises(Invalid, match="wrong"):
            await accounts.sign_in("admin@a.vn", WRONG, "10.0.0.1")
        with pytest.raises(accounts.TooManyAttempts) as held:
            await accounts.sign_in("admin@a.vn", factories.PASSWORD, "10.0.0.1")
        assert "Try again in 15 minutes." in held.value.errors[""]
        clock[0] += 15 * 60_000
        # Not locked: after the wait, the right password signs the administrator in.
        signed_in = await accounts.sign_in("admin@a.vn", factories.PASSWORD, "10.0.0.1")
    assert signed_in.user_id
    # ... and starts the account's count again.
    with i18n.language("en"), pytest.raises(Invalid, match="wrong"):
        await accounts.sign_in("admin@a.vn", WRONG, "10.0.0.1")


async def test_a_known_device_signs_in_while_a_stranger_holds_the_account_back(clock):
    await factories.user("hr@a.vn", Role.HR, await factories.enterprise())
    first = await accounts.sign_in("hr@a.vn", factories.PASSWORD, "10.0.0.1")
    device = first.device_token
    for _ in range(8):
        with pytest.raises(Invalid):
            await accounts.sign_in("hr@a.vn", WRONG, "203.0.113.9")
    with pytest.raises(accounts.TooManyAttempts):  # a new device waits
        await accounts.sign_in("hr@a.vn", factories.PASSWORD, "10.0.0.1")
    again = await accounts.sign_in("hr@a.vn", factories.PASSWORD, "10.0.0.1", device)
    assert again.user_id == first.user_id and again.device_token == device
    # The device has a limit of its own: five wrong passwords on it, then it waits too.
    with i18n.language("en"):
        for _ in range(5):
            with pytest.raises(Invalid, match="wrong"):
                await accounts.sign_in("hr@a.vn", WRONG, "10.0.0.1", device)
        with pytest.raises(accounts.TooManyAttempts) as held:
            await accounts.sign_in("hr@a.vn", factories.PASSWORD, "10.0.0.1", device)
    assert "on this device" in held.value.errors[""]


async def test_a_device_known_for_one_account_is_not_known_for_another(clock):
    enterprise = await factories.enterprise()
    await factories.user("hr@a.vn", Role.HR, enterprise)
    await factories.user("union@a.vn", Role.UNION, enterprise)
    device = (await accounts.sign_in("union@a.vn", factories.PASSWORD, "10.0.0.1")).device_token
    for _ in range(5):
        with pytest.raises(Invalid):
            await accounts.sign_in("hr@a.vn", WRONG, "10.0.0.1", device)
    with pytest.raises(accounts.TooManyAttempts):
        await accounts.sign_in("hr@a.vn", factories.PASSWORD, "10.0.0.1", device)


async def test_one_shared_address_is_slowed_only_after_many_failures_and_not_for_known_devices(
    clock,
):
    enterprise = await factories.enterprise()
    await factories.user("hr@a.vn", Role.HR, enterprise)
    await factories.user("union@a.vn", Role.UNION, enterprise)
    nat = "10.0.0.1"
    device = (await accounts.sign_in("union@a.vn", factories.PASSWORD, nat)).device_token
    # Twenty wrong passwords from the factory's one address, over many e-mails.
    for n in range(20):
        with pytest.raises(Invalid):
            await accounts.sign_in(f"guess{n}@a.vn", WRONG, nat)
    with pytest.raises(accounts.TooManyAttempts):  # a new device behind that address waits
        await accounts.sign_in("hr@a.vn", factories.PASSWORD, nat)
    # The union officer, on the phone they used before, is not held back.
    assert (await accounts.sign_in("union@a.vn", factories.PASSWORD, nat, device)).user_id


async def test_successful_sign_ins_from_one_address_never_add_up_to_a_delay(clock):
    await factories.user("hr@a.vn", Role.HR, await factories.enterprise())
    for _ in range(30):
        await accounts.sign_in("hr@a.vn", factories.PASSWORD, "10.0.0.1")
    assert await Throttle.count() <= 1
    row = await Throttle.select().first()
    assert row is None or row["attempts"] == 0


async def test_attempts_within_the_free_ones_are_never_refused_by_clocks_a_moment_apart(
    monkeypatch,
):
    # Concurrent requests (or processes) read the clock a few milliseconds apart, so one may
    # be counted after another whose "now" is later: each call here reads an earlier time.
    ticks = iter(range(1_900_000_000_000, 0, -3))
    monkeypatch.setattr(throttle, "_now_ms", lambda: next(ticks))
    enterprise = await factories.enterprise()
    for n in range(10):
        await factories.user(f"officer{n}@a.vn", Role.HR, enterprise)
    with i18n.language("en"):
        for n in range(10):
            with pytest.raises(Invalid) as refused:
                await accounts.sign_in(f"officer{n}@a.vn", WRONG, "10.0.0.1")
            assert not isinstance(refused.value, accounts.TooManyAttempts)
