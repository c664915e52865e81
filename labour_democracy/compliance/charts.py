"""Charts drawn on the server as SVG (no JavaScript): horizontal bars of rates, and a column per
year for a trend. Attributes only (no inline style), so the Content-Security-Policy holds."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from markupsafe import Markup

from labour_democracy.i18n import format_percentage

_WIDTH = 640
_BAR = 22
_LABEL = 260


def _pct(rate: Decimal | None) -> str:
    return "—" if rate is None else format_percentage(rate / 100)


def bars(items: Sequence[tuple[str, Decimal | None]], title: str) -> Markup:
    """One bar per (label, rate in percent or None)."""
    height = 10 + len(items) * (_BAR + 8)
    span = _WIDTH - _LABEL - 70
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {_WIDTH} {height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for index, (label, rate) in enumerate(items):
        y = 5 + index * (_BAR + 8)
        length = 0 if rate is None else float(rate) / 100 * span
        short = label if len(label) <= 42 else label[:41] + "…"
        parts.append(
            f'<text x="0" y="{y + 15}" font-size="12">{escape(short)}</text>'
            f'<rect x="{_LABEL}" y="{y}" width="{span}" height="{_BAR}" fill="#eee"/>'
            f'<rect x="{_LABEL}" y="{y}" width="{length:.1f}" height="{_BAR}" fill="#2a6f97"/>'
            f'<text x="{_LABEL + span + 6}" y="{y + 15}" font-size="12">{escape(_pct(rate))}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def columns(items: Sequence[tuple[str, Decimal | None]], title: str) -> Markup:
    """One column per (label, rate in percent or None), e.g. a year each."""
    height, base, width = 180, 150, max(60, 80 * len(items))
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        f'<line x1="0" y1="{base}" x2="{width}" y2="{base}" stroke="#999"/>'
    ]
    for index, (label, rate) in enumerate(items):
        x = 10 + index * 80
        tall = 0 if rate is None else float(rate) / 100 * 120
        parts.append(
            f'<rect x="{x}" y="{base - tall:.1f}" width="50" height="{tall:.1f}" fill="#2a6f97"/>'
            f'<text x="{x}" y="{base - tall - 4:.1f}" font-size="11">{escape(_pct(rate))}</text>'
            f'<text x="{x}" y="{base + 16}" font-size="12">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
