"""One answer per error, in the form the caller wants.

JSON problem details (RFC 9457) for `/api/` and JSON clients; for HTMX a message swapped into
the page's message area (htmx 2 swaps no 4xx/5xx body but a 422, which base.html's htmx-config
lets through: the others answer 200 and retarget); otherwise a full error page with the real
status code. A refused form does not come here: web/submit.py draws it again with its errors.
"""

from __future__ import annotations

import logging
from urllib.parse import quote

from litestar import Request, Response
from litestar.exceptions import (
    HTTPException,
    NotAuthorizedException,
    NotFoundException,
    PermissionDeniedException,
    ValidationException,
)
from litestar.response import Redirect, Template

from labour_democracy.core.errors import Conflict, Forbidden, Invalid, NotFound
from labour_democracy.i18n import gettext as _
from labour_democracy.web.access_log import request_id
from labour_democracy.web.responses import is_htmx

log = logging.getLogger("labour_democracy")


def wants_json(request: Request) -> bool:
    if request.url.path.startswith("/api/"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _titles() -> dict[int, str]:
    return {
        400: _("The request is not valid"),
        401: _("Please sign in"),
        403: _("You are not allowed to do this"),
        404: _("Not found"),
        409: _("This cannot be done now"),
        422: _("Some of the input is not valid"),
        500: _("Something went wrong on our side"),
    }


def error_response(
    request: Request, status: int, detail: str, errors: dict[str, str] | None = None
) -> Response:
    title = _titles().get(status, _("Error"))
    if wants_json(request):
        body: dict = {"type": "about:blank", "title": title, "status": status, "detail": detail}
        if errors:
            body["errors"] = errors
        return Response(body, status_code=status, media_type="application/problem+json")
    # An address that matches no route never passes the session middleware, yet the layout
    # reads the flashed messages from the session: give it an empty one.
    request.scope.setdefault("session", {})  # type: ignore[typeddict-item]
    if is_htmx(request):
        return Template(
            template_name="_partials/error_message.html",
            context={"title": title, "detail": detail, "errors": errors or {}},
            headers={"HX-Retarget": "#messages", "HX-Reswap": "innerHTML"},
            status_code=422 if status == 422 else 200,
        )
    return Template(
        template_name="errors/error.html",
        context={"status": status, "title": title, "detail": detail},
        status_code=status,
    )


def _not_found(request: Request, exc: Exception) -> Response:
    return error_response(
        request, 404, _("This page or record does not exist, or is not yours to see.")
    )


def _forbidden(request: Request, exc: Exception) -> Response:
    if "csrf" in str(getattr(exc, "detail", "")).lower():
        return error_response(
            request,
            403,
            _("The form expired or came from another site. Reload the page and try again."),
        )
    return error_response(request, 403, _("Your role does not allow this action."))


def _not_authorized(request: Request, exc: Exception) -> Response:
    if wants_json(request):
        return error_response(request, 401, _("Sign in first."))
    # The query comes back too: a door phone scanning an invitation's QR code before signing in
    # lands on the check-in with that code afterwards.
    page = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    target = "/login?next=" + quote(page)
    if is_htmx(request):
        return Response(None, headers={"HX-Redirect": target})
    return Redirect(target, status_code=303)


def _invalid(request: Request, exc: Invalid) -> Response:
    general = exc.errors.get("", _("Some of the input is not valid."))
    return error_response(request, 422, general, {k: v for k, v in exc.errors.items() if k})


def _conflict(request: Request, exc: Conflict) -> Response:
    return error_response(request, 409, str(exc) or _("This cannot be done now."))


def _validation(request: Request, exc: ValidationException) -> Response:
    return error_response(request, 400, _("The request is not valid."))


def _route(request: Request) -> str:
    """The route's pattern, not the address: a slip's QR address carries its voting code."""
    return request.scope.get("path_template") or request.url.path


def _http(request: Request, exc: HTTPException) -> Response:
    if exc.status_code >= 500:
        log.error(
            "HTTP %s on %s: %s [request %s]",
            exc.status_code,
            _route(request),
            exc.detail,
            request_id.get(),
        )
        return error_response(request, exc.status_code, _("Please try again in a moment."))
    return error_response(request, exc.status_code, _("The request is not valid."))


def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception(
        "Unhandled error on %s %s [request %s]", request.method, _route(request), request_id.get()
    )
    return error_response(
        request, 500, _("The error was recorded. Please try again; nothing was saved.")
    )


EXCEPTION_HANDLERS = {
    NotFound: _not_found,
    NotFoundException: _not_found,
    Forbidden: _forbidden,
    PermissionDeniedException: _forbidden,
    NotAuthorizedException: _not_authorized,
    Invalid: _invalid,
    Conflict: _conflict,
    ValidationException: _validation,
    HTTPException: _http,
    Exception: _unexpected,
}
