"""Vietnamese personal names: how lists of people are ordered (the one helper for every list).

A Vietnamese full name is written family name, middle name(s), given name ("Nguyễn Thị Thu
Hà": họ Nguyễn, tên đệm Thị Thu, tên Hà). Lists of people — the roster, delegates, electors,
candidates on a ballot, members of the dialogue group, every export and document — are in
Vietnamese alphabetical order as printed in practice: by given name, then middle name, then
family name, with Vietnamese collation:

- the 29 letters of the Vietnamese alphabet are distinct at the first level, in their order
  a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (so "Đ" comes after "D", and
  "Ân" after "An");
- the five tone marks count only at the second level, in dictionary order: no mark, huyền (`),
  hỏi (?), ngã (~), sắc (´), nặng (.) — "Anh" < "Ánh" < "Bá";
- case is ignored.

The key is a string of decimal digits, so a database column holding it (`Worker.sort_key`)
orders the same on SQLite and on PostgreSQL whatever the server's collation, and a page of a
long list can be sorted and paged in SQL. Why a table here and not ICU: the Unicode default
collation (pyuca) treats ă, â, ê, ô, ơ, ư as accented a, e, o, u (second level) and would not
give Vietnamese order; PyICU has the Vietnamese tailoring but needs the ICU C++ library and a
compiler on every machine for 30 letters and 5 tone marks (docs/decisions/libraries.md).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"  # f, j, w, z: for foreign names
# Tone marks (second level), in dictionary order; other combining marks after them.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_OTHER_MARK = 6
# Combining marks that make a letter of its own (first level): breve, circumflex, horn.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}

# First-level codes: two digits each, prefix-free, so comparing the digit strings compares
# the sequences. "00" ends a part of the name, "01" separates words within a part.
_END_OF_PART = "00"
_BETWEEN_WORDS = "01"
_DIGIT_BASE = 2  # 0-9 -> 02-11
_LETTER_BASE = 12  # a -> 12 ... z -> 44
_OTHER = "99"  # any other character: "99" and its code point in 7 digits


def split_name(full_name: str) -> tuple[str, str, str]:
    """(family name, middle name, given name) of a name written family name first.

    One word is a given name; two are family and given name; the words between the first and
    the last are the middle name."""
    words = full_name.split()
    if not words:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def _letters(text: str) -> list[tuple[str, int]]:
    """Each base letter (with its letter-making marks) and its tone, lower-cased."""
    letters: list[tuple[str, int]] = []
    for char in unicodedata.normalize("NFD", text.lower().replace("đ", "\x00")):
        if char == "\x00":
            letters.append(("đ", 0))
        elif unicodedata.category(char) == "Mn" and letters:
            base, tone = letters[-1]
            if char in _LETTER_MARKS:
                letters[-1] = (unicodedata.normalize("NFC", base + char), tone)
            else:
                letters[-1] = (base, max(tone, _TONES.get(char, _OTHER_MARK)))
        elif unicodedata.category(char) != "Mn":
            letters.append((char, 0))
    return letters


def _primary(letter: str) -> str:
    if letter.isspace():
        return _BETWEEN_WORDS
    if "0" <= letter <= "9":
        return f"{_DIGIT_BASE + int(letter):02d}"
    position = _ALPHABET.find(letter)
    if position >= 0 and len(letter) == 1:
        return f"{_LETTER_BASE + position:02d}"
    return f"{_OTHER}{ord(letter[0]):07d}"


def person_sort_key(full_name: str) -> str:
    """The key that puts people in Vietnamese order: given name, middle name, family name;
    letters first (Đ after D, Ă after A), then tone marks, case ignored. A string of digits."""
    family, middle, given = split_name(full_name)
    primary: list[str] = []
    secondary: list[str] = []
    for part in (given, middle, family):
        for letter, tone in _letters(" ".join(part.split())):
            primary.append(_primary(letter))
            secondary.append(str(tone))
        primary.append(_END_OF_PART)
    return "".join(primary) + "".join(secondary)


def sort_people(items: Iterable[T], name: Callable[[T], str] = str) -> list[T]:  # type: ignore[assignment]
    """The items in Vietnamese name order; `name(item)` is the person's full name. Stable, so
    people of the same name keep their given order."""
    return sorted(items, key=lambda item: person_sort_key(name(item)))
