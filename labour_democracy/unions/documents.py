"""The union's documents: the campaign committee's decision, the founding congress's minutes,
the dossier to the upper-level union and its recognition decision.

The union's own documents carry the upper-level union above "CÔNG ĐOÀN CƠ SỞ …" and sign "TM.
BAN CHẤP HÀNH" (issue 11, point 7), numbered in the union's own series ("CĐCS"); the upper-level
union's decisions carry "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM" above the federation, numbered in its
series ("LĐLĐ"). Vietnamese only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docx.document import Document
from docx.shared import Mm

from labour_democracy.core import legal_sources
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.documents import layout
from labour_democracy.documents import services as documents
from labour_democracy.documents.registry import DocumentTemplate
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import N_, format_date, language
from labour_democracy.manifest import DocumentKind, IssuingBody
from labour_democracy.unions.tables import GrassrootsUnion, UnionStatus

WITH_LIST = "unions/with_list.docx"
LETTER_WITH_LIST = "unions/letter_with_list.docx"
UNION_SYMBOL = "CĐCS"
UPPER_SYMBOL = "LĐLĐ"
CONFEDERATION = "Tổng Liên đoàn Lao động Việt Nam"
TRADE_UNION_LAW = legal_sources.TRADE_UNION_LAW.cited
LABOUR_CODE = legal_sources.LABOUR_CODE.cited
CHARTER = legal_sources.VGCL_CHARTER.cited

CAMPAIGN_DECISION = "union_campaign_decision"
CONGRESS_MINUTES = "union_congress_minutes"
DOSSIER = "union_recognition_request"
RECOGNITION = "union_recognition_decision"
MEMBER_LIST_TITLE = "Danh sách"


def _date(day: dt.date, form: str = "short") -> str:
    """A date as the documents print it, in Vietnamese whatever the reader's language."""
    with language("vi"):
        return format_date(day, form)


def _people_table(document: Document) -> None:
    layout.tag(document, "if people")
    layout.add_list_table(
        document,
        [
            ("STT", "{{ item.number }}", Mm(14)),
            ("Họ và tên", "{{ item.name }}", Mm(70)),
            ("Chức danh, nhiệm vụ", "{{ item.role }}", Mm(81)),
        ],
        "people",
        size=12,
    )
    layout.tag(document, "endif")
    layout.tag(document, "for text in closing")
    layout.body_paragraph(document, "{{ text }}")
    layout.tag(document, "endfor")


def build_with_list() -> Document:
    def body(document: Document) -> None:
        layout.add_body(document)
        _people_table(document)

    return layout.standard_template(body)


def build_letter_with_list() -> Document:
    def body(document: Document) -> None:
        layout.add_body(document)
        _people_table(document)

    return layout.standard_template(body, letter=True)


def _people(rows: list[tuple[str, str]]) -> list[dict[str, Any]]:
    return [{"number": i, "name": n, "role": r} for i, (n, r) in enumerate(rows, start=1)]


def union_context(
    *,
    union_name: str,
    upper_union: str,
    place: str,
    on: dt.date,
    doc_type: str,
    summary: str,
    body: list[str],
    chair: str,
    recipients: list[str],
    people: list[tuple[str, str]] = (),  # type: ignore[assignment]
    closing: list[str] = (),  # type: ignore[assignment]
    authority: str = "TM. BAN CHẤP HÀNH",
    title: str = "Chủ tịch",
) -> dict[str, Any]:
    """A document of the grassroots union: the upper-level union above its name."""
    return layout.standard_context(
        superior_body=upper_union,
        issuer=union_name,
        place=place,
        date=on,
        doc_type=doc_type,
        summary=summary,
        body=body,
        signer_authority=authority,
        signer_title=title,
        signer_name=chair,
        recipients=recipients,
        people=_people(list(people)),
        closing=list(closing),
    )


def upper_context(
    *,
    upper_union: str,
    place: str,
    on: dt.date,
    summary: str,
    body: list[str],
    signer: str,
    recipients: list[str],
    people: list[tuple[str, str]],
    closing: list[str],
) -> dict[str, Any]:
    """A decision of the upper-level union: the Confederation above the federation."""
    return layout.standard_context(
        superior_body=CONFEDERATION,
        issuer=upper_union,
        place=place,
        date=on,
        doc_type="QUYẾT ĐỊNH",
        summary=summary,
        body=body,
        signer_authority="TM. BAN THƯỜNG VỤ",
        signer_title="Chủ tịch",
        signer_name=signer,
        recipients=recipients,
        people=_people(people),
        closing=closing,
    )


