"""The extension agreement (thỏa thuận gia hạn thỏa ước lao động tập thể, Labour Code 2019
Art. 83) in the Decree 30/2020 layout, Vietnamese: its template, what it prints, its sample and
its issue; and the words of the publication notice and the filing letter of an extension."""

from __future__ import annotations

import datetime as dt
from typing import Any

from labour_democracy.agreements.documents import builders, contexts, samples
from labour_democracy.agreements.tables import Agreement, AgreementKind, ApprovalVote
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.documents import layout
from labour_democracy.documents import services as issuing
from labour_democracy.documents.engine import short_date
from labour_democracy.documents.tables import IssuedDocument

TEMPLATE = "agreements/extension.docx"
KIND = "cba_extension"


def build_extension():
    """Heading, title, the grounds, the articles, the signatures of both parties (Art. 76(4))."""
    document = layout.new_document()
    layout.add_heading(document)
    layout.add_title(document)
    builders._lines(document, "preamble")
    layout.tag(document, "for article in articles")
    layout.body_paragraph(
        document, "Điều {{ article.number }}. {{ article.title }}", bold=True, space_before=6
    )
    layout.tag(document, "for text in article.paragraphs")
    layout.body_paragraph(document, "{{ text }}")
    layout.tag(document, "endfor")
    layout.tag(document, "endfor")
    builders._signers(document)
    return document


def extension_context(
    enterprise, head, extension, agreement, *, reference: str, previous_expiry: dt.date,
    votes_for: int | None, workforce: int | None,
) -> dict[str, Any]:  # fmt: skip
    """What the extension prints: the agreement extended (its number, dates), the workers'
    approval, the new expiry, the unchanged articles and the signatures."""
    body = contexts.worker_body(enterprise)
    named = f"Thỏa ước lao động tập thể {reference}".strip()
    preamble = [
        f"Căn cứ Điều 76 và Điều 83 {contexts.CODE};",
        f"Căn cứ {named} ký ngày {short_date(agreement.signed_on)}, có hiệu lực từ ngày "
        f"{short_date(agreement.effective_on)} đến hết ngày {short_date(previous_expiry)};",
    ]
    if votes_for is not None and workforce:
        preamble.append(
            f"Căn cứ kết quả biểu quyết: {votes_for}/{workforce} người lao động của doanh nghiệp "
            f"tán thành việc gia hạn (trên 50%, Điều 76 khoản 1 {contexts.CODE});"
        )
    preamble.append(f"{enterprise.name} và {body} thỏa thuận như sau:")
    reasons = [line for line in (extension.request_contents or "").splitlines() if line.strip()]
    articles = [
        {
            "number": 1,
            "title": "Gia hạn thỏa ước",
            "paragraphs": [
                f"Gia hạn {named} đến hết ngày {short_date(extension.expires_on)}.",
                *reasons,
            ],
        },
        {
            "number": 2,
            "title": "Nội dung thỏa ước",
            "paragraphs": [
                "Các điều khoản của thỏa ước giữ nguyên trong thời gian gia hạn; việc sửa đổi, "
                f"bổ sung thực hiện theo Điều 82 {contexts.CODE}."
            ],
        },
        {
            "number": 3,
            "title": "Hiệu lực",
            "paragraphs": [
                f"Thỏa thuận này có hiệu lực từ ngày {short_date(extension.effective_on)}, được "
                "công bố đến người lao động và gửi 01 bản đến Sở Nội vụ nơi doanh nghiệp đặt trụ "
                f"sở chính (Điều 77 {contexts.CODE})."
            ],
        },
    ]
    signers = [
        {"authority": contexts.WORKERS_AUTHORITY, "title": "Chủ tịch " + body,
         "name": extension.workers_signer},
        {"authority": contexts.EMPLOYER_AUTHORITY, "title": head.signer_title,
         "name": extension.employer_signer or head.signer_name},
    ]  # fmt: skip
    return layout.standard_context(
        issuer=head.issuer,
        place=head.place,
        date=extension.signed_on or dt.date.today(),
        doc_type="THỎA THUẬN",
        summary=f"Gia hạn {agreement.title}",
        signer_title="",
        signer_name="",
        recipients=[],
        preamble=preamble,
        articles=articles,
        signer_rows=contexts.signature_pairs(signers),
    )


