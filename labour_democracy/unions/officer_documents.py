"""The documents of a committee's first meeting (phiên họp thứ nhất): its minutes, with each
round of the vote and the officers elected, under the union's letterhead (the upper-level union
above "CÔNG ĐOÀN CƠ SỞ …"), signed by the chair it elected, numbered in the union's series; and
a sample of a round's vote-count minutes, which the voting engine issues under the same
letterhead (the manifest's `ballot_issuers`). Vietnamese only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from docx.document import Document
from docx.shared import Mm

from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.documents import engine, layout
from labour_democracy.documents import services as documents
from labour_democracy.documents.registry import DocumentTemplate, GeneratedDocument
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import N_, format_date, language
from labour_democracy.i18n import gettext as _
from labour_democracy.manifest import DocumentKind
from labour_democracy.unions import rules
from labour_democracy.unions.documents import UNION_SYMBOL, union_context
from labour_democracy.unions.tables import Body, CommitteeMeeting, GrassrootsUnion, RoundOutcome
from labour_democracy.voting import documents as vote_documents
from labour_democracy.voting.schemas import BallotResult, OptionResult, QuestionResult
from labour_democracy.voting.tables import Ballot

MEETING_TEMPLATE = "unions/committee_meeting.docx"
VOTE_COUNT_SAMPLE = "unions/officer_vote_count_minutes.docx"
MEETING_MINUTES = "union_committee_meeting_minutes"
BODY_WORDS = {Body.EXECUTIVE: "Ban Chấp hành", Body.INSPECTION: "Ủy ban Kiểm tra"}
_SIGNER = {
    Body.EXECUTIVE: ("TM. BAN CHẤP HÀNH", "Chủ tịch"),
    Body.INSPECTION: ("TM. ỦY BAN KIỂM TRA", "Chủ nhiệm"),
}


def outcome_words(outcome: str, elected: list[str], tied: list[str]) -> str:
    """A round's outcome as the minutes print it."""
    if outcome == RoundOutcome.VOID:
        return "Không công nhận (cử tri hoặc danh sách bầu bị thay đổi), bầu lại"
    parts = [f"Trúng cử: {', '.join(elected)}" if elected else "Không ai trúng cử"]
    if tied:
        parts.append(f"bằng phiếu: {', '.join(tied)}, bầu lại")
    elif outcome == RoundOutcome.NO_MAJORITY:
        parts.append("không đủ số phiếu, bầu lại")
    return "; ".join(parts)


def build_meeting_minutes() -> Document:
    """The body, the table of rounds, the officers elected, the closing lines."""

    def body(document: Document) -> None:
        layout.add_body(document)
        layout.add_list_table(
            document,
            [
                ("Vòng", "{{ item.number }}", Mm(14)),
                ("Chức danh bầu", "{{ item.office }}", Mm(40)),
                ("Kết quả", "{{ item.outcome }}", Mm(71)),
                ("Biên bản kiểm phiếu", "{{ item.minutes }}", Mm(40)),
            ],
            "rounds",
            size=12,
        )
        layout.body_paragraph(document, "{{ elected_heading }}")
        layout.add_list_table(
            document,
            [
                ("STT", "{{ item.number }}", Mm(14)),
                ("Họ và tên", "{{ item.name }}", Mm(70)),
                ("Chức danh", "{{ item.role }}", Mm(81)),
            ],
            "people",
            size=12,
        )
        layout.tag(document, "for text in closing")
        layout.body_paragraph(document, "{{ text }}")
        layout.tag(document, "endfor")

    return layout.standard_template(body)


def _long_date(day: dt.date) -> str:
    """ "ngày 06 tháng 12 năm 2026", as Decree 30/2020 writes a date, whatever the reader's
    language."""
    with language("vi"):
        return format_date(day, "long")


def meeting_context(
    *,
    union_name: str,
    upper_union: str,
    place: str,
    body: Body,
    met_on: dt.date,
    meeting_place: str,
    congress_on: dt.date | None,
    members: list[tuple[str, str]],
    rounds: list[dict[str, Any]],
    signer: str,
) -> dict[str, Any]:
    """The minutes of a committee's first meeting, in Vietnamese."""
    words = BODY_WORDS[body]
    with language("vi"):
        source = _(rules.OFFICER_MAJORITY.source)
    elected_at = f", do Đại hội thành lập bầu {_long_date(congress_on)}" if congress_on else ""
    offices = "Chủ tịch, Phó Chủ tịch" if body is Body.EXECUTIVE else "Chủ nhiệm"
    text = [
        f"Hôm nay, {_long_date(met_on)}, tại {meeting_place}, {words} {union_name} nhiệm kỳ "
        f"đầu{elected_at}, họp phiên thứ nhất.",
        f"Số ủy viên {words}: {len(members)}; cử tri của phiên họp là các ủy viên: "
        + ", ".join(f"Ông/Bà {name}" for name, _role in members)
        + ".",
        f"Phiên họp bầu {offices} trong số các ủy viên {words}, bằng phiếu kín, hình thức gạch "
        f"tên, mỗi chức danh một vòng. Người trúng cử được quá một nửa tổng số ủy viên {words} "
        f"đồng ý ({source}). Bằng phiếu hoặc không ai đủ số phiếu thì bầu lại.",
        "Các vòng bầu:",
    ]
    context = union_context(
        union_name=union_name,
        upper_union=upper_union,
        place=place,
        on=met_on,
        doc_type="BIÊN BẢN",
        summary=f"Phiên họp thứ nhất {words} công đoàn cơ sở",
        body=text,
        chair=signer,
        recipients=[f"{upper_union};", "Lưu: VT."],
        people=members,
        closing=[
            "Phiên họp kết thúc cùng ngày. Biên bản được lập thành 03 bản, đã thông qua tại "
            "phiên họp."
        ],
        authority=_SIGNER[body][0],
        title=_SIGNER[body][1],
    )
    context["rounds"] = rounds
    context["elected_heading"] = f"Kết quả, {words} gồm các ông, bà có tên dưới đây:"
    return context


