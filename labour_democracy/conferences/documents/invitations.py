"""The documents of who is convened: the invitations (Giấy mời, one page per delegate with a
personal check-in QR code), the delegate list and the attendance sheet (Danh sách)."""

from __future__ import annotations

import datetime as dt
import io
import re
import secrets
import zipfile
from typing import Any

from labour_democracy.conferences.documents.common import (
    Head,
    conference_context,
    conference_name,
    head_of,
    issue_document,
    local_time,
    opening_text,
    share_text,
    when_text,
)
from labour_democracy.conferences.documents.records import (
    DelegateRow,
    conference_of,
    read_delegates,
)
from labour_democracy.conferences.documents.templates import (
    ATTENDANCE_SHEET,
    ATTENDANCE_SHEET_KIND,
    DELEGATE_LIST,
    DELEGATE_LIST_KIND,
    INVITATION,
    INVITATION_KIND,
)
from labour_democracy.conferences.queries import checkin_url, require
from labour_democracy.conferences.tables import (
    Conference,
    DelegateKind,
)
from labour_democracy.core.errors import Conflict
from labour_democracy.core.permissions import VIEW_ROSTER
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import format_number, today
from labour_democracy.i18n import gettext as _
from labour_democracy.settings import get_settings
from labour_democracy.voting.slips import qr_picture_run, qr_png

# The invitation's QR placeholder, with a random part so no text a person types can match it,
# and the run docxtpl writes around it.
_QR_TOKEN = secrets.token_hex(8)
_QR_RUN = re.compile(
    r"<w:r>(?:(?!</w:r>).)*?@@" + _QR_TOKEN + r"-(\d+)@@(?:(?!</w:r>).)*?</w:r>", re.DOTALL
)


def invitation_context(
    head: Head,
    conference: Conference,
    delegates: list[DelegateRow],
    on: dt.date,
) -> dict[str, Any]:
    body = [
        f"Tới dự {conference_name(conference)} của {head.name}.",
        f"Thời gian: {when_text(conference)}.",
        f"Địa điểm: {conference.venue}.",
        "Đề nghị Ông/Bà nghiên cứu các tài liệu gửi kèm và đến dự đúng giờ.",
    ]
    items = [
        {
            "name": delegate.name,
            "unit": _unit_line(delegate),
            "code": delegate.checkin_code,
            "qr": f"@@{_QR_TOKEN}-{index}@@",
        }
        for index, delegate in enumerate(delegates, start=1)
    ]
    return conference_context(
        head,
        conference,
        doc_type="GIẤY MỜI",
        summary=f"Dự {conference_name(conference)}",
        on=on,
        body=body,
        recipients=["Đại biểu được triệu tập;", "Lưu: VT."],
        delegates=items,
        checkin_hint=("Khi đến hội nghị, xin đưa mã QR này để điểm danh (hoặc đọc mã điểm danh)."),
    )


def _unit_line(delegate: DelegateRow) -> str:
    if delegate.kind == DelegateKind.EX_OFFICIO:
        return f"Đại biểu đương nhiên{' — ' + delegate.role if delegate.role else ''}"
    return f"Đơn vị: {delegate.unit}" if delegate.unit else ""


def _totals(delegates: list[DelegateRow]) -> list[str]:
    ex_officio = sum(1 for d in delegates if d.kind == DelegateKind.EX_OFFICIO)
    units: dict[str, int] = {}
    for delegate in delegates:
        if delegate.kind != DelegateKind.EX_OFFICIO:
            units[delegate.unit] = units.get(delegate.unit, 0) + 1
    lines = [f"Tổng số đại biểu được triệu tập: {format_number(len(delegates))}."]
    if ex_officio:
        lines.append(f"Đại biểu đương nhiên: {format_number(ex_officio)}.")
    lines += [
        f"{unit or 'Không thuộc đơn vị'}: {format_number(count)} đại biểu."
        for unit, count in units.items()
    ]
    return lines


def _delegate_rows(delegates: list[DelegateRow]) -> list[dict[str, Any]]:
    """One row per delegate; the unit printed on the first row of each group only."""
    rows, previous = [], None
    for number, delegate in enumerate(delegates, start=1):
        ex_officio = delegate.kind == DelegateKind.EX_OFFICIO
        group = "Đại biểu đương nhiên" if ex_officio else delegate.unit
        rows.append(
            {
                "number": number,
                "unit": group if group != previous else "",
                "name": delegate.name,
                "code": delegate.code,
                "note": (
                    delegate.role or delegate.unit
                    if delegate.kind == DelegateKind.EX_OFFICIO
                    else ""
                ),
            }
        )
        previous = group
    return rows


def delegate_list_context(
    head: Head, conference: Conference, delegates: list[DelegateRow], on: dt.date
) -> dict[str, Any]:
    return conference_context(
        head,
        conference,
        doc_type="DANH SÁCH",
        summary=f"Đại biểu dự {conference_name(conference)}",
        on=on,
        body=[opening_text(head, conference)],
        recipients=["Ban tổ chức hội nghị;", "Lưu: VT."],
        delegates=_delegate_rows(delegates),
        totals=_totals(delegates),
    )


