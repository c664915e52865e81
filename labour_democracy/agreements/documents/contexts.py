"""What each of the agreements' documents prints, in Vietnamese whatever the page's language
(Labour Code 2019 Arts. 70, 76, 77; Decree 30/2020 layout). Pure: the records come in, a
template context goes out."""

from __future__ import annotations

import datetime as dt
from itertools import zip_longest
from typing import Any

from labour_democracy.documents import layout
from labour_democracy.documents.engine import short_date
from labour_democracy.documents.rules import DECREE_145, LABOUR_CODE
from labour_democracy.unions.wording import workers_side

CODE = LABOUR_CODE
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
         "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX")  # fmt: skip
WORKERS_AUTHORITY = "ĐẠI DIỆN TẬP THỂ NGƯỜI LAO ĐỘNG"
EMPLOYER_AUTHORITY = "ĐẠI DIỆN NGƯỜI SỬ DỤNG LAO ĐỘNG"


# The workers' side when the enterprise records no organisation (an agreement signed before its
# union was dissolved is still filed and published): the workers' collective, no body invented.
WORKERS_COLLECTIVE = "Tập thể người lao động"


def worker_body(enterprise) -> str:
    """The enterprise's representative organisation by the name it records ("Công đoàn cơ sở
    Công ty TNHH May Sông Hồng"), else the law's word for its kind; never a union that the
    enterprise does not have."""
    side = workers_side(enterprise.representation)
    if not side.has_union:
        return WORKERS_COLLECTIVE
    return (enterprise.representative_body or "").strip() or side.body


def signature_pairs(signers: list[dict[str, str]]) -> list[list[dict[str, str]]]:
    blank = {"authority": "", "title": "", "name": ""}
    rows = [signers[i : i + 2] for i in range(0, len(signers), 2)]
    return [row + [blank] * (2 - len(row)) for row in rows]


def request_context(enterprise, head, agreement, on: dt.date) -> dict[str, Any]:
    """The request to bargain (Art. 70(1)), from the side that asks."""
    by_workers = agreement.requested_by == "cba_workers"
    issuer = worker_body(enterprise) if by_workers else head.issuer
    addressee = f"Ban Giám đốc {enterprise.name}" if by_workers else worker_body(enterprise)
    body = [
        f"Căn cứ các Điều 65, 66, 67, 68 và 70 {CODE};",
        f"{issuer} đề nghị {addressee} tiến hành thương lượng tập thể với các nội dung sau:",
        *agreement.request_contents.splitlines(),
        "Đề nghị bên nhận được yêu cầu thỏa thuận thời gian, địa điểm thương lượng trong thời "
        "hạn 07 ngày làm việc kể từ ngày nhận được đề nghị; phiên họp thương lượng đầu tiên "
        "bắt đầu không muộn hơn 30 ngày kể từ ngày nhận được đề nghị (khoản 1 Điều 70 "
        f"{CODE}).",
        "Trân trọng./.",
    ]
    return layout.standard_context(
        issuer=issuer,
        place=head.place,
        date=on,
        doc_type="",
        summary="Đề nghị thương lượng tập thể",
        body=body,
        signer_authority=f"TM. {issuer}" if by_workers else "",
        signer_title="Chủ tịch" if by_workers else head.signer_title,
        signer_name=agreement.workers_signer if by_workers else head.signer_name,
        recipients=["Như trên", "Lưu: VT."],
        addressee=addressee,
    )