async def issue_meeting_minutes(
    context: EnterpriseContext,
    union: GrassrootsUnion,
    meeting: CommitteeMeeting,
    *,
    members: list[tuple[str, str]],
    rounds: list[dict[str, Any]],
    signer: str,
) -> IssuedDocument:
    head = await documents.letterhead(context)
    body = Body(meeting.body)
    document_context = meeting_context(
        union_name=union.name,
        upper_union=union.upper_union,
        place=head.place,
        body=body,
        met_on=meeting.met_on,
        meeting_place=meeting.place,
        congress_on=union.congress_on,
        members=members,
        rounds=rounds,
        signer=signer,
    )
    return await documents.issue(
        context,
        kind=MEETING_MINUTES,
        type_code="BB",
        title=f"Biên bản phiên họp thứ nhất {BODY_WORDS[body]}",
        template=MEETING_TEMPLATE,
        document_context=document_context,
        issuer=UNION_SYMBOL,
        on=meeting.met_on,
    )


_UNION = "Công đoàn cơ sở Công ty TNHH May Sông Hồng"
_UPPER = "Liên đoàn Lao động tỉnh Thái Nguyên"


def sample_meeting() -> dict[str, Any]:
    context = meeting_context(
        union_name=_UNION,
        upper_union=_UPPER,
        place="Thái Nguyên",
        body=Body.EXECUTIVE,
        met_on=dt.date(2026, 12, 6),
        meeting_place="Hội trường tầng 2",
        congress_on=dt.date(2026, 12, 6),
        members=[
            ("Nguyễn Văn An", "Chủ tịch"),
            ("Trần Thị Bình", "Phó Chủ tịch"),
            ("Lê Văn Cường", "Ủy viên Ban Chấp hành"),
        ],
        rounds=[
            {
                "number": 1,
                "office": "Chủ tịch",
                "outcome": outcome_words("round_no_majority", [], []),
                "minutes": "02/BB-CĐCS",
            },
            {
                "number": 2,
                "office": "Chủ tịch",
                "outcome": outcome_words("round_elected", ["Nguyễn Văn An"], []),
                "minutes": "03/BB-CĐCS",
            },
            {
                "number": 3,
                "office": "Phó Chủ tịch",
                "outcome": outcome_words("round_elected", ["Trần Thị Bình"], []),
                "minutes": "04/BB-CĐCS",
            },
        ],
        signer="Nguyễn Văn An",
    )
    context["header"]["reference"] = "05/BB-CĐCS"
    return {**context, "reference": "05/BB-CĐCS", "number": 5}


def sample_vote_count() -> bytes:
    """A round's vote-count minutes as the voting engine issues them for the union."""
    question = QuestionResult(
        id=1,
        position=1,
        kind="election",
        text="Bầu Chủ tịch công đoàn cơ sở",
        valid=3,
        invalid=0,
        blank=0,
        rule=rules.OFFICER_MAJORITY.encode(),
        rule_source=rules.OFFICER_MAJORITY.source,
        threshold=2,
        options=[
            OptionResult(id=1, label="Nguyễn Văn An", votes=2, meets_rule=True),
            OptionResult(id=2, label="Lê Văn Cường", votes=1, meets_rule=False),
        ],
        elected=[1],
    )
    result = BallotResult(
        ballot=1,
        electorate=3,
        slips_issued=0,
        cast=3,
        online=0,
        paper=0,
        counted_by_tellers=3,
        present=3,
        quorum_rule="electorate ge 0/1",
        quorum_source="No quorum required",
        quorum_reached=True,
        receipts_hash="",
        questions=[question],
    )
    ballot = Ballot(
        enterprise=1,
        purpose="union_officers",
        title="Phiên họp thứ nhất Ban Chấp hành: Bầu Chủ tịch công đoàn cơ sở, vòng 2",
        closed_at=dt.datetime(2026, 12, 6, 9, 30, tzinfo=dt.UTC),
        quorum_rule="",
        quorum_source="",
        quorum_minimum="",
        public_token="x",
    )
    head = documents.Letterhead("CÔNG TY TNHH MAY SÔNG HỒNG", "Thái Nguyên", "", "")
    context = vote_documents.minutes_context(
        head,
        ballot,
        result,
        {1: "Nguyễn Văn An", 2: "Lê Văn Cường"},
        dt.date(2026, 12, 6),
        vote_documents.CountingFacts(
            tellers=("Lê Văn Cường", "Trần Thị Bình"),
            closed_by="Nguyễn Văn An",
            where="Công ty TNHH May Sông Hồng",
        ),
    )
    context["header"] = {
        **context["header"],
        "superior_body": _UPPER.upper(),
        "issuer": _UNION.upper(),
        "reference": "03/BB-CĐCS",
    }
    return engine.render_sync(vote_documents.MINUTES, {**context, "reference": "03/BB-CĐCS"})


TEMPLATES = (DocumentTemplate(MEETING_TEMPLATE, build_meeting_minutes, sample_meeting),)
GENERATED = (GeneratedDocument(VOTE_COUNT_SAMPLE, sample_vote_count),)
KINDS = (DocumentKind(MEETING_MINUTES, N_("Minutes of a union committee's first meeting")),)
