"""The conference's documents, read back with python-docx (both engines): plan, invitations with
their QR codes, agenda, delegate list, attendance sheet, minutes and resolution."""

from __future__ import annotations

import datetime as dt
import io
import time
from dataclasses import dataclass
from urllib.parse import unquote

import docx
import pytest

from labour_democracy.conferences.documents import common, invitations, plan, records, templates
from labour_democracy.conferences.documents import minutes as minutes_document
from labour_democracy.conferences.documents import resolution as resolution_document
from labour_democracy.conferences.queries import checkin_url
from labour_democracy.conferences.tables import (
    AgendaItem,
    AgendaKind,
    Conference,
    ConferenceForm,
    Delegate,
    DelegateKind,
    TimelineStep,
    VoteMode,
)
from labour_democracy.core.errors import Conflict, Forbidden
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Role
from labour_democracy.documents import engine, pdf
from labour_democracy.documents.checks import all_text
from labour_democracy.documents.controllers import DOCX_TYPE as DOCX
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.followups.tables import FollowUp
from labour_democracy.settings import get_settings
from labour_democracy.suggestions.tables import Suggestion
from labour_democracy.voting import rules, services
from labour_democracy.voting.schemas import BallotForm, QuestionForm, TallySheetForm
from labour_democracy.voting.slips import qr_png
from labour_democracy.voting.tables import (
    Channels,
    ElectorateKind,
    Option,
    QuestionKind,
    Secrecy,
    TallyKind,
)
from tests import factories
from tests.helpers import require_tool

HELD_ON = dt.date(2027, 1, 15)


@dataclass
class Setup:
    context: EnterpriseContext
    conference_id: int
    delegates: int
    present: int


def _text(content: bytes) -> str:
    """The text, the non-breaking spaces that keep dates and "%" on one line read as spaces."""
    return all_text(content).replace(engine.NBSP, " ")


async def _conference(context: EnterpriseContext, **values) -> int:
    row = Conference(
        enterprise=context.enterprise_id,
        year=2026,
        held_on=HELD_ON,
        starts_at=dt.time(8, 0),
        venue="Hội trường tầng 2",
        form=values.pop("form", ConferenceForm.DELEGATES),
        employer_chair="Nguyễn Văn An",
        union_chair="Trần Thị Bình",
        secretary="Lê Thị Cúc",
        quorum_rule=rules.SOE_CONFERENCE_QUORUM.encode(),
        quorum_source=rules.SOE_CONFERENCE_QUORUM.source,
        pass_rule=rules.SOE_CONFERENCE_RESOLUTION.encode(),
        pass_source=rules.SOE_CONFERENCE_RESOLUTION.source,
        resolution_summary="Thông qua kết quả sản xuất kinh doanh năm 2026.",
        **values,
    )
    await row.save()
    return row.id


async def _delegates(context: EnterpriseContext, conference_id: int, present: int) -> list[int]:
    """Two ex-officio delegates and seven elected in two units; the first `present` checked in.
    Returns the present delegates' worker ids."""
    enterprise = context.enterprise_id
    sewing = await factories.org_unit(enterprise, "Tổ may 1A")
    cutting = await factories.org_unit(enterprise, "Tổ cắt")
    people = [
        ("Phạm Văn Giám", None, DelegateKind.EX_OFFICIO, "Giám đốc"),
        ("Hoàng Thị Hà", None, DelegateKind.EX_OFFICIO, "Chủ tịch Công đoàn cơ sở"),
        *[(f"Nguyễn Thị May {i}", sewing, DelegateKind.ELECTED, "") for i in range(1, 5)],
        *[(f"Trần Văn Cắt {i}", cutting, DelegateKind.ELECTED, "") for i in range(1, 4)],
    ]
    checked_in = dt.datetime(2027, 1, 15, 0, 50, tzinfo=dt.UTC)  # 07:50 in Hà Nội
    present_workers = []
    for index, (name, unit, kind, role) in enumerate(people):
        worker = await factories.worker(enterprise, name, org_unit=unit)
        is_present = index < present
        await Delegate(
            conference=conference_id,
            worker=worker,
            kind=kind,
            ex_officio_role=role,
            org_unit=unit,
            checkin_code=f"C{conference_id}X{index:03d}",
            checked_in_at=checked_in if is_present else None,
        ).save()
        if is_present:
            present_workers.append(worker)
    return present_workers


