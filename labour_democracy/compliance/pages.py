"""Reading the dashboard's address: the filters a page or the API was asked for (a bad filter
shows everything rather than an error, as the other list pages do)."""

from __future__ import annotations

from litestar import Request

from labour_democracy.compliance import dashboard, rules
from labour_democracy.core.tables import Ownership


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().lstrip("-").isdigit() else None


def filters(request: Request) -> dashboard.Filters:
    query = request.query_params
    year = _int(query.get("year")) or dashboard.current_year()
    year = min(max(year, 2000), dashboard.current_year())
    sector = (query.get("sector") or "").upper()
    ownership = query.get("ownership") or ""
    size = query.get("size") or ""
    return dashboard.Filters(
        year=year,
        province=_int(query.get("province")),
        union=_int(query.get("union")),
        sector=sector if sector in rules.VSIC_SECTIONS else None,
        ownership=ownership if ownership in set(Ownership) else None,
        size=size if rules.size_class_range(size) else None,
    )


def address(f: dashboard.Filters, **changes) -> str:
    """The query string of the filters, with `changes`."""
    values = {
        "year": f.year,
        "province": f.province,
        "union": f.union,
        "sector": f.sector,
        "ownership": f.ownership,
        "size": f.size,
        **changes,
    }
    return "&".join(f"{k}={v}" for k, v in values.items() if v not in (None, ""))
