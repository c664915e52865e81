"""A date in Vietnamese words, as Decree 30/2020/NĐ-CP, Appendix I, II.4(b) writes it: "ngày 05
tháng 01 năm 2026", "ngày 16 tháng 6 năm 2026" (a leading zero only for days below 10 and for
months 1 and 2). One rule for the documents' dates and the registry's dated citations."""

from __future__ import annotations

import datetime as dt


def date_words(value: dt.date) -> tuple[str, ...]:
    """("ngày", "05", "tháng", "01", "năm", "2026"): the caller joins them (the documents with
    non-breaking spaces, so a date never wraps)."""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return ("ngày", f"{value.day:02d}", "tháng", month, "năm", str(value.year))
