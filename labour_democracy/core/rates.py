"""Yearly rates the federation follows (suggestions answered, actions carried out), counted the
same way for every module."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Rate:
    """A yearly rate: `done` of `total` (e.g. suggestions answered of those taken up)."""

    done: int
    total: int

    @property
    def ratio(self) -> float | None:
        return self.done / self.total if self.total else None


def rates_by_enterprise(
    rows: Iterable[dict], enterprise_ids: list[int], done: str, left_out: str
) -> dict[int, Rate]:
    """Rates from rows grouped by enterprise and status (`enterprise`, `status`, `count`):
    rows of status `done` count as done, rows of status `left_out` do not count at all."""
    done_counts = dict.fromkeys(enterprise_ids, 0)
    totals = dict.fromkeys(enterprise_ids, 0)
    for row in rows:
        if row["status"] == left_out:
            continue
        totals[row["enterprise"]] += row["count"]
        if row["status"] == done:
            done_counts[row["enterprise"]] += row["count"]
    return {
        enterprise_id: Rate(done_counts[enterprise_id], totals[enterprise_id])
        for enterprise_id in enterprise_ids
    }
