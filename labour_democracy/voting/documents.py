"""The voting engine's documents: vote-count minutes (Biên bản kiểm phiếu) and the signature
sheet for slips (Danh sách ký nhận phiếu). Documents are in Vietnamese whatever the page's
language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
from labour_democracy.manifest import DocumentKind, IssuingBody, installed
from labour_democracy.voting import rules
from labour_democracy.voting.labels import describe_rule
from labour_democracy.voting.schemas import BallotResult
from labour_democracy.voting.tables import Ballot, Elector, TallyKind, TallySheet

MINUTES = "voting/vote_count_minutes.docx"
SIGNATURE_SHEET = "voting/signature_sheet.docx"
MINUTES_KIND = "vote_count_minutes"
SIGNATURE_SHEET_KIND = "slip_signature_sheet"
_MOTION_WORDS = {"for": "Tán thành", "against": "Không tán thành", "abstain": "Không ý kiến"}


def build_minutes() -> Document:
    """Biên bản kiểm phiếu: the opening, the counting board, the figures, a row per option with
    its share of the rule's denominator, the outcome, the copies, the signatures."""
    document = layout.new_document()
    layout.add_heading(document)
    layout.add_title(document)
    layout.add_body(document)
    layout.add_list_table(
        document,
        [
            ("Nội dung", "{{ item.question }}", Mm(50)),
            ("Phương án", "{{ item.option }}", Mm(40)),
            ("{{ count_heading }}", "{{ item.votes }}", Mm(20)),
            ("Tỷ lệ (trên mẫu số của quy tắc)", "{{ item.share }}", Mm(55)),
        ],
        "rows",
        size=12,
    )
    layout.paragraph(document, size=6)
    layout.tag(document, "for text in outcomes")
    layout.body_paragraph(document, "{{ text }}")
    layout.tag(document, "endfor")
    layout.add_signers(document, "signers", 2, rows=2)
    return document


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


def _percent(count: int, base: int) -> str:
    return f"{count * 100 / base:.2f} %".replace(".", ",")


def base_words(base: rules.Base, who: str) -> str:
    """What a rule's denominator counts, in the documents' words: "đại biểu có mặt"."""
    return {
        rules.Base.ELECTORATE: f"{who} có quyền biểu quyết",
        rules.Base.PRESENT: f"{who} có mặt",
        rules.Base.VALID: "phiếu hợp lệ",
    }[base]


def rule_share(count: int, rule: rules.Rule, counts: rules.Counts, who: str) -> str:
    """A count as the share of the rule's own denominator, saying which it is:
    "12/22 đại biểu có mặt = 54,55 %". Every document of a vote prints a share this way, so
    the vote-count minutes, the conference minutes and the resolution agree, and the figure
    beside "more than half of those present" is a share of those present."""
    base = counts.base_size(rule.base)
    words = f"{format_number(count)}/{format_number(base)} {base_words(rule.base, who)}"
    return f"{words} = {_percent(count, base)}" if base else words


def voters_word(ballot: Ballot) -> str:
    """Who votes, as the documents name them: the delegates at a conference, else workers."""
    return "đại biểu" if ballot.purpose == "conference" else "người"


def question_counts(result: BallotResult, valid: int) -> rules.Counts:
    return rules.Counts(electorate=result.electorate, present=result.present, valid=valid)


@dataclass(frozen=True)
class CountingFacts:
    """Who counted and how, for the minutes: the tellers of the tally sheets (a show of hands,
    paper ballots without codes), who closed the vote, who chaired it, where."""

    tellers: tuple[str, ...] = ()
    show_of_hands: bool = False
    closed_by: str = ""
    chairs: tuple[str, ...] = ()
    where: str = ""


def _clock(moment: dt.datetime) -> str:
    local = moment.astimezone(LOCAL_TIMEZONE)
    return f"{local:%H} giờ {local:%M}"


def _names(names: Iterable[str]) -> str:
    return ", ".join(f"Ông/Bà {name}" for name in names)


def _signers(facts: CountingFacts) -> list[dict[str, str]]:
    """Two per row: the tellers, then the chair(s) or whoever drew up the minutes."""
    tellers = [{"title": "NGƯỜI KIỂM PHIẾU", "side": "", "name": n} for n in facts.tellers[:2]]
    if not tellers:
        tellers = [{"title": "NGƯỜI LẬP BIÊN BẢN", "side": "", "name": facts.closed_by}]
    chairs = [{"title": "CHỦ TRÌ", "side": "", "name": n} for n in facts.chairs[:2]]
    if not chairs and facts.tellers:
        chairs = [{"title": "NGƯỜI LẬP BIÊN BẢN", "side": "", "name": facts.closed_by}]
    blank = {"title": "", "side": "", "name": ""}
    return [*tellers, blank][:2] + [*chairs, blank, blank][:2]


