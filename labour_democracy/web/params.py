"""Explicit parameter markers for handlers (Litestar 3 drops the inferred style)."""

from typing import TypeAlias

from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody

from labour_democracy.core.permissions import Actor
from labour_democracy.core.scope import EnterpriseContext

Context: TypeAlias = NamedDependency[EnterpriseContext]
CurrentActor: TypeAlias = NamedDependency[Actor]
Id: TypeAlias = FromPath[int]

__all__ = ["Context", "CurrentActor", "FromQuery", "Id", "JSONBody"]
