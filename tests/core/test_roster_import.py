"""Roster import: reading files, the mapping, values, the error report, all-or-nothing writes."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import importlib.util
import io
import json
import re
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest

from labour_democracy.core.errors import Forbidden, Invalid
from labour_democracy.core.roster_export import HEADERS, ExportRow, workbook_bytes
from labour_democracy.core.roster_import import applying, limits, uploading
from labour_democracy.core.roster_import.cells import (
    FieldError,
    parse_contract,
    parse_date,
    parse_gender,
    parse_nationality,
    parse_phone,
    parse_union_member,
)
from labour_democracy.core.roster_import.fields import Field
from labour_democracy.core.roster_import.headers import find_header, propose_mapping
from labour_democracy.core.roster_import.mapping import ImportOptions
from labour_democracy.core.roster_import.reading import read_sheet
from labour_democracy.core.roster_import.report import ImportRejected
from labour_democracy.core.tables import (
    AuditEntry,
    ContractType,
    Gender,
    OrgUnit,
    Role,
    RosterUpload,
    Worker,
)
from labour_democracy.i18n import language
from tests import factories

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
HEADER = list(HEADERS.values())
EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def _cp1258(text: str) -> bytes:
    """Text as Windows-1258 stores it: a letter with at most one mark, then the tone mark."""
    encoded = b""
    for char in text:
        try:
            encoded += char.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            letter = unicodedata.normalize("NFC", base + "".join(marks[:-1]))
            encoded += letter.encode("cp1258") + marks[-1].encode("cp1258")
    return encoded


def _csv(rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    if encoding == "cp1258":
        return _cp1258(buffer.getvalue())
    return buffer.getvalue().encode(encoding)


def _xlsx(rows: list[list], title: str = "Sheet1", extra_sheet: list[list] | None = None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    if extra_sheet is not None:
        other = workbook.create_sheet("Nghỉ việc")
        for row in extra_sheet:
            other.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _row(code: str, name: str = "Nguyễn Thị Lan", **cells: str) -> list[str]:
    values = {
        "Mã NV": code,
        "Họ và tên": name,
        "Giới tính": "Nữ",
        "Phòng ban": "",
        "Chức vụ": "Công nhân may",
        "Loại hợp đồng": "Không xác định thời hạn",
        "Ngày vào làm": "02/01/2020",
        "Ngày nghỉ việc": "",
        "Quốc tịch": "VN",
        "Đoàn viên": "x",
        "Số điện thoại": "",
        "Email": "",
    }
    values.update({HEADERS[Field(key)]: value for key, value in cells.items()})
    return [values[header] for header in HEADER]


def _all_columns() -> ImportOptions:
    return ImportOptions(mapping={field: index for index, field in enumerate(HEADERS)})


async def _hr(email: str = "hr@a.vn", enterprise_id: int | None = None):
    enterprise_id = enterprise_id or await factories.enterprise()
    await factories.user(email, Role.HR, enterprise_id)
    return enterprise_id


@pytest.fixture
def english():
    """Messages in English for the pure functions (the default language is Vietnamese)."""
    with language("en"):
        yield


@pytest.fixture
def browser_en(browser_for):
    """A signed-in client that chose English, so pages can be read in the test's words."""

    async def make(email: str = "hr@a.vn"):
        browser = await browser_for(email)
        assert (await browser.post("/language", {"language": "en"})).status_code == 303
        return browser

    return make


async def _upload(browser, enterprise_id: int, content: bytes, name: str = "roster.csv"):
    return await browser.post(
        f"/enterprises/{enterprise_id}/workers/import",
        files={"file": (name, content, "application/octet-stream")},
    )


async def _upload_id(browser, enterprise_id: int, content: bytes, name: str = "roster.csv"):
    response = await _upload(browser, enterprise_id, content, name)
    assert response.status_code == 303, response.text
    return int(response.headers["location"].rsplit("/", 1)[1])


def _mapping_form(action: str = "import", create_units: bool = False, **mapping: int | None):
    form = {f"map_{field}": str(index) for index, field in enumerate(HEADERS)}
    form.update({f"map_{k}": "" if v is None else str(v) for k, v in mapping.items()})
    form["action"] = action
    if create_units:
        form["create_units"] = "on"
    return form


async def _import(browser, enterprise_id: int, content: bytes, name="roster.csv", **form):
    upload_id = await _upload_id(browser, enterprise_id, content, name)
    return await browser.post(
        f"/enterprises/{enterprise_id}/workers/import/{upload_id}", _mapping_form(**form)
    )


def _text(html: str) -> str:
    """The page's text, tags removed and entities decoded, for plain assertions."""
    import html as html_lib

    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


# Mapping -----------------------------------------------------------------------------------


@pytest.mark.unit
def test_vietnamese_headers_are_mapped_whatever_their_case_and_diacritics():
    headers = [
        "STT",
        "MÃ NV",
        "Họ tên",
        "giới tính",
        "Bộ phận",
        "Chức danh",
        "Loại HĐ",
        "Ngày bắt đầu (dd/mm/yyyy)",
        "Ngày kết thúc",
        "Quốc tịch",
        "Công đoàn",
        "SĐT",
        "E-mail",
    ]
    mapping = propose_mapping(headers)
    assert mapping == {field: index for index, field in enumerate(Field, 1)}


@pytest.mark.unit
def test_english_headers_are_mapped():
    headers = ["Employee code", "Full name", "Gender", "Unit", "Position", "Contract", "Start date"]
    headers += ["End date", "Nationality", "Union member", "Phone", "Email"]
    assert propose_mapping(headers) == {field: index for index, field in enumerate(Field)}


