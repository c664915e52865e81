"""Importing the roster from the spreadsheet HR keeps (nhập danh sách người lao động).

Three use cases, one per step of the pages: `upload` keeps the file (a `RosterUpload` row, so
any app process can take the next step), `prepare` reads its first rows, proposes which
column holds which roster field and previews the rows as they will be read, and `run_import`
reads every row, validates all of them and writes all of them in one transaction, or none.
`check` is the same reading and validation without writing.

How a file is read, so a person can predict the result:
- CSV in UTF-8 (with or without BOM), UTF-16 (with BOM, as Excel's "Unicode text") or, failing
  those, Windows-1258 (the Vietnamese ANSI code page of Excel on Windows); separated by `,`,
  `;` or tab, whichever splits the rows most consistently. XLSX: the first sheet unless
  another is chosen. Text is NFC-normalised, so a name typed with combining accents equals
  the same name typed precomposed.
- The header row is the row, among the first 20, whose cells name the most roster fields.
- Row numbers are the spreadsheet's own, so a reported row can be found in Excel.
- An employee code already on the roster updates that worker; a new code adds a worker. Only
  the columns chosen in the mapping change; a worker missing from the file is left as is.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, lru_cache
from typing import Any
from xml.etree import ElementTree
from xml.parsers import expat

from babel import Locale
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from labour_democracy.core import audit, rules
from labour_democracy.core.errors import Forbidden, Invalid
from labour_democracy.core.labels import label
from labour_democracy.core.permissions import MANAGE_ORG_UNITS, MANAGE_ROSTER
from labour_democracy.core.roster import check_worker_fields, worker_values
from labour_democracy.core.schemas import WorkerForm
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.core.tables import (
    ContractType,
    Gender,
    OrgUnit,
    OrgUnitKind,
    RosterUpload,
    Worker,
)
from labour_democracy.db import write_transaction
from labour_democracy.i18n import N_, format_date, format_number
from labour_democracy.i18n import gettext as _

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 100
HEADER_SCAN_ROWS = 20
PREVIEW_ROWS = 10
UPLOAD_KEPT = dt.timedelta(days=1)
# Rows per INSERT: 15 values x 500 rows stays far below the bound-parameter limits of
# SQLite (32,766) and PostgreSQL (32,767).
WRITE_BATCH = 500


class Field(StrEnum):
    """A roster field a file column can fill (the names of WorkerForm)."""

    EMPLOYEE_CODE = "employee_code"
    FULL_NAME = "full_name"
    GENDER = "gender"
    ORG_UNIT = "org_unit"
    POSITION = "position"
    CONTRACT_TYPE = "contract_type"
    START_DATE = "start_date"
    END_DATE = "end_date"
    NATIONALITY = "nationality"
    UNION_MEMBER = "union_member"
    PHONE = "phone"
    EMAIL = "email"


FIELD_LABELS = {
    Field.EMPLOYEE_CODE: N_("Employee code"),
    Field.FULL_NAME: N_("Full name"),
    Field.GENDER: N_("Gender"),
    Field.ORG_UNIT: N_("Unit"),
    Field.POSITION: N_("Position"),
    Field.CONTRACT_TYPE: N_("Contract type"),
    Field.START_DATE: N_("Start date"),
    Field.END_DATE: N_("End date"),
    Field.NATIONALITY: N_("Nationality"),
    Field.UNION_MEMBER: N_("Union member"),
    Field.PHONE: N_("Phone"),
    Field.EMAIL: N_("E-mail"),
}

# A new worker cannot be added without these (WorkerForm has no default for them).
REQUIRED_FOR_NEW = (Field.FULL_NAME, Field.GENDER, Field.CONTRACT_TYPE)

# Header texts as `_header_key` leaves them (folded, punctuation and "(...)" removed). Only
# whole headers match: "Mã số thuế" or "Ngày vào Đảng" must not pass for a code or a date.
_HEADER_SYNONYMS = {
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
_HEADER_FIELDS = {
    synonym: field_ for field_, synonyms in _HEADER_SYNONYMS.items() for synonym in synonyms
}

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
_PARENTHESISED = re.compile(r"\(.*?\)|\[.*?\]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


class FieldError(ValueError):
    """A cell that cannot be read as its field; the message says what would be right."""


class ImportRejected(Invalid):
    """Some rows have problems; nothing was written. `report` lists them."""

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(
            _("{n} rows have problems; nothing was imported.").format(
                n=format_number(report.rows_with_problems)
            )
        )


# Reading files -----------------------------------------------------------------------------


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


def _file_error(message: str) -> Invalid:
    return Invalid({"file": message})


def _clean_text(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


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
    raise _file_error(
        _('The file\'s characters cannot be read. In Excel, save it as "CSV UTF-8" or .xlsx.')
    )


def _delimiter(lines: list[str]) -> str:
    """The separator that splits the first lines into the most consistent number of cells."""
    best, best_score = ",", (0, 0)
    for candidate in (",", ";", "\t"):
        counts = Counter(
            len(cells) for cells in csv.reader(lines, delimiter=candidate) if len(cells) > 1
        )
        if not counts:
            continue
        width, frequency = counts.most_common(1)[0]
        if (frequency, width) > best_score:
            best, best_score = candidate, (frequency, width)
    return best


def _read_csv(content: bytes, limit: int | None) -> Sheet:
    text, encoding = _decode(content)
    if "\x00" in text:
        raise _file_error(_("This is not a CSV file. Upload a .csv or .xlsx file."))
    delimiter = _delimiter(text.splitlines()[: HEADER_SCAN_ROWS + PREVIEW_ROWS])
    rows: list[tuple[int, list[Any]]] = []
    truncated = False
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
            values = [_clean_text(cell) for cell in cells[:MAX_COLUMNS]]
            if not any(values):
                continue
            if limit is not None and len(rows) >= limit:
                truncated = True
                break
            rows.append((number, values))
    except csv.Error as error:
        raise _file_error(
            _("The CSV file is damaged ({error}). Save it again from Excel.").format(error=error)
        ) from None
    return Sheet(rows, [], None, encoding=encoding, delimiter=delimiter, truncated=truncated)


# An .xlsx file is a zip of XML parts. Reading the cells with the standard library's streaming
# parser takes a fifth of the time of openpyxl's read-only mode (which also scans the whole
# sheet once just to size it when the file does not say), and the import reads every row.
# A 5 MB workbook of 20,000 rows unpacks to a few tens of MB; more is a "zip bomb". The small
# parts read whole (package, workbook, styles) have their own, lower bound.
_UNPACKED_LIMIT = 100 * 1024 * 1024
_SMALL_PART_LIMIT = 10 * 1024 * 1024


def _small_part(archive: zipfile.ZipFile, path: str) -> ElementTree.Element:
    if archive.getinfo(path).file_size > _SMALL_PART_LIMIT:
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
            if self.column < MAX_COLUMNS:
                value = self._value()
                if value is not None and value != "":
                    self.values[self.column] = (
                        _clean_text(value) if isinstance(value, str) else value
                    )
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
        if self.style in self.date_styles and _is_serial_day(number):
            return from_excel(number, self.epoch)
        return number


def _read_xlsx(content: bytes, sheet: str | None, limit: int | None) -> Sheet:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(info.file_size for info in archive.infolist()) > _UNPACKED_LIMIT:
                raise _file_error(
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
        raise _file_error(
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
        raise _file_error(_("The workbook has no sheet with cells."))
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


def read_sheet(content: bytes, sheet: str | None = None, limit: int | None = None) -> Sheet:
    """The rows of an uploaded file: XLSX (a zip) or CSV; `limit` non-empty rows at most."""
    if content.startswith(b"PK\x03\x04"):
        return _read_xlsx(content, sheet, limit)
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise _file_error(
            _("This is an old Excel 97-2003 (.xls) file. In Excel, save it as .xlsx or CSV UTF-8.")
        )
    return _read_csv(content, limit)


# Headers and mapping -------------------------------------------------------------------------


def _header_key(value: Any) -> str:
    text = rules.fold(_PARENTHESISED.sub(" ", str(value))) if value is not None else ""
    return " ".join(_NOT_WORD.sub(" ", text).split())


def header_field(value: Any) -> Field | None:
    """The roster field a header cell names, if it names one."""
    return _HEADER_FIELDS.get(_header_key(value))


def find_header(rows: list[tuple[int, list[Any]]]) -> int:
    """Index (in `rows`) of the header row: the early row naming the most roster fields."""
    best, best_score = 0, 0
    for index, (_number, cells) in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = len({f for cell in cells if (f := header_field(cell)) is not None})
        if score > best_score:
            best, best_score = index, score
    return best


def propose_mapping(headers: list[Any]) -> dict[Field, int | None]:
    """Each field's column (index) by header text; the first matching column wins."""
    mapping: dict[Field, int | None] = dict.fromkeys(Field)
    for index, header in enumerate(headers):
        matched = header_field(header)
        if matched is not None and mapping[matched] is None:
            mapping[matched] = index
    return mapping


