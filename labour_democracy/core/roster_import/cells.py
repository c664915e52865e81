"""Reading the mapped cells of each data row as roster values: genders, contract types, dates
(dd/mm/yyyy or Excel's own), union membership, countries, phone numbers; a cell that cannot
be read becomes a problem of its row, with what would be right."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from babel import Locale
from openpyxl.utils.datetime import from_excel

from labour_democracy.core import rules
from labour_democracy.core.roster_import.fields import Field
from labour_democracy.core.roster_import.mapping import Column
from labour_democracy.core.roster_import.report import Problem
from labour_democracy.core.roster_import.sheet import clean_text, is_serial_day
from labour_democracy.core.tables import ContractType, Gender
from labour_democracy.i18n import gettext as _

_GENDERS = {
    "nam": Gender.MALE,
    "male": Gender.MALE,
    "m": Gender.MALE,
    "homme": Gender.MALE,
    "nu": Gender.FEMALE,
    "female": Gender.FEMALE,
    "f": Gender.FEMALE,
    "femme": Gender.FEMALE,
    "khac": Gender.OTHER,
    "other": Gender.OTHER,
    "autre": Gender.OTHER,
}
# Phrases of a contract cell, tried in this order ("không xác định" before "xác định",
# "dưới 12 tháng" before "xác định thời hạn dưới 12 tháng" could pass for fixed term).
# Labour Code 2019, Art. 20, knows indefinite and fixed-term contracts; "mùa vụ / dưới 12
# tháng" is the seasonal type of the 2012 Code that HR files still carry.
_CONTRACT_PHRASES = (
    (
        ContractType.INDEFINITE,
        (
            "khong xac dinh",
            "kxd",
            "kxdth",
            "khong thoi han",
            "indefinite",
            "open ended",
            "permanent",
            "duree indeterminee",
            "cdi",
        ),
    ),
    (
        ContractType.SEASONAL,
        (
            "mua vu",
            "thoi vu",
            "duoi 12 thang",
            "seasonal",
            "under 12 months",
            "less than 12 months",
            "saisonnier",
        ),
    ),
    (
        ContractType.FIXED_TERM,
        (
            "xac dinh",
            "xd",
            "xdth",
            "co thoi han",
            "fixed",
            "fixed term",
            "duree determinee",
            "cdd",
        ),
    ),
)
_YES = {"x", "co", "1", "yes", "y", "true", "v", "doan vien", "oui"}
_CHECK_MARKS = {"✓", "✔", "☑"}
_NO = {"", "khong", "0", "no", "n", "false", "-", "non"}
# Territory codes that are not countries (European Union, United Nations, unknown...).
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}
_COUNTRY_ALIASES = {"my": "US", "hoa ky": "US", "anh": "GB", "korea": "KR", "nam han": "KR"}

_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_YEAR_MONTH_DAY = re.compile(r"(\d{4})[\-/.](\d{1,2})[\-/.](\d{1,2})")
_TRAILING_TIME = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_PHONE_SEPARATORS = re.compile(r"[ .\-()]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


class FieldError(ValueError):
    """A cell that cannot be read as its field; the message says what would be right."""


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    """A cell as text: 101.0 (how Excel stores the code 101) reads "101"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(clean_text(str(value)).split())


@lru_cache(maxsize=1024)  # a column repeats a few words (Nam, Nữ, x...) on every row
def _key(value: Any) -> str:
    return " ".join(_NOT_WORD.sub(" ", rules.fold(cell_text(value))).split())


def parse_gender(value: Any) -> Gender:
    gender = _GENDERS.get(_key(value))
    if gender is None:
        raise FieldError(
            _('Write Nam, Nữ or Khác (or Male, Female, M, F), not "{value}".').format(
                value=cell_text(value)
            )
        )
    return gender


def parse_contract(value: Any) -> ContractType:
    text = _key(value)
    if text.replace(" ", "_") in ContractType._value2member_map_:
        return ContractType(text.replace(" ", "_"))
    padded = f" {text} "
    for contract, phrases in _CONTRACT_PHRASES:
        if any(f" {phrase} " in padded for phrase in phrases):
            return contract
    raise FieldError(
        _(
            'Write "Không xác định thời hạn", "Xác định thời hạn" or "Mùa vụ", not "{value}".'
        ).format(value=cell_text(value))
    )