def minutes_context(
    enterprise, head, agreement, session, members: list[dict], agreed: list[str],
    disputed: list[str],
) -> dict[str, Any]:  # fmt: skip
    """The minutes of a bargaining session (Art. 70(5)): agreed and not agreed points, signed by
    the representatives of both sides and the minute-taker."""
    side_words = {"cba_employer": "Người sử dụng lao động", "cba_workers": "Tập thể người lao động"}
    leaders = {m["side"]: m for m in members if m.get("leads")}
    employer = leaders.get("cba_employer", {})
    workers = leaders.get("cba_workers", {})
    signers = [
        {"authority": EMPLOYER_AUTHORITY, "title": employer.get("title", ""),
         "name": employer.get("full_name", "")},
        {"authority": WORKERS_AUTHORITY, "title": workers.get("title", ""),
         "name": workers.get("full_name", "")},
        {"authority": "NGƯỜI GHI BIÊN BẢN", "title": "", "name": session.minute_taker},
    ]  # fmt: skip
    return layout.standard_context(
        issuer=head.issuer,
        place=head.place,
        date=session.held_on,
        doc_type="BIÊN BẢN",
        summary=f"Phiên họp thương lượng tập thể lần thứ {session.number}",
        body=(session.notes or "").splitlines() or ["Hai bên trao đổi các nội dung nêu trên."],
        signer_title="",
        signer_name="",
        recipients=[],
        intro=[
            f"Hôm nay, ngày {short_date(session.held_on)}, tại {session.place}, "
            f"{enterprise.name} và {worker_body(enterprise)} tiến hành phiên họp thương lượng "
            f"tập thể lần thứ {session.number} theo Điều 70 {CODE}.",
        ],
        members=[
            {
                "number": i,
                "name": m["full_name"],
                "title": m.get("title", ""),
                "side": side_words.get(m["side"], ""),
            }
            for i, m in enumerate(members, start=1)
        ],
        agreed=agreed or ["Chưa có nội dung thỏa thuận."],
        disputed=disputed or ["Không có."],
        closing=[
            "Biên bản được công bố rộng rãi, công khai đến người lao động (khoản 5 Điều 70 "
            f"{CODE}).",
            "Biên bản lập xong hồi kết thúc phiên họp, đã đọc lại cho các bên cùng nghe và "
            "thống nhất ký tên.",
        ],
        signer_rows=signature_pairs(signers),
    )


def _article(article: dict[str, Any]) -> dict[str, Any]:
    vietnamese = [line for line in article["text"].splitlines() if line.strip()]
    english = [line for line in article.get("text_en", "").splitlines() if line.strip()]
    return {
        "pairs": [list(pair) for pair in zip_longest(vietnamese, english, fillvalue="")],
        "number": article["number"],
        "title": article["title"],
        "title_en": article.get("title_en", ""),
        "paragraphs": [line for line in article["text"].splitlines() if line.strip()],
        "paragraphs_en": [line for line in article.get("text_en", "").splitlines() if line.strip()],
    }


