"""Rendering helpers: a full page or an HTMX fragment, redirects that suit the caller, flashes."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response
from litestar.plugins.flash import flash as _flash
from litestar.plugins.htmx import ClientRedirect
from litestar.response import Redirect, Template

from labour_democracy.core.errors import Invalid

# htmx stops an `every Ns` poll when the answer has this status: a page whose figures can no
# longer change (a closed vote on the projector) answers it once, with its last figures.
HTMX_STOP_POLLING = 286


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> Template:
    return Template(template_name=template, context=context, status_code=status_code)


def redirect(request: Request, url: str) -> Response:
    """HTMX ignores HX-* headers on 3xx, so it gets HX-Redirect; a plain form gets a 303."""
    if is_htmx(request):
        return ClientRedirect(url)
    return Redirect(url, status_code=303)


def flash(request: Request, message: str, category: str = "success") -> None:
    _flash(request, message, category)


def form_errors(error: Invalid) -> dict[str, str]:
    return error.errors
