"""Rules of official document format as pure functions (Decree 30/2020/NĐ-CP, Appendix I,
Part I, section II: the components of an administrative document)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from labour_democracy.core import legal_sources

# Decree 30/2020, Appendix III: abbreviations of the document types used in "Số: 01/TB-...".
# Letters (công văn) have none: their number reads "Số: 05/SHVN-VP".
DOCUMENT_TYPES = {
    "NQ": "NGHỊ QUYẾT",
    "QĐ": "QUYẾT ĐỊNH",
    "QC": "QUY CHẾ",
    "QyĐ": "QUY ĐỊNH",
    "TB": "THÔNG BÁO",
    "HD": "HƯỚNG DẪN",
    "CTr": "CHƯƠNG TRÌNH",
    "KH": "KẾ HOẠCH",
    "PA": "PHƯƠNG ÁN",
    "BC": "BÁO CÁO",
    "BB": "BIÊN BẢN",
    "TTr": "TỜ TRÌNH",
    "HĐ": "HỢP ĐỒNG",
    "GM": "GIẤY MỜI",
    "BTT": "BẢN THỎA THUẬN",
    "GUQ": "GIẤY ỦY QUYỀN",
    # Not in Appendix III, which lists no type for a list; "Số: 01/DS-..." is the common
    # practice for a list issued on its own (delegates, attendance, signatures for slips).
    "DS": "DANH SÁCH",
}
LETTER = ""

# Laws as documents cite them, with their number (law.md §9), from the one registry of the
# instruments the app can name: the Labour Code wherever it is cited, the Trade Union Law
# (in force 1/7/2025) wherever the union acts.
LABOUR_CODE = legal_sources.LABOUR_CODE.cited
TRADE_UNION_LAW = legal_sources.TRADE_UNION_LAW.cited
DEMOCRACY_LAW = legal_sources.DEMOCRACY_LAW.cited
# Decree 30/2020 practice: a decree in a "Căn cứ" line is cited whole, with its date, issuer and
# title.
DECREE_145 = (
    f"{legal_sources.DECREE_145.cited_with_date} của Chính phủ {legal_sources.DECREE_145.subject}"
)

# Decree 30/2020, Appendix I, II.4(a): the place is the name of the administrative unit where
# the body has its seat, without the words for the kind of unit ("Thành phố Hà Nội" -> "Hà Nội").
_UNIT_WORDS = re.compile(r"^(Thành phố|Tỉnh|TP\.?)\s+", re.IGNORECASE)


def is_known_type(type_code: str) -> bool:
    return type_code == LETTER or type_code in DOCUMENT_TYPES


def format_reference(number: int, type_code: str, symbol: str) -> str:
    """The number and symbol (số, ký hiệu) after "Số: ", e.g. "01/TB-SHVN".

    Decree 30/2020, Appendix I, II.3: numbers below 10 take a leading zero, "/" separates the
    number from the symbol and "-" the type abbreviation from the body's abbreviation; a
    letter carries no type abbreviation ("05/SHVN-VP").
    """
    if number < 1:
        raise ValueError("document numbers start at 1")
    symbol_part = f"{type_code}-{symbol}" if type_code else symbol
    return f"{number:02d}/{symbol_part}"


def place_name(province_name: str) -> str:
    return _UNIT_WORDS.sub("", province_name.strip())


def single_line(text: str) -> str:
    """Whitespace (newlines included) collapsed: fields printed on one line."""
    return " ".join(text.split())


def paragraphs(text: str) -> list[str]:
    """Each non-blank line of a text area is one paragraph of the body."""
    return [single_line(line) for line in text.splitlines() if line.strip()]


def recipient_lines(lines: Iterable[str]) -> list[str]:
    """The "Nơi nhận" list as Decree 30/2020, Appendix I, II.9(d) prints it: each line ends in
    ";" and the last ("Lưu: VT, ...") in "."; the template adds the leading "- "."""
    cleaned = [single_line(line).lstrip("-–• ").rstrip(";,. ") for line in lines]
    cleaned = [line for line in cleaned if line]
    return [
        line + ("." if index == len(cleaned) - 1 else ";") for index, line in enumerate(cleaned)
    ]


def files_the_original(last_line: str) -> bool:
    """Decree 30/2020, Appendix I, II.9(d): the last recipient is the archive, "Lưu: VT, ..."."""
    return single_line(last_line).lstrip("-–• ").lower().startswith("lưu:")