@dataclass(frozen=True)
class Column:
    index: int
    header: str

    @property
    def letter(self) -> str:
        return get_column_letter(self.index + 1)

    @property
    def label(self) -> str:
        """How the report names the column: its header and its letter, as Excel shows it."""
        if self.header:
            return f"{self.header} ({self.letter})"
        return _("column {letter}").format(letter=self.letter)


def _header_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def columns_of(header_cells: list[Any], rows: list[tuple[int, list[Any]]]) -> list[Column]:
    width = max([len(header_cells), *(len(cells) for _n, cells in rows)], default=0)
    return [
        Column(i, _header_text(header_cells[i]) if i < len(header_cells) else "")
        for i in range(width)
    ]


@dataclass
class ImportOptions:
    """What the person chose on the mapping step."""

    mapping: dict[Field, int | None]
    sheet: str | None = None
    create_units: bool = False


def options_from_form(data: dict[str, Any]) -> ImportOptions:
    """The mapping form (`map_<field>` = a column index or "") as ImportOptions."""
    mapping: dict[Field, int | None] = {}
    errors: dict[str, str] = {}
    for field_ in Field:
        raw = str(data.get(f"map_{field_}", "")).strip()
        if not raw:
            mapping[field_] = None
        elif raw.isdigit():
            mapping[field_] = int(raw)
        else:
            errors[f"map_{field_}"] = _("Choose one of the file's columns.")
    if errors:
        raise Invalid(errors)
    sheet = str(data.get("sheet") or "").strip() or None
    create = str(data.get("create_units", "")).strip().lower() in {"on", "1", "true", "yes"}
    return ImportOptions(mapping=mapping, sheet=sheet, create_units=create)


