"""Write the sample roster files: `.venv/bin/python samples/generate.py`.

roster-sample.xlsx and roster-sample.csv hold the same 30 new workers (codes SHVN0101..0130)
of the demo garment company, in the demo's units, as the roster export writes them;
roster-one-bad-row.csv is the CSV with a start date that does not exist (31/02/2024) in one
row, for the browser test "import, see the error, fix the file, import". A test
(tests/core/test_roster_import.py) regenerates them and fails if the files differ.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from labour_democracy.core.roster_export import HEADERS, ExportRow, workbook_bytes
from labour_democracy.core.roster_import.fields import Field
from labour_democracy.core.tables import ContractType, Gender

SAMPLES = Path(__file__).resolve().parent
BAD_CODE = "SHVN0107"
BAD_START_DATE = "31/02/2024"

_PEOPLE = (
    ("Nguyễn Thị Hồng Nhung", Gender.FEMALE),
    ("Trần Văn Đức", Gender.MALE),
    ("Lê Thị Thuỷ", Gender.FEMALE),
    ("Phạm Quốc Việt", Gender.MALE),
    ("Hoàng Thị Ngọc Ánh", Gender.FEMALE),
    ("Vũ Đức Thắng", Gender.MALE),
    ("Đặng Thị Yến", Gender.FEMALE),
    ("Bùi Minh Khôi", Gender.MALE),
    ("Đỗ Thị Hương Giang", Gender.FEMALE),
    ("Ngô Quang Huy", Gender.MALE),
    ("Dương Thị Thu Hà", Gender.FEMALE),
    ("Lý Văn Phước", Gender.MALE),
    ("Phan Thị Mỹ Duyên", Gender.FEMALE),
    ("Huỳnh Văn Lộc", Gender.MALE),
    ("Võ Thị Kiều Oanh", Gender.FEMALE),
    ("Hồ Ngọc Quỳnh", Gender.FEMALE),
    ("Trịnh Văn Sơn", Gender.MALE),
    ("Mai Thị Lụa", Gender.FEMALE),
    ("Đinh Công Tráng", Gender.MALE),
    ("Kim Min-jun", Gender.MALE),
    ("Cao Thị Nguyệt", Gender.FEMALE),
    ("Lương Văn Tú", Gender.MALE),
    ("Tạ Thị Hằng", Gender.FEMALE),
    ("Quách Thị Ngân", Gender.FEMALE),
    ("Châu Văn Lực", Gender.MALE),
    ("Lâm Thị Bích Ngọc", Gender.FEMALE),
    ("Triệu Thị Xuân", Gender.FEMALE),
    ("Đoàn Văn Hậu", Gender.MALE),
    ("Nguyễn Thị Ánh Tuyết", Gender.FEMALE),
    ("Trần Thị Ngọc Hân", Gender.FEMALE),
)
# The demo's units (labour_democracy/core/demo.py), sewing teams most often, as in a factory.
_UNITS = (
    "Tổ may 1A",
    "Tổ may 1B",
    "Xưởng cắt",
    "Tổ may 1A",
    "Kho vận",
    "Tổ may 1B",
    "Phòng Kế toán",
    "Tổ may 1A",
    "Phòng Hành chính - Nhân sự",
    "Xưởng may 1",
)
_CONTRACTS = (ContractType.INDEFINITE, ContractType.FIXED_TERM, ContractType.SEASONAL)


def sample_rows() -> list[ExportRow]:
    rows = []
    for number, (name, gender) in enumerate(_PEOPLE, 1):
        korean = name == "Kim Min-jun"
        unit = _UNITS[number % len(_UNITS)]
        rows.append(
            ExportRow(
                employee_code=f"SHVN{100 + number:04d}",
                full_name=name,
                gender=gender,
                unit="Xưởng may 1" if korean else unit,
                position=(
                    "Chuyên gia kỹ thuật"
                    if korean
                    else "Công nhân may"
                    if unit.startswith("Tổ may")
                    else "Nhân viên"
                ),
                contract_type=ContractType.FIXED_TERM if korean else _CONTRACTS[number % 7 % 3],
                start_date=dt.date(2019, 3, 1) + dt.timedelta(days=53 * number),
                end_date=dt.date(2025, 12, 31) if number == 30 else None,
                nationality="KR" if korean else "VN",
                union_member=not korean and number % 5 != 0,
                phone=None if number % 6 == 0 else f"09{(number * 7_654_321) % 100_000_000:08d}",
                email=f"nv{100 + number}@songhong.example.vn" if number % 4 == 0 else None,
            )
        )
    return rows


def _csv_value(value: object) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def csv_bytes(rows: list[ExportRow], bad_code: str | None = None) -> bytes:
    """CSV as Excel's "CSV UTF-8" writes it: a byte-order mark, commas, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS.values())
    for row in rows:
        cells = {field: _csv_value(value) for field, value in row.cells().items()}
        if row.employee_code == bad_code:
            cells[Field.START_DATE] = BAD_START_DATE
        writer.writerow(cells[field] for field in HEADERS)
    return "\ufeff".encode() + buffer.getvalue().encode()


def build() -> dict[str, bytes]:
    rows = sample_rows()
    return {
        "roster-sample.xlsx": workbook_bytes(rows),
        "roster-sample.csv": csv_bytes(rows),
        "roster-one-bad-row.csv": csv_bytes(rows, bad_code=BAD_CODE),
    }


def main() -> None:
    for name, content in build().items():
        (SAMPLES / name).write_bytes(content)
        print(f"wrote samples/{name}")


if __name__ == "__main__":
    main()