async def _vote(context: EnterpriseContext, workers: list[int], votes_for: int) -> int:
    """The resolution item's show of hands among the present delegates, closed."""
    ballot = await services.create_ballot(
        context,
        BallotForm(
            title="Thông qua Nghị quyết hội nghị",
            secrecy=Secrecy.NAMED,
            channels=Channels.PAPER,
            electorate_kind=ElectorateKind.NAMED_LIST,
        ),
        purpose="conference",
    )
    question = await services.add_question(
        context,
        ballot,
        QuestionForm(
            kind=QuestionKind.MOTION,
            text="Thông qua Nghị quyết hội nghị",
            rule_base=rules.Base.PRESENT,
        ),
        rule_minimum=rules.SOE_CONFERENCE_RESOLUTION,
    )
    await services.set_named_list(context, ballot, workers)
    await services.open_ballot(context, ballot, present=len(workers))
    options = {
        row["role"]: row["id"]
        for row in await Option.select(Option.id, Option.role).where(Option.question == question)
    }
    await services.add_tally_sheet(
        context,
        ballot,
        TallySheetForm(
            kind=TallyKind.SHOW_OF_HANDS,
            ballots=len(workers),
            teller_one="Lê Văn Một",
            teller_two="Đỗ Thị Hai",
        ),
        {
            (question, options["for"], False): votes_for,
            (question, options["against"], False): len(workers) - votes_for,
        },
    )
    await services.close_ballot(context, ballot)
    return ballot


async def make_conference(
    present: int = 7,
    votes_for: int = 6,
    role: Role = Role.UNION,
    form: ConferenceForm = ConferenceForm.DELEGATES,
) -> Setup:
    enterprise = await factories.enterprise(name="Công ty TNHH May Sông Hồng", symbol="SHVN")
    context = await factories.context(enterprise, role)
    conference_id = await _conference(context, form=form)
    present_workers = await _delegates(context, conference_id, present)
    await TimelineStep.insert(
        TimelineStep(
            conference=conference_id,
            key="plan",
            position=1,
            title="Xây dựng kế hoạch tổ chức hội nghị",
            owner="Phòng Hành chính nhân sự",
            due_on=dt.date(2026, 12, 1),
            status="done",
            done_on=dt.date(2026, 11, 30),
        ),
        TimelineStep(
            conference=conference_id,
            key="units",
            position=2,
            title="Tổ chức hội nghị tổ, đơn vị",
            owner="Ban Chấp hành Công đoàn cơ sở",
            due_on=dt.date(2026, 12, 20),
        ),
    )
    ballot = await _vote(context, present_workers, votes_for) if present_workers else None
    await AgendaItem.insert(
        AgendaItem(
            conference=conference_id,
            position=1,
            title="Báo cáo kết quả sản xuất kinh doanh năm 2026",
            kind=AgendaKind.INFO,
        ),
        AgendaItem(
            conference=conference_id,
            position=2,
            title="Thông qua Nghị quyết hội nghị",
            kind=AgendaKind.RESOLUTION,
            vote_mode=VoteMode.SHOW_OF_HANDS,
            ballot=ballot,
        ),
    )
    await Suggestion(
        enterprise=enterprise,
        kind="proposal",
        subject="Tăng phụ cấp ăn ca",
        body="Đề nghị tăng lên 30.000 đồng.",
        channel="paper_box",
        received_on=dt.date(2027, 1, 5),
        topic="conference",
        target_id=conference_id,
        status="answered",
        answer="Công ty đồng ý tăng từ tháng 3/2027.",
    ).save()
    await Suggestion(
        enterprise=enterprise,
        kind="proposal",
        subject="Kiến nghị chưa duyệt",
        body="",
        channel="paper_box",
        received_on=dt.date(2027, 1, 6),
        topic="conference",
        target_id=conference_id,
    ).save()
    await FollowUp(
        enterprise=enterprise,
        source_kind="conference",
        source_id=conference_id,
        title="Tăng phụ cấp ăn ca lên 30.000 đồng",
        owner="Người sử dụng lao động",
        due_on=dt.date(2027, 3, 1),
    ).save()
    return Setup(context, conference_id, 9, present)


