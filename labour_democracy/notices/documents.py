"""The notice document (Thông báo): its template and its context."""

from __future__ import annotations

import datetime as dt
from typing import Any

from docx.document import Document

from labour_democracy.documents import layout, rules
from labour_democracy.documents.registry import DocumentTemplate
from labour_democracy.documents.rules import DOCUMENT_TYPES
from labour_democracy.i18n import N_
from labour_democracy.manifest import DocumentKind

TEMPLATE = "notices/notice.docx"
KIND = "notice"
TYPE_CODE = "TB"


def build_template() -> Document:
    return layout.standard_template()


def notice_context(
    *,
    issuer: str,
    subject: str,
    body: str,
    place: str,
    issued_on: dt.date,
    signer_authority: str,
    signer_title: str,
    signer_name: str,
    recipients: str,
) -> dict[str, Any]:
    return layout.standard_context(
        issuer=issuer,
        place=place,
        date=issued_on,
        doc_type=DOCUMENT_TYPES[TYPE_CODE],
        summary=subject,
        body=[body],
        signer_authority=signer_authority,
        signer_title=signer_title,
        signer_name=signer_name,
        recipients=recipients.splitlines(),
    )


def sample_context() -> dict[str, Any]:
    context = notice_context(
        issuer="Công ty TNHH Sản xuất Hàng may Việt Nam",
        subject="Về việc tổ chức Hội nghị người lao động năm 2026",
        body=(
            f"Căn cứ {rules.LABOUR_CODE} và {rules.DECREE_145};\n"
            "Công ty thông báo tới toàn thể người lao động lịch tổ chức Hội nghị người lao "
            "động năm 2026 như sau: ..."
        ),
        place="Bắc Ninh",
        issued_on=dt.date(2026, 1, 5),
        signer_authority="TM. Ban Giám đốc",
        signer_title="Giám đốc",
        signer_name="Nguyễn Văn An",
        recipients="Như trên;\nLưu: VT, HCNS.",
    )
    context["header"]["reference"] = "01/TB-SHVN"
    return {**context, "reference": "01/TB-SHVN", "number": 1}


# Declared in the module's manifest.
TEMPLATES = (DocumentTemplate(TEMPLATE, build_template, sample_context),)
KINDS = (DocumentKind(KIND, N_("Notice")),)
