"""Explicit parameter markers for handlers (Litestar 3 drops the inferred style)."""

from typing import Annotated, Any, TypeAlias

import msgspec
from litestar.di import NamedDependency
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery, JSONBody

from labour_democracy.core.permissions import Actor
from labour_democracy.core.scope import EnterpriseContext

Context: TypeAlias = NamedDependency[EnterpriseContext]
CurrentActor: TypeAlias = NamedDependency[Actor]
Id: TypeAlias = FromPath[int]


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


__all__ = ["Context", "CurrentActor", "FromPath", "FromQuery", "Id", "JSONBody", "JSONForm"]