async def test_the_plan_lists_the_timeline_with_owners_dates_and_status():
    setup = await make_conference()
    document = await plan.issue_plan(setup.context, setup.conference_id)
    assert document.reference == "01/KH-SHVN"
    assert document.kind == templates.PLAN_KIND
    text = _text(document.content)
    assert "KẾ HOẠCH" in text
    assert "Tổ chức Hội nghị người lao động năm 2026" in text
    assert "Xây dựng kế hoạch tổ chức hội nghị" in text
    assert "Phòng Hành chính nhân sự" in text
    assert "01/12/2026" in text and "Đã xong 30/11/2026" in text
    assert "20/12/2026" in text and "Chưa thực hiện" in text


async def test_invitations_are_one_page_and_one_qr_code_per_delegate():
    setup = await make_conference()
    document = await invitations.issue_invitations(setup.context, setup.conference_id)
    assert document.reference == "01/GM-SHVN"
    read = docx.Document(io.BytesIO(document.content))
    texts = [p.text.replace(engine.NBSP, " ") for p in read.paragraphs]
    assert texts.count("GIẤY MỜI") == setup.delegates
    assert len(read.inline_shapes) == setup.delegates
    assert "Trân trọng kính mời: Ông/Bà Nguyễn Thị May 1" in texts
    assert "Đại biểu đương nhiên — Giám đốc" in texts
    assert "Đơn vị: Tổ cắt" in texts
    assert "Thời gian: 08 giờ 00, ngày 15 tháng 01 năm 2027." in texts
    codes = [
        row["checkin_code"]
        for row in await Delegate.select(Delegate.checkin_code).where(
            Delegate.conference == setup.conference_id
        )
    ]
    for code in codes:
        assert f"Mã điểm danh: {code}" in texts
    # Each picture is the QR code of its own delegate's check-in URL, on the delegate's page.
    images = {
        part.blob
        for rel in read.part.rels.values()
        if "image" in rel.reltype
        for part in [rel.target_part]
    }
    base = get_settings().base_url
    urls = {checkin_url(base, setup.context.enterprise_id, setup.conference_id, c) for c in codes}
    assert images == {qr_png(url) for url in urls}
    assert not any("@@" in text for text in texts)


async def test_invitations_need_delegates():
    enterprise = await factories.enterprise(symbol="EMPT")
    context = await factories.context(enterprise, Role.HR)
    conference_id = await _conference(context)
    with pytest.raises(Conflict):
        await invitations.issue_invitations(context, conference_id)


def test_a_thousand_invitations_render_one_page_and_one_qr_each():
    conference = Conference(
        enterprise=1,
        year=2026,
        held_on=HELD_ON,
        starts_at=dt.time(7, 30),
        venue="Nhà thi đấu",
        form=ConferenceForm.DELEGATES,
    )
    delegates = [
        records.DelegateRow(
            f"Công nhân {i}", f"W{i:05d}", "Xưởng 1", DelegateKind.ELECTED, "", f"K{i:05d}", None
        )
        for i in range(1000)
    ]
    head = common.Head("CÔNG TY TNHH A", "Bắc Ninh", "Nguyễn Văn A", "Giám đốc", "Công ty A")
    context = invitations.invitation_context(head, conference, delegates, HELD_ON)
    context["header"]["reference"] = "01/GM-A"
    started = time.perf_counter()
    content = invitations._with_qr_codes(
        engine.render_sync(templates.INVITATION, context),
        [f"https://x.vn/c/{i}" for i in range(1000)],
    )
    elapsed = time.perf_counter() - started
    read = docx.Document(io.BytesIO(content))
    assert len(read.inline_shapes) == 1000
    assert [p.text for p in read.paragraphs].count("GIẤY MỜI") == 1000
    print(f"1000 invitations: {elapsed:.2f} s, {len(content) / 1e6:.1f} MB")


