"""Reading an .xlsx workbook: the chosen sheet's non-empty rows as Excel shows them (shared
and inline strings, booleans, dates by their cell style, the 1900 or 1904 date system).

An .xlsx file is a zip of XML parts. Reading the cells with the standard library's streaming
parser takes a fifth of the time of openpyxl's read-only mode (which also scans the whole
sheet once just to size it when the file does not say), and the import reads every row.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import zipfile
from typing import Any
from xml.etree import ElementTree
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from labour_democracy.core.errors import Invalid
from labour_democracy.core.roster_import import limits
from labour_democracy.core.roster_import.sheet import Sheet, clean_text, file_error, is_serial_day
from labour_democracy.i18n import format_number
from labour_democracy.i18n import gettext as _


def _small_part(archive: zipfile.ZipFile, path: str) -> ElementTree.Element:
    if archive.getinfo(path).file_size > limits.SMALL_PART_LIMIT:
        raise ValueError(f"{path} is too large")
    return ElementTree.fromstring(archive.read(path))


def _part_path(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    folder = base.rsplit("/", 1)[0] + "/" if "/" in base else ""
    parts: list[str] = []
    for piece in (folder + target).split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Id -> (type, path) of the parts a part refers to."""
    folder, _slash, name = part.rpartition("/")
    rels = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
    if rels not in archive.namelist():
        return {}
    root = _small_part(archive, rels)
    return {
        rel.get("Id", ""): (rel.get("Type", ""), _part_path(part, rel.get("Target", "")))
        for rel in root
        if rel.get("TargetMode") != "External"
    }


def _date_styles(archive: zipfile.ZipFile, styles: str | None) -> set[int]:
    """Indexes of the cell styles whose number format shows a date."""
    if styles is None:
        return set()
    root = _small_part(archive, styles)
    custom: dict[int, str] = {}
    dated: set[int] = set()
    for section in root:
        name = _local(section.tag)
        if name == "numFmts":
            for number_format in section:
                custom[int(number_format.get("numFmtId", "0"))] = number_format.get(
                    "formatCode", ""
                )
        elif name == "cellXfs":
            for index, xf in enumerate(section):
                format_id = int(xf.get("numFmtId", "0"))
                code = custom.get(format_id) or BUILTIN_FORMATS.get(format_id)
                if code and is_date_format(code):
                    dated.add(index)
    return dated


class _Enough(Exception):
    """Raised from a parser callback to stop reading once enough rows were read."""


class _TextCollector:
    """Gathers the characters of <t> elements (not inside a phonetic hint <rPh>)."""

    def __init__(self) -> None:
        self.parts: list[str] | None = None
        self.phonetic = 0

    def start_text(self, name: str) -> None:
        if name == "rPh":
            self.phonetic += 1
        elif name == "t" and not self.phonetic and self.parts is None:
            self.parts = []

    def end_text(self, name: str) -> None:
        if name == "rPh":
            self.phonetic -= 1

    def data(self, text: str) -> None:
        if self.parts is not None:
            self.parts.append(text)


_LOCAL_NAMES: dict[str, str] = {}


def _local(tag: str) -> str:
    """An element's name without its namespace (transitional and strict OOXML differ)."""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = _LOCAL_NAMES[tag] = tag.rsplit("}", 1)[-1].rsplit(" ", 1)[-1]
    return name


def _parse(stream, start, end, data) -> None:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    with contextlib.suppress(_Enough):
        parser.ParseFile(stream)


def _shared_strings(archive: zipfile.ZipFile, path: str | None) -> list[str]:
    """The workbook's string table: cells of type "s" hold an index into it."""
    strings: list[str] = []
    if path is None:
        return strings
    collector = _TextCollector()
    item: list[str] = []

    def start(tag: str, _attributes: dict) -> None:
        name = _local(tag)
        if name == "si":
            item.clear()
        collector.start_text(name)

    def end(tag: str) -> None:
        name = _local(tag)
        if name == "t" and collector.parts is not None:
            item.append("".join(collector.parts))
            collector.parts = None
        elif name == "si":
            strings.append("".join(item))
        collector.end_text(name)

    with archive.open(path) as stream:
        _parse(stream, start, end, collector.data)
    return strings


def _column_index(reference: str) -> int:
    """0 for "A1", 27 for "AB3"."""
    index = 0
    for char in reference:
        if not char.isalpha():
            break
        index = index * 26 + ord(char.upper()) - 64
    return index - 1


def _cell_too_long(row: int) -> Invalid:
    return file_error(
        _(
            "Row {row} has a cell of more than {n} characters, more than Excel holds in a "
            "cell. Shorten it and upload the file again."
        ).format(row=row, n=format_number(limits.MAX_CELL_CHARS))
    )


