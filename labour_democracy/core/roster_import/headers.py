"""Finding the header row and proposing which column fills which roster field, from the
header texts HR files use in Vietnamese, English and French. Another import (the union's
membership register) passes its own `Vocabulary` of fields and header texts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from labour_democracy.core import rules
from labour_democracy.core.roster_import import limits
from labour_democracy.core.roster_import.fields import Field

# Header texts as `_header_key` leaves them (folded, punctuation and "(...)" removed). Only
# whole headers match: "Mã số thuế" or "Ngày vào Đảng" must not pass for a code or a date.
HEADER_SYNONYMS = {
    Field.EMPLOYEE_CODE: (
        "ma nv",
        "ma nhan vien",
        "ma so nhan vien",
        "ma so nv",
        "ma nld",
        "ma nguoi lao dong",
        "ma cong nhan",
        "ma cn",
        "ma",
        "employee code",
        "employee id",
        "employee no",
        "staff code",
        "staff id",
        "code",
        "matricule",
    ),
    Field.FULL_NAME: (
        "ho va ten",
        "ho ten",
        "ho va ten nguoi lao dong",
        "ho va ten nld",
        "ho ten nld",
        "ten nhan vien",
        "ten nguoi lao dong",
        "full name",
        "name",
        "employee name",
        "nom",
        "nom complet",
        "nom et prenom",
    ),
    Field.GENDER: ("gioi tinh", "gender", "sex", "phai", "sexe"),
    Field.ORG_UNIT: (
        "phong ban",
        "bo phan",
        "don vi",
        "phong",
        "to",
        "xuong",
        "phan xuong",
        "don vi cong tac",
        "unit",
        "department",
        "service",
        "unite",
    ),
    Field.POSITION: (
        "chuc vu",
        "chuc danh",
        "vi tri",
        "vi tri cong viec",
        "cong viec",
        "position",
        "job title",
        "title",
        "poste",
        "fonction",
    ),
    Field.CONTRACT_TYPE: (
        "loai hd",
        "loai hop dong",
        "loai hdld",
        "loai hop dong lao dong",
        "hop dong",
        "hdld",
        "contract",
        "contract type",
        "type de contrat",
        "contrat",
    ),
    Field.START_DATE: (
        "ngay vao lam",
        "ngay bat dau",
        "ngay bat dau lam viec",
        "ngay vao cong ty",
        "ngay tuyen dung",
        "ngay nhan viec",
        "start date",
        "hire date",
        "date d embauche",
        "date de debut",
    ),
    Field.END_DATE: (
        "ngay nghi viec",
        "ngay ket thuc",
        "ngay thoi viec",
        "ngay nghi",
        "end date",
        "leaving date",
        "date de fin",
        "date de depart",
    ),
    Field.NATIONALITY: ("quoc tich", "nationality", "nationalite"),
    Field.UNION_MEMBER: (
        "doan vien",
        "cong doan",
        "doan vien cong doan",
        "dvcd",
        "union member",
        "union",
        "syndique",
    ),
    Field.PHONE: (
        "so dien thoai",
        "dien thoai",
        "sdt",
        "dt",
        "di dong",
        "so di dong",
        "phone",
        "mobile",
        "telephone",
        "phone number",
    ),
    Field.EMAIL: ("email", "e mail", "thu dien tu", "dia chi email", "courriel"),
}

_PARENTHESISED = re.compile(r"\(.*?\)|\[.*?\]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def _header_key(value: Any) -> str:
    text = rules.fold(_PARENTHESISED.sub(" ", str(value))) if value is not None else ""
    return " ".join(_NOT_WORD.sub(" ", text).split())


@dataclass(frozen=True)
class Vocabulary:
    """The fields an import fills, in order, and the header texts that name each."""

    fields: tuple[StrEnum, ...]
    by_header: Mapping[str, StrEnum]

    @classmethod
    def of(cls, synonyms: Mapping[Any, tuple[str, ...]]) -> Vocabulary:
        by_header = {synonym: f for f, names in synonyms.items() for synonym in names}
        return cls(tuple(synonyms), by_header)


ROSTER = Vocabulary.of(HEADER_SYNONYMS)


def header_field(value: Any, vocabulary: Vocabulary = ROSTER) -> Any:
    """The field a header cell names, if it names one."""
    return vocabulary.by_header.get(_header_key(value))


def find_header(rows: list[tuple[int, list[Any]]], vocabulary: Vocabulary = ROSTER) -> int:
    """Index (in `rows`) of the header row: the early row naming the most fields."""
    best, best_score = 0, 0
    for index, (_number, cells) in enumerate(rows[: limits.HEADER_SCAN_ROWS]):
        score = len({f for cell in cells if (f := header_field(cell, vocabulary)) is not None})
        if score > best_score:
            best, best_score = index, score
    return best


def propose_mapping(headers: list[Any], vocabulary: Vocabulary = ROSTER) -> dict[Any, int | None]:
    """Each field's column (index) by header text; the first matching column wins."""
    mapping: dict[Any, int | None] = dict.fromkeys(vocabulary.fields)
    for index, header in enumerate(headers):
        matched = header_field(header, vocabulary)
        if matched is not None and mapping[matched] is None:
            mapping[matched] = index
    return mapping
