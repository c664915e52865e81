"""How the tests read the legal citations of a text (tests/test_legal_sources.py and the
documents' read-back, tests/documents/docx_rules.py): every instrument named with a number of
the registry (labour_democracy/core/legal_sources.py), and an article law.md reads, or a label
saying it is not verified."""

from __future__ import annotations

import re
from dataclasses import dataclass

from labour_democracy.core.legal_sources import INSTRUMENTS, VGCL_CHARTER, Instrument

BY_NUMBER = {instrument.number: instrument for instrument in INSTRUMENTS if instrument.number}
# The official titles documents cite whole ("… thi hành một số điều của Bộ luật Lao động …"):
# words of the title, not a citation of the instrument they name.
_SUBJECTS = tuple(instrument.subject for instrument in INSTRUMENTS if instrument.subject)

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
    for subject in _SUBJECTS:
        text = text.replace(subject, "")
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