@pytest.mark.unit
def test_look_alike_headers_are_not_mapped():
    # A personal tax code or a party admission date is not an employee code or a start date.
    mapping = propose_mapping(["Mã số thuế", "Ngày vào Đảng", "Số BHXH", "Mã NV"])
    assert mapping[Field.EMPLOYEE_CODE] == 3
    assert mapping[Field.START_DATE] is None


@pytest.mark.unit
def test_the_header_row_is_found_below_the_title_rows():
    rows = [
        (1, ["CÔNG TY TNHH MAY SÔNG HỒNG"]),
        (2, ["DANH SÁCH NGƯỜI LAO ĐỘNG THÁNG 01/2026"]),
        (4, ["STT", "Mã NV", "Họ và tên", "Giới tính"]),
        (5, [1, "NV01", "Nguyễn Văn An", "Nam"]),
    ]
    assert find_header(rows) == 2


# Values ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nam", Gender.MALE),
        ("NỮ", Gender.FEMALE),
        ("nu", Gender.FEMALE),
        ("Khác", Gender.OTHER),
        ("Male", Gender.MALE),
        ("female", Gender.FEMALE),
        ("M", Gender.MALE),
        ("F", Gender.FEMALE),
    ],
)
@pytest.mark.unit
def test_gender_words(text, expected):
    assert parse_gender(text) is expected


@pytest.mark.unit
def test_an_unknown_gender_says_which_words_are_understood(english):
    with pytest.raises(FieldError, match="Nam, Nữ"):
        parse_gender("?")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Không xác định thời hạn", ContractType.INDEFINITE),
        ("HĐLĐ không xác định thời hạn", ContractType.INDEFINITE),
        ("KXĐTH", ContractType.INDEFINITE),
        ("Xác định thời hạn", ContractType.FIXED_TERM),
        ("Xác định thời hạn 24 tháng", ContractType.FIXED_TERM),
        ("Mùa vụ", ContractType.SEASONAL),
        ("Thời vụ", ContractType.SEASONAL),
        ("dưới 12 tháng", ContractType.SEASONAL),
        ("Mùa vụ hoặc dưới 12 tháng", ContractType.SEASONAL),
        ("Indefinite term", ContractType.INDEFINITE),
        ("Fixed-term", ContractType.FIXED_TERM),
        ("Seasonal", ContractType.SEASONAL),
        ("fixed_term", ContractType.FIXED_TERM),
    ],
)
@pytest.mark.unit
def test_contract_words(text, expected):
    assert parse_contract(text) is expected


@pytest.mark.unit
def test_an_unknown_contract_type_lists_the_accepted_words_and_no_unread_article(english):
    # law.md does not read Labour Code Art. 20: the message names no article (issue 11, point 9).
    with pytest.raises(FieldError, match="Không xác định thời hạn") as refused:
        parse_contract("Thử việc")
    assert "Art." not in str(refused.value)


@pytest.mark.parametrize(
    "value",
    [
        "05/01/2024",
        "5/1/2024",
        "05-01-2024",
        "05.01.2024",
        "2024-01-05",
        "2024-01-05 00:00:00",
        dt.datetime(2024, 1, 5),
        dt.date(2024, 1, 5),
        45296,  # Excel's serial number of 5 January 2024
    ],
)
@pytest.mark.unit
def test_date_forms(value):
    assert parse_date(value, EXCEL_EPOCH) == dt.date(2024, 1, 5)


@pytest.mark.unit
def test_29_february_exists_only_in_leap_years(english):
    assert parse_date("29/02/2024") == dt.date(2024, 2, 29)
    with pytest.raises(FieldError, match="not a date"):
        parse_date("29/02/2023")


@pytest.mark.parametrize("text", ["31/02/2024", "13/13/2024"])
@pytest.mark.unit
def test_a_date_that_does_not_exist_is_refused(text, english):
    with pytest.raises(FieldError, match="day/month/year"):
        parse_date(text)


@pytest.mark.parametrize("text", ["5/1/24", "January 5", "2024"])
@pytest.mark.unit
def test_a_date_in_another_form_asks_for_dd_mm_yyyy(text, english):
    with pytest.raises(FieldError, match="dd/mm/yyyy"):
        parse_date(text)


@pytest.mark.parametrize("value", ["x", "X", "có", "1", "yes", "true", "TRUE", "✓", True, 1])
@pytest.mark.unit
def test_union_member_yes(value):
    assert parse_union_member(value) is True


@pytest.mark.parametrize("value", ["không", "0", "no", "false", False])
@pytest.mark.unit
def test_union_member_no(value):
    assert parse_union_member(value) is False


@pytest.mark.unit
def test_union_member_other_words_are_refused(english):
    with pytest.raises(FieldError, match="x"):
        parse_union_member("chưa rõ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("VN", "VN"),
        ("vn", "VN"),
        ("Việt Nam", "VN"),
        ("Vietnam", "VN"),
        ("Viet Nam", "VN"),
        ("Hàn Quốc", "KR"),
        ("South Korea", "KR"),
        ("Corée du Sud", "KR"),
        ("Trung Quốc", "CN"),
        ("Nhật Bản", "JP"),
        ("Đài Loan", "TW"),
    ],
)
@pytest.mark.unit
def test_nationality_by_code_or_by_name_in_three_languages(text, expected):
    assert parse_nationality(text) == expected


