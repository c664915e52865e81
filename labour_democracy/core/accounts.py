"""Accounts: passwords, sign-in with a rate limit, users and their memberships."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.profiles import CHEAPEST

from labour_democracy.core import audit
from labour_democracy.core.errors import Invalid, NotFound
from labour_democracy.core.permissions import Actor, MembershipGrant
from labour_democracy.core.tables import LoginAttempt, Role, User
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
# A valid hash to verify against when the e-mail is unknown, so timing does not reveal it.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_strength(password: str) -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return _("The password must have at least {n} characters.").format(n=MIN_PASSWORD_LENGTH)
    return None


# Runs on every request, so it is one hand-written query (the user and their memberships in one
# LEFT JOIN, which keeps a user without any role) rather than two ORM queries, whose building
# alone cost more than running them (docs/decisions/sqlite-engine.md).
_ACTOR_SQL = (
    "SELECT u.id, u.email, u.full_name, u.language, u.session_version,"
    " m.role, m.enterprise, m.province"
    ' FROM app_user AS u LEFT JOIN membership AS m ON m."user" = u.id'
    " WHERE u.id = {} AND u.is_active = {}"
    " ORDER BY m.id"
)


async def load_actor(user_id: int, session_version: int) -> Actor | None:
    """The actor behind a session, or None if the user is gone, disabled or signed out."""
    rows = await User.raw(_ACTOR_SQL, user_id, True)
    if not rows or rows[0]["session_version"] != session_version:
        return None
    user = rows[0]
    return Actor(
        id=user["id"],
        email=user["email"],
        full_name=user["full_name"],
        language=user["language"],
        grants=tuple(
            MembershipGrant(Role(m["role"]), m["enterprise"], m["province"])
            for m in rows
            if m["role"] is not None
        ),
    )


class TooManyAttempts(Invalid):
    def __init__(self, minutes: int) -> None:
        super().__init__(
            _(
                "Too many failed sign-in attempts. Wait {minutes} minutes and try again, "
                "or ask your administrator to reset your password."
            ).format(minutes=minutes)
        )


@dataclass(frozen=True)
class SignedIn:
    user_id: int
    session_version: int
    language: str | None


async def sign_in(email: str, password: str, client: str) -> SignedIn:
    """Check the credentials; failures count per e-mail and per client address."""
    settings = get_settings()
    email = email.strip().lower()
    window_start = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=settings.login_window_minutes)
    email_key, client_key = f"email:{email}", f"client:{client}"
    # Per e-mail stops guessing one password; per client (a looser limit, since a factory's
    # workers may share one address) stops trying many e-mails from one place.
    limits = {email_key: settings.login_attempts, client_key: settings.login_attempts * 4}
    for key, limit in limits.items():
        failures = await LoginAttempt.count().where(
            (LoginAttempt.key == key) & (LoginAttempt.at > window_start)
        )
        if failures >= limit:
            raise TooManyAttempts(settings.login_window_minutes)

    user = await User.objects().where(User.email == email).first()
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
        ok = user is not None and user.is_active
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        async with write_transaction():
            await LoginAttempt.insert(*(LoginAttempt(key=k) for k in limits))
        raise Invalid(_("The e-mail or the password is wrong."))

    async with write_transaction():
        await LoginAttempt.delete().where(LoginAttempt.key == email_key)
        await LoginAttempt.delete().where(LoginAttempt.at < window_start)
        user.last_login_at = dt.datetime.now(dt.UTC)
        await user.save([User.last_login_at])
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
            await user.save([User.password_hash])
    return SignedIn(user.id, user.session_version, user.language)


async def change_password(actor: Actor, current: str, new: str, confirm: str) -> int:
    """Change the actor's password; returns the new session version (other sessions end)."""
    user = await User.objects().where(User.id == actor.id).first()
    if user is None:
        raise NotFound
    errors: dict[str, str] = {}
    try:
        _hasher.verify(user.password_hash, current)
    except (VerificationError, InvalidHashError):
        errors["current"] = _("The current password is wrong.")
    if problem := check_password_strength(new):
        errors["new"] = problem
    elif new != confirm:
        errors["confirm"] = _("The two new passwords differ.")
    if errors:
        raise Invalid(errors)
    async with write_transaction():
        user.password_hash = hash_password(new)
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
    async with write_transaction():
        await User.update({User.session_version: User.session_version + 1}).where(
            User.id == actor.id
        )
        await audit.record(actor, "user.signed_out_everywhere", "user", actor.id)
