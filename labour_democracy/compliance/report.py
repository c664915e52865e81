"""The federation's annual report (báo cáo kết quả thực hiện dân chủ ở cơ sở tại nơi làm việc)
as a Decree 30 .docx, its figures from the tallies: one paragraph per obligation the modules
declare, in the seed's words ("41/43 doanh nghiệp ... đạt 95,3%") with the items behind it
where counted (petitions resolved of those received), then the state-owned enterprises, and the
unions on the register."""

from __future__ import annotations

import datetime as dt
from typing import Any

from docx.document import Document

from labour_democracy.compliance import dashboard
from labour_democracy.compliance.tables import RegisterEntry
from labour_democracy.core.rates import percent
from labour_democracy.documents import layout
from labour_democracy.documents.registry import DocumentTemplate
from labour_democracy.documents.services import render_unnumbered
from labour_democracy.i18n import format_number, format_percentage, language
from labour_democracy.i18n import gettext as _

TEMPLATE = "compliance/annual_report.docx"


def build_template() -> Document:
    return layout.standard_template()


def _rate(figure) -> str:
    return "—" if figure.rate is None else format_percentage(figure.rate / 100)


def paragraphs(lines: list[dashboard.Line], soe: list[dashboard.Line], unions: dict) -> list[str]:
    """The report's paragraphs, in Vietnamese (call inside `language("vi")`). An obligation about
    many items (petitions answered) also gives how many were done of those due, over the
    enterprises that reported or recorded them."""
    body = ["I. KẾT QUẢ THỰC HIỆN CÁC NGHĨA VỤ VỀ DÂN CHỦ Ở CƠ SỞ TẠI NƠI LÀM VIỆC"]
    for number, line in enumerate(lines, start=1):
        f = line.figure
        body.append(
            f"{number}. {_(line.obligation.label)} ({line.obligation.legal_source}): "
            f"{f.held}/{f.eligible} doanh nghiệp thuộc diện ({_(line.obligation.applies_to)}, "
            f"từ {line.threshold} lao động trở lên) đã thực hiện, đạt {_rate(f)}; "
            f"{f.late} doanh nghiệp chưa thực hiện."
        )
        if line.items.eligible:
            body.append(
                f"   Tại các doanh nghiệp có số liệu (báo cáo hoặc ghi nhận trên ứng dụng): "
                f"{line.items.held}/{line.items.eligible} nội dung đã được giải quyết, "
                f"đạt {_rate(line.items)}."
            )
    body.append("II. DOANH NGHIỆP NHÀ NƯỚC")
    for line in soe:
        f = line.figure
        body.append(
            f"- {_(line.obligation.label)}: {f.held}/{f.eligible} doanh nghiệp nhà nước, "
            f"đạt {_rate(f)}."
        )
    body.append("III. TỔ CHỨC CÔNG ĐOÀN")
    body.append(
        f"Trên địa bàn có {format_number(unions['enterprises'])} doanh nghiệp trong sổ theo dõi "
        f"với {format_number(unions['workforce'])} người lao động; "
        f"{format_number(unions['with_union'])} doanh nghiệp có đoàn viên công đoàn, "
        f"{format_number(unions['members'])} đoàn viên "
        f"({_rate_of(unions['members'], unions['workforce'])} số người lao động)."
    )
    return body


def _rate_of(done: int, total: int) -> str:
    value = percent(done, total)
    return "—" if value is None else format_percentage(value / 100)


async def union_figures(v: dashboard.View) -> dict:
    args: list = []
    where = dashboard.scope_sql(v, args)
    row = (
        await RegisterEntry.raw(
            "SELECT COUNT(*) AS enterprises, COALESCE(SUM(r.workforce), 0) AS workforce,"
            " COALESCE(SUM(r.union_members), 0) AS members,"
            " SUM(CASE WHEN r.union_members > 0 THEN 1 ELSE 0 END) AS with_union"
            f" FROM compliance_register AS r WHERE {where}",
            *args,
        )
    )[0]
    return {key: int(value or 0) for key, value in row.items()}


async def context(v: dashboard.View, province_name: str, on: dt.date) -> dict[str, Any]:
    lines = await dashboard.totals(v)
    soe_view = dashboard.View(
        scope=v.scope,
        filters=dashboard.Filters(
            year=v.filters.year, province=v.filters.province, ownership="state_owned"
        ),
        province_ids=v.province_ids,
        union_ids=v.union_ids,
        thresholds=v.thresholds,
        owed=v.owed,
    )
    soe = await dashboard.totals(soe_view)
    unions = await union_figures(v)
    with language("vi"):
        body = paragraphs(lines, soe, unions)
    return layout.standard_context(
        superior_body="TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM",
        issuer=f"LIÊN ĐOÀN LAO ĐỘNG {province_name}",
        place=province_name.removeprefix("Tỉnh ").removeprefix("Thành phố "),
        date=on,
        doc_type="BÁO CÁO",
        summary=f"Kết quả thực hiện dân chủ ở cơ sở tại nơi làm việc năm {v.filters.year}",
        body=body,
        signer_authority="TM. BAN THƯỜNG VỤ",
        signer_title="CHỦ TỊCH",
        signer_name="",
        recipients=["Tổng Liên đoàn Lao động Việt Nam (để báo cáo);", "Lưu: VT."],
    )


async def render(v: dashboard.View, province_name: str, on: dt.date) -> bytes:
    return await render_unnumbered(TEMPLATE, await context(v, province_name, on))


def sample_context() -> dict[str, Any]:
    return layout.standard_context(
        superior_body="TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM",
        issuer="LIÊN ĐOÀN LAO ĐỘNG TỈNH THÁI NGUYÊN",
        reference="01/BC-LĐLĐ",
        place="Thái Nguyên",
        date=dt.date(2026, 12, 15),
        doc_type="BÁO CÁO",
        summary="Kết quả thực hiện dân chủ ở cơ sở tại nơi làm việc năm 2026",
        body=[
            "I. KẾT QUẢ THỰC HIỆN",
            "1. Hội nghị người lao động: 41/43 doanh nghiệp đã thực hiện, đạt 95,3%.",
        ],
        signer_authority="TM. BAN THƯỜNG VỤ",
        signer_title="CHỦ TỊCH",
        signer_name="",
        recipients=["Tổng Liên đoàn Lao động Việt Nam (để báo cáo);", "Lưu: VT."],
    )


TEMPLATES = (DocumentTemplate(TEMPLATE, build_template, sample_context),)