class _SheetReader:
    """Collects a worksheet's non-empty rows from the parser's events, as Excel shows them."""

    def __init__(
        self, strings: list[str], date_styles: set[int], epoch: dt.datetime, limit: int | None
    ) -> None:
        self.strings, self.date_styles, self.epoch, self.limit = strings, date_styles, epoch, limit
        self.rows: list[tuple[int, list[Any]]] = []
        self.truncated = False
        self.number, self.column, self.values = 0, -1, {}
        self.kind, self.style = "n", 0
        self.raw: list[str] | None = None
        self.value_parts: list[str] | None = None
        self.inline = _TextCollector()
        self.inline_parts: list[str] = []

    def start(self, tag: str, attributes: dict) -> None:
        name = _local(tag)
        if name == "c":
            reference = attributes.get("r")
            self.column = _column_index(reference) if reference else self.column + 1
            self.kind = attributes.get("t", "n")
            self.style = int(attributes.get("s") or 0)
            self.raw, self.value_parts = None, None
            self.inline_parts = []
        elif name == "v":
            self.value_parts = []
        elif name == "row":
            self.number = int(attributes.get("r") or self.number + 1)
            self.column, self.values = -1, {}
        else:
            self.inline.start_text(name)

    def data(self, text: str) -> None:
        if self.value_parts is not None:
            self.value_parts.append(text)
        else:
            self.inline.data(text)

    def end(self, tag: str) -> None:
        name = _local(tag)
        if name == "v" and self.value_parts is not None:
            self.raw = self.value_parts
            self.value_parts = None
        elif name == "t" and self.inline.parts is not None:
            self.inline_parts.append("".join(self.inline.parts))
            self.inline.parts = None
        elif name == "c":
            if self.column < limits.MAX_COLUMNS:
                value = self._value()
                if value is not None and value != "":
                    if isinstance(value, str):
                        if len(value) > limits.MAX_CELL_CHARS:  # not written by Excel
                            raise _cell_too_long(self.number)
                        value = clean_text(value)
                    self.values[self.column] = value
        elif name == "row":
            if not self.values:
                return
            if self.limit is not None and len(self.rows) >= self.limit:
                self.truncated = True
                raise _Enough
            width = max(self.values) + 1
            self.rows.append((self.number, [self.values.get(i) for i in range(width)]))
        else:
            self.inline.end_text(name)

    def _value(self) -> Any:
        kind = self.kind
        if kind == "inlineStr":
            return "".join(self.inline_parts)
        if self.raw is None:
            return None
        raw = "".join(self.raw)
        if kind == "s":
            return self.strings[int(raw)]
        if kind in ("str", "e"):
            return raw
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "d":
            return dt.datetime.fromisoformat(raw)
        number: int | float = int(raw) if raw.lstrip("-").isdigit() else float(raw)
        if self.style in self.date_styles and is_serial_day(number):
            return from_excel(number, self.epoch)
        return number


def read_xlsx(content: bytes, sheet: str | None, limit: int | None) -> Sheet:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(info.file_size for info in archive.infolist()) > limits.UNPACKED_LIMIT:
                raise file_error(
                    _("The workbook is too large once unpacked. Save only the roster sheet.")
                )
            return _read_workbook(archive, sheet, limit)
    except (
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        IndexError,
        StopIteration,
        ElementTree.ParseError,
        expat.ExpatError,
    ):
        raise file_error(
            _("This .xlsx file cannot be opened. Save it again from Excel, or as CSV UTF-8.")
        ) from None


def _read_workbook(archive: zipfile.ZipFile, sheet: str | None, limit: int | None) -> Sheet:
    package = _relationships(archive, "")
    workbook_path = next(
        path for kind, path in package.values() if kind.endswith("/officeDocument")
    )
    parts = _relationships(archive, workbook_path)
    by_type = {kind.rsplit("/", 1)[-1]: path for kind, path in parts.values()}
    workbook = _small_part(archive, workbook_path)
    epoch = CALENDAR_WINDOWS_1900
    sheets: list[tuple[str, str]] = []
    for section in workbook:
        name = _local(section.tag)
        if name == "workbookPr" and section.get("date1904", "0").lower() in ("1", "true"):
            epoch = CALENDAR_MAC_1904
        elif name == "sheets":
            for entry in section:
                relation = next((v for k, v in entry.attrib.items() if _local(k) == "id"), "")
                kind, path = parts.get(relation, ("", ""))
                if kind.endswith("/worksheet"):
                    sheets.append((entry.get("name", ""), path))
    if not sheets:
        raise file_error(_("The workbook has no sheet with cells."))
    title, path = next(((n, p) for n, p in sheets if n == sheet), sheets[0])
    reader = _SheetReader(
        _shared_strings(archive, by_type.get("sharedStrings")),
        _date_styles(archive, by_type.get("styles")),
        epoch,
        limit,
    )
    with archive.open(path) as stream:
        _parse(stream, reader.start, reader.end, reader.data)
    names = [name for name, _path in sheets]
    return Sheet(reader.rows, names, title, epoch=epoch, truncated=reader.truncated)
