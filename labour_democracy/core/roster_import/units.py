"""The enterprise's org units as the import (and the export) names them: by name, or by
path when two units share a name."""

from __future__ import annotations

from labour_democracy.core import rules
from labour_democracy.core.tables import OrgUnit


class UnitDirectory:
    """The enterprise's org units, found by name, or by path ("Xưởng may 1 / Tổ 1") when
    two units share a name (names are unique only among siblings)."""

    def __init__(self, units: list[dict]) -> None:
        by_id = {unit["id"]: unit for unit in units}

        def path(unit: dict) -> str:
            parts, seen = [unit["name"]], {unit["id"]}
            parent = by_id.get(unit["parent"])
            while parent is not None and parent["id"] not in seen:
                parts.append(parent["name"])
                seen.add(parent["id"])
                parent = by_id.get(parent["parent"])
            return " / ".join(reversed(parts))

        self._by_name: dict[str, list[int]] = {}
        self._by_path: dict[str, int] = {}
        self._labels: dict[int, str] = {}
        for unit in units:
            self._by_name.setdefault(rules.fold(unit["name"]), []).append(unit["id"])
            self._by_path[self._path_key(path(unit))] = unit["id"]
        for unit in units:
            shared = len(self._by_name[rules.fold(unit["name"])]) > 1
            self._labels[unit["id"]] = path(unit) if shared else unit["name"]

    @staticmethod
    def _path_key(text: str) -> str:
        return " / ".join(rules.fold(part) for part in text.split("/") if part.strip())

    def label(self, unit_id: int | None) -> str:
        """What the export writes: the unit's name, or its path when the name is shared."""
        return self._labels.get(unit_id, "") if unit_id is not None else ""

    def find(self, text: str) -> int | None:
        """The unit's id; None if unknown; `AmbiguousUnit` if several units have the name."""
        ids = self._by_name.get(rules.fold(text), [])
        if len(ids) == 1:
            return ids[0]
        found = self._by_path.get(self._path_key(text))
        if found is None and ids:
            raise AmbiguousUnit(text)
        return found


class AmbiguousUnit(ValueError):
    pass


async def unit_directory(enterprise_id: int) -> UnitDirectory:
    return UnitDirectory(
        await OrgUnit.select(OrgUnit.id, OrgUnit.name, OrgUnit.parent).where(
            OrgUnit.enterprise == enterprise_id
        )
    )