def minutes_context(
    head: documents.Letterhead,
    ballot: Ballot,
    result: BallotResult,
    labels: dict[int, str],
    closed_on: dt.date,
    facts: CountingFacts | None = None,
) -> dict[str, Any]:
    """The minutes in Vietnamese: when and where, who counted, the figures, a row per option,
    the outcome with its source. A show of hands has its own record: hands counted per option
    by the tellers against those present, no ballots issued and no receipts."""
    facts = facts or CountingFacts()
    who = voters_word(ballot)
    # Only hands were counted: no ballot was issued nor cast (a vote mixing coded ballots and
    # hands keeps the ballots' record).
    hands = facts.show_of_hands and not (result.online or result.paper)
    with language("vi"):
        quorum = rules.Rule.decode(result.quorum_rule, result.quorum_source)
        where = f", tại {facts.where}" if facts.where else ""
        if hands:
            intro = [
                f"Hôm nay, vào lúc {_clock(ballot.closed_at)} ngày {closed_on:%d/%m/%Y}{where}, "
                f"tổ kiểm phiếu đếm biểu quyết bằng hình thức giơ tay về nội dung "
                f"“{ballot.title}”.",
                f"Tổ kiểm phiếu gồm: {_names(facts.tellers) or 'không ghi nhận'}.",
            ]
        else:
            intro = [
                f"Hôm nay, vào lúc {_clock(ballot.closed_at)} ngày {closed_on:%d/%m/%Y}{where}, "
                f"cuộc bỏ phiếu “{ballot.title}” kết thúc và được kiểm phiếu.",
                "Ban kiểm phiếu gồm: "
                + (f"{_names(facts.tellers)} (đếm phiếu không có mã); " if facts.tellers else "")
                + "phiếu qua điện thoại và phiếu giấy có mã do hệ thống đếm"
                + (f"; người lập biên bản: Ông/Bà {facts.closed_by}." if facts.closed_by else "."),
            ]
        if facts.chairs:
            intro.append(f"Chủ trì: {_names(facts.chairs)}.")
        if hands:
            intro.append(
                f"Số {who} có quyền biểu quyết: {format_number(result.electorate)}. "
                f"Số {who} có mặt khi biểu quyết: {format_number(result.present)}. "
                "Tổ kiểm phiếu đếm số người giơ tay cho từng phương án."
            )
        else:
            intro += [
                f"Tổng số {who} có quyền biểu quyết: {format_number(result.electorate)}. "
                f"Số phiếu đã phát (mã bỏ phiếu còn hiệu lực): "
                f"{format_number(result.slips_issued)}.",
                f"Số phiếu thu về: {format_number(result.cast)}, gồm "
                f"{format_number(result.online)} phiếu qua điện thoại, "
                f"{format_number(result.paper)} phiếu giấy có mã và "
                f"{format_number(result.counted_by_tellers)} phiếu do tổ kiểm phiếu đếm trực tiếp.",
            ]
        intro.append(
            f"Điều kiện hợp lệ của cuộc biểu quyết: {describe_rule(quorum, ballot.purpose)} "
            f"({_(quorum.source)}) — " + ("đạt." if result.quorum_reached else "không đạt.")
        )
        rows, outcomes = [], []
        for question in result.questions:
            rule = rules.Rule.decode(question.rule, question.rule_source)
            counts = question_counts(result, question.valid)
            for index, option in enumerate(question.options):
                rows.append(
                    {
                        "question": f"{question.position}. {question.text}" if index == 0 else "",
                        "option": labels.get(option.id, option.label),
                        "votes": format_number(option.votes),
                        "share": rule_share(option.votes, rule, counts, who),
                    }
                )
            if not hands:
                rows.append(
                    {
                        "question": "",
                        "option": "Phiếu không hợp lệ",
                        "votes": format_number(question.invalid),
                        "share": "",
                    }
                )
            condition = (
                f"Quy tắc: {describe_rule(rule, ballot.purpose)}, tức ít nhất "
                f"{format_number(question.threshold)} {'người' if hands else 'phiếu'} "
                f"({_(rule.source)})."
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
        if result.online or result.paper:
            outcomes.append(
                f"Danh sách mã biên nhận của các phiếu đã được đếm được công bố cho "
                f"người lao động; dấu vân tay SHA-256 của danh sách: "
                f"{result.receipts_hash}."
            )
        outcomes.append(
            f"Kết quả được công bố lúc {_clock(ballot.closed_at)} cùng ngày. Biên bản được "
            "lập thành 02 bản có giá trị như nhau: 01 bản niêm yết công khai cho người lao động, "
            "01 bản lưu."
        )
    return layout.standard_context(
        issuer=head.issuer,
        place=head.place,
        date=closed_on,
        doc_type="BIÊN BẢN",
        summary=f"{'Kiểm biểu quyết giơ tay' if hands else 'Kiểm phiếu'}: {ballot.title}",
        body=intro,
        signer_title="",
        signer_name="",
        recipients=["Người lao động (niêm yết);", "Lưu: VT."],
        rows=rows,
        outcomes=outcomes,
        count_heading="Số người giơ tay" if hands else "Số phiếu",
        signers=_signers(facts),
    )


async def counting_facts(
    context: EnterpriseContext, ballot: Ballot, chairs: Sequence[str] = ()
) -> CountingFacts:
    sheets = (
        await TallySheet.select(TallySheet.kind, TallySheet.teller_one, TallySheet.teller_two)
        .where(TallySheet.ballot == ballot.id)
        .order_by(TallySheet.id)
    )
    tellers: list[str] = []
    for sheet in sheets:
        for name in (sheet["teller_one"], sheet["teller_two"]):
            if name and name not in tellers:
                tellers.append(name)
    hands = bool(sheets) and all(s["kind"] == TallyKind.SHOW_OF_HANDS for s in sheets)
    return CountingFacts(
        tellers=tuple(tellers),
        show_of_hands=hands,
        closed_by=context.actor.full_name,
        chairs=tuple(name for name in chairs if name),
        where=context.enterprise.name,
    )


def option_labels(questions: list[dict]) -> dict[int, str]:
    """What the documents print for each option: motion answers in Vietnamese."""
    return {
        o["id"]: _MOTION_WORDS.get(o["role"], o["label"]) for q in questions for o in q["options"]
    }


async def issue_minutes(
    context: EnterpriseContext,
    ballot: Ballot,
    result: BallotResult,
    questions: list[dict],
    chairs: Sequence[str] = (),
) -> IssuedDocument:
    """Number and store the minutes (inside the closing transaction)."""
    closed_on = ballot.closed_at.astimezone(LOCAL_TIMEZONE).date()
    head = await documents.letterhead(context)
    facts = await counting_facts(context, ballot, chairs)
    document_context = minutes_context(
        head, ballot, result, option_labels(questions), closed_on, facts
    )
    body = await issuing_body(context, ballot.purpose)
    if body is not None:  # a vote another body runs (the union's): its letterhead and numbers
        document_context["header"] = {
            **document_context["header"],
            "superior_body": body.superior.upper() if body.superior else None,
            "issuer": body.name.upper(),
        }
    return await documents.issue(
        context,
        kind=MINUTES_KIND,
        type_code="BB",
        title=f"Biên bản kiểm phiếu: {ballot.title}",
        template=MINUTES,
        document_context=document_context,
        issuer=body.symbol if body is not None else None,
        on=closed_on,
    )


async def issuing_body(context: EnterpriseContext, purpose: str) -> IssuingBody | None:
    """The body that issues the documents of ballots of `purpose`, as a module declares it in
    its manifest's `ballot_issuers`; None: the enterprise."""
    for manifest in installed():
        source = manifest.ballot_issuers.get(purpose)
        if source is not None:
            return await source(context)
    return None


async def signature_sheet(context: EnterpriseContext, ballot: Ballot) -> bytes:
    """Danh sách ký nhận phiếu: numbered ("01/DS-SHVN"), the same document again while the
    electorate has not changed (it is fixed when the slips are printed)."""
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
    issued_on = sheet["header"]["date"]
    document = await documents.issue(
        context,
        kind=SIGNATURE_SHEET_KIND,
        type_code="DS",
        title=f"Danh sách ký nhận phiếu: {ballot.title}",
        template=SIGNATURE_SHEET,
        document_context=sheet,
        on=issued_on,
        reuse_unchanged=True,
    )
    return document.content


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
        CountingFacts(
            tellers=("Phạm Văn Dũng", "Hoàng Thị Em"),
            closed_by="Lê Thị Cúc",
            where="Công ty TNHH May Sông Hồng",
        ),
    )
    context["header"]["reference"] = "01/BB-SHVN"
    return {**context, "reference": "01/BB-SHVN", "number": 1}


def _sample_sheet() -> dict[str, Any]:
    context = layout.standard_context(
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
    context["header"]["reference"] = "03/DS-SHVN"
    return {**context, "reference": "03/DS-SHVN", "number": 3}


# Declared in the module's manifest.
TEMPLATES = (
    DocumentTemplate(MINUTES, build_minutes, _sample_minutes),
    DocumentTemplate(SIGNATURE_SHEET, build_signature_sheet, _sample_sheet),
)
KINDS = (
    DocumentKind(MINUTES_KIND, N_("Vote-count minutes")),
    DocumentKind(SIGNATURE_SHEET_KIND, N_("Signature sheet for slips")),
)