def attendance_context(
    head: Head, conference: Conference, delegates: list[DelegateRow], on: dt.date
) -> dict[str, Any]:
    present = sum(1 for d in delegates if d.checked_in_at)
    rows = [
        {
            "number": number,
            "name": delegate.name,
            "unit": (
                "Đại biểu đương nhiên"
                if delegate.kind == DelegateKind.EX_OFFICIO
                else delegate.unit
            ),
            "checked_in": (
                local_time(delegate.checked_in_at).strftime("%H:%M")
                if delegate.checked_in_at
                else ""
            ),
        }
        for number, delegate in enumerate(delegates, start=1)
    ]
    totals = [f"Tổng số đại biểu được triệu tập: {format_number(len(delegates))}."]
    if present:
        totals.append(
            f"Số đại biểu đã điểm danh: {format_number(present)} "
            f"({format_number(present)}/{format_number(len(delegates))} đại biểu được triệu tập"
            f" = {share_text(present, len(delegates))})."
        )
    return conference_context(
        head,
        conference,
        doc_type="DANH SÁCH",
        summary=f"Điểm danh đại biểu dự {conference_name(conference)}",
        on=on,
        body=[
            opening_text(head, conference),
            "Đại biểu ký tên khi đến dự hội nghị; cột “Điểm danh” ghi giờ điểm danh bằng mã QR.",
        ],
        recipients=["Ban tổ chức hội nghị;", "Lưu: VT."],
        delegates=rows,
        totals=totals,
    )


# Invitations' QR codes --------------------------------------------------------------------------


def _with_qr_codes(content: bytes, urls: list[str]) -> bytes:
    """Replace the n-th delegate's QR placeholder run with the QR image of the n-th URL.

    Written into the package directly, as voting/slips.py does: python-docx's image API
    rescans every part per image, too slow for a thousand delegates."""
    images = {n: qr_png(url) for n, url in enumerate(urls, start=1)}
    source = zipfile.ZipFile(io.BytesIO(content))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = _QR_RUN.sub(
                    lambda m: qr_picture_run(f"rIdQr{m.group(1)}", 10_000 + int(m.group(1))),
                    data.decode(),
                ).encode()
            elif item.filename == "word/_rels/document.xml.rels":
                links = "".join(
                    f'<Relationship Id="rIdQr{n}" Type="http://schemas.openxmlformats.org/'
                    f'officeDocument/2006/relationships/image" Target="media/qr{n}.png"/>'
                    for n in images
                )
                data = data.decode().replace("</Relationships>", links + "</Relationships>")
                data = data.encode()
            elif item.filename == "[Content_Types].xml" and b'Extension="png"' not in data:
                data = data.replace(
                    b"<Default ", b'<Default Extension="png" ContentType="image/png"/><Default ', 1
                )
            package.writestr(item, data)
        for n, png in images.items():
            package.writestr(zipfile.ZipInfo(f"word/media/qr{n}.png"), png, zipfile.ZIP_STORED)
    return output.getvalue()


async def issue_invitations(context: EnterpriseContext, conference_id: int) -> IssuedDocument:
    """Giấy mời: one numbered .docx, a page per convened delegate with their check-in QR."""
    require(context)
    conference = await conference_of(context, conference_id)
    delegates = await read_delegates(conference.id)
    if not delegates:
        raise Conflict(_("Add the delegates before issuing their invitations."))
    head = await head_of(context)
    on = today()
    base = get_settings().base_url
    urls = [
        checkin_url(base, context.enterprise_id, conference.id, delegate.checkin_code)
        for delegate in delegates
    ]
    return await issue_document(
        context,
        conference,
        kind=INVITATION_KIND,
        type_code="GM",
        template=INVITATION,
        document_context=invitation_context(head, conference, delegates, on),
        on=on,
        finish=lambda content: _with_qr_codes(content, urls),
        reuse_unchanged=True,
    )


async def delegate_list(context: EnterpriseContext, conference_id: int) -> IssuedDocument:
    """Danh sách đại biểu, by unit, ex-officio delegates marked: numbered ("01/DS-SHVN"), and
    the same document again while the list has not changed."""
    require(context, VIEW_ROSTER)
    conference = await conference_of(context, conference_id)
    head = await head_of(context)
    on = today()
    sheet = delegate_list_context(head, conference, await read_delegates(conference.id), on)
    return await issue_document(
        context,
        conference,
        kind=DELEGATE_LIST_KIND,
        type_code="DS",
        template=DELEGATE_LIST,
        document_context=sheet,
        on=on,
        reuse_unchanged=True,
    )


async def attendance_sheet(context: EnterpriseContext, conference_id: int) -> IssuedDocument:
    """Danh sách điểm danh đại biểu, with a column to sign and the check-in times so far:
    numbered, and the same document again while nobody else has checked in."""
    require(context, VIEW_ROSTER)
    conference = await conference_of(context, conference_id)
    head = await head_of(context)
    on = today()
    sheet = attendance_context(head, conference, await read_delegates(conference.id), on)
    return await issue_document(
        context,
        conference,
        kind=ATTENDANCE_SHEET_KIND,
        type_code="DS",
        template=ATTENDANCE_SHEET,
        document_context=sheet,
        on=on,
        reuse_unchanged=True,
    )
