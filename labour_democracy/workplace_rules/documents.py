"""The module's documents, in Vietnamese whatever the page's language (Decree 30/2020 layout):
the decision issuing the democracy regulation (Quyết định), the regulation itself (Quy chế),
the letter filing the internal labour rules with Sở Nội vụ (a công văn, Labour Code Arts.
119-120); disclosures print on the notices module's template (Thông báo) under their own kind.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from labour_democracy.documents import layout
from labour_democracy.documents import rules as docrules
from labour_democracy.documents.registry import DocumentTemplate
from labour_democracy.documents.rules import DOCUMENT_TYPES
from labour_democracy.i18n import N_
from labour_democracy.manifest import DocumentKind

DECISION = "workplace_rules/decision.docx"
REGULATION = "workplace_rules/regulation.docx"
REGISTRATION = "workplace_rules/registration.docx"
DECISION_KIND = "regulation_decision"
REGULATION_KIND = "democracy_regulation"
REGISTRATION_KIND = "internal_rules_registration"
DISCLOSURE_KIND = "disclosure_notice"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def build_decision() -> Document:
    def body(document: Document) -> None:
        layout.tag(document, "for text in bases")
        layout.body_paragraph(document, "{{ text }}", italic=True)
        layout.tag(document, "endfor")
        layout.paragraph(document, "QUYẾT ĐỊNH:", bold=True, space_before=6, space_after=6)
        layout.add_body(document)

    return layout.standard_template(body)


def build_regulation() -> Document:
    def body(document: Document) -> None:
        layout.tag(document, "for chapter in chapters")
        layout.paragraph(document, "Chương {{ chapter.numeral }}", bold=True, space_before=12)
        layout.paragraph(document, "{{ chapter.title }}", bold=True, space_after=6)
        layout.paragraph(document, "({{ chapter.article }})", italic=True, size=12, space_after=6)
        layout.tag(document, "for text in chapter.lines")
        layout.body_paragraph(document, "{{ text }}")
        layout.tag(document, "endfor")
        layout.tag(document, "endfor")

    return layout.standard_template(body)


def build_registration() -> Document:
    def body(document: Document) -> None:
        layout.paragraph(document, "Kính gửi: {{ addressee }}", space_after=12)
        layout.add_body(document)
        layout.paragraph(
            document, "Hồ sơ gồm:", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, space_before=6
        )
        layout.tag(document, "for text in dossier")
        layout.body_paragraph(document, "{{ text }}")
        layout.tag(document, "endfor")

    return layout.standard_template(body, letter=True)


def decision_context(
    *, issuer: str, place: str, on: dt.date, signer_title: str, signer_name: str, version: int
) -> dict[str, Any]:
    return layout.standard_context(
        issuer=issuer,
        place=place,
        date=on,
        doc_type=DOCUMENT_TYPES["QĐ"],
        summary="Về việc ban hành Quy chế dân chủ ở cơ sở tại nơi làm việc",
        body=[
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế dân chủ ở cơ sở tại nơi làm việc"
            + (f" (sửa đổi lần {version - 1})." if version > 1 else "."),
            "Điều 2. Quyết định có hiệu lực kể từ ngày ký"
            + (" và thay thế Quy chế ban hành trước đây." if version > 1 else "."),
            "Điều 3. Các phòng ban, đơn vị và toàn thể người lao động chịu trách nhiệm thi "
            "hành Quyết định này.",
        ],
        signer_title=signer_title,
        signer_name=signer_name,
        recipients=["Như Điều 3;", "Tổ chức đại diện người lao động;", "Lưu: VT, HCNS."],
        bases=[
            f"Căn cứ {docrules.LABOUR_CODE};",
            f"Căn cứ {docrules.DECREE_145};",
            f"Căn cứ {docrules.DEMOCRACY_LAW};",
            "Sau khi tham khảo ý kiến của tổ chức đại diện người lao động tại cơ sở.",
        ],
    )


def regulation_context(
    *,
    issuer: str,
    place: str,
    on: dt.date,
    signer_title: str,
    signer_name: str,
    decision_reference: str,
    chapters: list[dict[str, Any]],
) -> dict[str, Any]:
    """`chapters`: dicts of title, article and text, in the order printed."""
    return layout.standard_context(
        issuer=issuer,
        place=place,
        date=on,
        doc_type=DOCUMENT_TYPES["QC"],
        summary="Dân chủ ở cơ sở tại nơi làm việc (ban hành kèm theo Quyết định số "
        f"{decision_reference})",
        signer_title=signer_title,
        signer_name=signer_name,
        recipients=["Toàn thể người lao động;", "Lưu: VT, HCNS."],
        chapters=[
            {
                "numeral": ROMAN[index] if index < len(ROMAN) else str(index + 1),
                "title": chapter["title"].upper(),
                "article": chapter["article"],
                "lines": [line for line in chapter["text"].splitlines() if line.strip()],
            }
            for index, chapter in enumerate(chapters)
        ],
    )


def registration_context(
    *,
    issuer: str,
    place: str,
    on: dt.date,
    signer_title: str,
    signer_name: str,
    authority: str,
    issued_on: dt.date,
    consulted: bool,
) -> dict[str, Any]:
    """The letter asking Sở Nội vụ to register the internal labour rules (Labour Code Arts.
    119-120): the dossier lists the four documents of Art. 120."""
    return layout.standard_context(
        issuer=issuer,
        place=place,
        date=on,
        doc_type="",
        summary="Đăng ký nội quy lao động",
        body=[
            f"Thực hiện Điều 119 {docrules.LABOUR_CODE}, {issuer} gửi hồ sơ đăng ký "
            f"nội quy lao động ban hành ngày {issued_on.strftime('%d/%m/%Y')} và đề nghị Quý Sở "
            "xem xét, đăng ký theo quy định."
        ],
        signer_title=signer_title,
        signer_name=signer_name,
        recipients=["Như trên;", "Lưu: VT, HCNS."],
        addressee=authority,
        dossier=[
            "1. Văn bản đề nghị đăng ký nội quy lao động;",
            "2. Nội quy lao động;",
            "3. Văn bản góp ý của tổ chức đại diện người lao động tại cơ sở;"
            if consulted
            else "3. Văn bản góp ý của tổ chức đại diện người lao động tại cơ sở (không có: "
            "doanh nghiệp chưa có tổ chức đại diện);",
            "4. Các văn bản của người sử dụng lao động có quy định liên quan đến kỷ luật lao "
            "động, trách nhiệm vật chất (nếu có).",
        ],
    )


_SAMPLE = {
    "issuer": "Công ty TNHH May Sông Hồng",
    "place": "Bắc Ninh",
    "on": dt.date(2026, 3, 2),
    "signer_title": "Giám đốc",
    "signer_name": "Nguyễn Văn An",
}


def _numbered(context: dict[str, Any], reference: str) -> dict[str, Any]:
    context["header"]["reference"] = reference
    return {**context, "reference": reference, "number": 1}


def sample_decision() -> dict[str, Any]:
    return _numbered(decision_context(**_SAMPLE, version=1), "01/QĐ-SHVN")


def sample_regulation() -> dict[str, Any]:
    chapters = [
        {
            "title": "Những quy định chung",
            "article": "Nghị định số 145/2020/NĐ-CP, Điều 42",
            "text": "Việc thực hiện dân chủ ở cơ sở bảo đảm các nguyên tắc ...",
        },
    ]
    return _numbered(
        regulation_context(**_SAMPLE, decision_reference="01/QĐ-SHVN", chapters=chapters),
        "01/QC-SHVN",
    )


def sample_registration() -> dict[str, Any]:
    return _numbered(
        registration_context(
            **_SAMPLE,
            authority="Sở Nội vụ tỉnh Bắc Ninh",
            issued_on=dt.date(2026, 2, 27),
            consulted=True,
        ),
        "01/SHVN",
    )


# Declared in the module's manifest.
TEMPLATES = (
    DocumentTemplate(DECISION, build_decision, sample_decision),
    DocumentTemplate(REGULATION, build_regulation, sample_regulation),
    DocumentTemplate(REGISTRATION, build_registration, sample_registration),
)
KINDS = (
    DocumentKind(DECISION_KIND, N_("Decision issuing the democracy regulation")),
    DocumentKind(REGULATION_KIND, N_("Democracy regulation")),
    DocumentKind(REGISTRATION_KIND, N_("Internal labour rules registration")),
    DocumentKind(DISCLOSURE_KIND, N_("Disclosure notice")),
)