def mapping_errors(mapping: dict[Field, int | None], columns: list[Column]) -> dict[str, str]:
    """What is wrong with a mapping, per `map_<field>` input; empty when it can be used."""
    errors: dict[str, str] = {}
    used: dict[int, Field] = {}
    for field_ in Field:
        index = mapping.get(field_)
        if index is None:
            continue
        if index >= len(columns):
            errors[f"map_{field_}"] = _("Choose one of the file's columns.")
        elif index in used:
            errors[f"map_{field_}"] = _("Column {column} is already chosen for {field}.").format(
                column=columns[index].label, field=_(FIELD_LABELS[used[index]])
            )
        else:
            used[index] = field_
    if mapping.get(Field.EMPLOYEE_CODE) is None:
        errors[f"map_{Field.EMPLOYEE_CODE}"] = _(
            "Choose the column of employee codes: a re-import finds each worker by its code."
        )
    if errors:
        errors[""] = _("Check the columns chosen for the roster fields.")
    return errors


# Reading values ----------------------------------------------------------------------------


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
    return " ".join(_clean_text(str(value)).split())


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
            'Write "Không xác định thời hạn", "Xác định thời hạn" or "Mùa vụ" '
            '(Labour Code 2019, Art. 20), not "{value}".'
        ).format(value=cell_text(value))
    )


def _is_serial_day(value: Any) -> bool:
    # Excel's dates run from day 1 (1900-01-01) to day 2,958,465 (9999-12-31).
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return is_number and 1 <= value < 2_958_466


