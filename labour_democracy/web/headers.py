"""Security headers on every response (pages, files, errors, even an unknown address).

The Content-Security-Policy allows scripts and styles from this site only: no inline script,
no `on...=` attribute, no `style="..."` attribute, no eval (htmx is told not to use it and not
to inject its indicator styles, see base.html and static/app.js). The OpenAPI page is the one
exception: Swagger UI is loaded from its CDN with an inline start-up script.
"""

from __future__ import annotations

from litestar.types import Message, Scope

PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
SCHEMA_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "img-src 'self' data: https://cdn.jsdelivr.net; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
# Two years, the preload list's minimum; only over HTTPS in production (a browser that saw it
# on a test machine's plain-HTTP address would refuse that address for two years).
HSTS = "max-age=63072000; includeSubDomains"

_COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def security_headers(path: str, production: bool) -> list[tuple[bytes, bytes]]:
    policy = SCHEMA_POLICY if path.startswith("/schema") else PAGE_POLICY
    headers = [*_COMMON, (b"content-security-policy", policy.encode())]
    if production:
        headers.append((b"strict-transport-security", HSTS.encode()))
    return headers


def add_security_headers(message: Message, scope: Scope, production: bool) -> None:
    """Add the headers to a response's start message, unless the handler set its own."""
    if message["type"] != "http.response.start":
        return
    present = {name.lower() for name, _ in message.get("headers", [])}
    extra = [
        (name, value)
        for name, value in security_headers(scope.get("path", ""), production)
        if name not in present
    ]
    message["headers"] = [*message.get("headers", []), *extra]
