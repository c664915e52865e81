"""Explicit parameter markers for handlers (Litestar 3 drops the inferred style), and the
length limits every request meets before any handler reads it."""

from typing import Annotated, Any, TypeAlias

import msgspec
from litestar import Request
from litestar.di import NamedDependency
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery, JSONBody, QueryParameter

from labour_democracy.core.errors import Invalid
from labour_democracy.core.permissions import Actor
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.i18n import format_number
from labour_democracy.i18n import gettext as _

Context: TypeAlias = NamedDependency[EnterpriseContext]
CurrentActor: TypeAlias = NamedDependency[Actor]
Id: TypeAlias = FromPath[int]
# A year in the address (a conference's, a year of suggestions); outside this range the request
# is refused (400) instead of reaching a small-integer column with a number it cannot hold.
Year: TypeAlias = Annotated[int | None, QueryParameter(ge=1900, le=2999)]


# A value in the address: searches, filters, codes, a page to return to. None is longer than a
# few hundred characters; a longer one is refused before it reaches a query (SQLite refuses a
# LIKE pattern over 50,000 bytes, and a search that long was a 500 on eight pages and the API).
MAX_QUERY_VALUE = 2_000
# The request headers the app itself reads (content negotiation, HTMX, the CSRF token).
READ_HEADERS = ("accept", "accept-language", "hx-request", "hx-target", "x-csrftoken")
MAX_HEADER_VALUE = 4_096


def too_long_message(limit: int) -> str:
    return _("This value is too long: at most {limit} characters.").format(
        limit=format_number(limit)
    )


async def check_request_limits(request: Request) -> None:
    """`before_request` of the app: refuse an over-long query parameter or read header with a
    4xx naming it, for every route at once (handlers read the query in several ways)."""
    errors = {
        name: too_long_message(MAX_QUERY_VALUE)
        for name, value in request.query_params.multi_items()
        if len(value) > MAX_QUERY_VALUE or len(name) > MAX_QUERY_VALUE
    }
    errors |= {
        name: too_long_message(MAX_HEADER_VALUE)
        for name in READ_HEADERS
        if len(request.headers.get(name, "")) > MAX_HEADER_VALUE
    }
    if errors:
        names = ", ".join(sorted(name[:40] for name in errors))
        general = _("Part of the request is too long ({names}); shorten it and try again.")
        raise Invalid(
            {
                "": general.format(names=names),
                **{name[:40]: message for name, message in errors.items()},
            }
        )


def _inline(node: Any, definitions: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            return _inline(definitions[node["$ref"].rsplit("/", 1)[-1]], definitions)
        return {key: _inline(value, definitions) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(value, definitions) for value in node]
    return node


def JSONForm(struct: type[msgspec.Struct]) -> Any:
    """A JSON object body that the handler turns into `struct` with `web.forms.parse`.

    Litestar would validate a `JSONBody[struct]` before the handler runs and refuse bad input
    with one terse message; through `parse` the API names every wrong field in the same words
    as the pages. OpenAPI still documents the body as `struct`.
    """
    schema = msgspec.json.schema(struct)
    documented = _inline({"$ref": schema["$ref"]}, schema.get("$defs", {}))
    return Annotated[
        dict[str, Any],
        Body(media_type=RequestEncodingType.JSON, title=struct.__name__, schema_extra=documented),
    ]


def client_address(request: Request) -> str:
    """The caller's address, the key of the per-address limits (sign-in, codes, public forms)."""
    return request.client.host if request.client else "unknown"


__all__ = [
    "Context",
    "CurrentActor",
    "FromPath",
    "FromQuery",
    "Id",
    "JSONBody",
    "JSONForm",
    "check_request_limits",
    "client_address",
]
