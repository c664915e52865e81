"""The life of an agreement through its use cases: request, teams, sessions, the ledger and
its legal check, the vote of all workers (exactly half fails), signing, filing, deadlines and
the obligations; the documents read back."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from labour_democracy.agreements import approval, bargaining, compliance, deadlines, ledger
from labour_democracy.agreements.documents import issue
from labour_democracy.agreements.schemas import (
    ClauseForm,
    DateForm,
    ProposalForm,
    ReplyForm,
    RequestForm,
    SessionForm,
    SignForm,
    TeamMemberForm,
    VoteForm,
)
from labour_democracy.agreements.tables import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    ApprovalVote,
    BargainingSide,
    Chapter,
    Clause,
    ClauseStatus,
)
from labour_democracy.core.errors import Conflict, Forbidden, Invalid
from labour_democracy.core.tables import Enterprise, Role
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import language, today
from labour_democracy.voting import services as voting
from labour_democracy.voting.rules import Base, Comparator
from labour_democracy.voting.schemas import QuestionForm, TallySheetForm
from labour_democracy.voting.tables import Ballot, QuestionKind, TallyKind
from tests import factories
from tests.agreements import REPRESENTED

WORKERS = 10


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for cell_row in table.rows:
            parts.extend(cell.text for cell in cell_row.cells)
    return "\n".join(parts)


async def _docx_text(document_id: int) -> str:
    row = (
        await IssuedDocument.select(IssuedDocument.content)
        .where(IssuedDocument.id == document_id)
        .first()
    )
    document = Document(io.BytesIO(row["content"]))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for cell_row in table.rows:
            parts.extend(cell.text for cell in cell_row.cells)
    return "\n".join(parts)


async def _setup(region: int | None = 1):
    enterprise = await factories.enterprise(min_wage_region=region, **REPRESENTED)
    await factories.workers(enterprise, WORKERS)
    hr = await factories.context(enterprise, Role.HR)
    union = await factories.context(enterprise, Role.UNION)
    return enterprise, hr, union


async def _bargain(hr, union) -> tuple[int, int]:
    """A request by the union, the reply, two teams, a session and a wage clause below the
    floor: returns the agreement and the clause."""
    received = today() - dt.timedelta(days=3)
    agreement_id = await bargaining.create_request(
        union,
        RequestForm(
            requested_by=BargainingSide.WORKERS,
            received_on=received,
            title="Thỏa ước lao động tập thể năm 2027",
            contents="Tiền lương\nLàm thêm giờ",
        ),
    )
    await bargaining.record_reply(
        hr, agreement_id, ReplyForm(replied_on=received, agreed_time_place="9 giờ, hội trường")
    )
    await bargaining.add_team_member(
        hr,
        agreement_id,
        TeamMemberForm(side=BargainingSide.EMPLOYER, full_name="Nguyễn Văn A", leads=True),
    )
    await bargaining.add_team_member(
        union,
        agreement_id,
        TeamMemberForm(side=BargainingSide.WORKERS, full_name="Trần Thị B", leads=True),
    )
    await bargaining.add_session(
        hr, agreement_id, SessionForm(held_on=today(), place="Hội trường", minute_taker="Lê C")
    )
    wages = (
        await Chapter.select(Chapter.id)
        .where((Chapter.agreement == agreement_id) & (Chapter.position == 2))
        .first()
    )
    clause_id = await ledger.add_clause(
        hr,
        agreement_id,
        ClauseForm(
            chapter=wages["id"],
            title="Mức lương thấp nhất",
            text="Mức lương thấp nhất là 5.000.000 đồng/tháng.",
            term="wage_month",
            value="5.000.000",
        ),
    )
    return agreement_id, clause_id


async def _agree(context, agreement_id, clause_id, value=None, side=BargainingSide.EMPLOYER):
    await ledger.propose(
        context,
        agreement_id,
        clause_id,
        ProposalForm(side=side, status=ClauseStatus.AGREED, value=value),
    )


async def _run_vote(union, agreement_id: int, approvals: int) -> bool:
    ballot_id = await approval.put_to_vote(union, agreement_id, VoteForm())
    await voting.open_ballot(union, ballot_id)
    question = (await voting.questions_with_options(ballot_id))[0]
    options = {o["role"]: o["id"] for o in question["options"]}
    await voting.add_tally_sheet(
        union,
        ballot_id,
        TallySheetForm(kind=TallyKind.PAPER, ballots=WORKERS, teller_one="Lê A", teller_two="Vũ B"),
        {
            (question["id"], options["for"], False): approvals,
            (question["id"], options["against"], False): WORKERS - approvals,
        },
    )
    await voting.close_ballot(union, ballot_id)
    return await approval.record_result(union, agreement_id)


async def test_a_new_request_gets_the_deadlines_of_art_70_and_the_chapters_of_art_67():
    _enterprise, hr, union = await _setup()
    agreement_id, _clause = await _bargain(hr, union)
    agreement = await Agreement.objects().where(Agreement.id == agreement_id).first()
    assert agreement.first_session_due_on == agreement.received_on + dt.timedelta(days=30)
    assert agreement.reply_due_on > agreement.received_on
    assert agreement.bargaining_due_on == today() + dt.timedelta(days=90)
    assert await Chapter.count().where(Chapter.agreement == agreement_id) == 9


async def test_hr_cannot_speak_for_the_worker_side():
    _enterprise, hr, _union = await _setup()
    with pytest.raises(Forbidden):
        await bargaining.create_request(
            hr,
            RequestForm(
                requested_by=BargainingSide.WORKERS,
                received_on=today(),
                title="T",
                contents="C",
            ),
        )


async def test_a_clause_value_that_is_not_a_number_is_refused_and_nothing_changes():
    _enterprise, hr, union = await _setup()
    agreement_id, _clause = await _bargain(hr, union)
    chapter = await Chapter.select(Chapter.id).where(Chapter.agreement == agreement_id).first()
    before = await Clause.count()
    with language("en"), pytest.raises(Invalid) as refused:
        await ledger.add_clause(
            hr,
            agreement_id,
            ClauseForm(
                chapter=chapter["id"], title="X", text="Y", term="annual_leave", value="mười"
            ),
        )
    assert "number" in refused.value.errors["value"]
    assert await Clause.count() == before


async def test_the_whole_life_of_an_agreement():
    enterprise, hr, union = await _setup()
    agreement_id, clause_id = await _bargain(hr, union)
    agreement = await Agreement.objects().where(Agreement.id == agreement_id).first()
    region = (await Enterprise.objects().where(Enterprise.id == enterprise).first()).min_wage_region

    # The wage clause is below the regional minimum: flagged, and the draft cannot go to the vote.
    checked = await ledger.checked_clauses(agreement, region)
    assert checked[0].verdict.value == "below" and "293/2025" in checked[0].floor.source
    await _agree(hr, agreement_id, clause_id)
    await _agree(union, agreement_id, clause_id, side=BargainingSide.WORKERS)
    with language("en"), pytest.raises(Conflict, match="below the law"):
        await approval.put_to_vote(union, agreement_id, VoteForm())

    # Fixed at a second session: raised above the floor.
    session = await bargaining.add_session(
        hr, agreement_id, SessionForm(held_on=today(), place="Hội trường", minute_taker="Lê C")
    )
    await ledger.propose(
        union,
        agreement_id,
        clause_id,
        ProposalForm(
            side=BargainingSide.WORKERS,
            status=ClauseStatus.AGREED,
            session=session,
            text="Mức lương thấp nhất là 5.600.000 đồng/tháng.",
            value="5.600.000",
        ),
    )
    checked = await ledger.checked_clauses(agreement, region)
    assert checked[0].verdict.value == "more_favourable"
    assert len(await ledger.history(clause_id)) == 3

    # Minutes of the session, read back.
    from labour_democracy.agreements.tables import BargainingSession

    session_row = await BargainingSession.objects().where(BargainingSession.id == session).first()
    minutes = await issue.session_minutes(hr, agreement, session_row)
    text = await _docx_text(minutes.id)
    assert "BIÊN BẢN" in text and "lần thứ 2" in text and "5.600.000" in text
    assert "NGƯỜI GHI BIÊN BẢN" in text and "Lê C" in text
    await bargaining.publish_minutes(union, agreement_id, session)

    # Signing before the vote is refused.
    sign = SignForm(
        signed_on=today(), term_months=24, employer_signer="Nguyễn Văn A", workers_signer="Trần B"
    )
    with language("en"), pytest.raises(Conflict, match="more than half of all workers"):
        await approval.sign(hr, agreement_id, sign)

    # Exactly half of all workers fails: back to bargaining, the result kept.
    assert await _run_vote(union, agreement_id, WORKERS // 2) is False
    agreement = await Agreement.objects().where(Agreement.id == agreement_id).first()
    assert agreement.status == AgreementStatus.BARGAINING
    first = await ApprovalVote.objects().where(ApprovalVote.agreement == agreement_id).first()
    assert (first.votes_for, first.workforce, first.passed) == (5, 10, False)

    # One more passes.
    assert await _run_vote(union, agreement_id, WORKERS // 2 + 1) is True

    # A term outside 1-3 years is refused, nothing changes.
    with language("en"), pytest.raises(Invalid) as refused:
        await approval.sign(
            hr,
            agreement_id,
            SignForm(signed_on=today(), term_months=37, employer_signer="A", workers_signer="B"),
        )
    assert "12 to 36" in refused.value.errors["term_months"]
    assert (await Agreement.objects().where(Agreement.id == agreement_id).first()).signed_on is None

    # Filing an unsigned agreement is refused.
    with pytest.raises(Conflict):
        await approval.file(hr, agreement_id, DateForm(on=today()))

    await approval.sign(hr, agreement_id, sign)
    agreement = await Agreement.objects().where(Agreement.id == agreement_id).first()
    assert agreement.expires_on == approval.rules.expiry_date(today(), 24)
    text = await _docx_text(agreement.agreement_document)
    assert "THỎA ƯỚC LAO ĐỘNG TẬP THỂ" in text and "Điều 1. Mức lương thấp nhất" in text
    assert "Chương II" in text and "5.600.000" in text and "Trần B" in text

    # The filing reminder, then the letter.
    with language("en"):
        items = await deadlines.deadlines(hr)
    assert any("Sở Nội vụ" in item.title and item.due_on == today() + dt.timedelta(days=10)
               for item in items)  # fmt: skip
    await approval.publish(hr, agreement_id, DateForm(on=today()), "http://x/p/t")
    await approval.file(hr, agreement_id, DateForm(on=today()))
    agreement = await Agreement.objects().where(Agreement.id == agreement_id).first()
    letter = await _docx_text(agreement.filing_document)
    assert "Kính gửi: Sở Nội vụ" in letter and "Điều 77" in letter
    notice = await _docx_text(agreement.publication_document)
    assert "THÔNG BÁO" in notice and "công bố" in notice

    # The anonymised public copy names no person the records know.
    enterprise_row = await Enterprise.objects().where(Enterprise.id == enterprise).first()
    public = docx_text(await issue.public_copy(enterprise_row, agreement))
    assert "5.600.000" in public and "[…]" in public
    assert "Trần B" not in public and "Nguyễn Văn A" not in public

    # The expiry reminder sits on the expiry date, the renewal window 90 days before.
    with language("en"):
        items = await deadlines.deadlines(hr)
    expiry = [item for item in items if "expires" in item.title]
    assert [item.due_on for item in expiry] == [agreement.expires_on]

    # The obligations.
    year = today().year
    assert (await compliance.in_force([enterprise], year))[enterprise].met is True
    assert (await compliance.filed_on_time([enterprise], year))[enterprise].met is True
    assert (await compliance.clauses_lawful([enterprise], year))[enterprise].met is True
    assert (await compliance.not_expiring([enterprise], year))[enterprise].met is True


async def test_the_agreement_vote_cannot_be_weakened_from_the_ballot_pages():
    _enterprise, hr, union = await _setup()
    agreement_id, clause_id = await _bargain(hr, union)
    await _agree(hr, agreement_id, clause_id, value="5.400.000")
    ballot_id = await approval.put_to_vote(union, agreement_id, VoteForm())
    # An organiser adds a question asking only half of the valid ballots: held to Art. 76(1).
    with language("en"), pytest.raises(Invalid, match="cannot be lower"):
        await voting.add_question(
            union,
            ballot_id,
            QuestionForm(
                kind=QuestionKind.MOTION,
                text="?",
                rule_base=Base.VALID,
                rule_comparator=Comparator.GREATER,
            ),
        )
    ballot = await Ballot.objects().where(Ballot.id == ballot_id).first()
    assert ballot.purpose == "agreement"


async def test_a_wage_lawful_when_signed_becomes_unlawful_under_a_new_decree():
    enterprise, hr, union = await _setup(region=1)
    agreement_id, clause_id = await _bargain(hr, union)
    await _agree(hr, agreement_id, clause_id, value="5.000.000")
    # Signed in 2025 (the 2024 floor of region I is 4,960,000): checked today it is below.
    await Agreement.update(
        {
            Agreement.status: AgreementStatus.SIGNED,
            Agreement.signed_on: dt.date(2025, 6, 1),
            Agreement.effective_on: dt.date(2025, 6, 1),
            Agreement.term_months: 36,
            Agreement.expires_on: dt.date(2028, 5, 31),
            Agreement.filed_on: dt.date(2025, 6, 5),
        }
    ).where(Agreement.id == agreement_id)
    agreement = await Agreement.objects().where(Agreement.id == agreement_id).first()
    checked = await ledger.checked_clauses(agreement, 1)
    assert checked[0].verdict.value == "below" and checked[0].became_unlawful
    result = (await compliance.clauses_lawful([enterprise], today().year))[enterprise]
    assert (result.met, result.done, result.total) == (False, 0, 1)


async def test_a_new_agreement_can_start_from_the_last_signed_one():
    _enterprise, hr, union = await _setup()
    agreement_id, clause_id = await _bargain(hr, union)
    await _agree(hr, agreement_id, clause_id, value="5.400.000")
    await Agreement.update(
        {Agreement.status: AgreementStatus.SIGNED, Agreement.signed_on: today()}
    ).where(Agreement.id == agreement_id)
    new_id = await bargaining.create_request(
        hr,
        RequestForm(
            requested_by=BargainingSide.EMPLOYER,
            received_on=today(),
            title="Thỏa ước năm 2029",
            contents="Gia hạn",
            copy_previous=True,
        ),
    )
    copied = await Clause.objects().where(Clause.agreement == new_id)
    assert [(c.title, c.status, int(c.value)) for c in copied] == [
        ("Mức lương thấp nhất", ClauseStatus.PROPOSED, 5_400_000)
    ]
    assert await Chapter.count().where(Chapter.agreement == new_id) == 9


async def test_the_union_consults_the_workers_on_what_to_ask_for():
    _enterprise, hr, union = await _setup()
    agreement_id, _clause = await _bargain(hr, union)
    with pytest.raises(Forbidden):
        await bargaining.consult_workers(hr, agreement_id)
    ballot_id = await bargaining.consult_workers(union, agreement_id)
    question = (await voting.questions_with_options(ballot_id))[0]
    assert len(question["options"]) == 7 and question["max_selections"] == 7
    agreement = await Agreement.objects().where(Agreement.id == agreement_id).first()
    assert agreement.consultation_ballot == ballot_id
    with pytest.raises(Conflict):
        await bargaining.consult_workers(union, agreement_id)


async def test_a_chapter_by_chapter_vote_passes_only_if_every_chapter_does():
    _enterprise, hr, union = await _setup()
    agreement_id, clause_id = await _bargain(hr, union)
    await _agree(hr, agreement_id, clause_id, value="5.400.000")
    chapter = (
        await Chapter.select(Chapter.id)
        .where((Chapter.agreement == agreement_id) & (Chapter.position == 3))
        .first()
    )
    second = await ledger.add_clause(
        hr, agreement_id, ClauseForm(chapter=chapter["id"], title="Giờ làm", text="8 giờ/ngày")
    )
    await _agree(hr, agreement_id, second)
    ballot_id = await approval.put_to_vote(union, agreement_id, VoteForm(by_chapter=True))
    questions = await voting.questions_with_options(ballot_id)
    assert len(questions) == 2 and "Chương 2" in questions[0]["text"]
    await voting.open_ballot(union, ballot_id)
    counts = {}
    for question, approvals in zip(questions, (WORKERS // 2 + 1, WORKERS // 2), strict=True):
        options = {o["role"]: o["id"] for o in question["options"]}
        counts[(question["id"], options["for"], False)] = approvals
        counts[(question["id"], options["against"], False)] = WORKERS - approvals
    await voting.add_tally_sheet(
        union,
        ballot_id,
        TallySheetForm(kind=TallyKind.PAPER, ballots=WORKERS, teller_one="A", teller_two="B"),
        counts,
    )
    await voting.close_ballot(union, ballot_id)
    assert await approval.record_result(union, agreement_id) is False
    vote = await ApprovalVote.objects().where(ApprovalVote.agreement == agreement_id).first()
    assert (vote.votes_for, vote.passed) == (WORKERS // 2, False)


async def test_an_amendment_starts_from_the_signed_text_and_prints_what_it_amends():
    _enterprise, hr, union = await _setup()
    agreement_id, clause_id = await _bargain(hr, union)
    await _agree(hr, agreement_id, clause_id, value="5.400.000")
    await Agreement.update({Agreement.status: AgreementStatus.APPROVED}).where(
        Agreement.id == agreement_id
    )
    await approval.sign(
        hr,
        agreement_id,
        SignForm(signed_on=today(), term_months=12, employer_signer="A", workers_signer="B"),
    )
    amendment_id = await bargaining.create_request(
        union,
        RequestForm(
            requested_by=BargainingSide.WORKERS,
            received_on=today(),
            title="Sửa đổi mức lương",
            contents="Điều 1",
        ),
        kind=AgreementKind.AMENDMENT,
        amends=agreement_id,
    )
    copied = await Clause.objects().where(Clause.agreement == amendment_id)
    assert [(c.title, c.status) for c in copied] == [("Mức lương thấp nhất", ClauseStatus.AGREED)]
    await _agree(union, amendment_id, copied[0].id, value="5.800.000", side=BargainingSide.WORKERS)
    amendment = await Agreement.objects().where(Agreement.id == amendment_id).first()
    from labour_democracy.agreements import queries, redline

    rows = redline.compare(
        await queries.amended_text(amendment), (await queries.version_text(amendment, 0))[1]
    )
    assert any(row.change == "changed" for row in rows) is False  # the text line is unchanged
    await Agreement.update({Agreement.status: AgreementStatus.APPROVED}).where(
        Agreement.id == amendment_id
    )
    await approval.sign(
        hr,
        amendment_id,
        SignForm(signed_on=today(), term_months=12, employer_signer="A", workers_signer="B"),
    )
    amendment = await Agreement.objects().where(Agreement.id == amendment_id).first()
    text = await _docx_text(amendment.agreement_document)
    assert "Sửa đổi, bổ sung Sửa đổi mức lương" in text and "Sửa đổi, bổ sung Thỏa ước" in text
    kind = (
        await IssuedDocument.select(IssuedDocument.kind)
        .where(IssuedDocument.id == amendment.agreement_document)
        .first()
    )
    assert kind["kind"] == "cba_amendment"
