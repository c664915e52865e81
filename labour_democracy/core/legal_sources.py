"""The legal instruments the app can name: one registry, read by the documents' "Căn cứ" lines,
the sources shown beside rules, and the test that no user-visible citation names an instrument
outside it or without its number (tests/test_legal_sources.py; the audit is
docs/legal-sources.md).

An instrument is in the registry only as far as the research notes (law.md) support it: its
`mark` is law.md's confidence, `articles` are the articles law.md reads (none for a SECONDARY
source). A citation of an article outside `articles`, or of an instrument marked UNVERIFIED, is
printed with a label saying so (`UNVERIFIED_LABELS`), the way the union settings already say
"not verified".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Instrument:
    """A legal instrument as documents cite it ("Bộ luật Lao động số 45/2019/QH14")."""

    number: str  # "45/2019/QH14"; "" for the VGCL Charter, adopted by a congress, unnumbered
    title_vi: str  # "Bộ luật Lao động"
    title_en: str  # "Labour Code"
    issued_on: dt.date | None  # the day it was adopted or signed, where read
    in_force_from: dt.date | None  # where law.md gives it
    law_md: str  # the sections of law.md that read it
    mark: str  # law.md's confidence: VERIFIED, VERIFIED-T, SECONDARY or UNVERIFIED
    articles: frozenset[int]  # the articles law.md reads

    @property
    def cited(self) -> str:
        """The name with the number, as a document cites it."""
        return f"{self.title_vi} số {self.number}" if self.number else self.title_vi

    @property
    def cited_with_date(self) -> str:
        """ "Nghị định số 145/2020/NĐ-CP ngày 14 tháng 12 năm 2020" (Decree 30/2020: a leading
        zero only for days below 10 and months 1 and 2)."""
        day = self.issued_on
        if day is None:
            return self.cited
        month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
        return f"{self.cited} ngày {day.day:02d} tháng {month} năm {day.year}"

    @property
    def verified(self) -> bool:
        return self.mark in ("VERIFIED", "VERIFIED-T")


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
    None,
    "§0, §1, §3, §4.1, §4.3, §7, §9",
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
    dt.date(2025, 7, 1),
    "§0, §4.1, §7, §9",
    "VERIFIED",
    _articles(1, 4, 5, 6, 8, 14, 19, 20, 25, 27, 28, 29),
)
TRADE_UNION_AMENDMENT = Instrument(
    "97/2025/QH15",
    "Luật sửa đổi, bổ sung một số điều của Luật Công đoàn",
    "Law amending the Trade Union Law",
    None,
    dt.date(2025, 7, 1),
    "§0, §4.1",
    "VERIFIED-T",
    frozenset(),
)
DEMOCRACY_LAW = Instrument(
    "10/2022/QH15",
    "Luật Thực hiện dân chủ ở cơ sở",
    "Law on Grassroots Democracy",
    None,
    dt.date(2023, 7, 1),
    "§0, §2.2, §5, §9",
    "VERIFIED",
    _articles((64, 82), 88),
)
SOCIAL_INSURANCE_LAW = Instrument(
    "41/2024/QH15",
    "Luật Bảo hiểm xã hội",
    "Social Insurance Law",
    None,
    None,
    "§9 (no article)",
    "VERIFIED",
    frozenset(),
)
DECREE_145 = Instrument(
    "145/2020/NĐ-CP",
    "Nghị định",
    "Decree",
    dt.date(2020, 12, 14),
    None,
    "§0, §1, §2.1, §5, §7, §9",
    "VERIFIED",
    _articles(4, 31, (37, 48), 60, 61, 80, 98, 99, 107, 114),
)
DECREE_59_2023 = Instrument(
    "59/2023/NĐ-CP", "Nghị định", "Decree", None, None, "§0, §2.2", "VERIFIED", _articles((24, 27))
)
DECREE_30_2020 = Instrument(
    "30/2020/NĐ-CP", "Nghị định", "Decree", None, None, "§6", "VERIFIED", _articles(2, 7, 8, 9, 15)
)
DECREE_12_2022 = Instrument(
    "12/2022/NĐ-CP", "Nghị định", "Decree", None, None, "§5.3", "VERIFIED", _articles(6, 15, 16)
)
DECREE_283_2026 = Instrument(
    "283/2026/NĐ-CP",
    "Nghị định",
    "Decree",
    None,
    dt.date(2026, 9, 10),
    "§5.3, §7, §9",
    "VERIFIED",
    _articles(7, 21, 22, 66),
)
DECREE_105_2026 = Instrument(
    "105/2026/NĐ-CP",
    "Nghị định",
    "Decree",
    None,
    dt.date(2026, 5, 16),
    "§9",
    "VERIFIED",
    frozenset(),
)
DECREE_293_2025 = Instrument(
    "293/2025/NĐ-CP",
    "Nghị định",
    "Decree",
    None,
    dt.date(2026, 1, 1),
    "§9",
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
    dt.date(2024, 7, 1),
    "—",
    "UNVERIFIED",
    frozenset(),
)
CIRCULAR_10_2020 = Instrument(
    "10/2020/TT-BLĐTBXH",
    "Thông tư",
    "Circular",
    None,
    None,
    "§0, §3.3",
    "VERIFIED",
    _articles((6, 9)),
)
VGCL_CHARTER = Instrument(
    "",
    "Điều lệ Công đoàn Việt Nam",
    "VGCL Charter",
    None,
    None,
    "§4.1 (Law 50/2024 Art. 8(4) gives it the founding rules), §4.2, §9",
    "SECONDARY",
    frozenset(),
)
VGCL_GUIDANCE_1360 = Instrument(
    "1360/HD-TLĐ",
    "Hướng dẫn",
    "VGCL Guidance",
    dt.date(2019, 8, 28),
    None,
    "§2.3",
    "SECONDARY",
    frozenset(),
)
VGCL_GUIDANCE_11 = Instrument(
    "11/HD-TLĐ",
    "Hướng dẫn",
    "VGCL Guidance",
    dt.date(2024, 3, 14),
    None,
    "§2.3",
    "SECONDARY",
    frozenset(),
)
VGCL_GUIDANCE_41 = Instrument(
    "41/HD-TLĐ",
    "Hướng dẫn",
    "VGCL Guidance",
    dt.date(2021, 11, 11),
    None,
    "§9",
    "VERIFIED",
    frozenset(),
)
VGCL_DECISION_1454 = Instrument(
    "1454/QĐ-TLĐ", "Quyết định", "VGCL Decision", None, None, "§9", "SECONDARY", frozenset()
)
VGCL_GUIDANCE_1580 = Instrument(
    "1580/HD-TLĐ", "Hướng dẫn", "VGCL Guidance", None, None, "§9", "VERIFIED", frozenset()
)
VGCL_DECISION_933 = Instrument(
    "933/QĐ-TLĐ",
    "Quyết định",
    "VGCL Decision",
    dt.date(2024, 5, 14),
    None,
    "§6",
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
BY_NUMBER = {instrument.number: instrument for instrument in INSTRUMENTS if instrument.number}

# How a citation says its source was not verified (law.md: SECONDARY or UNVERIFIED, or an
# article law.md does not read), in the languages the app prints.
UNVERIFIED_LABELS = (
    "not verified",
    "secondary source",
    "chưa kiểm chứng",
    "chưa xác minh",
    "nguồn thứ cấp",
    "non vérifié",
    "source secondaire",
)

# Reading citations in a text ------------------------------------------------------------------

# A registry number: "45/2019/QH14", "145/2020/NĐ-CP", "10/2020/TT-BLĐTBXH", "933/QĐ-TLĐ".
NUMBER = re.compile(r"\b\d{1,4}/(?:\d{4}/[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*|(?:HD|QĐ)-TLĐ)")
# Words that name an instrument; each must be followed by its number before the clause ends.
_NAMED = re.compile(
    r"Bộ luật Lao động|Labour Code|Code du travail|\bLuật\b|Trade Union Law|\bLaw(?= \d)|\bloi n°"
    r"|Nghị định|\bDecree\b"
    r"|\bdécret\b|\bDécret\b|Thông tư|\bCircular\b|\bcirculaire\b"
)
_CHARTER = re.compile(r"Điều lệ Công đoàn|VGCL Charter|Charter|[Ss]tatuts de la CGTV")
_CLAUSE_END = re.compile(r"[;:()\n]|\.(?:\s|$)")
# Article references: "Art. 63(2)(a)", "Arts. 118-119", "art. 39", "Điều 75 đến Điều 81",
# "khoản 5 Điều 39", "các Điều 65, 66 và 70".
_ITEM = r"\d+(?:\([^)\s]*\))*"
_ARTICLES = re.compile(
    rf"(?P<word>\b[Aa]rts?\.|Điều)\s*(?P<items>{_ITEM}"
    rf"(?:\s*(?:,|and|et|và|to|à|đến|–|-)\s*(?:Điều\s+|Arts?\.\s*|arts?\.\s*)?{_ITEM})*)"
)


def _own_article(text: str, start: int, end: int) -> bool:
    """Not a citation: a document's own article ("Điều 1. Phạm vi", "Như Điều 3;") or one
    quoted as an example ("“Điều 1.”")."""
    before, after = text[:start], text[end:]
    return (
        (before.strip() == "" and after.startswith("."))
        or before.endswith("Như ")
        or before.endswith(("“", "« "))
    )


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    instrument: Instrument


def _article_numbers(items: str) -> list[int]:
    plain = re.sub(r"\([^)]*\)", "", items)
    numbers: list[int] = []
    tokens = re.split(r"\s*(,|and|et|và|to|à|đến|–|-)\s*", plain)
    previous_separator = ","
    for token in tokens:
        token = re.sub(r"^(Điều|Arts?\.|arts?\.)\s*", "", token.strip())
        if token in (",", "and", "et", "và", "to", "à", "đến", "–", "-"):
            previous_separator = token
            continue
        if not token.isdigit():
            continue
        number = int(token)
        if numbers and previous_separator in ("to", "à", "đến", "–", "-"):
            numbers.extend(range(numbers[-1] + 1, number + 1))
        else:
            numbers.append(number)
    return numbers


def _mentions(text: str) -> list[_Mention]:
    found = [
        _Mention(m.start(), m.end(), BY_NUMBER[m.group(0)])
        for m in NUMBER.finditer(text)
        if m.group(0) in BY_NUMBER
    ]
    found += [_Mention(m.start(), m.end(), VGCL_CHARTER) for m in _CHARTER.finditer(text)]
    return sorted(found, key=lambda mention: mention.start)


def _owner(text: str, start: int, end: int, word: str, mentions: list[_Mention]) -> Instrument:
    """The instrument an article reference belongs to: English writes it after the instrument
    ("Decree 145/2020/NĐ-CP, Art. 39"), Vietnamese and French before it ("Điều 39 Nghị định
    …"), except right after the instrument and a comma ("…/NĐ-CP, Điều 39")."""
    before = [m for m in mentions if m.end <= start]
    after = [m for m in mentions if m.start >= end]
    if before and re.fullmatch(r"[\s,]*", text[before[-1].end : start]):
        return before[-1].instrument
    if word.startswith("A"):  # English: "Labour Code 45/2019/QH14, Art. 63"
        return (before or after)[-1 if before else 0].instrument
    return (after or before)[0 if after else -1].instrument


def citation_problems(text: str) -> list[str]:
    """What is wrong with the legal citations of one text (a label, a source field, a line of a
    document): an instrument number the registry does not hold; an instrument named without
    its number; an article with no instrument; an article law.md does not read, or an
    instrument law.md does not verify, without a label saying it is not verified."""
    problems: list[str] = []
    labelled = any(label in text.lower() for label in UNVERIFIED_LABELS)
    for match in NUMBER.finditer(text):
        if match.group(0) not in BY_NUMBER:
            problems.append(f"{match.group(0)} is not in the registry of legal sources")
    for match in _NAMED.finditer(text):
        rest = text[match.end() :]
        clause = rest[: _CLAUSE_END.search(rest).start()] if _CLAUSE_END.search(rest) else rest
        if not NUMBER.search(clause[:60]):
            problems.append(
                f"{match.group(0)!r} without its number: {text[match.start() :][:60]!r}"
            )
    mentions = _mentions(text)
    for match in _ARTICLES.finditer(text):
        if match.group("word") == "Điều" and _own_article(text, match.start(), match.end()):
            continue
        if not mentions:
            problems.append(f"an article with no instrument: {text[match.start() :][:60]!r}")
            continue
        instrument = _owner(text, match.start(), match.end(), match.group("word"), mentions)
        unread = [n for n in _article_numbers(match.group("items")) if n not in instrument.articles]
        if unread and not labelled:
            problems.append(
                f"{instrument.cited}, article {', '.join(map(str, unread))}: law.md does not "
                "read it and the text does not say it is not verified"
            )
    for mention in mentions:
        if mention.instrument.mark == "UNVERIFIED" and not labelled:
            problems.append(f"{mention.instrument.cited} is not verified and not labelled so")
    return problems
