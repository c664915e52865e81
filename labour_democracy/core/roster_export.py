"""The roster as an Excel workbook (xuất danh sách người lao động ra Excel).

The columns carry Vietnamese headers and words that the import recognises, so a file
exported, edited in Excel and imported again changes exactly what was edited. Dates are real
Excel dates; codes and phone numbers are text cells, so Excel keeps their leading zeros.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

import msgspec
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from labour_democracy.core import roster
from labour_democracy.core.errors import Forbidden
from labour_democracy.core.permissions import VIEW_ROSTER
from labour_democracy.core.roster_import.fields import Field
from labour_democracy.core.roster_import.units import unit_directory
from labour_democracy.core.schemas import RosterQuery
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import ContractType, Gender
from labour_democracy.i18n import today

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE = "Danh sách người lao động"
HEADERS = {
    Field.EMPLOYEE_CODE: "Mã NV",
    Field.FULL_NAME: "Họ và tên",
    Field.GENDER: "Giới tính",
    Field.ORG_UNIT: "Phòng ban",
    Field.POSITION: "Chức vụ",
    Field.CONTRACT_TYPE: "Loại hợp đồng",
    Field.START_DATE: "Ngày vào làm",
    Field.END_DATE: "Ngày nghỉ việc",
    Field.NATIONALITY: "Quốc tịch",
    Field.UNION_MEMBER: "Đoàn viên",
    Field.PHONE: "Số điện thoại",
    Field.EMAIL: "Email",
}
GENDER_WORDS = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ", Gender.OTHER: "Khác"}
CONTRACT_WORDS = {
    ContractType.INDEFINITE: "Không xác định thời hạn",
    ContractType.FIXED_TERM: "Xác định thời hạn",
    ContractType.SEASONAL: "Mùa vụ hoặc dưới 12 tháng",
}
UNION_MEMBER_MARK = "x"
_WIDTHS = {
    Field.EMPLOYEE_CODE: 12,
    Field.FULL_NAME: 28,
    Field.ORG_UNIT: 26,
    Field.POSITION: 20,
    Field.CONTRACT_TYPE: 26,
    Field.START_DATE: 14,
    Field.END_DATE: 14,
    Field.PHONE: 16,
    Field.EMAIL: 28,
}
_TEXT_FIELDS = (Field.EMPLOYEE_CODE, Field.PHONE)
_DATE_FORMAT = "dd/mm/yyyy"


@dataclass(frozen=True)
class ExportRow:
    """One worker as the workbook shows it."""

    employee_code: str
    full_name: str
    gender: Gender
    unit: str
    position: str
    contract_type: ContractType
    start_date: dt.date | None
    end_date: dt.date | None
    nationality: str
    union_member: bool
    phone: str | None
    email: str | None

    def cells(self) -> dict[Field, object]:
        return {
            Field.EMPLOYEE_CODE: self.employee_code,
            Field.FULL_NAME: self.full_name,
            Field.GENDER: GENDER_WORDS[self.gender],
            Field.ORG_UNIT: self.unit,
            Field.POSITION: self.position,
            Field.CONTRACT_TYPE: CONTRACT_WORDS[self.contract_type],
            Field.START_DATE: self.start_date,
            Field.END_DATE: self.end_date,
            Field.NATIONALITY: self.nationality,
            Field.UNION_MEMBER: UNION_MEMBER_MARK if self.union_member else "",
            Field.PHONE: self.phone or "",
            Field.EMAIL: self.email or "",
        }


def workbook_bytes(rows: Iterable[ExportRow]) -> bytes:
    """An .xlsx file: one header row, then one row per worker."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    for index, field_ in enumerate(HEADERS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(field_, 12)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for text in HEADERS.values():
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        cells = row.cells()
        written = []
        for field_ in HEADERS:
            cell = WriteOnlyCell(sheet, value=cells[field_])
            if cell.data_type == "f":
                # openpyxl takes text starting with "=" for a formula; a name typed that way
                # must stay text, not run in the reader's Excel.
                cell.data_type = "s"
            if field_ in _TEXT_FIELDS:
                cell.number_format = "@"
            elif isinstance(cells[field_], dt.date):
                cell.number_format = _DATE_FORMAT
            written.append(cell)
        sheet.append(written)
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{count + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(symbol: str, on: dt.date) -> str:
    safe_symbol = re.sub(r"[^A-Za-z0-9]+", "-", symbol).strip("-") or "roster"
    return f"danh-sach-nguoi-lao-dong-{safe_symbol}-{on.isoformat()}.xlsx"


async def _listed_workers(context: EnterpriseContext, query: RosterQuery) -> list[dict]:
    """Every worker the roster page lists with these filters, in its order, page after page
    (the page's own use case, so the file holds exactly what the page shows)."""
    workers: list[dict] = []
    page = 1
    while True:
        listing = await roster.list_workers(
            context, msgspec.structs.replace(query, page=page, per_page=roster.MAX_PER_PAGE)
        )
        workers += listing.rows
        if page >= listing.pages:
            return workers
        page += 1


async def export_roster(context: EnterpriseContext, query: RosterQuery) -> tuple[bytes, str]:
    """The workers the roster page lists with these filters, as .xlsx bytes and a file name."""
    if not context.can(VIEW_ROSTER):
        raise Forbidden
    units = await unit_directory(context.enterprise_id)
    rows = [
        ExportRow(
            employee_code=worker["employee_code"],
            full_name=worker["full_name"],
            gender=Gender(worker["gender"]),
            unit=units.label(worker["org_unit"]),
            position=worker["position"],
            contract_type=ContractType(worker["contract_type"]),
            start_date=worker["start_date"],
            end_date=worker["end_date"],
            nationality=worker["nationality"],
            union_member=bool(worker["union_member"]),
            phone=worker["phone"],
            email=worker["email"],
        )
        for worker in await _listed_workers(context, query)
    ]
    content = await asyncio.to_thread(workbook_bytes, rows)
    return content, export_filename(context.enterprise.symbol, today())
