"""Accounts: passwords, sign-in slowed by growing delays, server-side sessions, memberships."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass

import anyio
import anyio.to_thread
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.profiles import CHEAPEST

from labour_democracy.core import audit, throttle
from labour_democracy.core.errors import Invalid, NotFound
from labour_democracy.core.permissions import Actor, MembershipGrant
from labour_democracy.core.tables import KnownDevice, Role, User, UserSession
from labour_democracy.db import write_transaction
from labour_democracy.i18n import gettext as _
from labour_democracy.settings import LANGUAGES, get_settings

# The library's default cost; LD_PASSWORD_HASH_COST=test (the suite, never production: see
# Settings.check) uses its cheapest profile. A hash carries its own parameters, so either
# hasher verifies the other's hashes, and sign-in re-hashes a cheap one at the default cost.
_hasher = (
    PasswordHasher.from_parameters(CHEAPEST)
    if get_settings().password_hash_cost == "test"
    else PasswordHasher()
)
MIN_PASSWORD_LENGTH = 10
_dummy_hash: str | None = None
# argon2 takes tens of milliseconds of CPU and memory per check: it runs in worker threads (it
# releases the GIL, so the event loop keeps serving pages), at most this many at once, so a
# burst of sign-ins queues here instead of taking every core and all the memory.
HASHING_THREADS = 2
_hashing: anyio.CapacityLimiter | None = None

SESSION_HOURS = 12
# A session's expiry moves forward as it is used, at most once an hour (one write).
_RENEW_AFTER_SECONDS = 3600
KNOWN_DEVICE_DAYS = 365
_DEVICE_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def _limiter() -> anyio.CapacityLimiter:
    global _hashing
    if _hashing is None:
        _hashing = anyio.CapacityLimiter(HASHING_THREADS)
    return _hashing


def _dummy() -> str:
    """A valid hash to verify against when the e-mail is unknown, so timing does not reveal it.
    Made on first use: hashing at the full cost takes ~0.1 s, which every command-line start
    would otherwise pay."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash("not-a-real-password")
    return _dummy_hash


async def _off_the_loop(function, *args):
    return await anyio.to_thread.run_sync(function, *args, limiter=_limiter())