def parse_date(value: Any, epoch: dt.datetime | None = None) -> dt.date:
    """dd/mm/yyyy (also with - or .), yyyy-mm-dd, or a real Excel date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    # A date cell that lost its date format is a serial day number (how Excel stores dates).
    if _is_serial_day(value) and epoch is not None:
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


def parse_union_member(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = cell_text(value)
    if text in _CHECK_MARKS or _key(text) in _YES:
        return True
    if _key(text) in _NO:
        return False
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


def _text_value(value: Any) -> str:
    return cell_text(value)


_PARSERS = {
    Field.EMPLOYEE_CODE: _text_value,
    Field.FULL_NAME: _text_value,
    Field.GENDER: parse_gender,
    Field.ORG_UNIT: _text_value,
    Field.POSITION: _text_value,
    Field.CONTRACT_TYPE: parse_contract,
    Field.NATIONALITY: parse_nationality,
    Field.PHONE: parse_phone,
    Field.EMAIL: _text_value,
}


@dataclass(frozen=True)
class Problem:
    row: int  # the spreadsheet's row number
    column: str  # the file's header and column letter, or the field's name without a column
    message: str
    field: Field


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
    mapping: dict[Field, int | None],
    columns: list[Column],
    epoch: dt.datetime | None,
) -> list[ReadRow]:
    """Each data row's mapped cells as values; a row whose mapped cells are all empty is skipped."""
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
                row.values[field_] = _read_cell(field_, value, epoch)
            except FieldError as error:
                row.values[field_] = None
                column = columns[mapping[field_]].label  # type: ignore[index]
                row.problems.append(Problem(number, column, str(error), field_))
        result.append(row)
    return result


# Units -------------------------------------------------------------------------------------


class UnitDirectory:
    """The enterprise's org units, found by name, or by path ("Xưởng may 1 / Tổ 1") when
    two units share a name (names are unique only among siblings)."""

    def __init__(self, units: list[dict]) -> None:
        by_id = {unit["id"]: unit for unit in units}

        def path(unit: dict) -> str:
            parts, seen = [unit["name"]], {unit["id"]}
            parent = by_id.get(unit["parent"])
            while parent is not None and parent["id"] not in seen:
                parts.append(parent["name"])
                seen.add(parent["id"])
                parent = by_id.get(parent["parent"])
            return " / ".join(reversed(parts))

        self._by_name: dict[str, list[int]] = {}
        self._by_path: dict[str, int] = {}
        self._labels: dict[int, str] = {}
        for unit in units:
            self._by_name.setdefault(rules.fold(unit["name"]), []).append(unit["id"])
            self._by_path[self._path_key(path(unit))] = unit["id"]
        for unit in units:
            shared = len(self._by_name[rules.fold(unit["name"])]) > 1
            self._labels[unit["id"]] = path(unit) if shared else unit["name"]

    @staticmethod
    def _path_key(text: str) -> str:
        return " / ".join(rules.fold(part) for part in text.split("/") if part.strip())

    def label(self, unit_id: int | None) -> str:
        """What the export writes: the unit's name, or its path when the name is shared."""
        return self._labels.get(unit_id, "") if unit_id is not None else ""

    def find(self, text: str) -> int | None:
        """The unit's id; None if unknown; `AmbiguousUnit` if several units have the name."""
        ids = self._by_name.get(rules.fold(text), [])
        if len(ids) == 1:
            return ids[0]
        found = self._by_path.get(self._path_key(text))
        if found is None and ids:
            raise AmbiguousUnit(text)
        return found


class AmbiguousUnit(ValueError):
    pass


async def unit_directory(enterprise_id: int) -> UnitDirectory:
    return UnitDirectory(
        await OrgUnit.select(OrgUnit.id, OrgUnit.name, OrgUnit.parent).where(
            OrgUnit.enterprise == enterprise_id
        )
    )


# Validating against the roster -------------------------------------------------------------


class Status(StrEnum):
    ADD = "add"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    PROBLEM = "problem"


@dataclass
class Evaluated:
    """A row as it will be written (or why it will not be)."""

    row: ReadRow
    status: Status
    problems: list[Problem]
    values: dict[str, Any] | None = None  # Worker column -> value
    new_unit: str | None = None  # the folded name of a unit the import creates


@dataclass
class Report:
    """The outcome of reading every row: counts, and each problem with row and column."""

    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rows_with_problems: int = 0
    problems: list[Problem] = field(default_factory=list)
    new_units: list[str] = field(default_factory=list)

    @property
    def rows_ok(self) -> int:
        return self.rows - self.rows_with_problems


@dataclass
class Evaluation:
    rows: list[Evaluated]
    report: Report
    new_units: dict[str, str]  # folded name -> the name as first written in the file
    errors: dict[str, str]  # mapping errors found once the roster is known