async def test_the_agenda_lists_the_items_in_order_with_how_each_is_decided():
    setup = await make_conference()
    document = await plan.issue_agenda(setup.context, setup.conference_id)
    assert document.reference == "01/CTr-SHVN"
    read = docx.Document(io.BytesIO(document.content))
    rows = [[cell.text for cell in row.cells] for row in read.tables[1].rows]
    # The opening items a conference starts with in practice come first.
    assert rows[1:] == [
        ["1", "Khai mạc, tuyên bố lý do, giới thiệu đại biểu", "Báo cáo, thảo luận"],
        ["2", "Bầu đoàn chủ tịch và thư ký hội nghị", "Báo cáo, thảo luận"],
        ["3", "Thông qua chương trình hội nghị", "Báo cáo, thảo luận"],
        ["4", "Báo cáo kết quả sản xuất kinh doanh năm 2026", "Báo cáo, thảo luận"],
        ["5", "Thông qua Nghị quyết hội nghị", "Biểu quyết (giơ tay)"],
    ]
    text = _text(document.content)
    assert "Ông/Bà Nguyễn Văn An" in text and "Thư ký: Ông/Bà Lê Thị Cúc" in text


async def test_the_delegate_list_is_grouped_by_unit_with_ex_officio_delegates_marked():
    setup = await make_conference()
    document = await invitations.delegate_list(setup.context, setup.conference_id)
    assert document.reference == "01/DS-SHVN"
    content = document.content
    read = docx.Document(io.BytesIO(content))
    rows = [[cell.text for cell in row.cells] for row in read.tables[1].rows][1:]
    assert len(rows) == setup.delegates
    assert [row[1] for row in rows if row[1]] == ["Đại biểu đương nhiên", "Tổ cắt", "Tổ may 1A"]
    assert [(row[2], row[4]) for row in rows[:2]] == [
        ("Phạm Văn Giám", "Giám đốc"),  # Vietnamese name order: Giám before Hà
        ("Hoàng Thị Hà", "Chủ tịch Công đoàn cơ sở"),
    ]
    assert [row[0] for row in rows] == [str(n) for n in range(1, 10)]
    text = _text(content)
    assert "Tổng số đại biểu được triệu tập: 9." in text
    assert "Đại biểu đương nhiên: 2." in text
    assert "Tổ may 1A: 4 đại biểu." in text and "Tổ cắt: 3 đại biểu." in text


async def test_the_attendance_sheet_has_a_signature_column_and_the_check_in_times():
    setup = await make_conference(present=7)
    document = await invitations.attendance_sheet(setup.context, setup.conference_id)
    content = document.content
    assert "Số: 01/DS-SHVN" in _text(content)
    assert "Điểm danh đại biểu dự Hội nghị" in _text(content)  # not the delegate list's title
    read = docx.Document(io.BytesIO(content))
    table = read.tables[1]  # after the heading
    assert [cell.text for cell in table.rows[0].cells][-1] == "Ký tên"
    times = [row.cells[3].text for row in table.rows[1:]]
    assert times.count("07:50") == 7 and times.count("") == 2
    assert "Số đại biểu đã điểm danh: 7 (7/9 đại biểu được triệu tập = 77,78 %)." in _text(content)