def publication_context(enterprise, head, extension, reference: str, on: dt.date, page: str):
    """The notice announcing the signed extension to the workers (Arts. 76(6), 83)."""
    return layout.standard_context(
        issuer=head.issuer,
        place=head.place,
        date=on,
        doc_type="THÔNG BÁO",
        summary="Về việc gia hạn thỏa ước lao động tập thể",
        body=[
            f"Ngày {short_date(extension.signed_on)}, {enterprise.name} và "
            f"{contexts.worker_body(enterprise)} đã ký Thỏa thuận {reference} gia hạn thỏa ước "
            f"lao động tập thể đến hết ngày {short_date(extension.expires_on)}.",
            "Việc gia hạn đã được trên 50% người lao động của doanh nghiệp biểu quyết tán thành "
            f"(Điều 76 khoản 1, Điều 83 {contexts.CODE}).",
            f"Toàn văn được niêm yết tại doanh nghiệp và đăng tại trang {page}.",
        ],
        signer_title=head.signer_title,
        signer_name=head.signer_name,
        recipients=["Toàn thể người lao động", contexts.worker_body(enterprise), "Lưu: VT."],
    )


def filing_context(enterprise, head, extension, province: str, reference: str, on: dt.date):
    """The letter sending the signed extension to Sở Nội vụ, as for the agreement (Art. 77)."""
    authority = f"Sở Nội vụ {province}".strip()
    return layout.standard_context(
        issuer=head.issuer,
        place=head.place,
        date=on,
        doc_type="",
        summary="Gửi thỏa thuận gia hạn thỏa ước lao động tập thể",
        body=[
            f"Thực hiện Điều 77 {contexts.CODE}, {enterprise.name} gửi {authority} 01 bản Thỏa "
            f"thuận {reference} ký ngày {short_date(extension.signed_on)}, gia hạn thỏa ước lao "
            f"động tập thể đến hết ngày {short_date(extension.expires_on)}.",
            "Việc gia hạn đã được trên 50% người lao động của doanh nghiệp biểu quyết tán thành "
            f"(Điều 76 khoản 1, Điều 83 {contexts.CODE}) và đã được công bố đến người lao động.",
            "Trân trọng./.",
        ],
        signer_authority="",
        signer_title=head.signer_title,
        signer_name=head.signer_name,
        recipients=["Như trên", contexts.worker_body(enterprise), "Lưu: VT."],
        addressee=authority,
    )


def sample() -> dict[str, Any]:
    """The sample extension of the sample agreement, for `check-templates` and `documents
    samples`."""
    agreement = samples.sample_agreement()
    extension = Agreement(
        _ignore_missing=True,
        id=2,
        kind=AgreementKind.EXTENSION,
        amends=agreement.id,
        title=f"Gia hạn {agreement.title}",
        request_contents="Hai bên cần thêm thời gian thương lượng thỏa ước mới.",
        signed_on=dt.date(2028, 4, 10),
        effective_on=dt.date(2028, 6, 1),
        expires_on=dt.date(2029, 5, 31),
        employer_signer="Nguyễn Văn An",
        workers_signer="Trần Thị Bình",
    )
    document = extension_context(
        samples.sample_enterprise(), samples.sample_head(), extension, agreement,
        reference="số 01/BTT-SHVN", previous_expiry=agreement.expires_on, votes_for=312,
        workforce=540,
    )  # fmt: skip
    document["header"]["reference"] = "05/BTT-SHVN"
    return document


async def issue_extension(
    context: EnterpriseContext, extension: Agreement, agreement: Agreement, previous_expiry
) -> IssuedDocument:
    """Number and store the signed extension (numbered BTT like the agreement it extends)."""
    head = await issuing.letterhead(context)
    row = (
        await IssuedDocument.select(IssuedDocument.reference)
        .where(IssuedDocument.id == (agreement.agreement_document or -1))
        .first()
    )
    vote = (
        await ApprovalVote.select(ApprovalVote.votes_for, ApprovalVote.workforce)
        .where((ApprovalVote.agreement == extension.id) & ApprovalVote.passed.eq(True))
        .first()
    )
    return await issuing.issue(
        context,
        kind=KIND,
        type_code="BTT",
        title=extension.title,
        template=TEMPLATE,
        document_context=extension_context(
            context.enterprise,
            head,
            extension,
            agreement,
            reference=f"số {row['reference']}" if row else "",
            previous_expiry=previous_expiry,
            votes_for=vote["votes_for"] if vote else None,
            workforce=vote["workforce"] if vote else None,
        ),
        on=extension.signed_on,
    )