# Worker columns an import can change, compared to tell an update from an unchanged row.
_COMPARED = (
    "full_name",
    "search_name",
    "gender",
    "org_unit",
    "position",
    "contract_type",
    "start_date",
    "end_date",
    "nationality",
    "union_member",
    "phone",
    "email",
)
# Varchar limits that the form's rules do not check, so a long cell is a message, not a crash.
_LENGTH_LIMITED = (Field.POSITION, Field.PHONE, Field.EMAIL)
_NEW_WORKER_DEFAULTS: dict[str, Any] = {
    "org_unit": None,
    "position": None,
    "start_date": None,
    "end_date": None,
    "nationality": "VN",
    "union_member": False,
    "phone": None,
    "email": None,
}


async def _existing_workers(enterprise_id: int, codes: list[str]) -> dict[str, dict]:
    columns = [Worker._meta.get_column_by_name(name) for name in ("employee_code", *_COMPARED)]
    query = Worker.select(*columns).where(Worker.enterprise == enterprise_id)
    if len(codes) <= PREVIEW_ROWS:  # a preview looks up its few rows; an import reads them all
        query = query.where(Worker.employee_code.is_in(codes or [""]))
    return {row["employee_code"]: row for row in await query}


def _form_from_existing(row: dict) -> dict[str, Any]:
    form = {name: row[name] for name in _COMPARED if name != "search_name"}
    form["gender"] = Gender(row["gender"])
    form["contract_type"] = ContractType(row["contract_type"])
    form["union_member"] = bool(row["union_member"])
    return form


def _required_message(field_: Field) -> str:
    return _("{field} is empty; every worker needs it.").format(field=_(FIELD_LABELS[field_]))


class _RowEvaluator:
    """Turns read rows into rows to write, with the roster and the units at hand."""

    def __init__(
        self,
        options: ImportOptions,
        columns: list[Column],
        existing: dict[str, dict],
        units: UnitDirectory,
    ) -> None:
        self.options = options
        self.columns = columns
        self.existing = existing
        self.units = units
        self.first_row_of: dict[str, int] = {}
        self.new_units: dict[str, str] = {}

    def column_of(self, field_: Field) -> str:
        index = self.options.mapping.get(field_)
        return self.columns[index].label if index is not None else _(FIELD_LABELS[field_])

    def problem(self, row: ReadRow, field_: Field, message: str) -> Problem:
        return Problem(row.number, self.column_of(field_), message, field_)

    def _code_problems(self, row: ReadRow, code: str | None) -> list[Problem]:
        if not code:
            return [self.problem(row, Field.EMPLOYEE_CODE, _required_message(Field.EMPLOYEE_CODE))]
        if code in self.first_row_of:
            message = _("Row {row} has the same employee code; each worker appears once.")
            return [
                self.problem(row, Field.EMPLOYEE_CODE, message.format(row=self.first_row_of[code]))
            ]
        self.first_row_of[code] = row.number
        return []

    def _unit(self, row: ReadRow, name: str) -> tuple[int | None, str | None, list[Problem]]:
        """The unit's id, or the key of a unit to create, or the problem with the name."""
        try:
            unit_id = self.units.find(name)
        except AmbiguousUnit:
            message = _('Several units are called "{name}": write the path, e.g. "{example}".')
            example = _("Workshop 1 / Team 1")
            return (
                None,
                None,
                [self.problem(row, Field.ORG_UNIT, message.format(name=name, example=example))],
            )
        if unit_id is not None:
            return unit_id, None, []
        if self.options.create_units and len(name) <= OrgUnit.name.length:
            key = rules.fold(name)
            self.new_units.setdefault(key, name)
            return None, key, []
        message = _(
            'No unit of this enterprise is called "{name}". Add it on the Org units page, '
            'correct the name, or tick "Create the units that do not exist yet".'
        )
        return None, None, [self.problem(row, Field.ORG_UNIT, message.format(name=name))]

    def evaluate(self, row: ReadRow) -> Evaluated:
        values = row.values
        problems = list(row.problems)
        failed = {problem.field for problem in problems}
        code = values.get(Field.EMPLOYEE_CODE)
        problems += self._code_problems(row, code)
        before = self.existing.get(code) if code else None
        form = _form_from_existing(before) if before else dict(_NEW_WORKER_DEFAULTS)
        new_unit = None
        for field_, value in values.items():
            if field_ in failed or field_ is Field.EMPLOYEE_CODE:
                continue
            if field_ is Field.ORG_UNIT:
                form["org_unit"], new_unit, unit_problems = (
                    self._unit(row, value) if value else (None, None, [])
                )
                problems += unit_problems
            elif value is None and field_ in REQUIRED_FOR_NEW:
                problems.append(self.problem(row, field_, _required_message(field_)))
            elif value is None and field_ is Field.NATIONALITY:
                form["nationality"] = "VN"
            elif value is None and field_ is Field.UNION_MEMBER:
                form["union_member"] = False
            else:
                form[field_.value] = value
        missing = [f for f in REQUIRED_FOR_NEW if f.value not in form and f not in failed]
        problems += [self.problem(row, f, _required_message(f)) for f in missing]
        if problems:
            return Evaluated(row, Status.PROBLEM, problems)
        worker = WorkerForm(employee_code=code, **form)
        errors = check_worker_fields(worker)
        for field_ in _LENGTH_LIMITED:
            text = getattr(worker, field_.value)
            limit = Worker._meta.get_column_by_name(field_.value).length
            if text and len(text) > limit:
                errors.setdefault(field_.value, _("At most {n} characters.").format(n=limit))
        if errors:
            problems = [self.problem(row, Field(name), text) for name, text in errors.items()]
            return Evaluated(row, Status.PROBLEM, problems)
        written = worker_values(worker)
        if before is None:
            status = Status.ADD
        elif new_unit is None and all(before[name] == written[name] for name in _COMPARED):
            status = Status.UNCHANGED
        else:
            status = Status.UPDATE
        return Evaluated(row, status, [], written, new_unit)


