"""The notices on the workers' public page (`/p/<token>`): every notice issued to them."""

from __future__ import annotations

from typing import Any

from labour_democracy.core.tables import Enterprise
from labour_democracy.notices.tables import Notice

PUBLIC_LIMIT = 10  # the newest; older notices stay in the enterprise's register


async def public_section(enterprise: Enterprise) -> dict[str, Any] | None:
    """The issued notices, newest first (a notice is written to the workers: all are public)."""
    rows = (
        await Notice.select(Notice.id, Notice.subject, Notice.body, Notice.issued_on)
        .where((Notice.enterprise == enterprise.id) & Notice.document.is_not_null())
        .order_by(Notice.issued_on, ascending=False)
        .order_by(Notice.id, ascending=False)
        .limit(PUBLIC_LIMIT)
    )
    if not rows:
        return None
    for row in rows:
        row["paragraphs"] = [p for p in row["body"].splitlines() if p.strip()]
    return {"notices": rows}