def parse_date(value: Any, epoch: dt.datetime | None = None) -> dt.date:
    """dd/mm/yyyy (also with - or .), yyyy-mm-dd, or a real Excel date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    # A date cell that lost its date format is a serial day number (how Excel stores dates).
    if is_serial_day(value) and epoch is not None:
        return from_excel(value, epoch).date()
    text = _TRAILING_TIME.sub("", cell_text(value))
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _YEAR_MONTH_DAY.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise FieldError(
            _('Write the date as dd/mm/yyyy, e.g. 05/01/2024, not "{value}".').format(
                value=cell_text(value)
            )
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise FieldError(
            _("{value} is not a date of the calendar (dates are read day/month/year).").format(
                value=cell_text(value)
            )
        ) from None


def yes_or_no(value: Any) -> bool | None:
    """A yes/no cell: x, có, 1, yes, a check mark... or empty, 0, không, no; None otherwise."""
    if isinstance(value, bool):
        return value
    text = cell_text(value)
    if text in _CHECK_MARKS or _key(text) in _YES:
        return True
    if _key(text) in _NO:
        return False
    return None


def parse_union_member(value: Any) -> bool:
    answer = yes_or_no(value)
    if answer is not None:
        return answer
    text = cell_text(value)
    raise FieldError(
        _(
            "Write x (or có, 1, yes) for a union member and leave the cell empty for others, "
            'not "{value}".'
        ).format(value=text)
    )


@cache
def _countries() -> tuple[frozenset[str], dict[str, str]]:
    """ISO codes, and country names in Vietnamese, English and French -> code (Babel's CLDR)."""
    codes: set[str] = set()
    names: dict[str, str] = {}
    for language in ("fr", "en", "vi"):  # Vietnamese last: it wins a name that clashes
        for code, name in Locale(language).territories.items():
            if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES:
                continue
            codes.add(code)
            key = _key(name)
            names[key] = code
            names[key.replace(" ", "")] = code
    names.update(_COUNTRY_ALIASES)
    return frozenset(codes), names


def parse_nationality(value: Any) -> str:
    """A two-letter ISO code ("VN") or a country's name ("Việt Nam", "Hàn Quốc", "Corée")."""
    codes, names = _countries()
    text = cell_text(value)
    if len(text) == 2 and text.isascii() and text.upper() in codes:
        return text.upper()
    key = _key(text)
    code = names.get(key) or names.get(key.replace(" ", ""))
    if code is None:
        raise FieldError(
            _(
                'Unknown country "{value}": write its two-letter code (VN, KR, CN...) '
                "or its name (Việt Nam, Hàn Quốc...)."
            ).format(value=text)
        )
    return code


def parse_phone(value: Any) -> str:
    """A phone number; one that Excel stored as a number gets its leading 0 back.

    Every Vietnamese number starts with the trunk prefix 0: a mobile has 10 digits, a
    landline 11 (02x area codes). Excel drops that 0 from a number typed into a number cell,
    leaving 9 digits, or 10 starting with 2; those get the 0 back. 84 followed by 9 or 10
    digits is the country code and becomes +84... Any other number is kept as written.
    """
    if isinstance(value, float) and not value.is_integer():
        raise FieldError(_("Format the phone column as text in Excel and type the number again."))
    text = cell_text(value)
    digits = _PHONE_SEPARATORS.sub("", text)
    if not digits.isdigit():
        return text
    if len(digits) == 9 or (len(digits) == 10 and digits.startswith("2")):
        return "0" + digits
    if digits.startswith("84") and len(digits) in (11, 12):
        return "+" + digits
    return text


_PARSERS = {
    Field.EMPLOYEE_CODE: cell_text,
    Field.FULL_NAME: cell_text,
    Field.GENDER: parse_gender,
    Field.ORG_UNIT: cell_text,
    Field.POSITION: cell_text,
    Field.CONTRACT_TYPE: parse_contract,
    Field.NATIONALITY: parse_nationality,
    Field.PHONE: parse_phone,
    Field.EMAIL: cell_text,
}


@dataclass
class ReadRow:
    """One data row: its mapped cells read as field values (None: the cell is empty)."""

    number: int
    values: dict[Field, Any]
    problems: list[Problem] = field(default_factory=list)


def _read_cell(field_: Field, value: Any, epoch: dt.datetime | None) -> Any:
    if field_ in (Field.START_DATE, Field.END_DATE):
        return parse_date(value, epoch)
    if field_ is Field.UNION_MEMBER:
        return parse_union_member(value)
    return _PARSERS[field_](value)


def read_rows(
    rows: list[tuple[int, list[Any]]],
    mapping: Mapping[Any, int | None],
    columns: list[Column],
    epoch: dt.datetime | None,
    read_cell: Callable[[Any, Any, dt.datetime | None], Any] = _read_cell,
) -> list[ReadRow]:
    """Each data row's mapped cells as values (`read_cell(field, value, epoch)`, the roster's
    fields unless another import passes its own); a row whose mapped cells are all empty is
    skipped."""
    mapped = [(f, index) for f, index in mapping.items() if index is not None]
    result = []
    for number, cells in rows:
        raw = {f: cells[index] if index < len(cells) else None for f, index in mapped}
        if all(_is_blank(value) for value in raw.values()):
            continue
        row = ReadRow(number, {})
        for field_, value in raw.items():
            if _is_blank(value):
                row.values[field_] = None
                continue
            try:
                row.values[field_] = read_cell(field_, value, epoch)
            except FieldError as error:
                row.values[field_] = None
                column = columns[mapping[field_]].label  # type: ignore[index]
                row.problems.append(Problem(number, column, str(error), field_))
        result.append(row)
    return result