async def _evaluate(
    context: EnterpriseContext, read: list[ReadRow], options: ImportOptions, columns: list[Column]
) -> Evaluation:
    codes = [code for row in read if (code := row.values.get(Field.EMPLOYEE_CODE))]
    existing = await _existing_workers(context.enterprise_id, codes)
    evaluator = _RowEvaluator(
        options, columns, existing, await unit_directory(context.enterprise_id)
    )
    errors: dict[str, str] = {}
    new_codes = {code for code in codes if code not in existing}
    unmapped = [f for f in REQUIRED_FOR_NEW if options.mapping.get(f) is None]
    if new_codes and unmapped:
        errors[""] = _(
            "{n} employee codes are not on the roster yet, and new workers need the fields marked."
        ).format(n=format_number(len(new_codes)))
        for field_ in unmapped:
            errors[f"map_{field_}"] = _("Choose the column of this field.")
    rows = [evaluator.evaluate(row) for row in read]
    report = Report(rows=len(rows))
    for item in rows:
        if item.status is Status.PROBLEM:
            report.rows_with_problems += 1
            report.problems += item.problems
        elif item.status is Status.ADD:
            report.added += 1
        elif item.status is Status.UPDATE:
            report.updated += 1
        else:
            report.unchanged += 1
    report.new_units = sorted(evaluator.new_units.values(), key=rules.fold)
    return Evaluation(rows, report, evaluator.new_units, errors)


# Use cases ---------------------------------------------------------------------------------


def _require(context: EnterpriseContext, options: ImportOptions | None = None) -> None:
    if not context.can(MANAGE_ROSTER):
        raise Forbidden
    if options is not None and options.create_units and not context.can(MANAGE_ORG_UNITS):
        raise Invalid({"create_units": _("Your role cannot create units.")})


def _split_header(sheet: Sheet) -> tuple[int, list[Any], list[tuple[int, list[Any]]]]:
    """The header's row number, its cells, and the data rows below it."""
    if not sheet.rows:
        raise _file_error(_("The file is empty: no row has any text."))
    index = find_header(sheet.rows)
    number, cells = sheet.rows[index]
    return number, cells, sheet.rows[index + 1 :]


def _check_size(sheet: Sheet, data: list) -> None:
    if sheet.truncated or len(data) > MAX_ROWS:
        raise _file_error(
            _("The file has more than {n} rows. Split it and import the parts one by one.").format(
                n=format_number(MAX_ROWS)
            )
        )
    if not data:
        raise _file_error(_("The file has a header row but no worker below it."))


