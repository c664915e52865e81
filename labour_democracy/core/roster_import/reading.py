"""A file as rows: the reader its first bytes call for (XLSX, CSV, or a refusal with what to
do), then the header row and the data rows below it, within the stated number of rows."""

from __future__ import annotations

from typing import Any

from labour_democracy.core.roster_import import limits
from labour_democracy.core.roster_import.csv_file import read_csv
from labour_democracy.core.roster_import.headers import ROSTER, Vocabulary, find_header
from labour_democracy.core.roster_import.sheet import Sheet, file_error
from labour_democracy.core.roster_import.xlsx_file import read_xlsx
from labour_democracy.i18n import format_number
from labour_democracy.i18n import gettext as _


def read_sheet(content: bytes, sheet: str | None = None, limit: int | None = None) -> Sheet:
    """The rows of an uploaded file: XLSX (a zip) or CSV; `limit` non-empty rows at most."""
    if content.startswith(b"PK\x03\x04"):
        return read_xlsx(content, sheet, limit)
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise file_error(
            _("This is an old Excel 97-2003 (.xls) file. In Excel, save it as .xlsx or CSV UTF-8.")
        )
    return read_csv(content, limit)


def split_header(
    sheet: Sheet, vocabulary: Vocabulary = ROSTER
) -> tuple[int, list[Any], list[tuple[int, list[Any]]]]:
    """The header's row number, its cells, and the data rows below it."""
    if not sheet.rows:
        raise file_error(_("The file is empty: no row has any text."))
    index = find_header(sheet.rows, vocabulary)
    number, cells = sheet.rows[index]
    return number, cells, sheet.rows[index + 1 :]


def check_size(sheet: Sheet, data: list) -> None:
    if sheet.truncated or len(data) > limits.MAX_ROWS:
        raise file_error(
            _("The file has more than {n} rows. Split it and import the parts one by one.").format(
                n=format_number(limits.MAX_ROWS)
            )
        )
    if not data:
        raise file_error(_("The file has a header row but no worker below it."))
