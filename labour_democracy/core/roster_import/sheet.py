"""What reading a file gives, whatever its format: a `Sheet` of non-empty rows with the
spreadsheet's own row numbers; and the helpers the CSV and XLSX readers share."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Any

from labour_democracy.core.errors import Invalid


@dataclass
class Sheet:
    """The non-empty rows of one sheet (or CSV file), as read, with what was detected."""

    rows: list[tuple[int, list[Any]]]  # (the spreadsheet's row number, cell values)
    sheet_names: list[str]
    sheet: str | None
    encoding: str | None = None
    delimiter: str | None = None
    # Where Excel counts serial dates from (1899-12-30, or 1904-01-01 on old Macs).
    epoch: dt.datetime | None = None
    truncated: bool = False  # more rows than were asked for


def file_error(message: str) -> Invalid:
    """A refusal of the whole file, shown beside the upload's file input."""
    return Invalid({"file": message})


def clean_text(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def is_serial_day(value: Any) -> bool:
    # Excel's dates run from day 1 (1900-01-01) to day 2,958,465 (9999-12-31).
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return is_number and 1 <= value < 2_958_466
