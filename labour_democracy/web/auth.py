"""Sessions, the actor behind each request, and the one guard every route passes."""

from __future__ import annotations

from litestar import Response
from litestar.connection import ASGIConnection
from litestar.enums import ScopeType
from litestar.exceptions import (
    ImproperlyConfiguredException,
    NotAuthorizedException,
    ValidationException,
)
from litestar.handlers import BaseRouteHandler
from litestar.middleware import ASGIMiddleware
from litestar.middleware.session.client_side import CookieBackendConfig
from litestar.types import ASGIApp, Receive, Scope, Send

from labour_democracy import i18n
from labour_democracy.core.accounts import KNOWN_DEVICE_DAYS, SESSION_HOURS, end_session, load_actor
from labour_democracy.core.errors import Forbidden, NotFound
from labour_democracy.core.permissions import VIEW, Actor
from labour_democracy.core.scope import (
    EnterpriseContext,
    check_path_records,
    enterprise_context,
)
from labour_democracy.settings import Settings
from labour_democracy.web.forms import LARGEST_INTEGER, NUL, SMALLEST_INTEGER

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# The "known device" cookie: a random token, set at every successful sign-in, that lets this
# browser sign in while the account's delay holds strangers back (core/accounts.sign_in).
DEVICE_COOKIE = "ld_device"


def secure_cookies(settings: Settings) -> bool:
    return settings.production or settings.base_url.startswith("https://")


def session_config(settings: Settings) -> CookieBackendConfig:
    return CookieBackendConfig(
        secret=settings.key("session"),
        key="ld_session",
        max_age=SESSION_HOURS * 3600,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(settings),
        exclude=["/static"],
    )


class ActorMiddleware(ASGIMiddleware):
    """Load the signed-in actor (or None) and the language of the request."""

    scopes = (ScopeType.HTTP,)
    # Static files need neither an actor nor a language.
    should_bypass_for_scope = staticmethod(lambda scope: scope["path"].startswith("/static/"))

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        session = scope.get("session") or {}
        actor = None
        # The cookie names a session; the server decides whether it still exists.
        if isinstance(session, dict) and session.get("uid") is not None and session.get("sid"):
            actor = await load_actor(session["uid"], session.get("sv", 0), session["sid"])
        scope["user"] = actor
        chosen = actor.language if actor and actor.language else None
        token = i18n.set_language(chosen or (session.get("lang") if session else None))
        try:
            await next_app(scope, receive, send)
        finally:
            i18n.reset_language(token)


def sign_in_session(
    connection: ASGIConnection,
    user_id: int,
    session_version: int,
    session_token: str | None = None,
) -> None:
    """Put the signed-in user in the session cookie; `session_token` names the server-side
    session (core/accounts.start_session), or None to keep this one (a password change)."""
    session = connection.session or {}
    language = session.get("lang")
    token = session_token or session.get("sid")
    connection.clear_session()  # a fresh session on sign-in: no fixation
    connection.set_session({"uid": user_id, "sv": session_version, "sid": token, "lang": language})


async def end_server_session(connection: ASGIConnection) -> None:
    """Sign out this session on the server: its cookie, replayed later, opens nothing."""
    session = connection.session or {}
    await end_session(session.get("sid"))


def remember_device(response: Response, device_token: str, settings: Settings) -> Response:
    response.set_cookie(
        DEVICE_COOKIE,
        device_token,
        max_age=KNOWN_DEVICE_DAYS * 86400,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(settings),
    )
    return response


def _check_address(connection: ASGIConnection) -> None:
    """An id beyond the database's integers names no record (404); a NUL character in the
    address is no request a page makes (400). Either would otherwise fail in the database."""
    for value in connection.path_params.values():
        if isinstance(value, int) and not SMALLEST_INTEGER <= value <= LARGEST_INTEGER:
            raise NotFound
        if isinstance(value, str) and NUL in value:
            raise ValidationException()
    if any(NUL in key or NUL in value for key, value in connection.query_params.items()):
        raise ValidationException()


async def access_guard(connection: ASGIConnection, handler: BaseRouteHandler) -> None:
    """Role and enterprise scope, checked on the server before any handler runs.

    A route is public only with `opt={"public": True}`. A route under
    `/enterprises/{enterprise_id}` gets its `EnterpriseContext` here (404 outside the actor's
    scope or for another enterprise's record named in the path, 403 beyond their role); an
    unsafe method must name its permission in `opt`.
    """
    _check_address(connection)
    opt = handler.opt
    if opt.get("public") or connection.scope["path"].startswith("/schema"):
        return
    actor: Actor | None = connection.scope.get("user")
    if actor is None:
        raise NotAuthorizedException()
    permission = opt.get("permission")
    if permission is None and connection.scope["method"] not in SAFE_METHODS:
        raise ImproperlyConfiguredException(f"{handler} changes data but names no permission")
    enterprise_id = connection.path_params.get("enterprise_id")
    if enterprise_id is not None:
        # Another enterprise's record is 404 before the role is weighed (403), so a role that
        # lacks the permission cannot learn that the record exists.
        context = await enterprise_context(actor, enterprise_id, VIEW)
        await check_path_records(context, connection.path_params)
        if permission is not None and not context.can(permission):
            raise Forbidden
        connection.state.context = context
    elif permission is not None and not permission.allows(actor.roles):
        raise Forbidden


def provide_context(request: ASGIConnection) -> EnterpriseContext:
    return request.state.context


def provide_actor(request: ASGIConnection) -> Actor:
    return request.scope["user"]