def agreement_context(
    enterprise, head, agreement, text: list[dict], *, bilingual: bool = False,
    amended_reference: str = "",
) -> dict[str, Any]:  # fmt: skip
    """The agreement (or an amendment of one, Art. 82) as printed: chapters and articles, the
    term and effective date (Art. 78), the signatures of both parties (Art. 76(4))."""
    amendment = agreement.kind == "cba_amendment"
    preamble = [
        f"Căn cứ {CODE};",
        f"Căn cứ {DECREE_145};",
        f"Căn cứ kết quả thương lượng tập thể giữa {enterprise.name} và {worker_body(enterprise)}"
        " và kết quả lấy ý kiến biểu quyết của người lao động trong doanh nghiệp;",
    ]
    if amendment and amended_reference:
        preamble.append(f"Sửa đổi, bổ sung Thỏa ước lao động tập thể số {amended_reference};")
    closing = []
    if agreement.effective_on and agreement.term_months:
        closing.append(
            f"Thỏa ước có hiệu lực từ ngày {short_date(agreement.effective_on)} đến hết ngày "
            f"{short_date(agreement.expires_on)} (thời hạn {agreement.term_months} tháng, Điều 78 "
            f"{CODE})."
        )
    closing.append(
        "Thỏa ước được gửi mỗi bên ký kết 01 bản và gửi 01 bản đến Sở Nội vụ nơi doanh nghiệp "
        f"đặt trụ sở chính (Điều 77 {CODE})."
    )
    signers = [
        {"authority": WORKERS_AUTHORITY, "title": "Chủ tịch " + worker_body(enterprise),
         "name": agreement.workers_signer},
        {"authority": EMPLOYER_AUTHORITY, "title": head.signer_title,
         "name": agreement.employer_signer or head.signer_name},
    ]  # fmt: skip
    return layout.standard_context(
        issuer=head.issuer,
        place=head.place,
        date=agreement.signed_on or dt.date.today(),
        doc_type="THỎA ƯỚC LAO ĐỘNG TẬP THỂ",
        summary=("Sửa đổi, bổ sung " if amendment else "") + agreement.title,
        signer_title="",
        signer_name="",
        recipients=[],
        preamble=preamble,
        chapters=[
            {
                "roman": ROMAN[chapter["number"] - 1]
                if chapter["number"] <= len(ROMAN)
                else str(chapter["number"]),
                "title": chapter["title"].upper(),
                "title_en": chapter.get("title_en", ""),
                "articles": [_article(article) for article in chapter["articles"]],
            }
            for chapter in text
            if chapter["articles"]
        ],
        closing=closing,
        bilingual=bilingual,
        signer_rows=signature_pairs(signers),
    )


def filing_context(enterprise, head, agreement, province: str, reference: str, on: dt.date):
    """The letter sending the signed agreement to Sở Nội vụ (Art. 77; Decree 283/2026
    Art. 22(1)(a)) within 10 days of signing."""
    authority = f"Sở Nội vụ {province}".strip()
    return layout.standard_context(
        issuer=head.issuer,
        place=head.place,
        date=on,
        doc_type="",
        summary="Gửi thỏa ước lao động tập thể",
        body=[
            f"Thực hiện Điều 77 {CODE}, {enterprise.name} gửi {authority} 01 bản Thỏa ước lao "
            f"động tập thể {reference} ký ngày {short_date(agreement.signed_on)}, có hiệu lực "
            f"từ ngày {short_date(agreement.effective_on)} đến hết ngày "
            f"{short_date(agreement.expires_on)}.",
            "Thỏa ước đã được trên 50% người lao động của doanh nghiệp biểu quyết tán thành "
            f"(khoản 1 Điều 76 {CODE}) và đã được công bố đến người lao động.",
            "Trân trọng./.",
        ],
        signer_authority="",
        signer_title=head.signer_title,
        signer_name=head.signer_name,
        recipients=["Như trên", worker_body(enterprise), "Lưu: VT."],
        addressee=authority,
    )


def publication_context(enterprise, head, agreement, reference: str, on: dt.date, page: str):
    """The notice announcing the signed agreement to the workers (Art. 76(6))."""
    return layout.standard_context(
        issuer=head.issuer,
        place=head.place,
        date=on,
        doc_type="THÔNG BÁO",
        summary="Về việc công bố thỏa ước lao động tập thể",
        body=[
            f"Ngày {short_date(agreement.signed_on)}, {enterprise.name} và "
            f"{worker_body(enterprise)} đã ký Thỏa ước lao động tập thể {reference}.",
            f"Thỏa ước có hiệu lực từ ngày {short_date(agreement.effective_on)} đến hết ngày "
            f"{short_date(agreement.expires_on)} và áp dụng đối với người sử dụng lao động và "
            "toàn bộ người lao động của doanh nghiệp, kể cả người vào làm việc sau ngày ký "
            f"(Điều 78, 79 {CODE}).",
            f"Toàn văn thỏa ước được niêm yết tại doanh nghiệp và đăng tại trang {page}.",
        ],
        signer_title=head.signer_title,
        signer_name=head.signer_name,
        recipients=["Toàn thể người lao động", worker_body(enterprise), "Lưu: VT."],
    )