async def test_the_minutes_carry_attendance_quorum_votes_rule_outcome_and_proposals():
    setup = await make_conference(present=7, votes_for=6)
    document = await minutes_document.issue_minutes(setup.context, setup.conference_id)
    assert document.reference == "01/BB-SHVN"
    assert document.issued_on == HELD_ON
    text = _text(document.content)
    assert (
        "Tổng số đại biểu được triệu tập: 9. "
        "Số đại biểu có mặt: 7 (7/9 đại biểu được triệu tập = 77,78 %)." in text
    )
    assert "ít nhất 2/3 số đại biểu được triệu tập" in text
    assert "Điều 69" in text  # the quorum's legal source, in Vietnamese
    assert "— ĐẠT." in text
    # Shares of those present, as the rule "more than half of those present" counts them.
    assert (
        "Tán thành: 6 (6/7 đại biểu có mặt = 85,71 %); "
        "Không tán thành: 1 (1/7 đại biểu có mặt = 14,29 %); Không ý kiến: 0" in text
    )
    assert "trên 1/2 số đại biểu có mặt, tức ít nhất 4 phiếu" in text
    assert "Kết quả: ĐƯỢC THÔNG QUA." in text
    assert "Hội nghị đã nghe, thảo luận" in text
    # Proposals the union published or the employer answered, with the answer; not the rest.
    assert "Tăng phụ cấp ăn ca: Đề nghị tăng lên 30.000 đồng." in text
    assert "Công ty đồng ý tăng từ tháng 3/2027." in text
    assert "Kiến nghị chưa duyệt" not in text
    for signer in ("THƯ KÝ HỘI NGHỊ", "Lê Thị Cúc", "Nguyễn Văn An", "Trần Thị Bình"):
        assert signer in text


async def _election(context: EnterpriseContext, conference_id: int, present: int) -> None:
    """A third agenda item: the People's Inspection Board elected by secret paper ballot."""
    workers = [
        row["worker"]
        for row in await Delegate.select(Delegate.worker).where(
            (Delegate.conference == conference_id) & Delegate.checked_in_at.is_not_null()
        )
    ]
    ballot = await services.create_ballot(
        context,
        BallotForm(
            title="Bầu Ban Thanh tra nhân dân",
            channels=Channels.PAPER,
            electorate_kind=ElectorateKind.NAMED_LIST,
        ),
        purpose="conference",
    )
    question = await services.add_question(
        context,
        ballot,
        QuestionForm(
            kind=QuestionKind.ELECTION,
            text="Bầu Ban Thanh tra nhân dân",
            options="Vũ Văn Một\nĐặng Thị Hai\nBùi Văn Ba",
            seats=2,
        ),
    )
    await services.set_named_list(context, ballot, workers)
    await services.open_ballot(context, ballot, present=present)
    options = {
        row["label"]: row["id"]
        for row in await Option.select(Option.id, Option.label).where(Option.question == question)
    }
    await services.add_tally_sheet(
        context,
        ballot,
        TallySheetForm(
            kind=TallyKind.PAPER, ballots=present, teller_one="Lê Văn Một", teller_two="Đỗ Thị Hai"
        ),
        {
            (question, options["Vũ Văn Một"], False): present,
            (question, options["Đặng Thị Hai"], False): present - 2,
            (question, options["Bùi Văn Ba"], False): 2,
        },
    )
    await services.close_ballot(context, ballot)
    await AgendaItem(
        conference=conference_id,
        position=5,  # positions may have gaps: the documents number the items in order
        title="Bầu Ban Thanh tra nhân dân",
        kind=AgendaKind.ELECTION,
        vote_mode=VoteMode.SECRET,
        ballot=ballot,
    ).save()


