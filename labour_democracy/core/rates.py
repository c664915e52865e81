"""Yearly rates the federation follows (suggestions answered, actions carried out, conferences
held), counted and rounded the same way everywhere: done / total in percent, one decimal,
rounded half up as the federation's reports write them (41/43 = 95.3 %, 1/16 = 6.3 %), and no
rate at all ("—") over nothing (`percent` is the one helper; `i18n.format_percentage` rounds
through it)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

NO_RATE = "—"  # what a rate over zero reads: not 0 %, not an error


def round_half_up(value: Decimal | float, digits: int = 1) -> Decimal:
    """`value` rounded half up (away from zero at .5) to `digits` decimals. A float is read
    through its shortest repr, so 0.0625 stays 0.0625 and is not the binary 0.06249999..."""
    exact = value if isinstance(value, Decimal) else Decimal(repr(value))
    return exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def percent(done: int, total: int, digits: int = 1) -> Decimal | None:
    """`done` of `total` in percent, rounded half up; None when `total` is 0 (shown "—")."""
    if not total:
        return None
    return round_half_up(Decimal(done) * 100 / Decimal(total), digits)


@dataclass(frozen=True)
class Rate:
    """A yearly rate: `done` of `total` (e.g. suggestions answered of those taken up)."""

    done: int
    total: int

    @property
    def ratio(self) -> float | None:
        return self.done / self.total if self.total else None

    @property
    def percent(self) -> Decimal | None:
        return percent(self.done, self.total)


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
