"""Roster export: the workbook's form, the roster page's filters, and the round trip."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest

from labour_democracy.core.roster_export import HEADERS, XLSX_MEDIA_TYPE
from labour_democracy.core.roster_import.fields import Field
from labour_democracy.core.tables import AuditEntry, ContractType, Gender, Role, Worker
from tests import factories

COLUMN = {field: index for index, field in enumerate(HEADERS)}


@pytest.fixture
def browser_en(browser_for):
    async def make(email: str = "hr@a.vn"):
        browser = await browser_for(email)
        assert (await browser.post("/language", {"language": "en"})).status_code == 303
        return browser

    return make


def _rows(content: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


async def _export(browser, enterprise: int, **query) -> bytes:
    response = await browser.get(f"/enterprises/{enterprise}/workers/export.xlsx", params=query)
    assert response.status_code == 200, response.text
    return response.content


def _codes(content: bytes) -> list[str]:
    return [row[COLUMN[Field.EMPLOYEE_CODE]] for row in _rows(content)[1:]]


async def test_the_workbook_has_vietnamese_headers_real_dates_and_text_codes(browser_en):
    enterprise = await factories.enterprise(symbol="SHVN")
    await factories.user("hr@a.vn", Role.HR, enterprise)
    unit = await factories.org_unit(enterprise, "Tổ may 1A")
    await factories.worker(
        enterprise,
        "Đỗ Thị Hương Giang",
        code="00123",
        org_unit=unit,
        phone="0912345678",
        start_date=dt.date(2020, 1, 5),
        union_member=True,
        contract_type=ContractType.SEASONAL,
    )
    browser = await browser_en()
    response = await browser.get(f"/enterprises/{enterprise}/workers/export.xlsx")
    assert response.headers["content-type"].startswith(XLSX_MEDIA_TYPE)
    disposition = response.headers["content-disposition"]
    assert re.fullmatch(
        r'attachment; filename="danh-sach-nguoi-lao-dong-SHVN-\d{4}-\d{2}-\d{2}\.xlsx"',
        disposition,
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == list(HEADERS.values())
    row = sheet[2]
    code, start, phone = (
        row[COLUMN[f]] for f in (Field.EMPLOYEE_CODE, Field.START_DATE, Field.PHONE)
    )
    assert (code.value, code.data_type, code.number_format) == ("00123", "s", "@")
    assert (phone.value, phone.data_type) == ("0912345678", "s")
    assert start.value == dt.datetime(2020, 1, 5) and start.is_date
    assert start.number_format == "dd/mm/yyyy"
    values = [cell.value for cell in row]
    assert values[COLUMN[Field.FULL_NAME]] == "Đỗ Thị Hương Giang"
    assert values[COLUMN[Field.GENDER]] == "Nữ"
    assert values[COLUMN[Field.ORG_UNIT]] == "Tổ may 1A"
    assert values[COLUMN[Field.CONTRACT_TYPE]] == "Mùa vụ hoặc dưới 12 tháng"
    assert values[COLUMN[Field.UNION_MEMBER]] == "x"
    assert values[COLUMN[Field.NATIONALITY]] == "VN"


async def test_an_empty_roster_exports_the_header_row_to_fill_in(browser_en):
    enterprise = await factories.enterprise()
    await factories.user("hr@a.vn", Role.HR, enterprise)
    rows = _rows(await _export(await browser_en(), enterprise))
    assert rows == [list(HEADERS.values())]


async def test_the_export_lists_what_the_roster_page_lists(browser_en):
    enterprise = await factories.enterprise()
    await factories.user("hr@a.vn", Role.HR, enterprise)
    sewing = await factories.org_unit(enterprise, "Xưởng may")
    cutting = await factories.org_unit(enterprise, "Xưởng cắt")
    await factories.worker(enterprise, "Nguyễn Thị An", code="A1", org_unit=sewing)
    await factories.worker(
        enterprise, "Trần Văn Bảo", code="A2", org_unit=cutting, union_member=True
    )
    await factories.worker(
        enterprise, "Nguyễn Văn Cường", code="A3", end_date=dt.date(2024, 12, 31)
    )
    browser = await browser_en()
    assert _codes(await _export(browser, enterprise)) == ["A1", "A2"]  # active ones by default
    assert _codes(await _export(browser, enterprise, status="all", q="nguyen")) == ["A1", "A3"]
    assert _codes(await _export(browser, enterprise, status="left")) == ["A3"]
    assert _codes(await _export(browser, enterprise, org_unit=cutting)) == ["A2"]
    assert _codes(await _export(browser, enterprise, union_member="yes")) == ["A2"]
    sorted_by_code = await _export(browser, enterprise, status="all", sort="code", descending=1)
    assert _codes(sorted_by_code) == ["A3", "A2", "A1"]


async def test_a_large_roster_is_exported_whole(browser_en):
    enterprise = await factories.enterprise()
    await factories.user("hr@a.vn", Role.HR, enterprise)
    await factories.workers(enterprise, 450)
    assert len(_codes(await _export(await browser_en(), enterprise))) == 450


async def test_the_export_link_follows_the_roster_filters(browser_en):
    enterprise = await factories.enterprise()
    await factories.user("hr@a.vn", Role.HR, enterprise)
    browser = await browser_en()
    page = await browser.get(f"/enterprises/{enterprise}/workers", params={"q": "lan"})
    assert re.search(r'id="roster-export" href="[^"]*export\.xlsx\?q=lan&amp;', page.text)
    fragment = await browser.get(
        f"/enterprises/{enterprise}/workers",
        params={"union_member": "yes"},
        headers={"hx-request": "true"},
    )
    link = re.search(r'<a[^>]*id="roster-export"[^>]*>', fragment.text).group(0)
    assert 'hx-swap-oob="true"' in link and "union_member=yes" in link


async def test_who_may_export(browser_for):
    enterprise = await factories.enterprise()
    other = await factories.enterprise("Công ty B")
    await factories.user("union@a.vn", Role.UNION, enterprise)
    await factories.user("federation@a.vn", Role.FEDERATION, province="24")
    await factories.user("hr@b.vn", Role.HR, other)
    url = f"/enterprises/{enterprise}/workers/export.xlsx"
    assert (await (await browser_for("union@a.vn")).get(url)).status_code == 200
    # The federation sees counts, not the personal data of the roster.
    assert (await (await browser_for("federation@a.vn")).get(url)).status_code == 403
    assert (await (await browser_for("hr@b.vn")).get(url)).status_code == 404


async def test_export_then_import_changes_nothing_and_keeps_every_diacritic(browser_en):
    enterprise = await factories.enterprise()
    await factories.user("hr@a.vn", Role.HR, enterprise)
    first = await factories.org_unit(enterprise, "Xưởng may 1")
    second = await factories.org_unit(enterprise, "Xưởng may 2")
    team_one = await factories.org_unit(enterprise, "Tổ 1", parent=first)
    team_two = await factories.org_unit(enterprise, "Tổ 1", parent=second)
    people = [
        ("NV01", "Nguyễn Thị Ánh Tuyết", {"org_unit": team_one, "phone": "0912345678"}),
        ("NV02", "Trần Quốc Việt", {"org_unit": team_two, "gender": Gender.MALE}),
        ("NV03", "Lê Thị Thuỷ", {"union_member": True, "email": "thuy@example.vn"}),
        ("NV04", "Phạm Ngọc Ẩn", {"end_date": dt.date(2025, 6, 30), "position": "Tổ trưởng"}),
        ("007", "Kim Min-jun", {"nationality": "KR", "contract_type": ContractType.FIXED_TERM}),
        ("NV06", "Đặng Thị Yến", {"org_unit": first, "start_date": None}),
    ]
    for code, name, values in people:
        await factories.worker(enterprise, name, code=code, **values)
    before = await Worker.select().order_by(Worker.id)
    browser = await browser_en()
    content = await _export(browser, enterprise, status="all")
    upload = await browser.post(
        f"/enterprises/{enterprise}/workers/import",
        files={"file": ("export.xlsx", content, XLSX_MEDIA_TYPE)},
    )
    assert upload.status_code == 303
    mapping_page = await browser.get(upload.headers["location"])
    assert "Tổ 1" in mapping_page.text
    form = {f"map_{field}": str(index) for field, index in COLUMN.items()}
    response = await browser.post(upload.headers["location"], {**form, "action": "import"})
    assert response.status_code == 303, response.text
    roster = await browser.get(response.headers["location"])
    assert "0 added, 0 updated, 6 unchanged" in roster.text
    assert await Worker.select().order_by(Worker.id) == before
    assert await AuditEntry.exists().where(AuditEntry.action == "roster.imported")


async def test_text_that_looks_like_a_formula_stays_text(browser_en):
    enterprise = await factories.enterprise()
    await factories.user("hr@a.vn", Role.HR, enterprise)
    await factories.worker(enterprise, '=HYPERLINK("http://example.com","x")', code="=1+1")
    content = await _export(await browser_en(), enterprise)
    row = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0][2]
    code, name = row[COLUMN[Field.EMPLOYEE_CODE]], row[COLUMN[Field.FULL_NAME]]
    assert (code.value, code.data_type) == ("=1+1", "s")
    assert (name.value, name.data_type) == ('=HYPERLINK("http://example.com","x")', "s")
