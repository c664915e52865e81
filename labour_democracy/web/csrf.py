"""CSRF tokens bound to the session.

A token is a random nonce and an HMAC of that nonce with the server-side session's token
(core/accounts.start_session), so a token taken from another session, or planted in this
browser's cookie by someone who can set cookies for the site, does not pass for a signed-in
session. Before sign-in there is no session to bind to: the token must then also equal the
`ld_csrf` cookie (the double-submit check Litestar's CSRF middleware made). Pages carry the token
in their forms (`csrf_input`) and `base.html` sends it with every HTMX request
(`x-csrftoken`); the cookie follows the session (a new one is set when the session changes),
so scripts and tests can read the current token there too.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from litestar.datastructures import Cookie, MutableScopeHeaders
from litestar.enums import RequestEncodingType, ScopeType
from litestar.exceptions import PermissionDeniedException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from litestar.utils.scope.state import ScopeState

CSRF_COOKIE = "ld_csrf"
CSRF_HEADER = "x-csrftoken"
CSRF_FIELD = "_csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
_NONCE_LENGTH = 32  # hex characters
_TOKEN_LENGTH = _NONCE_LENGTH + 64


def _binding(scope: Scope) -> str:
    """What the token is bound to: the server-side session's token, or "" before sign-in."""
    session = scope.get("session")
    return (session.get("sid") or "") if isinstance(session, dict) else ""


class SessionCSRFMiddleware(ASGIMiddleware):
    """Refuse an unsafe request whose token is not this session's (403)."""

    scopes = (ScopeType.HTTP,)
    should_bypass_for_scope = staticmethod(lambda scope: scope["path"].startswith("/static/"))

    def __init__(self, secret: bytes, secure: bool) -> None:
        self.secret = secret
        self.secure = secure

    def _sign(self, nonce: str, binding: str) -> str:
        return hmac.new(self.secret, f"{nonce}\x00{binding}".encode(), hashlib.sha256).hexdigest()

    def new_token(self, binding: str) -> str:
        nonce = secrets.token_hex(_NONCE_LENGTH // 2)
        return nonce + self._sign(nonce, binding)

    def is_valid(self, token: Any, binding: str) -> bool:
        if not isinstance(token, str) or len(token) != _TOKEN_LENGTH:
            return False
        nonce, signature = token[:_NONCE_LENGTH], token[_NONCE_LENGTH:]
        return hmac.compare_digest(signature, self._sign(nonce, binding))

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        request = scope["litestar_app"].request_class(scope=scope, receive=receive)
        cookie = request.cookies.get(CSRF_COOKIE)
        binding = _binding(scope)
        if request.method in SAFE_METHODS:
            token = cookie if self.is_valid(cookie, binding) else self.new_token(binding)
        else:
            submitted = request.headers.get(CSRF_HEADER)
            content_type, _ = request.content_type
            if not submitted and content_type in {
                RequestEncodingType.URL_ENCODED,
                RequestEncodingType.MULTI_PART,
            }:
                submitted = (await request.form()).get(CSRF_FIELD)
            bound = self.is_valid(submitted, binding)
            # Before sign-in nothing else ties the token to this browser: the cookie must match.
            if not bound or (not binding and not hmac.compare_digest(submitted, cookie or "")):
                raise PermissionDeniedException("CSRF token verification failed")
            token = submitted
        state = ScopeState.from_scope(scope)
        state.csrf_token = token

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                current = _binding(scope)  # the handler may have signed in or out
                value = state.csrf_token if current == binding else self.new_token(current)
                if value != cookie:
                    cookie_header = Cookie(
                        key=CSRF_COOKIE,
                        value=value,
                        path="/",
                        httponly=True,
                        secure=self.secure,
                        samesite="lax",
                    ).to_header(header="")
                    MutableScopeHeaders.from_message(message).add("set-cookie", cookie_header)
            await send(message)

        await next_app(scope, receive, send_with_cookie)
