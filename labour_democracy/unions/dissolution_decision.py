"""The upper-level union's decision dissolving a grassroots union (quyết định giải thể công đoàn
cơ sở): its own template (so `documents samples` writes one), drafted from the recorded
reason and date, numbered in the upper-level union's series. Vietnamese only.

It cites what law.md names: the Labour Code's Art. 171 (dissolution follows the Trade Union
Law), the Trade Union Law and the VGCL Charter, without an article of the Charter the app has
not read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from docx.document import Document

from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.documents import layout
from labour_democracy.documents import services as documents
from labour_democracy.documents.registry import DocumentTemplate
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import N_, format_date, language
from labour_democracy.manifest import DocumentKind
from labour_democracy.unions import rules
from labour_democracy.unions.documents import CHARTER, TRADE_UNION_LAW, UPPER_SYMBOL, upper_context

TEMPLATE = "unions/dissolution_decision.docx"
KIND = "union_dissolution_decision"


def build() -> Document:
    return layout.standard_template(layout.add_body)


def reason_words(reason: rules.DissolutionReason, text: str) -> str:
    if reason is rules.DissolutionReason.OTHER:
        return text
    words = rules.DISSOLUTION_REASON_WORDS[reason]
    return f"{words} ({text})" if text else words


def decision_context(
    *,
    union_name: str,
    upper_union: str,
    enterprise: str,
    recognition: str,
    place: str,
    on: dt.date,
    reason: str,
    signer: str,
) -> dict[str, Any]:
    recognised = f" (quyết định công nhận số {recognition})" if recognition else ""
    with language("vi"):  # documents are Vietnamese whatever the reader's language
        day = format_date(on, "long")
    body = [
        f"Căn cứ {rules.DISSOLUTION_BASIS};",
        f"Căn cứ {TRADE_UNION_LAW};",
        f"Căn cứ {CHARTER};",
        f"Xét tình hình của {union_name}: {reason},",
        f"Điều 1. Giải thể {union_name}{recognised}, trực thuộc {upper_union}, kể từ {day}.",
        "Điều 2. Danh sách đoàn viên của công đoàn cơ sở được lưu giữ; kể từ ngày giải thể, "
        "công đoàn cơ sở không còn sử dụng tiêu đề văn bản và số văn bản của mình. Từ ngày này, "
        f"{enterprise} không có công đoàn cơ sở cho đến khi công đoàn cơ sở mới được thành "
        "lập và công nhận.",
        "Điều 3. Quyết định có hiệu lực kể từ ngày ký.",
    ]
    return upper_context(
        upper_union=upper_union,
        place=place,
        on=on,
        summary=f"Về việc giải thể {union_name}",
        body=body,
        signer=signer,
        recipients=["Như Điều 1;", f"{enterprise} (để biết);", "Lưu: VT."],
        people=[],
        closing=[],
    )


async def issue(
    context: EnterpriseContext,
    union,
    *,
    reason: rules.DissolutionReason,
    reason_text: str,
    on: dt.date,
) -> IssuedDocument:
    head = await documents.letterhead(context)
    document_context = decision_context(
        union_name=union.name,
        upper_union=union.upper_union,
        enterprise=context.enterprise.name,
        recognition=union.recognition_number,
        place=head.place,
        on=on,
        reason=reason_words(reason, reason_text),
        signer=context.actor.full_name,
    )
    return await documents.issue(
        context,
        kind=KIND,
        type_code="QĐ",
        title=f"Quyết định giải thể {union.name}",
        template=TEMPLATE,
        document_context=document_context,
        issuer=UPPER_SYMBOL,
        on=on,
    )


def sample() -> dict[str, Any]:
    context = decision_context(
        union_name="Công đoàn cơ sở Công ty TNHH May Sông Hồng",
        upper_union="Liên đoàn Lao động tỉnh Thái Nguyên",
        enterprise="Công ty TNHH May Sông Hồng",
        recognition="12/QĐ-LĐLĐ",
        place="Thái Nguyên",
        on=dt.date(2026, 12, 6),
        reason=rules.DISSOLUTION_REASON_WORDS[rules.DissolutionReason.ENTERPRISE_DISSOLVED],
        signer="Nguyễn Văn Hùng",
    )
    context["header"]["reference"] = "25/QĐ-LĐLĐ"
    return {**context, "reference": "25/QĐ-LĐLĐ", "number": 25}


TEMPLATES = (DocumentTemplate(TEMPLATE, build, sample),)
KINDS = (DocumentKind(KIND, N_("Decision dissolving the union")),)
