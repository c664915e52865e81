"""The legal instruments the app can name: one registry, read by the documents' "Căn cứ" lines,
the sources shown beside rules, and the test that no user-visible citation names an instrument
outside it or without its number (tests/test_legal_sources.py; the audit is
docs/legal-sources.md).

An instrument is in the registry only as far as the research notes (law.md) support it: its
`mark` is law.md's confidence, `articles` are the articles law.md reads (none for a SECONDARY
source). A citation of an article outside `articles`, or of an instrument marked UNVERIFIED, is
printed with a label saying so, the way the union settings already say "not verified" (the
test's reading of citations is tests/legal_citations.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from labour_democracy.core.vietnamese_dates import date_words


@dataclass(frozen=True)
class Instrument:
    """A legal instrument as documents cite it ("Bộ luật Lao động số 45/2019/QH14")."""

    number: str  # "45/2019/QH14"; "" for the VGCL Charter, adopted by a congress, unnumbered
    title_vi: str  # "Bộ luật Lao động"
    title_en: str  # "Labour Code"
    issued_on: dt.date | None  # the day it was adopted or signed, where read
    mark: str  # law.md's confidence: VERIFIED, VERIFIED-T, SECONDARY or UNVERIFIED
    articles: frozenset[int]  # the articles law.md reads
    subject: str = ""  # the rest of the official title, for a "Căn cứ" line that cites it whole

    @property
    def cited(self) -> str:
        """The name with the number, as a document cites it."""
        return f"{self.title_vi} số {self.number}" if self.number else self.title_vi

    @property
    def cited_with_date(self) -> str:
        """ "Nghị định số 145/2020/NĐ-CP ngày 14 tháng 12 năm 2020"."""
        if self.issued_on is None:
            return self.cited
        return f"{self.cited} {' '.join(date_words(self.issued_on))}"


def _articles(*spans: int | tuple[int, int]) -> frozenset[int]:
    numbers: set[int] = set()
    for span in spans:
        first, last = span if isinstance(span, tuple) else (span, span)
        numbers.update(range(first, last + 1))
    return frozenset(numbers)


LABOUR_CODE = Instrument(
    "45/2019/QH14",
    "Bộ luật Lao động",
    "Labour Code",
    dt.date(2019, 11, 20),
    "VERIFIED",
    _articles(
        3,
        25,
        26,
        35,
        36,
        42,
        44,
        46,
        47,
        (63, 89),
        93,
        98,
        104,
        105,
        107,
        (109, 115),
        118,
        119,
        128,
        139,
        (170, 178),
    ),
)
TRADE_UNION_LAW = Instrument(
    "50/2024/QH15",
    "Luật Công đoàn",
    "Trade Union Law",
    None,
    "VERIFIED",
    _articles(1, 4, 5, 6, 8, 14, 19, 20, 25, 27, 28, 29),
)
TRADE_UNION_AMENDMENT = Instrument(
    "97/2025/QH15",
    "Luật sửa đổi, bổ sung một số điều của Luật Công đoàn",
    "Law amending the Trade Union Law",
    None,
    "VERIFIED-T",
    frozenset(),
)
DEMOCRACY_LAW = Instrument(
    "10/2022/QH15",
    "Luật Thực hiện dân chủ ở cơ sở",
    "Law on Grassroots Democracy",
    None,
    "VERIFIED",
    _articles((64, 82), 88),
)
SOCIAL_INSURANCE_LAW = Instrument(
    "41/2024/QH15",
    "Luật Bảo hiểm xã hội",
    "Social Insurance Law",
    None,
    "VERIFIED",
    frozenset(),
)
DECREE_145 = Instrument(
    "145/2020/NĐ-CP",
    "Nghị định",
    "Decree",
    dt.date(2020, 12, 14),
    "VERIFIED",
    _articles(4, 31, (37, 48), 60, 61, 80, 98, 99, 107, 114),
    "quy định chi tiết và hướng dẫn thi hành một số điều của Bộ luật Lao động về điều kiện lao "
    "động và quan hệ lao động",
)
DECREE_59_2023 = Instrument(
    "59/2023/NĐ-CP", "Nghị định", "Decree", None, "VERIFIED", _articles((24, 27))
)
DECREE_30_2020 = Instrument(
    "30/2020/NĐ-CP", "Nghị định", "Decree", None, "VERIFIED", _articles(2, 7, 8, 9, 15)
)
DECREE_12_2022 = Instrument(
    "12/2022/NĐ-CP", "Nghị định", "Decree", None, "VERIFIED", _articles(6, 15, 16)
)
DECREE_283_2026 = Instrument(
    "283/2026/NĐ-CP",
    "Nghị định",
    "Decree",
    None,
    "VERIFIED",
    _articles(7, 21, 22, 66),
)
DECREE_105_2026 = Instrument(
    "105/2026/NĐ-CP",
    "Nghị định",
    "Decree",
    None,
    "VERIFIED",
    frozenset(),
)
DECREE_293_2025 = Instrument(
    "293/2025/NĐ-CP",
    "Nghị định",
    "Decree",
    None,
    "VERIFIED",
    _articles(3, 4),
)
# Not in law.md: the regional minimum wages before 1/1/2026 (agreements/floors.py), printed
# with the unverified label.
DECREE_74_2024 = Instrument(
    "74/2024/NĐ-CP",
    "Nghị định",
    "Decree",
    None,
    "UNVERIFIED",
    frozenset(),
)
CIRCULAR_10_2020 = Instrument(
    "10/2020/TT-BLĐTBXH",
    "Thông tư",
    "Circular",
    None,
    "VERIFIED",
    _articles((6, 9)),
)
VGCL_CHARTER = Instrument(
    "",
    "Điều lệ Công đoàn Việt Nam",
    "VGCL Charter",
    None,
    "SECONDARY",
    frozenset(),
)
VGCL_GUIDANCE_1360 = Instrument(
    "1360/HD-TLĐ",
    "Hướng dẫn",
    "VGCL Guidance",
    dt.date(2019, 8, 28),
    "SECONDARY",
    frozenset(),
)
VGCL_GUIDANCE_11 = Instrument(
    "11/HD-TLĐ",
    "Hướng dẫn",
    "VGCL Guidance",
    dt.date(2024, 3, 14),
    "SECONDARY",
    frozenset(),
)
VGCL_GUIDANCE_41 = Instrument(
    "41/HD-TLĐ",
    "Hướng dẫn",
    "VGCL Guidance",
    dt.date(2021, 11, 11),
    "VERIFIED",
    frozenset(),
)
VGCL_DECISION_1454 = Instrument(
    "1454/QĐ-TLĐ", "Quyết định", "VGCL Decision", None, "SECONDARY", frozenset()
)
VGCL_GUIDANCE_1580 = Instrument(
    "1580/HD-TLĐ", "Hướng dẫn", "VGCL Guidance", None, "VERIFIED", frozenset()
)
VGCL_DECISION_933 = Instrument(
    "933/QĐ-TLĐ",
    "Quyết định",
    "VGCL Decision",
    dt.date(2024, 5, 14),
    "SECONDARY",
    frozenset(),
)

INSTRUMENTS = (
    LABOUR_CODE,
    TRADE_UNION_LAW,
    TRADE_UNION_AMENDMENT,
    DEMOCRACY_LAW,
    SOCIAL_INSURANCE_LAW,
    DECREE_145,
    DECREE_59_2023,
    DECREE_30_2020,
    DECREE_12_2022,
    DECREE_283_2026,
    DECREE_105_2026,
    DECREE_293_2025,
    DECREE_74_2024,
    CIRCULAR_10_2020,
    VGCL_CHARTER,
    VGCL_GUIDANCE_1360,
    VGCL_GUIDANCE_11,
    VGCL_GUIDANCE_41,
    VGCL_DECISION_1454,
    VGCL_GUIDANCE_1580,
    VGCL_DECISION_933,
)
