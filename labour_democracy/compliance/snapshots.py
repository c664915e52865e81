"""The province's figures kept as they stood on the VGCL reporting dates (31/5, 30/11) or when an
officer asks, so a past report reads the same later (the facts may change afterwards)."""

from __future__ import annotations

import datetime as dt
import json

from labour_democracy.compliance import dashboard, rules
from labour_democracy.compliance.tables import Snapshot
from labour_democracy.core.errors import NotFound
from labour_democracy.db import write_transaction
from labour_democracy.i18n import today


def _lines(lines: list[dashboard.Line]) -> list[dict]:
    return [
        {
            "key": line.obligation.key,
            "label": line.obligation.label,
            "legal_source": line.obligation.legal_source,
            "threshold": line.threshold,
            "held": line.figure.held,
            "eligible": line.figure.eligible,
            "rate": None if line.figure.rate is None else str(line.figure.rate),
            "items_done": line.items.held,
            "items_due": line.items.eligible,
        }
        for line in lines
    ]


async def figures(v: dashboard.View) -> dict:
    """The province's figures as data: its totals and one row per upper union."""
    totals, _group, groups = await dashboard.overview(v)
    return {
        "totals": _lines(totals),
        "groups": [{"id": g.id, "name": g.name, "lines": _lines(g.lines)} for g in groups],
    }


async def take(v: dashboard.View, province_id: int, taken_on: dt.date) -> int:
    """Keep the province's figures of the view's year as of `taken_on` (once per date)."""
    existing = (
        await Snapshot.select(Snapshot.id)
        .where(
            (Snapshot.province == province_id)
            & (Snapshot.year == v.filters.year)
            & (Snapshot.taken_on == taken_on)
        )
        .first()
    )
    if existing:
        return existing["id"]
    data = json.dumps(await figures(v), ensure_ascii=False)
    async with write_transaction():
        snapshot = Snapshot(
            province=province_id, year=v.filters.year, taken_on=taken_on, figures=data
        )
        await snapshot.save()
    return snapshot.id


async def keep_due(v: dashboard.View, province_id: int) -> None:
    """Take the snapshot of the latest reporting date that has passed, if nobody has yet (the
    first reading after the date keeps it)."""
    on = today()
    due = rules.last_snapshot_date(on)
    if due is not None and v.filters.year == on.year:
        await take(v, province_id, due)


async def listing(province_id: int) -> list[dict]:
    return await (
        Snapshot.select(Snapshot.id, Snapshot.year, Snapshot.taken_on)
        .where(Snapshot.province == province_id)
        .order_by(Snapshot.taken_on, ascending=False)
    )


async def get(snapshot_id: int, province_ids: tuple[int, ...] | None) -> dict:
    row = await Snapshot.select().where(Snapshot.id == snapshot_id).first()
    if row is None or (province_ids is not None and row["province"] not in province_ids):
        raise NotFound
    row["figures"] = json.loads(row["figures"])
    return row
