"""The voting engine's documents: vote-count minutes (Biên bản kiểm phiếu) and the signature
sheet for slips (Danh sách ký nhận phiếu). Documents are in Vietnamese whatever the page's
language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from docx.document import Document
from docx.shared import Mm

from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.documents import layout
from labour_democracy.documents import services as documents
from labour_democracy.documents.registry import DocumentTemplate
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import LOCAL_TIMEZONE, N_, format_number, language
from labour_democracy.i18n import gettext as _
from labour_democracy.manifest import DocumentKind
from labour_democracy.voting import rules
from labour_democracy.voting.schemas import BallotResult
from labour_democracy.voting.tables import Ballot, Elector

MINUTES = "voting/vote_count_minutes.docx"
SIGNATURE_SHEET = "voting/signature_sheet.docx"
MINUTES_KIND = "vote_count_minutes"
_MOTION_WORDS = {"for": "Tán thành", "against": "Không tán thành", "abstain": "Không ý kiến"}


def build_minutes() -> Document:
    def body(document: Document) -> None:
        layout.add_body(document)
        layout.add_list_table(
            document,
            [
                ("Nội dung", "{{ item.question }}", Mm(62)),
                ("Phương án", "{{ item.option }}", Mm(55)),
                ("Số phiếu", "{{ item.votes }}", Mm(22)),
                ("Tỷ lệ", "{{ item.share }}", Mm(26)),
            ],
            "rows",
            size=12,
        )
        layout.tag(document, "for text in outcomes")
        layout.body_paragraph(document, "{{ text }}")
        layout.tag(document, "endfor")

    return layout.standard_template(body)


def build_signature_sheet() -> Document:
    def body(document: Document) -> None:
        layout.add_body(document)
        layout.add_list_table(
            document,
            [
                ("STT", "{{ item.number }}", Mm(13)),
                ("Họ và tên", "{{ item.name }}", Mm(58)),
                ("Mã NV", "{{ item.code }}", Mm(24)),
                ("Đơn vị", "{{ item.unit }}", Mm(40)),
                ("Ký nhận", "", Mm(30)),
            ],
            "electors",
            size=12,
        )

    return layout.standard_template(body)


def _share(votes: int, base: int) -> str:
    return f"{votes * 100 / base:.2f} %".replace(".", ",") if base else "—"


def minutes_context(
    head: documents.Letterhead,
    ballot: Ballot,
    result: BallotResult,
    labels: dict[int, str],
    closed_on: dt.date,
) -> dict[str, Any]:
    """The minutes in Vietnamese: the figures, a row per option, the outcome with its source."""
    with language("vi"):
        quorum = rules.Rule.decode(result.quorum_rule, result.quorum_source)
        intro = [
            f"Ban kiểm phiếu đã kiểm phiếu cuộc bỏ phiếu “{ballot.title}”, kết thúc lúc "
            f"{ballot.closed_at.astimezone(LOCAL_TIMEZONE):%H giờ %M} ngày "
            f"{closed_on:%d/%m/%Y}.",
            f"Tổng số người có quyền biểu quyết: {format_number(result.electorate)}. "
            f"Số phiếu đã phát (mã bỏ phiếu còn hiệu lực): {format_number(result.slips_issued)}.",
            f"Số phiếu thu về: {format_number(result.cast)}, gồm "
            f"{format_number(result.online)} phiếu qua điện thoại, "
            f"{format_number(result.paper)} phiếu giấy có mã và "
            f"{format_number(result.counted_by_tellers)} phiếu do tổ kiểm phiếu đếm trực tiếp.",
            f"Điều kiện hợp lệ của cuộc bỏ phiếu: {rules.describe(quorum)} "
            f"({_(quorum.source)}) — " + ("đạt." if result.quorum_reached else "không đạt."),
        ]
        rows, outcomes = [], []
        for question in result.questions:
            base = question.valid
            for index, option in enumerate(question.options):
                rows.append(
                    {
                        "question": f"{question.position}. {question.text}" if index == 0 else "",
                        "option": labels.get(option.id, option.label),
                        "votes": format_number(option.votes),
                        "share": _share(option.votes, base),
                    }
                )
            rows.append(
                {
                    "question": "",
                    "option": "Phiếu không hợp lệ",
                    "votes": format_number(question.invalid),
                    "share": "",
                }
            )
            rule = rules.Rule.decode(question.rule, question.rule_source)
            condition = (
                f"Quy tắc: {rules.describe(rule)}, tức ít nhất "
                f"{format_number(question.threshold)} phiếu ({_(rule.source)})."
            )
            if question.kind == "motion":
                verdict = "ĐƯỢC THÔNG QUA" if question.passed else "KHÔNG ĐƯỢC THÔNG QUA"
                outcomes.append(f"Nội dung {question.position}: {verdict}. {condition}")
            elif question.kind == "election":
                names = ", ".join(labels.get(i, "") for i in question.elected) or "không ai"
                text = f"Nội dung {question.position}: trúng cử: {names}. {condition}"
                if question.tied:
                    tied = ", ".join(labels.get(i, "") for i in question.tied)
                    text += f" Bằng phiếu ở vị trí cuối: {tied}; cần bầu lại."
                if question.open_seats:
                    text += f" Còn {question.open_seats} vị trí chưa bầu được."
                outcomes.append(text)
            else:
                leading = ", ".join(labels.get(i, "") for i in question.leading) or "không có"
                outcomes.append(
                    f"Nội dung {question.position}: nhiều phiếu nhất: {leading}. {condition}"
                )
        outcomes.append(
            f"Danh sách mã biên nhận của các phiếu đã được đếm được công bố cho "
            f"người lao động; dấu vân tay SHA-256 của danh sách: "
            f"{result.receipts_hash}."
        )
    return layout.standard_context(
        issuer=head.issuer,
        place=head.place,
        date=closed_on,
        doc_type="BIÊN BẢN",
        summary=f"Kiểm phiếu: {ballot.title}",
        body=intro,
        signer_authority="TM. BAN KIỂM PHIẾU",
        signer_title="Trưởng ban",
        signer_name="",
        recipients=["Người lao động (niêm yết);", "Lưu: VT."],
        rows=rows,
        outcomes=outcomes,
    )


def option_labels(questions: list[dict]) -> dict[int, str]:
    """What the documents print for each option: motion answers in Vietnamese."""
    return {
        o["id"]: _MOTION_WORDS.get(o["role"], o["label"]) for q in questions for o in q["options"]
    }


async def issue_minutes(
    context: EnterpriseContext, ballot: Ballot, result: BallotResult, questions: list[dict]
) -> IssuedDocument:
    """Number and store the minutes (inside the closing transaction)."""
    closed_on = ballot.closed_at.astimezone(LOCAL_TIMEZONE).date()
    head = await documents.letterhead(context)
    return await documents.issue(
        context,
        kind=MINUTES_KIND,
        type_code="BB",
        title=f"Biên bản kiểm phiếu: {ballot.title}",
        template=MINUTES,
        document_context=minutes_context(head, ballot, result, option_labels(questions), closed_on),
        on=closed_on,
    )


async def signature_sheet(context: EnterpriseContext, ballot: Ballot) -> bytes:
    head = await documents.letterhead(context)
    electors = (
        await Elector.select(
            Elector.worker.full_name.as_alias("name"),
            Elector.worker.employee_code.as_alias("code"),
            Elector.worker.org_unit.name.as_alias("unit"),
        )
        .where(Elector.ballot == ballot.id)
        .order_by(Elector.worker.sort_key)
    )
    with language("vi"):
        intro = [
            f"Danh sách người lao động nhận phiếu biểu quyết “{ballot.title}”. Mỗi người "
            "ký khi nhận một phiếu; danh sách không ghi số phiếu để giữ bí mật lá phiếu."
        ]
    sheet = layout.standard_context(
        issuer=head.issuer,
        place=head.place,
        date=ballot.frozen_at.astimezone(LOCAL_TIMEZONE).date(),
        doc_type="DANH SÁCH",
        summary="Ký nhận phiếu biểu quyết",
        body=intro,
        signer_title="Người lập danh sách",
        signer_name="",
        recipients=["Ban kiểm phiếu;", "Lưu: VT."],
        electors=[
            {"number": i, "name": e["name"], "code": e["code"], "unit": e["unit"] or ""}
            for i, e in enumerate(electors, start=1)
        ],
    )
    return await documents.render_unnumbered(SIGNATURE_SHEET, sheet)


def _sample_minutes() -> dict[str, Any]:
    from labour_democracy.voting.schemas import OptionResult, QuestionResult

    result = BallotResult(
        ballot=1,
        electorate=120,
        slips_issued=120,
        cast=101,
        online=80,
        paper=15,
        counted_by_tellers=6,
        present=101,
        quorum_rule="electorate ge 1/2",
        quorum_source="Chosen by the organiser",
        quorum_reached=True,
        receipts_hash="0" * 64,
        questions=[
            QuestionResult(
                id=1,
                position=1,
                kind="motion",
                text="Tán thành dự thảo quy chế thưởng năm 2027?",
                valid=100,
                invalid=1,
                blank=0,
                rule="valid gt 1/2",
                rule_source=rules.CONSULTATION_MAJORITY.source,
                threshold=51,
                options=[
                    OptionResult(id=1, label="For", votes=80, meets_rule=True),
                    OptionResult(id=2, label="Against", votes=15, meets_rule=False),
                    OptionResult(id=3, label="Abstain", votes=5, meets_rule=False),
                ],
                passed=True,
            )
        ],
    )
    ballot = Ballot(
        enterprise=1,
        title="Lấy ý kiến về quy chế thưởng năm 2027",
        closed_at=dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC),
        quorum_rule="",
        quorum_source="",
        quorum_minimum="",
        public_token="x",
    )
    head = documents.Letterhead("CÔNG TY TNHH MAY SÔNG HỒNG", "Bắc Ninh", "", "")
    context = minutes_context(
        head,
        ballot,
        result,
        {1: "Tán thành", 2: "Không tán thành", 3: "Không ý kiến"},
        dt.date(2026, 12, 1),
    )
    context["header"]["reference"] = "01/BB-SHVN"
    return {**context, "reference": "01/BB-SHVN", "number": 1}


def _sample_sheet() -> dict[str, Any]:
    return layout.standard_context(
        issuer="Công ty TNHH May Sông Hồng",
        place="Bắc Ninh",
        date=dt.date(2026, 12, 1),
        doc_type="DANH SÁCH",
        summary="Ký nhận phiếu biểu quyết",
        body=["Danh sách ..."],
        signer_title="Người lập danh sách",
        signer_name="",
        recipients=["Lưu: VT."],
        electors=[{"number": 1, "name": "Nguyễn Thị Lan", "code": "SHVN0001", "unit": "Tổ may 1A"}],
    )


# Declared in the module's manifest.
TEMPLATES = (
    DocumentTemplate(MINUTES, build_minutes, _sample_minutes),
    DocumentTemplate(SIGNATURE_SHEET, build_signature_sheet, _sample_sheet),
)
KINDS = (DocumentKind(MINUTES_KIND, N_("Vote-count minutes")),)