async def test_an_election_gives_the_elected_in_the_minutes_and_the_resolution():
    setup = await make_conference(present=7)
    await _election(setup.context, setup.conference_id, 7)
    minutes = _text(
        (await minutes_document.issue_minutes(setup.context, setup.conference_id)).content
    )
    assert "Nội dung 3. Bầu Ban Thanh tra nhân dân: biểu quyết bằng hình thức bỏ phiếu kín" in (
        minutes
    )
    # Candidates stand in Vietnamese name order (core/names.py): Ba, Hai, Một.
    assert (
        "Bùi Văn Ba: 2 (2/7 phiếu hợp lệ = 28,57 %); Đặng Thị Hai: 5 (5/7 phiếu hợp lệ = "
        "71,43 %); Vũ Văn Một: 7 (7/7 phiếu hợp lệ = 100,00 %)" in minutes
    )
    assert "Kết quả: TRÚNG CỬ: Vũ Văn Một, Đặng Thị Hai." in minutes
    resolution = await resolution_document.issue_resolution(setup.context, setup.conference_id)
    assert "2. Bầu Ban Thanh tra nhân dân: Vũ Văn Một, Đặng Thị Hai." in _text(resolution.content)


async def test_the_minutes_give_the_closing_time_in_local_time():
    setup = await make_conference()
    closed_at = dt.datetime(2027, 1, 15, 4, 30, tzinfo=dt.UTC)
    await Conference.update({Conference.closed_at: closed_at}).where(
        Conference.id == setup.conference_id
    )
    text = _text((await minutes_document.issue_minutes(setup.context, setup.conference_id)).content)
    assert "Hội nghị kết thúc lúc 11 giờ 30 cùng ngày." in text


async def test_minutes_say_when_the_quorum_was_missed():
    setup = await make_conference(present=5, votes_for=5)
    text = _text((await minutes_document.issue_minutes(setup.context, setup.conference_id)).content)
    assert "Số đại biểu có mặt: 5 (5/9 đại biểu được triệu tập = 55,56 %)" in text
    assert "— KHÔNG ĐẠT." in text


@pytest.mark.unit
def test_nobody_convened_is_no_quorum():
    conference = Conference(
        enterprise=1,
        quorum_rule=rules.SOE_CONFERENCE_QUORUM.encode(),
        quorum_source=rules.SOE_CONFERENCE_QUORUM.source,
        form=ConferenceForm.DELEGATES,
    )
    assert records.attendance(conference, []).quorum_reached is False
    one = records.DelegateRow("A", "1", "", DelegateKind.ELECTED, "", "K1", dt.datetime.now(dt.UTC))
    assert records.attendance(conference, [one]).quorum_reached is True


async def test_the_resolution_carries_its_validity_stamp_adopted_items_and_commitments():
    setup = await make_conference(present=7, votes_for=6)
    document = await resolution_document.issue_resolution(setup.context, setup.conference_id)
    assert document.reference == "01/NQ-SHVN"
    read = docx.Document(io.BytesIO(document.content))
    text = _text(document.content)
    assert "NGHỊ QUYẾT" in text and "QUYẾT NGHỊ:" in text
    assert "Thông qua kết quả sản xuất kinh doanh năm 2026." in text
    assert "1. Thông qua Nghị quyết hội nghị." in text
    assert (
        "1. Tăng phụ cấp ăn ca lên 30.000 đồng — Phụ trách: Người sử dụng lao động; "
        "thời hạn: 01/03/2027." in text
    )
    stamp = {row.cells[0].text: row.cells[1:] for row in read.tables[-2].rows}
    signatures = read.tables[-1].rows[0].cells  # "Nơi nhận" beside the co-chairs' signatures
    assert signatures[0].paragraphs[0].text == "Nơi nhận:"
    assert [c.paragraphs[0].text for c in signatures[1:]] == ["ĐỒNG CHỦ TRÌ HỘI NGHỊ"] * 2
    assert stamp["Số đại biểu được triệu tập"][0].text == "9"
    present = stamp["Số đại biểu có mặt"][0].text.replace(engine.NBSP, " ")
    assert present == "7 (7/9 đại biểu được triệu tập = 77,78 %)"
    quorum = stamp["Điều kiện hợp lệ: ít nhất 2/3 số đại biểu được triệu tập"]
    assert quorum[0].text == "Đạt" and "Điều 69" in quorum[1].text
    assert stamp["Quy tắc thông qua"][0].text == "trên 1/2 số đại biểu có mặt"
    vote = stamp["Nội dung 2. Thông qua Nghị quyết hội nghị"]
    assert (
        vote[0]
        .text.replace(engine.NBSP, " ")
        .startswith("Tán thành: 6 (6/7 đại biểu có mặt = 85,71 %)")
    )
    assert vote[0].text.endswith("— Được thông qua")