async def upload(context: EnterpriseContext, filename: str, content: bytes) -> int:
    """Keep an uploaded roster file for the mapping step; returns the upload's id."""
    _require(context)
    if not content:
        raise _file_error(_("Choose a .xlsx or .csv file."))
    if len(content) > MAX_UPLOAD_BYTES:
        raise _file_error(
            _(
                "The file is larger than {n} MB. Remove other sheets or columns, or split it."
            ).format(n=MAX_UPLOAD_BYTES // (1024 * 1024))
        )
    sheet = read_sheet(content, limit=MAX_ROWS + HEADER_SCAN_ROWS)
    _number, _header, data = _split_header(sheet)
    _check_size(sheet, data)
    async with write_transaction():
        await RosterUpload.delete().where(
            RosterUpload.created_at < dt.datetime.now(dt.UTC) - UPLOAD_KEPT
        )
        kept = RosterUpload(
            enterprise=context.enterprise_id,
            uploaded_by=context.actor.id,
            filename=filename[:255] or "roster",
            content=content,
        )
        await kept.save()
        await audit.record(
            context.actor,
            "roster.file_uploaded",
            "roster_upload",
            kept.id,
            context.enterprise_id,
            bytes=len(content),
            rows=len(data),
        )
    return kept.id


@dataclass
class PreviewRow:
    number: int
    status: Status
    cells: dict[Field, str]  # each mapped field as it will be written, for display
    problems: dict[Field, str]


@dataclass
class Prepared:
    """Everything the mapping step shows."""

    upload_id: int
    filename: str
    sheet: Sheet
    header_row: int
    columns: list[Column]
    options: ImportOptions
    preview: list[PreviewRow]
    errors: dict[str, str]


def _display(field_: Field, value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        return format_date(value)
    if field_ in (Field.GENDER, Field.CONTRACT_TYPE):
        return label(value)
    if field_ is Field.UNION_MEMBER:
        return _("yes") if value else _("no")
    return str(value)


def _preview_row(item: Evaluated, mapping: dict[Field, int | None]) -> PreviewRow:
    cells = {}
    for field_ in Field:
        if mapping.get(field_) is None:
            continue
        if field_ is Field.ORG_UNIT:
            name = item.row.values.get(field_) or ""
            cells[field_] = _("{name} (new unit)").format(name=name) if item.new_unit else name
        elif item.values is not None:
            cells[field_] = _display(field_, item.values[field_.value])
        else:
            cells[field_] = _display(field_, item.row.values.get(field_))
    problems = {problem.field: problem.message for problem in item.problems}
    return PreviewRow(item.row.number, item.status, cells, problems)


async def _read_upload(
    context: EnterpriseContext, upload_id: int, sheet_name: str | None, limit: int
) -> tuple[RosterUpload, Sheet]:
    kept = await get_owned(context, RosterUpload, upload_id)
    return kept, read_sheet(kept.content, sheet_name, limit)


async def prepare(
    context: EnterpriseContext,
    upload_id: int,
    options: ImportOptions | None = None,
    sheet: str | None = None,
) -> Prepared:
    """The mapping step: the chosen mapping (or one proposed from the headers of `sheet`) and
    the first rows as they will be written."""
    _require(context)
    kept, read = await _read_upload(
        context, upload_id, options.sheet if options else sheet, HEADER_SCAN_ROWS + PREVIEW_ROWS
    )
    header_row, header_cells, data = _split_header(read)
    columns = columns_of(header_cells, data)
    chosen = options or ImportOptions(propose_mapping(header_cells), read.sheet)
    chosen.sheet = read.sheet
    errors = mapping_errors(chosen.mapping, columns)
    preview: list[PreviewRow] = []
    if not errors:
        rows = read_rows(data[:PREVIEW_ROWS], chosen.mapping, columns, read.epoch)
        evaluation = await _evaluate(context, rows, chosen, columns)
        errors = evaluation.errors
        preview = [_preview_row(item, chosen.mapping) for item in evaluation.rows]
    return Prepared(kept.id, kept.filename, read, header_row, columns, chosen, preview, errors)


async def _read_all(
    context: EnterpriseContext, upload_id: int, options: ImportOptions
) -> tuple[RosterUpload, list[ReadRow], list[Column]]:
    kept, sheet = await _read_upload(context, upload_id, options.sheet, MAX_ROWS + HEADER_SCAN_ROWS)
    _number, header_cells, data = _split_header(sheet)
    _check_size(sheet, data)
    columns = columns_of(header_cells, data)
    if errors := mapping_errors(options.mapping, columns):
        raise Invalid(errors)
    return kept, read_rows(data, options.mapping, columns, sheet.epoch), columns


async def check(context: EnterpriseContext, upload_id: int, options: ImportOptions) -> Report:
    """Read and validate every row, writing nothing."""
    _require(context, options)
    _kept, read, columns = await _read_all(context, upload_id, options)
    evaluation = await _evaluate(context, read, options, columns)
    if evaluation.errors:
        raise Invalid(evaluation.errors)
    return evaluation.report


@dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int
    unchanged: int
    units_created: int


async def _create_units(context: EnterpriseContext, names: dict[str, str]) -> dict[str, int]:
    """The units the file names but the enterprise lacks, as top-level departments."""
    created: dict[str, int] = {}
    for key, name in names.items():
        unit = OrgUnit(enterprise=context.enterprise_id, name=name, kind=OrgUnitKind.DEPARTMENT)
        await unit.save()
        await audit.record(
            context.actor, "org_unit.created", "org_unit", unit.id, context.enterprise_id
        )
        created[key] = unit.id
    return created


# What an import writes: the row's key, the fields it can change, and when it changed.
_WRITTEN = ("enterprise", "employee_code", *_COMPARED, "updated_at")


def _upsert_sql(row_count: int) -> str:
    """INSERT ... ON CONFLICT (enterprise, employee_code) DO UPDATE for `row_count` rows.

    One statement both adds and updates: the unique index on (enterprise, employee_code)
    turns a known code into an update of that worker's row. Written out rather than built
    from Table instances, which cost three times as much to compile for 10,000 rows; the
    statement is standard SQL, the same on SQLite and PostgreSQL.
    """
    columns = ", ".join(f'"{name}"' for name in _WRITTEN)
    row = "(" + ", ".join("{}" for _name in _WRITTEN) + ")"
    updates = ", ".join(f'"{name}" = EXCLUDED."{name}"' for name in _WRITTEN[2:])
    return (
        f'INSERT INTO "{Worker._meta.tablename}" ({columns}) VALUES '
        + ", ".join([row] * row_count)
        + f' ON CONFLICT ("enterprise", "employee_code") DO UPDATE SET {updates}'
    )


async def _write(context: EnterpriseContext, rows: list[Evaluated], unit_ids: dict[str, int]):
    """Insert new workers and update changed ones, a batch of rows per statement."""
    values = []
    for item in rows:
        written = dict(item.values or {}, enterprise=context.enterprise_id)
        if item.new_unit is not None:
            written["org_unit"] = unit_ids[item.new_unit]
        values.append([written[name] for name in _WRITTEN])
    for start in range(0, len(values), WRITE_BATCH):
        batch = values[start : start + WRITE_BATCH]
        await Worker.raw(_upsert_sql(len(batch)), *(value for row in batch for value in row))


async def run_import(
    context: EnterpriseContext, upload_id: int, options: ImportOptions
) -> ImportSummary:
    """Write every row of the file, or none: `ImportRejected` lists the problems."""
    _require(context, options)
    kept, read, columns = await _read_all(context, upload_id, options)
    async with write_transaction():
        # The roster is read inside the transaction, so what decides "update" or "unchanged"
        # is what is overwritten, even if someone edited a worker since the check.
        evaluation = await _evaluate(context, read, options, columns)
        if evaluation.errors:
            raise Invalid(evaluation.errors)
        report = evaluation.report
        if report.rows_with_problems:
            raise ImportRejected(report)
        unit_ids = await _create_units(context, evaluation.new_units)
        changed = [row for row in evaluation.rows if row.status in (Status.ADD, Status.UPDATE)]
        await _write(context, changed, unit_ids)
        await RosterUpload.delete().where(RosterUpload.id == kept.id)
        await audit.record(
            context.actor,
            "roster.imported",
            "enterprise",
            context.enterprise_id,
            context.enterprise_id,
            rows=report.rows,
            added=report.added,
            updated=report.updated,
            unchanged=report.unchanged,
            units_created=len(unit_ids),
        )
    return ImportSummary(report.added, report.updated, report.unchanged, len(unit_ids))
