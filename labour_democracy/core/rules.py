"""Core rules as pure functions: identifiers, the active roster, text folding."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

# Law 38/2019/QH14 on tax administration, Art. 5, and Circular 105/2020/TT-BTC, Art. 5:
# an enterprise's tax code has 10 digits; a dependent unit (branch) adds "-" and 3 digits.
_TAX_CODE = re.compile(r"\d{10}(-\d{3})?")

# VSIC 2018 (Decision 27/2018/QĐ-TTg): the economic sectors are sections A to U.
VSIC_SECTIONS = tuple("ABCDEFGHIJKLMNOPQRSTU")

# Decree 30/2020/NĐ-CP, Appendix I, section II.3: the symbol after the document-type
# abbreviation is the issuing body's abbreviation in capital letters, joined by "-".
_DOCUMENT_SYMBOL = re.compile(r"[A-ZĐ0-9]{1,10}(-[A-ZĐ0-9]{1,10})?")


def is_valid_tax_code(value: str) -> bool:
    return _TAX_CODE.fullmatch(value) is not None


def is_valid_document_symbol(value: str) -> bool:
    return _DOCUMENT_SYMBOL.fullmatch(value) is not None


def is_active(end_date: dt.date | None, on: dt.date) -> bool:
    """A worker is on the active roster with no end date or an end date still to come."""
    return end_date is None or end_date > on


def fold(text: str) -> str:
    """Lower-case text without diacritics, for search: "Nguyễn Đức" -> "nguyen duc"."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(stripped.lower().split())


def is_valid_fiscal_year_end(month: int, day: int) -> bool:
    """The last day of a fiscal year must exist in every year (29 February does not)."""
    if not 1 <= month <= 12:
        return False
    return 1 <= day <= calendar.monthrange(2023, month)[1]  # 2023: not a leap year


# Decree 145/2020/NĐ-CP, Art. 114(4): an employer of fewer than 10 workers need not hold the
# worker conference (Art. 47) nor issue the democracy regulation (Art. 48). Bộ luật Lao động
# số 45/2019/QH14, Arts. 118(1), 119(1): written internal labour rules, and their filing within
# 10 days, from 10 workers. Federations may count other denominators (law.md §9): that is a
# dashboard setting, not this rule.
TEN_WORKER_DUTIES_FROM = 10


def ten_worker_duties_apply(workforce: int) -> bool:
    """The duties that start at 10 workers bind this employer (9 workers: no; 10: yes)."""
    return workforce >= TEN_WORKER_DUTIES_FROM


# The words that open the name of a province or commune (Resolution 202/2025/QH15 and the
# 2025 arrangement of communes: tỉnh, thành phố; phường, xã, đặc khu).
_ADMIN_PREFIXES = ("tinh ", "thanh pho ", "phuong ", "xa ", "dac khu ")


def full_address(address: str, *places: str) -> str:
    """The address followed by its commune and province, each added only where the address
    does not already name it ("…, tỉnh Bắc Ninh" gets no second "Tỉnh Bắc Ninh")."""
    parts = [address.strip()] if address.strip() else []
    for place in places:
        folded = fold(place)
        if not folded:
            continue
        bare = next((folded[len(p) :] for p in _ADMIN_PREFIXES if folded.startswith(p)), folded)
        written = fold(", ".join(parts))
        if re.search(rf"(?<!\w){re.escape(bare)}(?!\w)", written):
            continue
        parts.append(place.strip())
    return ", ".join(parts)
