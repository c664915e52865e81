"""Reading a CSV file: its encoding (UTF-8, UTF-16 or Windows-1258), its separator (`,`, `;`
or tab) and its rows, text NFC-normalised; a cell longer than a spreadsheet cell refuses the
file, naming its row."""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from typing import Any

from labour_democracy.core.errors import Invalid
from labour_democracy.core.roster_import import limits
from labour_democracy.core.roster_import.sheet import Sheet, clean_text, file_error
from labour_democracy.i18n import format_number
from labour_democracy.i18n import gettext as _


def _decode(content: bytes) -> tuple[str, str]:
    """The text of a CSV file and the name of the encoding it was read with."""
    boms = (
        (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
        (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
    )
    marked = [(codec, name) for bom, codec, name in boms if content.startswith(bom)]
    # Without a byte-order mark: UTF-8 if the bytes are valid UTF-8 (text in another
    # encoding almost never is), else Windows-1258, in which every byte but five decodes;
    # the page shows the encoding and a preview, so a file in yet another code page is seen
    # before it is imported.
    for codec, name in marked or [("utf-8", "UTF-8"), ("cp1258", "Windows-1258")]:
        try:
            return content.decode(codec), name
        except UnicodeDecodeError:
            continue
    raise file_error(
        _('The file\'s characters cannot be read. In Excel, save it as "CSV UTF-8" or .xlsx.')
    )


def _delimiter(lines: list[str]) -> str:
    """The separator that splits the first lines into the most consistent number of cells."""
    best, best_score = ",", (0, 0)
    for candidate in (",", ";", "\t"):
        try:
            counts = Counter(
                len(cells) for cells in csv.reader(lines, delimiter=candidate) if len(cells) > 1
            )
        except csv.Error:  # a cell too long for the csv module: reading the rows says where
            continue
        if not counts:
            continue
        width, frequency = counts.most_common(1)[0]
        if (frequency, width) > best_score:
            best, best_score = candidate, (frequency, width)
    return best


def _cell_too_long(row: int) -> Invalid:
    return file_error(
        _(
            "Row {row} has a cell of more than {n} characters, more than a spreadsheet cell "
            'holds. Most often a quotation mark (") opens a cell and is never closed, so the '
            "rest of the file falls into that cell. Correct the file and upload it again."
        ).format(row=row, n=format_number(limits.MAX_CELL_CHARS))
    )


def read_csv(content: bytes, limit: int | None) -> Sheet:
    text, encoding = _decode(content)
    if "\x00" in text:
        raise file_error(_("This is not a CSV file. Upload a .csv or .xlsx file."))
    delimiter = _delimiter(text.splitlines()[: limits.HEADER_SCAN_ROWS + limits.PREVIEW_ROWS])
    rows: list[tuple[int, list[Any]]] = []
    truncated = False
    number = 0
    # newline="": a line may end in CR alone (Excel's "CSV (Macintosh)"), and a quoted cell
    # keeps its line breaks.
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, cells in enumerate(records, 1):
            if max(map(len, cells), default=0) > limits.MAX_CELL_CHARS:
                raise _cell_too_long(number)
            values = [clean_text(cell) for cell in cells[: limits.MAX_COLUMNS]]
            if not any(values):
                continue
            if limit is not None and len(rows) >= limit:
                truncated = True
                break
            rows.append((number, values))
    except csv.Error:
        # With universal newlines, and NUL refused above, the one error the csv module has
        # left is a cell beyond its own limit (131,072 characters), in the row after the last
        # one read.
        raise _cell_too_long(number + 1) from None
    return Sheet(rows, [], None, encoding=encoding, delimiter=delimiter, truncated=truncated)