def _verifies(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


async def verify_password(password_hash: str, password: str) -> bool:
    return await _off_the_loop(_verifies, password_hash, password)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


async def hash_password_off_the_loop(password: str) -> str:
    return await _off_the_loop(_hasher.hash, password)


def check_password_strength(password: str) -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return _("The password must have at least {n} characters.").format(n=MIN_PASSWORD_LENGTH)
    return None


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Runs on every request, so it is one hand-written query (the session, its user and their
# memberships in one LEFT JOIN, which keeps a user without any role) rather than several ORM
# queries, whose building alone cost more than running them (docs/decisions/sqlite-engine.md).
_ACTOR_SQL = (
    "SELECT u.id, u.email, u.full_name, u.language, u.session_version, s.expires_at,"
    " m.role, m.enterprise, m.province, m.upper_union"
    ' FROM user_session AS s JOIN app_user AS u ON u.id = s."user"'
    ' LEFT JOIN membership AS m ON m."user" = u.id'
    " WHERE s.token_hash = {} AND s.expires_at > {} AND u.is_active = {}"
    " ORDER BY m.id"
)


async def load_actor(user_id: int, session_version: int, session_token: str) -> Actor | None:
    """The actor behind a session, or None if the session ended (signed out, expired) or the
    user is gone, disabled or signed out everywhere."""
    now = int(time.time())
    token_hash = _token_hash(session_token)
    rows = await User.raw(_ACTOR_SQL, token_hash, now, True)
    if not rows or rows[0]["id"] != user_id or rows[0]["session_version"] != session_version:
        return None
    user = rows[0]
    if user["expires_at"] - now < SESSION_HOURS * 3600 - _RENEW_AFTER_SECONDS:
        async with write_transaction():
            await UserSession.update({UserSession.expires_at: now + SESSION_HOURS * 3600}).where(
                UserSession.token_hash == token_hash
            )
    return Actor(
        id=user["id"],
        email=user["email"],
        full_name=user["full_name"],
        language=user["language"],
        grants=tuple(
            MembershipGrant(Role(m["role"]), m["enterprise"], m["province"], m["upper_union"])
            for m in rows
            if m["role"] is not None
        ),
    )


async def start_session(user_id: int) -> str:
    """A new server-side session; returns the token its cookie carries. Inside a transaction."""
    now = int(time.time())
    token = secrets.token_urlsafe(32)
    await UserSession.delete().where(UserSession.expires_at <= now)
    await UserSession.insert(
        UserSession(
            token_hash=_token_hash(token),
            user=user_id,
            created_at=now,
            expires_at=now + SESSION_HOURS * 3600,
        )
    )
    return token


async def end_session(session_token: str | None) -> None:
    """Sign out this session: its cookie, even replayed, no longer names a session."""
    if not session_token:
        return
    async with write_transaction():
        await UserSession.delete().where(UserSession.token_hash == _token_hash(session_token))


class TooManyAttempts(Invalid):
    """Sign-in is slowed down for this account, network or device; says when to try again."""

    def __init__(self, seconds: int, known_device: bool) -> None:
        self.seconds = seconds
        if known_device:
            message = _(
                "Too many failed sign-in attempts on this device. Try again in {wait}."
            ).format(wait=throttle.wait_words(seconds))
        else:
            message = _(
                "Too many failed sign-in attempts for this account or from this network. "
                "Try again in {wait}. On a device you have signed in with before, you can "
                "sign in now."
            ).format(wait=throttle.wait_words(seconds))
        super().__init__(message)


@dataclass(frozen=True)
class Policies:
    """The sign-in limits (docs/configuration.md): free attempts, then growing delays."""

    account: throttle.Policy
    address: throttle.Policy
    device: throttle.Policy


def policies() -> Policies:
    settings = get_settings()
    first, ceiling = settings.login_first_delay_seconds, settings.login_max_delay_minutes * 60
    return Policies(
        account=throttle.Policy(settings.login_attempts, first, ceiling),
        # A factory's officers may share one address: a looser limit for it.
        address=throttle.Policy(settings.login_attempts * 4, first, ceiling),
        device=throttle.Policy(settings.login_attempts, first, ceiling),
    )


@dataclass(frozen=True)
class SignedIn:
    user_id: int
    session_version: int
    language: str | None
    session_token: str
    # The token of the browser's "known device" cookie, to set (again) on the response.
    device_token: str


def _device_key(device_token: str, user_id: int) -> str:
    secret = get_settings().key("known-device")
    return hmac.new(secret, f"{device_token}\x00{user_id}".encode(), hashlib.sha256).hexdigest()


def _valid_device_token(token: str | None) -> str | None:
    return token if token and _DEVICE_TOKEN.fullmatch(token) else None


async def sign_in(email: str, password: str, client: str, device: str | None = None) -> SignedIn:
    """Check the credentials, slowed down by growing delays rather than locked.

    Attempts are counted before the password is checked (core/throttle.py), per account and
    per client address; a device on which this user signed in before (`device`, the token of
    its cookie) is held back only by its own limit, so a stranger guessing the password slows
    the guessing down without keeping the owner out.
    """
    limits = policies()
    email = email.strip().lower()
    device = _valid_device_token(device)
    user = await User.objects().where(User.email == email).first()
    known = bool(
        device
        and user is not None
        and await KnownDevice.exists().where(KnownDevice.key == _device_key(device, user.id))
    )
    if known:
        keys = [(throttle.key("device", device), limits.device)]
    else:
        keys = [
            (throttle.key("address", client), limits.address),
            (throttle.key("account", email), limits.account),
        ]
    try:
        await throttle.claim(*keys)
    except throttle.Throttled as waiting:
        raise TooManyAttempts(waiting.seconds, known) from None

    ok = await verify_password(user.password_hash if user else _dummy(), password)
    if not (ok and user is not None and user.is_active):
        raise Invalid(_("The e-mail or the password is wrong."))

    device = device or secrets.token_urlsafe(32)
    now = int(time.time())
    new_hash = (
        await hash_password_off_the_loop(password)
        if _hasher.check_needs_rehash(user.password_hash)
        else None
    )
    async with write_transaction():
        if known:
            # The owner's typos on their own device; the account's count (a stranger's
            # guesses, perhaps) stays as it is.
            await throttle.forget(keys[0][0])
        else:
            await throttle.refund(keys[0][0], limits.address)
            await throttle.forget(keys[1][0])
        await throttle.forget_quiet()
        await KnownDevice.delete().where(KnownDevice.last_at < now - KNOWN_DEVICE_DAYS * 86400)
        device_key = _device_key(device, user.id)
        if known:
            await KnownDevice.update({KnownDevice.last_at: now}).where(
                KnownDevice.key == device_key
            )
        else:
            await KnownDevice.raw(
                'INSERT INTO known_device (key, "user", last_at) VALUES ({}, {}, {})'
                " ON CONFLICT (key) DO UPDATE SET last_at = {}",
                device_key,
                user.id,
                now,
                now,
            )
        user.last_login_at = dt.datetime.now(dt.UTC)
        await user.save([User.last_login_at])
        if new_hash:
            user.password_hash = new_hash
            await user.save([User.password_hash])
        session_token = await start_session(user.id)
    return SignedIn(user.id, user.session_version, user.language, session_token, device)


async def change_password(actor: Actor, current: str, new: str, confirm: str) -> int:
    """Change the actor's password; returns the new session version (other sessions end)."""
    user = await User.objects().where(User.id == actor.id).first()
    if user is None:
        raise NotFound
    errors: dict[str, str] = {}
    if not await verify_password(user.password_hash, current):
        errors["current"] = _("The current password is wrong.")
    if problem := check_password_strength(new):
        errors["new"] = problem
    elif new != confirm:
        errors["confirm"] = _("The two new passwords differ.")
    if errors:
        raise Invalid(errors)
    new_hash = await hash_password_off_the_loop(new)
    async with write_transaction():
        user.password_hash = new_hash
        user.session_version += 1
        await user.save([User.password_hash, User.session_version])
        await audit.record(actor, "user.password_changed", "user", user.id)
    return user.session_version


async def set_language(actor: Actor, language: str) -> None:
    if language not in LANGUAGES:
        raise Invalid({"language": _("Unknown language.")})
    async with write_transaction():
        await User.update({User.language: language}).where(User.id == actor.id)


async def sign_out_everywhere(actor: Actor) -> None:
    """End every session of the account and forget its devices (a lost phone keeps no
    exemption from the account's sign-in delay)."""
    async with write_transaction():
        await User.update({User.session_version: User.session_version + 1}).where(
            User.id == actor.id
        )
        await UserSession.delete().where(UserSession.user == actor.id)
        await KnownDevice.delete().where(KnownDevice.user == actor.id)
        await audit.record(actor, "user.signed_out_everywhere", "user", actor.id)