async def test_a_whole_workforce_conference_counts_workers_not_delegates():
    setup = await make_conference(form=ConferenceForm.WHOLE)
    minutes = _text(
        (await minutes_document.issue_minutes(setup.context, setup.conference_id)).content
    )
    assert "Tổng số người lao động được triệu tập: 9. Số người lao động có mặt: 7" in minutes
    assert "ít nhất 2/3 số người lao động được triệu tập" in minutes
    assert "theo hình thức hội nghị toàn thể người lao động" in minutes
    resolution = await resolution_document.issue_resolution(setup.context, setup.conference_id)
    assert "Số người lao động có mặt" in _text(resolution.content)


async def test_a_rejected_resolution_adopts_nothing_from_the_vote():
    setup = await make_conference(present=7, votes_for=3)
    text = _text(
        (await resolution_document.issue_resolution(setup.context, setup.conference_id)).content
    )
    assert "1. Thông qua Nghị quyết hội nghị." not in text
    assert "Không được thông qua" in text


async def test_the_federation_cannot_issue_nor_read_the_lists():
    setup = await make_conference()
    federation = await factories.context(setup.context.enterprise_id, Role.FEDERATION)
    with pytest.raises(Forbidden):
        await plan.issue_plan(federation, setup.conference_id)
    with pytest.raises(Forbidden):
        await invitations.delegate_list(federation, setup.conference_id)


async def test_an_unchanged_document_asked_again_is_the_same_one_a_changed_one_is_new():
    setup = await make_conference()
    first = await plan.issue_agenda(setup.context, setup.conference_id)
    again = await plan.issue_agenda(setup.context, setup.conference_id)  # e.g. for its PDF
    assert (first.id, first.reference) == (again.id, "01/CTr-SHVN")
    await AgendaItem(
        conference=setup.conference_id, position=9, title="Tổng kết", kind=AgendaKind.INFO
    ).save()
    changed = await plan.issue_agenda(setup.context, setup.conference_id)
    assert changed.reference == "02/CTr-SHVN"
    assert await IssuedDocument.count().where(IssuedDocument.kind == "conference_agenda") == 2


# Pages ------------------------------------------------------------------------------------------


async def _signed_in(browser_for, setup: Setup, role: Role = Role.HR):
    email = f"{role.value}@conference.vn"
    await factories.user(email, role, setup.context.enterprise_id)
    browser = await browser_for(email)
    response = await browser.post("/language", {"language": "en", "next": "/"})
    assert response.status_code == 303
    return browser


def _documents_url(setup: Setup) -> str:
    return f"/enterprises/{setup.context.enterprise_id}/conferences/{setup.conference_id}/documents"


async def test_issuing_the_plan_answers_with_the_numbered_file(browser_for):
    setup = await make_conference()
    hr = await _signed_in(browser_for, setup)
    response = await hr.post(f"{_documents_url(setup)}/plan")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(DOCX)
    assert "01-KH-SHVN" in unquote(response.headers["content-disposition"])
    assert "Xây dựng kế hoạch tổ chức hội nghị" in _text(response.content)
    # Also kept in the enterprise's documents.
    assert await IssuedDocument.count().where(IssuedDocument.kind == templates.PLAN_KIND) == 1


async def test_invitations_without_delegates_go_back_to_the_conference_with_the_reason(
    browser_for,
):
    setup = await make_conference()
    await Delegate.delete().where(Delegate.conference == setup.conference_id)
    hr = await _signed_in(browser_for, setup)
    response = await hr.post(f"{_documents_url(setup)}/invitations")
    assert response.status_code == 303
    conference_page = response.headers["location"]
    assert conference_page == _documents_url(setup).removesuffix("/documents")
    kind = IssuedDocument.kind == templates.INVITATION_KIND
    assert await IssuedDocument.count().where(kind) == 0