async def issue_campaign_decision(
    context: EnterpriseContext, union, members: list[tuple[str, str]]
) -> IssuedDocument:
    """The upper-level union's decision forming (or recognising the workers' forming of) the
    campaign committee (Law 50/2024/QH15, Art. 19(5))."""
    head = await documents.letterhead(context)
    appointed = union.committee_origin == "appointed_by_upper_union"
    verb = "thành lập" if appointed else "công nhận"
    enterprise = context.enterprise.name
    body = [
        f"Căn cứ {TRADE_UNION_LAW}, Điều 19 khoản 5;",
        f"Căn cứ {CHARTER};",
        (
            f"Xét đề nghị của người lao động tại {enterprise},"
            if not appointed
            else f"Để hỗ trợ người lao động tại {enterprise} thành lập công đoàn cơ sở,"
        ),
        f"Điều 1. {verb.capitalize()} Ban vận động thành lập công đoàn cơ sở {enterprise} "
        "gồm các ông, bà có tên dưới đây.",
        "Điều 2. Ban vận động tuyên truyền, vận động người lao động tự nguyện gia nhập Công "
        "đoàn Việt Nam, nhận đơn và chuẩn bị đại hội thành lập công đoàn cơ sở.",
        "Điều 3. Quyết định có hiệu lực kể từ ngày ký. Ban vận động tự giải thể khi công đoàn "
        "cơ sở được công nhận.",
    ]
    people = [
        (n, ("Trưởng ban" if i == 0 else "Thành viên") + (f", {p}" if p else ""))
        for i, (n, p) in enumerate(members)
    ]
    document_context = upper_context(
        upper_union=union.upper_union,
        place=head.place,
        on=union.campaign_formed_on,
        summary=f"Về việc {verb} Ban vận động thành lập công đoàn cơ sở {enterprise}",
        body=body,
        signer=context.actor.full_name if appointed else "",
        recipients=["Như Điều 1;", "Lưu: VT."],
        people=people,
        closing=[],
    )
    return await documents.issue(
        context,
        kind=CAMPAIGN_DECISION,
        type_code="QĐ",
        title=f"Quyết định {verb} Ban vận động thành lập công đoàn cơ sở",
        template=WITH_LIST,
        document_context=document_context,
        issuer=UPPER_SYMBOL,
        on=union.campaign_formed_on,
    )


async def issue_congress_minutes(
    context: EnterpriseContext,
    union,
    *,
    present: int,
    members: int,
    executive: list[tuple[str, str]],
    inspection: list[tuple[str, str]],
    agenda: list[str],
    ballot_reference: str,
    chair: str,
) -> IssuedDocument:
    head = await documents.letterhead(context)
    held = union.congress_on
    body = [
        f"Hôm nay, {_date(held, 'long')}, tại {union.congress_place}, người lao động "
        f"{context.enterprise.name} tổ chức Đại hội thành lập công đoàn cơ sở theo "
        f"{TRADE_UNION_LAW} và {CHARTER}.",
        f"Số người đã được ban vận động kết nạp: {members}; có mặt tại đại hội: {present}.",
        "Chương trình đại hội: " + "; ".join(agenda) + ".",
        f"Đại hội tuyên bố thành lập {union.name}.",
        f"Kết quả bầu cử theo biên bản kiểm phiếu số {ballot_reference}: "
        f"Ban Chấp hành gồm {len(executive)} người; Ủy ban Kiểm tra gồm {len(inspection)} người "
        "(danh sách dưới đây).",
        "Tại phiên họp thứ nhất, Ban Chấp hành đã bầu Chủ tịch, Phó Chủ tịch công đoàn cơ sở và "
        "Ủy ban Kiểm tra đã bầu Chủ nhiệm như danh sách dưới đây.",
    ]
    people = [*executive, *inspection]
    document_context = union_context(
        union_name=union.name,
        upper_union=union.upper_union,
        place=head.place,
        on=held,
        doc_type="BIÊN BẢN",
        summary="Đại hội thành lập công đoàn cơ sở",
        body=body,
        chair=chair,
        recipients=[f"{union.upper_union};", "Lưu: VT."],
        people=people,
        closing=["Biên bản được lập thành 03 bản, đã thông qua trước đại hội."],
    )
    return await documents.issue(
        context,
        kind=CONGRESS_MINUTES,
        type_code="BB",
        title="Biên bản Đại hội thành lập công đoàn cơ sở",
        template=WITH_LIST,
        document_context=document_context,
        issuer=UNION_SYMBOL,
        on=held,
    )


async def issue_dossier(
    context: EnterpriseContext,
    union,
    *,
    minutes_reference: str,
    members: list[tuple[str, str]],
    chair: str,
    on: dt.date,
    results: list[str] = (),  # type: ignore[assignment]
) -> IssuedDocument:
    """The request for recognition to the upper-level union, with the member list."""
    head = await documents.letterhead(context)
    body = [
        f"Kính gửi: {union.upper_union}.",
        f"Ngày {_date(union.congress_on)}, người lao động {context.enterprise.name} đã "
        f"tổ chức Đại hội thành lập {union.name} (biên bản số {minutes_reference}).",
        f"Căn cứ {TRADE_UNION_LAW} và {CHARTER}, Ban Chấp hành đề nghị "
        f"{union.upper_union} xem xét, ra quyết định công nhận công đoàn cơ sở, đoàn viên, Ban "
        "Chấp hành và Ủy ban Kiểm tra.",
        *results,
        "Hồ sơ gửi kèm: biên bản đại hội; biên bản phiên họp thứ nhất và các biên bản kiểm "
        "phiếu; danh sách đoàn viên và đơn gia nhập; danh sách Ban Chấp hành, Ủy ban Kiểm tra "
        "được bầu.",
        f"Danh sách đoàn viên ({len(members)} người):",
    ]
    document_context = union_context(
        union_name=union.name,
        upper_union=union.upper_union,
        place=head.place,
        on=on,
        doc_type="",
        summary="Đề nghị công nhận công đoàn cơ sở",
        body=body,
        chair=chair,
        recipients=["Như trên;", "Lưu: VT."],
        people=members,
    )
    return await documents.issue(
        context,
        kind=DOSSIER,
        type_code="",
        title="Đề nghị công nhận công đoàn cơ sở",
        template=LETTER_WITH_LIST,
        document_context=document_context,
        issuer=UNION_SYMBOL,
        on=on,
    )