@pytest.mark.unit
def test_an_unknown_country_asks_for_its_code(english):
    with pytest.raises(FieldError, match="two-letter code"):
        parse_nationality("Atlantis")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (912345678, "0912345678"),  # a mobile number Excel stored as a number
        (912345678.0, "0912345678"),
        ("912345678", "0912345678"),  # ... and then wrote into a CSV
        (2438234567, "02438234567"),  # a Hà Nội landline
        (84912345678, "+84912345678"),
        ("0912 345 678", "0912 345 678"),
        ("0912345678", "0912345678"),
        ("+84 912 345 678", "+84 912 345 678"),
        (12345678, "12345678"),  # not a Vietnamese pattern: kept as it is
    ],
)
@pytest.mark.unit
def test_phone_numbers_get_back_the_leading_zero_excel_dropped(value, expected):
    assert parse_phone(value) == expected


# Reading files -----------------------------------------------------------------------------


def _cells(content: bytes) -> list[list]:
    return [cells for _number, cells in read_sheet(content).rows]


@pytest.mark.unit
def test_csv_in_utf8_with_and_without_bom_reads_the_same():
    rows = [["Mã NV", "Họ và tên"], ["NV01", "Nguyễn Thị Ánh Tuyết"]]
    assert _cells(_csv(rows, encoding="utf-8-sig")) == rows
    assert _cells(_csv(rows, encoding="utf-8")) == rows


@pytest.mark.unit
def test_csv_in_utf16_as_excel_unicode_text_with_tabs():
    rows = [["Mã NV", "Họ và tên"], ["NV01", "Đỗ Thị Hương Giang"]]
    content = codecs.BOM_UTF16_LE + _csv(rows, "\t", "utf-16-le")
    sheet = read_sheet(content)
    assert [cells for _n, cells in sheet.rows] == rows
    assert (sheet.encoding, sheet.delimiter) == ("UTF-16", "\t")


@pytest.mark.unit
def test_csv_in_windows_1258_is_recognised_and_normalised():
    # Windows-1258 writes "ễ" as "ê" plus a combining tilde; the text read is precomposed.
    rows = [["Mã NV", "Họ và tên"], ["NV01", "Nguyễn Thị Thuỷ"]]
    sheet = read_sheet(_csv(rows, ";", "cp1258"))
    assert sheet.encoding == "Windows-1258"
    assert sheet.delimiter == ";"
    assert sheet.rows[1][1] == ["NV01", "Nguyễn Thị Thuỷ"]
    assert unicodedata.is_normalized("NFC", sheet.rows[1][1][1])


@pytest.mark.unit
def test_semicolon_separated_csv_with_commas_inside_cells():
    rows = [["Mã NV", "Họ và tên", "Chức vụ"], ["NV01", "Lê Văn Tám", "Tổ trưởng, kiêm an toàn"]]
    sheet = read_sheet(_csv(rows, ";"))
    assert sheet.delimiter == ";"
    assert sheet.rows[1][1] == rows[1]


@pytest.mark.unit
def test_text_in_decomposed_form_is_stored_precomposed():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Văn Đức")
    sheet = read_sheet(_csv([["Mã NV", "Họ và tên"], ["NV01", decomposed]]))
    assert sheet.rows[1][1][1] == "Nguyễn Văn Đức"


@pytest.mark.unit
def test_row_numbers_are_the_spreadsheets_own_with_empty_rows_skipped():
    content = _xlsx([["DANH SÁCH"], [], HEADER, _row("NV01"), [], _row("NV02")])
    assert [number for number, _cells in read_sheet(content).rows] == [1, 3, 4, 6]