async def test_lists_download_fresh_and_are_refused_to_the_federation(browser_for):
    setup = await make_conference()
    union = await _signed_in(browser_for, setup, Role.UNION)
    sheet = await union.get(f"{_documents_url(setup)}/attendance-sheet")
    assert sheet.status_code == 200 and sheet.headers["content-type"].startswith(DOCX)
    assert "Ký tên" in _text(sheet.content)
    listing = await union.get(f"{_documents_url(setup)}/delegate-list")
    assert listing.status_code == 200 and "Tổ may 1A" in _text(listing.content)
    federation = await _signed_in(browser_for, setup, Role.FEDERATION)
    refused = await federation.get(f"{_documents_url(setup)}/delegate-list")
    assert refused.status_code == 403


async def test_minutes_and_resolution_download_once_the_closing_issued_them(browser_for):
    setup = await make_conference()
    union = await _signed_in(browser_for, setup, Role.UNION)
    early = await union.get(f"{_documents_url(setup)}/minutes")
    assert early.status_code == 303
    minutes = await minutes_document.issue_minutes(setup.context, setup.conference_id)
    resolution = await resolution_document.issue_resolution(setup.context, setup.conference_id)
    await Conference.update(
        {Conference.minutes: minutes.id, Conference.resolution: resolution.id}
    ).where(Conference.id == setup.conference_id)
    got = await union.get(f"{_documents_url(setup)}/minutes")
    assert got.status_code == 200 and got.content == minutes.content
    assert "01-BB-SHVN" in unquote(got.headers["content-disposition"])
    got = await union.get(f"{_documents_url(setup)}/resolution")
    assert got.status_code == 200 and got.content == resolution.content


async def test_without_soffice_a_pdf_request_goes_back_with_the_reason(browser_for, monkeypatch):
    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    setup = await make_conference()
    hr = await _signed_in(browser_for, setup)
    response = await hr.post(f"{_documents_url(setup)}/agenda", {"format": "pdf"})
    assert response.status_code == 303
    page = await hr.get(response.headers["location"])
    assert "LibreOffice is not installed" in page.text


@pytest.mark.pdf
async def test_the_agenda_as_pdf_when_soffice_is_installed(browser_for):
    require_tool("soffice", "PDF copies of documents need LibreOffice")
    setup = await make_conference()
    hr = await _signed_in(browser_for, setup)
    response = await hr.post(f"{_documents_url(setup)}/agenda", {"format": "pdf"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert response.headers["content-type"] == "application/pdf"


async def test_the_pdf_of_the_agenda_is_a_copy_of_the_issued_one_not_a_new_number(
    browser_for, monkeypatch
):
    async def fake_pdf(content: bytes) -> bytes:
        return b"%PDF-copy of " + content[:4]

    monkeypatch.setattr(pdf, "to_pdf", fake_pdf)
    setup = await make_conference()
    hr = await _signed_in(browser_for, setup)
    docx_answer = await hr.post(f"{_documents_url(setup)}/agenda", {})
    pdf_answer = await hr.post(f"{_documents_url(setup)}/agenda", {"format": "pdf"})
    assert docx_answer.status_code == pdf_answer.status_code == 200
    assert pdf_answer.content.startswith(b"%PDF-")
    for answer in (docx_answer, pdf_answer):
        assert "01-CTr-SHVN" in unquote(answer.headers["content-disposition"])
    agendas = await IssuedDocument.select(IssuedDocument.reference).where(
        IssuedDocument.kind == "conference_agenda"
    )
    assert agendas == [{"reference": "01/CTr-SHVN"}]


async def test_invitations_asked_again_unchanged_are_the_same_document():
    setup = await make_conference()
    first = await invitations.issue_invitations(setup.context, setup.conference_id)
    again = await invitations.issue_invitations(setup.context, setup.conference_id)
    assert (again.id, again.reference) == (first.id, "01/GM-SHVN")