async def issue_recognition(
    context: EnterpriseContext,
    union,
    *,
    committee: list[tuple[str, str]],
    members: int,
    on: dt.date,
) -> IssuedDocument:
    head = await documents.letterhead(context)
    body = [
        f"Căn cứ {TRADE_UNION_LAW}, Điều 4 khoản 2;",
        f"Căn cứ {CHARTER};",
        f"Xét đề nghị của Ban Chấp hành {union.name},",
        f"Điều 1. Công nhận {union.name} với {members} đoàn viên, trực thuộc {union.upper_union}.",
        "Điều 2. Công nhận Ban Chấp hành và Ủy ban Kiểm tra công đoàn cơ sở nhiệm kỳ đầu gồm các "
        "ông, bà có tên dưới đây. Ban Chấp hành hoạt động kể từ ngày quyết định có hiệu lực.",
        f"Điều 3. {union.name} là tổ chức đại diện người lao động tại cơ sở theo {LABOUR_CODE}. "
        "Quyết định có hiệu lực kể từ ngày ký.",
    ]
    document_context = upper_context(
        upper_union=union.upper_union,
        place=head.place,
        on=on,
        summary=f"Về việc công nhận {union.name}",
        body=body,
        signer=context.actor.full_name,
        recipients=["Như Điều 1;", f"{context.enterprise.name} (để phối hợp);", "Lưu: VT."],
        people=committee,
        closing=[],
    )
    return await documents.issue(
        context,
        kind=RECOGNITION,
        type_code="QĐ",
        title=f"Quyết định công nhận {union.name}",
        template=WITH_LIST,
        document_context=document_context,
        issuer=UPPER_SYMBOL,
        on=on,
    )


def sample_context() -> dict[str, Any]:
    context = union_context(
        union_name="Công đoàn cơ sở Công ty TNHH May Sông Hồng",
        upper_union="Liên đoàn Lao động tỉnh Thái Nguyên",
        place="Thái Nguyên",
        on=dt.date(2026, 12, 6),
        doc_type="BIÊN BẢN",
        summary="Đại hội thành lập công đoàn cơ sở",
        body=["Hôm nay, ngày 06 tháng 12 năm 2026, ..."],
        chair="Phạm Thị Dung",
        recipients=["Liên đoàn Lao động tỉnh Thái Nguyên;", "Lưu: VT."],
        people=[("Phạm Thị Dung", "Chủ tịch"), ("Lê Văn Nam", "Ủy viên Ban Chấp hành")],
        closing=["Biên bản được lập thành 03 bản."],
    )
    context["header"]["reference"] = "01/BB-CĐCS"
    return {**context, "reference": "01/BB-CĐCS", "number": 1}


def sample_letter() -> dict[str, Any]:
    context = sample_context()
    context["doc_type"] = ""
    context["summary"] = "Đề nghị công nhận công đoàn cơ sở"
    context["header"] = {**context["header"], "reference": "01/CĐCS"}
    return {**context, "reference": "01/CĐCS"}


TEMPLATES = (
    DocumentTemplate(WITH_LIST, build_with_list, sample_context),
    DocumentTemplate(LETTER_WITH_LIST, build_letter_with_list, sample_letter),
)
KINDS = (
    DocumentKind(CAMPAIGN_DECISION, N_("Decision on the union campaign committee")),
    DocumentKind(CONGRESS_MINUTES, N_("Minutes of the union's founding congress")),
    DocumentKind(DOSSIER, N_("Request for the union's recognition")),
    DocumentKind(RECOGNITION, N_("Decision recognising the union")),
)


async def union_issuer(context: EnterpriseContext) -> IssuingBody | None:
    """The union as the issuing body of the votes it runs (issue 11, point 7): the upper-level
    union above its name, its own number series."""
    union = (
        await GrassrootsUnion.select(
            GrassrootsUnion.name, GrassrootsUnion.upper_union, GrassrootsUnion.status
        )
        .where(GrassrootsUnion.enterprise == context.enterprise_id)
        .order_by(GrassrootsUnion.id, ascending=False)
        .first()
    )
    if union is None or union["status"] == UnionStatus.DISSOLVED:  # its letterhead is retired
        return None
    return IssuingBody(superior=union["upper_union"], name=union["name"], symbol=UNION_SYMBOL)