def _hand_made_xlsx() -> bytes:
    """A workbook as other programs write it: a 1904 date system, a custom date format,
    rich text with a phonetic hint, inline strings, a formula's text, cells without
    references, and the roster sheet listed before the part of the other sheet."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"

    def link(rel_id: str, kind: str, target: str) -> str:
        return f'<Relationship Id="{rel_id}" Type="{rel}/{kind}" Target="{target}"/>'

    parts = {
        "_rels/.rels": (
            f'<Relationships xmlns="{package}">'
            + link("r1", "officeDocument", "xl/workbook.xml")
            + "</Relationships>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{package}">'
            + link("a", "worksheet", "worksheets/other.xml")
            + link("b", "worksheet", "/xl/worksheets/roster.xml")
            + link("c", "sharedStrings", "sharedStrings.xml")
            + link("d", "styles", "styles.xml")
            + "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><workbookPr date1904="1"/><sheets>'
            '<sheet name="Danh sách" sheetId="2" r:id="b"/>'
            '<sheet name="Khác" sheetId="1" r:id="a"/></sheets></workbook>'
        ),
        "xl/styles.xml": (
            f'<styleSheet xmlns="{main}"><numFmts count="1">'
            '<numFmt numFmtId="170" formatCode="dd/mm/yyyy"/></numFmts>'
            '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="170"/></cellXfs></styleSheet>'
        ),
        "xl/sharedStrings.xml": (
            f'<sst xmlns="{main}"><si><t>Mã NV</t></si>'
            "<si><r><t>Họ và </t></r><r><t>tên</t></r>"
            '<rPh sb="0" eb="1"><t>ho</t></rPh></si></sst>'
        ),
        "xl/worksheets/roster.xml": (
            f'<worksheet xmlns="{main}"><sheetData><row r="2">'
            '<c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c>'
            '<c r="D2" t="inlineStr"><is><t>Ngày vào làm</t></is></c></row>'
            '<row><c t="str"><f>A1</f><v>NV01</v></c>'
            '<c t="inlineStr"><is><r><t>Lê Thị </t></r><r><t>Thuỷ</t></r></is></c>'
            '<c t="b"><v>1</v></c><c s="1"><v>43830</v></c></row></sheetData></worksheet>'
        ),
        "xl/worksheets/other.xml": (
            f'<worksheet xmlns="{main}"><sheetData><row r="1">'
            '<c r="A1" t="inlineStr"><is><t>khác</t></is></c></row></sheetData></worksheet>'
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml)
    return buffer.getvalue()


@pytest.mark.unit
def test_the_xlsx_reader_follows_the_package_and_excels_cell_types():
    sheet = read_sheet(_hand_made_xlsx())
    assert sheet.sheet_names == ["Danh sách", "Khác"]
    assert sheet.sheet == "Danh sách"
    assert sheet.rows == [
        (2, ["Mã NV", "Họ và tên", None, "Ngày vào làm"]),
        (3, ["NV01", "Lê Thị Thuỷ", True, dt.datetime(2024, 1, 1)]),  # day 43830 since 1904
    ]
    assert read_sheet(_hand_made_xlsx(), "Khác").rows == [(1, ["khác"])]


@pytest.mark.unit
def test_a_workbook_that_unpacks_to_too_much_is_refused(english, monkeypatch):
    monkeypatch.setattr(limits, "UNPACKED_LIMIT", 1000)
    with pytest.raises(Invalid) as error:
        read_sheet(_xlsx([HEADER, *[_row(f"NV{n}") for n in range(20)]]))
    assert "too large once unpacked" in error.value.errors["file"]


@pytest.mark.unit
def test_an_old_xls_file_is_refused_with_what_to_do(english):
    with pytest.raises(Invalid) as error:
        read_sheet(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    assert ".xlsx" in error.value.errors["file"]


@pytest.mark.unit
def test_a_damaged_xlsx_is_refused(english):
    with pytest.raises(Invalid) as error:
        read_sheet(b"PK\x03\x04 this is not a workbook")
    assert "cannot be opened" in error.value.errors["file"]


# The pages and the use cases ---------------------------------------------------------------


async def test_hr_imports_an_xlsx_roster_and_sees_the_counts(browser_en):
    enterprise = await _hr()
    sewing = await factories.org_unit(enterprise, "Tổ may 1A")
    browser = await browser_en("hr@a.vn")
    assert (await browser.get(f"/enterprises/{enterprise}/workers/import")).status_code == 200
    kim = [None, "Hàn Quốc", None, None, None]  # end date, nationality, union, phone, e-mail
    content = _xlsx(
        [
            ["DANH SÁCH NGƯỜI LAO ĐỘNG"],
            HEADER,
            [
                "NV001",
                "Hoàng Thị Ngọc Ánh",
                "Nữ",
                "tổ may 1a",
                "Công nhân may",
                "Xác định thời hạn",
                dt.datetime(2021, 3, 15),
                None,
                "Việt Nam",
                "có",
                912345678,
                "anh.ht@example.vn",
            ],
            [101, "Kim Min-jun", "Male", None, "Chuyên gia", "Indefinite", "2022-07-01", *kim],
        ]
    )
    upload_id = await _upload_id(browser, enterprise, content, "danh-sach.xlsx")
    mapping = await browser.get(f"/enterprises/{enterprise}/workers/import/{upload_id}")
    assert mapping.status_code == 200
    page = _text(mapping.text)
    assert "Hoàng Thị Ngọc Ánh" in page and "0912345678" in page and "row 2" in page
    assert '<option value="0" selected>A — Mã NV</option>' in mapping.text

    response = await browser.post(
        f"/enterprises/{enterprise}/workers/import/{upload_id}", _mapping_form()
    )
    assert response.status_code == 303
    roster_page = await browser.get(response.headers["location"])
    assert "2 added, 0 updated, 0 unchanged" in _text(roster_page.text)
    workers = {w["employee_code"]: w for w in await Worker.select().order_by(Worker.id)}
    assert set(workers) == {"NV001", "101"}
    anh = workers["NV001"]
    assert anh["full_name"] == "Hoàng Thị Ngọc Ánh"
    assert anh["search_name"] == "hoang thi ngoc anh"
    assert (anh["gender"], anh["contract_type"]) == ("female", "fixed_term")
    assert anh["org_unit"] == sewing
    assert anh["start_date"] == dt.date(2021, 3, 15)
    assert (anh["nationality"], anh["union_member"], anh["phone"]) == ("VN", True, "0912345678")
    kim = workers["101"]
    assert (kim["nationality"], kim["union_member"], kim["org_unit"]) == ("KR", False, None)
    assert kim["contract_type"] == "indefinite"
    assert not await RosterUpload.exists()  # the file is not kept after the import
    entry = await AuditEntry.select().where(AuditEntry.action == "roster.imported").first()
    details = json.loads(entry["details"])
    assert details == {"rows": 2, "added": 2, "updated": 0, "unchanged": 0, "units_created": 0}
    assert "Ánh" not in entry["details"] and "Kim" not in entry["details"]


async def test_one_bad_row_blocks_the_import_and_the_report_names_row_and_column(browser_en):
    enterprise = await _hr()
    browser = await browser_en("hr@a.vn")
    content = _csv(
        [
            HEADER,
            _row("NV01"),
            _row("NV02", start_date="31/02/2024"),
            _row("NV03"),
            _row("NV04", gender=""),
        ]
    )
    response = await _import(browser, enterprise, content)
    assert response.status_code == 422
    page = _text(response.text)
    assert "Nothing was imported" in page
    assert "2 rows are ready; 2 rows have problems" in page
    assert "Row 3 · Ngày vào làm (G) 31/02/2024 is not a date of the calendar" in page
    assert "Row 5 · Giới tính (C) Gender is empty; every worker needs it." in page
    assert await Worker.count() == 0
    assert not await AuditEntry.exists().where(AuditEntry.action == "roster.imported")
    assert await RosterUpload.count() == 1  # kept, so the mapping can be used again


async def test_the_corrected_file_then_imports(browser_en):
    enterprise = await _hr()
    browser = await browser_en("hr@a.vn")
    bad = await _import(browser, enterprise, _csv([HEADER, _row("NV01", gender="?")]))
    assert bad.status_code == 422
    good = await _import(browser, enterprise, _csv([HEADER, _row("NV01", gender="Nam")]))
    assert good.status_code == 303
    assert (await Worker.select(Worker.gender).first())["gender"] == "male"


async def test_reimport_updates_by_code_and_never_duplicates(browser_en):
    enterprise = await _hr()
    browser = await browser_en("hr@a.vn")
    first = [HEADER, _row("NV01"), _row("NV02", "Trần Văn Bình", gender="Nam")]
    assert (await _import(browser, enterprise, _csv(first))).status_code == 303
    ids = {
        w["employee_code"]: w["id"] for w in await Worker.select(Worker.id, Worker.employee_code)
    }
    second = [
        HEADER,
        _row("NV01"),
        _row("NV02", "Trần Văn Bình", gender="Nam", position="Tổ trưởng"),
        _row("NV03", "Lê Thị Cúc"),
    ]
    response = await _import(browser, enterprise, _csv(second))
    assert response.status_code == 303
    page = _text((await browser.get(response.headers["location"])).text)
    assert "1 added, 1 updated, 1 unchanged" in page
    rows = await Worker.select(Worker.id, Worker.employee_code, Worker.position)
    assert len(rows) == 3
    by_code = {row["employee_code"]: row for row in rows}
    assert by_code["NV02"]["id"] == ids["NV02"]
    assert by_code["NV02"]["position"] == "Tổ trưởng"
    assert by_code["NV01"]["id"] == ids["NV01"]


async def test_unmapped_columns_keep_the_workers_values(browser_en):
    enterprise = await _hr()
    worker = await factories.worker(
        enterprise, "Phạm Thị Dung", code="NV01", position="Kế toán", phone="0987654321"
    )
    browser = await browser_en("hr@a.vn")
    content = _csv([["Mã NV", "Điện thoại"], ["NV01", "0911222333"]])
    upload_id = await _upload_id(browser, enterprise, content)
    form = {"map_employee_code": "0", "map_phone": "1", "action": "import"}
    response = await browser.post(f"/enterprises/{enterprise}/workers/import/{upload_id}", form)
    assert response.status_code == 303
    row = await Worker.select().where(Worker.id == worker).first()
    assert (row["phone"], row["position"], row["full_name"]) == (
        "0911222333",
        "Kế toán",
        "Phạm Thị Dung",
    )


async def test_new_workers_need_the_required_columns(browser_en):
    enterprise = await _hr()
    browser = await browser_en("hr@a.vn")
    content = _csv([["Mã NV", "Họ và tên"], ["NV01", "Lê Thị Cúc"]])
    upload_id = await _upload_id(browser, enterprise, content)
    page = await browser.get(f"/enterprises/{enterprise}/workers/import/{upload_id}")
    assert "new workers need the fields marked" in _text(page.text)
    form = {"map_employee_code": "0", "map_full_name": "1", "action": "import"}
    response = await browser.post(f"/enterprises/{enterprise}/workers/import/{upload_id}", form)
    assert response.status_code == 422
    assert "Gender: Choose the column of this field." in _text(response.text)
    assert await Worker.count() == 0


async def test_the_employee_code_column_must_be_chosen(browser_en):
    enterprise = await _hr()
    browser = await browser_en("hr@a.vn")
    upload_id = await _upload_id(browser, enterprise, _csv([HEADER, _row("NV01")]))
    form = _mapping_form(employee_code=None)
    response = await browser.post(f"/enterprises/{enterprise}/workers/import/{upload_id}", form)
    assert response.status_code == 422
    assert "finds each worker by its code" in _text(response.text)
    assert await Worker.count() == 0


async def test_one_column_cannot_fill_two_fields(browser_en):
    enterprise = await _hr()
    browser = await browser_en("hr@a.vn")
    upload_id = await _upload_id(browser, enterprise, _csv([HEADER, _row("NV01")]))
    form = _mapping_form(position=1)
    response = await browser.post(f"/enterprises/{enterprise}/workers/import/{upload_id}", form)
    assert response.status_code == 422
    assert "Column Họ và tên (B) is already chosen for Full name." in _text(response.text)


async def test_duplicate_codes_in_the_file_are_reported(browser_en):
    enterprise = await _hr()
    browser = await browser_en("hr@a.vn")
    content = _csv([HEADER, _row("NV01"), _row("NV02"), _row("NV01", "Người khác")])
    response = await _import(browser, enterprise, content)
    assert response.status_code == 422
    assert "Row 4 · Mã NV (A) Row 2 has the same employee code" in _text(response.text)
    assert await Worker.count() == 0


async def test_an_empty_code_and_the_form_rules_are_reported(browser_en):
    enterprise = await _hr()
    browser = await browser_en("hr@a.vn")
    content = _csv(
        [
            HEADER,
            _row(""),
            _row("NV02", start_date="01/02/2024", end_date="01/01/2024"),
            _row("NV03", email="not-an-address"),
            _row("NV04", position="x" * 256),
        ]
    )
    response = await _import(browser, enterprise, content)
    page = _text(response.text)
    assert "Row 2 · Mã NV (A) Employee code is empty" in page
    assert "Row 3 · Ngày nghỉ việc (H) The end date is before the start date." in page
    assert "Row 4 · Email (L) This is not an e-mail address." in page
    assert "Row 5 · Chức vụ (E) At most 255 characters." in page
    assert await Worker.count() == 0


async def test_an_unknown_unit_is_a_problem_unless_units_are_created(browser_en):
    enterprise = await _hr()
    browser = await browser_en("hr@a.vn")
    content = _csv([HEADER, _row("NV01", org_unit="Xưởng in"), _row("NV02", org_unit="xưởng IN")])
    refused = await _import(browser, enterprise, content)
    assert refused.status_code == 422
    assert 'No unit of this enterprise is called "Xưởng in"' in _text(refused.text)
    accepted = await _import(browser, enterprise, content, create_units=True)
    assert accepted.status_code == 303
    units = await OrgUnit.select().where(OrgUnit.enterprise == enterprise)
    assert [(u["name"], u["parent"]) for u in units] == [("Xưởng in", None)]
    assert {w["org_unit"] for w in await Worker.select(Worker.org_unit)} == {units[0]["id"]}
    assert await AuditEntry.exists().where(AuditEntry.action == "org_unit.created")


async def test_two_units_of_the_same_name_are_told_apart_by_their_path(browser_en):
    enterprise = await _hr()
    first = await factories.org_unit(enterprise, "Xưởng may 1")
    second = await factories.org_unit(enterprise, "Xưởng may 2")
    await factories.org_unit(enterprise, "Tổ 1", parent=first)
    team = await factories.org_unit(enterprise, "Tổ 1", parent=second)
    browser = await browser_en("hr@a.vn")
    ambiguous = await _import(browser, enterprise, _csv([HEADER, _row("NV01", org_unit="Tổ 1")]))
    assert 'Several units are called "Tổ 1"' in _text(ambiguous.text)
    content = _csv([HEADER, _row("NV01", org_unit="Xưởng may 2/Tổ 1")])
    assert (await _import(browser, enterprise, content)).status_code == 303
    assert (await Worker.select(Worker.org_unit).first())["org_unit"] == team


async def test_check_reports_the_counts_and_writes_nothing(browser_en):
    enterprise = await _hr()
    await factories.worker(enterprise, "Nguyễn Thị Lan", code="NV01")
    browser = await browser_en("hr@a.vn")
    content = _csv([HEADER, _row("NV01"), _row("NV02")])
    response = await _import(browser, enterprise, content, action="check")
    assert response.status_code == 200
    assert "2 rows: 1 will be added, 1 updated, 0 unchanged." in _text(response.text)
    assert await Worker.count() == 1


async def test_the_preview_follows_the_chosen_columns_through_htmx(browser_en):
    enterprise = await _hr()
    browser = await browser_en("hr@a.vn")
    upload_id = await _upload_id(browser, enterprise, _csv([HEADER, _row("NV01")]))
    url = f"/enterprises/{enterprise}/workers/import/{upload_id}"
    response = await browser.post(url, _mapping_form("preview", position=None), htmx=True)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Công nhân may" not in response.text
    assert "Nguyễn Thị Lan" in response.text
    unmapped = await browser.post(url, _mapping_form("preview", employee_code=None), htmx=True)
    assert 'id="import-errors" hx-swap-oob="true"' in unmapped.text
    assert "finds each worker by its code" in _text(unmapped.text)


async def test_another_sheet_can_be_chosen(browser_en):
    enterprise = await _hr()
    browser = await browser_en("hr@a.vn")
    content = _xlsx([["Ghi chú"], ["trống"]], extra_sheet=[HEADER, _row("NV09", "Vũ Thị Hoa")])
    upload_id = await _upload_id(browser, enterprise, content, "roster.xlsx")
    url = f"/enterprises/{enterprise}/workers/import/{upload_id}"
    page = await browser.get(url, params={"sheet": "Nghỉ việc"})
    assert "Vũ Thị Hoa" in _text(page.text)
    form = {**_mapping_form(), "sheet": "Nghỉ việc"}
    assert (await browser.post(url, form)).status_code == 303
    assert (await Worker.select(Worker.full_name).first())["full_name"] == "Vũ Thị Hoa"


async def test_upload_refusals_say_what_to_do(browser_en, monkeypatch):
    enterprise = await _hr()
    browser = await browser_en("hr@a.vn")
    empty = await _upload(browser, enterprise, b"")
    assert empty.status_code == 422 and "The file is empty" in _text(empty.text)
    big = await _upload(browser, enterprise, b"x" * (limits.MAX_UPLOAD_BYTES + 1))
    assert big.status_code == 422 and "larger than 5 MB" in _text(big.text)
    monkeypatch.setattr(limits, "MAX_ROWS", 2)
    many = _csv([HEADER, _row("NV01"), _row("NV02"), _row("NV03")])
    too_many = await _upload(browser, enterprise, many)
    assert too_many.status_code == 422 and "more than 2 rows" in _text(too_many.text)
    header_only = await _upload(browser, enterprise, _csv([HEADER]))
    assert "no worker below it" in _text(header_only.text)
    assert not await RosterUpload.exists()


async def test_an_empty_file_is_called_empty_and_no_file_asks_for_one(browser_en):
    enterprise = await _hr()
    browser = await browser_en("hr@a.vn")
    for name in ("roster.csv", "roster.xlsx"):
        empty = await _upload(browser, enterprise, b"", name)
        assert empty.status_code == 422
        assert "The file is empty" in _text(empty.text)
        assert "Choose a .xlsx or .csv file." not in _text(empty.text)
    blank_lines = await _upload(browser, enterprise, b"\r\n,,\r\n , \r\n")
    assert blank_lines.status_code == 422 and "The file is empty" in _text(blank_lines.text)
    none_chosen = await _upload(browser, enterprise, b"", "")
    assert none_chosen.status_code == 422
    assert "Choose a .xlsx or .csv file." in _text(none_chosen.text)
    assert not await RosterUpload.exists()


@pytest.mark.parametrize("length", [32_768, 131_073, 1_000_000])
async def test_a_csv_cell_longer_than_a_spreadsheet_cell_is_refused_with_its_row(
    browser_en, length
):
    enterprise = await _hr()
    browser = await browser_en("hr@a.vn")
    for row in (1, 3):  # the header row is also read to guess the separator
        rows = [HEADER, _row("NV01"), _row("NV02")]
        rows[row - 1] = [*rows[row - 1][:1], "a" * length, *rows[row - 1][2:]]
        response = await _upload(browser, enterprise, _csv(rows))
        assert response.status_code == 422, response.status_code
        page = _text(response.text)
        assert f"Row {row} has a cell of more than 32,767 characters" in page
    assert not await RosterUpload.exists()


async def test_a_quotation_mark_never_closed_is_refused_with_its_row(browser_en):
    enterprise = await _hr()
    browser = await browser_en("hr@a.vn")
    lines = [",".join(HEADER), ",".join(_row("NV01"))]
    lines.append('NV02,"Lê Văn Nam,Nam')  # the quotation mark is never closed
    lines += [f"NV{n:05},Lê Văn {n},Nam" for n in range(3, 8000)]
    response = await _upload(browser, enterprise, "\n".join(lines).encode())
    assert response.status_code == 422
    page = _text(response.text)
    assert "Row 3 has a cell of more than 32,767 characters" in page
    assert "quotation mark" in page
    assert not await RosterUpload.exists()


async def test_an_xlsx_cell_longer_than_excel_allows_is_refused_with_its_row(browser_en):
    enterprise = await _hr()
    browser = await browser_en("hr@a.vn")
    # openpyxl cuts a cell at Excel's limit, so the long text is put in after it wrote.
    written = _xlsx([HEADER, _row("NV01"), _row("NV02", position="LONG")])
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(written)) as source, zipfile.ZipFile(buffer, "w") as copy:
        for item in source.infolist():
            part = source.read(item)
            copy.writestr(item, part.replace(b">LONG<", b">" + b"x" * 40_000 + b"<"))
    content = buffer.getvalue()
    response = await _upload(browser, enterprise, content, "roster.xlsx")
    assert response.status_code == 422
    assert "Row 3 has a cell of more than 32,767 characters" in _text(response.text)
    assert not await RosterUpload.exists()


async def test_each_problem_of_a_row_is_listed_once(browser_en):
    enterprise = await _hr()
    browser = await browser_en("hr@a.vn")
    content = _csv(
        [
            HEADER,
            _row("NV01", full_name="", gender=""),
            _row("NV02", contract_type=""),
            _row("NV03", gender="?"),
            _row("NV04"),
        ]
    )
    response = await _import(browser, enterprise, content)
    assert response.status_code == 422
    page = _text(response.text)
    assert "1 rows are ready; 3 rows have problems" in page
    problems = re.findall(r"Row \d+ · [^·]*? (?:[A-Z][a-z ]+ is empty|Write Nam)", page)
    assert len(problems) == 4, problems
    assert page.count("Row 2 · Họ và tên (B) Full name is empty") == 1
    assert page.count("Row 2 · Giới tính (C) Gender is empty") == 1
    assert page.count("Row 3 · Loại hợp đồng (F) Contract type is empty") == 1
    assert await Worker.count() == 0


async def test_the_service_report_counts_each_problem_once():
    enterprise = await _hr()
    context = await factories.context(enterprise)
    upload_id = await uploading.upload(
        context, "a.csv", _csv([HEADER, _row("NV01", gender=""), _row("NV02")])
    )
    with pytest.raises(ImportRejected) as rejected:
        await applying.run_import(context, upload_id, _all_columns())
    report = rejected.value.report
    assert [(p.row, p.field) for p in report.problems] == [(2, Field.GENDER)]


async def test_a_csv_whose_lines_end_in_cr_alone_is_read(browser_en):
    enterprise = await _hr()
    browser = await browser_en("hr@a.vn")
    content = _csv([HEADER, _row("NV01"), _row("NV02")]).replace(b"\r\n", b"\r")
    assert (await _import(browser, enterprise, content)).status_code == 303
    assert await Worker.count() == 2


@pytest.mark.parametrize("column", ["²", "9" * 5000, "-1", "1.0"])
async def test_a_mapping_that_names_no_column_is_refused_not_crashed(browser_en, column):
    enterprise = await _hr()
    browser = await browser_en("hr@a.vn")
    upload_id = await _upload_id(browser, enterprise, _csv([HEADER, _row("NV01")]))
    form = _mapping_form(action="check")
    form["map_full_name"] = column
    response = await browser.post(f"/enterprises/{enterprise}/workers/import/{upload_id}", form)
    assert response.status_code == 422
    assert "Choose one of the file's columns." in _text(response.text)


async def test_a_union_officer_cannot_import(browser_en):
    enterprise = await _hr()
    await factories.user("union@a.vn", Role.UNION, enterprise)
    hr = await browser_en("hr@a.vn")
    upload_id = await _upload_id(hr, enterprise, _csv([HEADER, _row("NV01")]))
    union = await browser_en("union@a.vn")
    assert (await union.get(f"/enterprises/{enterprise}/workers/import")).status_code == 403
    refused = await _upload(union, enterprise, _csv([HEADER, _row("NV02")]))
    assert refused.status_code == 403
    url = f"/enterprises/{enterprise}/workers/import/{upload_id}"
    assert (await union.get(url)).status_code == 403
    assert (await union.post(url, _mapping_form())).status_code == 403
    assert await Worker.count() == 0


async def test_another_enterprise_gets_404_for_the_pages_and_the_upload(browser_en):
    enterprise = await _hr()
    other = await _hr("hr@b.vn", await factories.enterprise("Công ty B"))
    browser = await browser_en("hr@a.vn")
    upload_id = await _upload_id(browser, enterprise, _csv([HEADER, _row("NV01")]))
    stranger = await browser_en("hr@b.vn")
    assert (await stranger.get(f"/enterprises/{enterprise}/workers/import")).status_code == 404
    url = f"/enterprises/{enterprise}/workers/import/{upload_id}"
    assert (await stranger.post(url, _mapping_form())).status_code == 404
    # B's own path with A's upload: the upload is not B's.
    own_path = f"/enterprises/{other}/workers/import/{upload_id}"
    assert (await stranger.get(own_path)).status_code == 404
    assert (await stranger.post(own_path, _mapping_form())).status_code == 404
    assert await Worker.count() == 0


async def test_uploads_older_than_a_day_are_removed(browser_en):
    enterprise = await _hr()
    old = RosterUpload(enterprise=enterprise, filename="old.csv", content=b"old")
    await old.save()
    stale = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    await RosterUpload.update({RosterUpload.created_at: stale}).where(RosterUpload.id == old.id)
    browser = await browser_en("hr@a.vn")
    await _upload_id(browser, enterprise, _csv([HEADER, _row("NV01")]))
    assert [row["filename"] for row in await RosterUpload.select()] == ["roster.csv"]


async def test_the_service_refuses_a_role_without_the_roster_permission():
    enterprise = await factories.enterprise()
    context = await factories.context(enterprise, Role.UNION)
    with pytest.raises(Forbidden):
        await uploading.upload(context, "a.csv", _csv([HEADER, _row("NV01")]))


async def test_the_service_rejects_all_rows_when_one_is_bad():
    enterprise = await _hr()  # user 1, the actor of factories.context
    context = await factories.context(enterprise)
    upload_id = await uploading.upload(
        context, "a.csv", _csv([HEADER, _row("NV01"), _row("NV02", union_member="maybe")])
    )
    with pytest.raises(ImportRejected) as rejected:
        await applying.run_import(context, upload_id, _all_columns())
    report = rejected.value.report
    assert (report.rows, report.rows_ok, report.rows_with_problems) == (2, 1, 1)
    assert [(p.row, p.column) for p in report.problems] == [(3, "Đoàn viên (J)")]
    assert await Worker.count() == 0


# The sample files --------------------------------------------------------------------------


def _generator():
    spec = importlib.util.spec_from_file_location("samples_generate", SAMPLES / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _values(content: bytes) -> list[list]:
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


@pytest.mark.unit
def test_the_sample_files_are_those_the_generator_writes():
    expected = _generator().build()
    for name in ("roster-sample.csv", "roster-one-bad-row.csv"):
        assert (SAMPLES / name).read_bytes() == expected[name], f"run samples/generate.py ({name})"
    xlsx = (SAMPLES / "roster-sample.xlsx").read_bytes()
    assert _values(xlsx) == _values(expected["roster-sample.xlsx"]), "run samples/generate.py"


async def _demo_units(enterprise: int) -> None:
    sewing = await factories.org_unit(enterprise, "Xưởng may 1")
    for name in ("Phòng Hành chính - Nhân sự", "Phòng Kế toán", "Xưởng cắt", "Kho vận"):
        await factories.org_unit(enterprise, name)
    for name in ("Tổ may 1A", "Tổ may 1B"):
        await factories.org_unit(enterprise, name, parent=sewing)


@pytest.mark.parametrize("name", ["roster-sample.xlsx", "roster-sample.csv"])
async def test_a_sample_file_adds_30_workers_to_the_demo_units(browser_en, name):
    enterprise = await _hr()
    await _demo_units(enterprise)
    browser = await browser_en("hr@a.vn")
    response = await _import(browser, enterprise, (SAMPLES / name).read_bytes(), name)
    assert response.status_code == 303, _text(response.text)
    assert await Worker.count() == 30
    codes = sorted(row["employee_code"] for row in await Worker.select(Worker.employee_code))
    assert codes[0] == "SHVN0101" and codes[-1] == "SHVN0130"


async def test_the_bad_row_sample_reports_exactly_its_one_problem(browser_en):
    enterprise = await _hr()
    await _demo_units(enterprise)
    browser = await browser_en("hr@a.vn")
    content = (SAMPLES / "roster-one-bad-row.csv").read_bytes()
    response = await _import(browser, enterprise, content)
    assert response.status_code == 422
    page = _text(response.text)
    assert "29 rows are ready; 1 rows have problems" in page
    assert "Row 8 · Ngày vào làm (G) 31/02/2024 is not a date of the calendar" in page
    assert await Worker.count() == 0


@pytest.mark.unit
def test_sample_rows_are_exported_rows():
    rows = _generator().sample_rows()
    assert len(rows) == 30 and all(isinstance(row, ExportRow) for row in rows)
    assert workbook_bytes(rows)[:2] == b"PK"
