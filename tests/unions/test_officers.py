"""The committees' first meetings elect the union's officers through the voting engine: the
electorate is the committee, the candidates its members, a tie or no majority a new round, and
the minutes carry the union's letterhead (both engines)."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy.core.errors import Conflict, Forbidden, Invalid
from labour_democracy.core.tables import Role
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import today
from labour_democracy.unions import congress, founding, officer_documents, officers, recognition
from labour_democracy.unions.schemas import (
    MeetingForm,
    RecognitionForm,
    RoundForm,
    RoundResultForm,
)
from labour_democracy.unions.tables import (
    ApplicationStatus,
    Body,
    CommitteeMeeting,
    CommitteeMember,
    Office,
    OfficerRound,
    RoundOutcome,
    UnionApplication,
)
from labour_democracy.voting import services as voting
from labour_democracy.voting.tables import Ballot, Elector, Option, Question
from tests import factories
from tests.unions import helpers
from tests.unions.test_founding import document_text, text_of

EXECUTIVE_MEETING = MeetingForm(
    body=Body.EXECUTIVE, met_on=today(), place="Phòng họp", vice_chair_seats=1
)


async def _offices() -> dict[str, tuple[str, str]]:
    return {m.full_name: (m.body, m.office) for m in await CommitteeMember.objects()}


async def test_the_committee_elects_its_officers_by_secret_ballot_of_its_own_members():
    enterprise_id, workers = await helpers.enterprise_with_workers(12)
    union_context = await helpers.committee_elected(enterprise_id)
    await helpers.elect_officers(union_context)
    offices = await _offices()
    assert offices["Nguyễn Văn An"] == ("executive_committee", "chair")
    assert offices["Trần Thị Bình"] == ("executive_committee", "vice_chair")
    assert offices["Lê Văn Cường"] == ("executive_committee", "committee_member")
    assert offices["Hoàng Văn Em"] == ("inspection_committee", "chair")

    # The chair's round: the committee's three members vote, a strike-out question, the
    # majority of the whole committee with its source.
    first = await OfficerRound.objects().order_by(OfficerRound.id).first()
    ballot = await Ballot.objects().where(Ballot.id == first.ballot).first()
    assert (ballot.purpose, ballot.channels, ballot.secrecy) == (
        "union_officers",
        "paper",
        "secret",
    )
    electors = {
        e["worker"] for e in await Elector.select(Elector.worker).where(Elector.ballot == ballot.id)
    }
    assert electors == set(workers[:3])  # An, Bình, Cường: the executive committee only
    (question,) = await Question.objects().where(Question.ballot == ballot.id)
    assert (question.method, question.seats, question.rule) == ("strike", 1, "electorate gt 1/2")
    assert "no article is named" in question.rule_source
    assert {
        o["label"] for o in await Option.select(Option.label).where(Option.ballot == ballot.id)
    } == {
        "Nguyễn Văn An",
        "Lê Văn Cường",
    }
    count_minutes = (
        await IssuedDocument.objects().where(IssuedDocument.id == ballot.minutes).first()
    )
    assert count_minutes.reference.endswith("/BB-CĐCS")
    text = text_of(count_minutes.content)
    assert "LIÊN ĐOÀN LAO ĐỘNG TỈNH THÁI NGUYÊN" in text and "Bầu Chủ tịch công đoàn cơ sở" in text
    # The count's minutes name the majority as the officers' page does, not the engine's words.
    assert "trên 1/2 tổng số ủy viên của ban" in text and "tổng số cử tri" not in text

    # The meetings' minutes: the union's letterhead and numbering, signed by the chair each
    # elected; then the congress's minutes with the officers.
    meetings = {m.body: m for m in await CommitteeMeeting.objects()}
    executive = await document_text(meetings["executive_committee"].minutes)
    assert "CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH THỬ NGHIỆM" in executive
    assert "Phiên họp thứ nhất Ban Chấp hành" in executive
    assert "TM. BAN CHẤP HÀNH" in executive and "Phó Chủ tịch" in executive
    assert "quá một nửa tổng số ủy viên Ban Chấp hành" in executive
    inspection = await document_text(meetings["inspection_committee"].minutes)
    assert "TM. ỦY BAN KIỂM TRA" in inspection and "Chủ nhiệm" in inspection
    reference = (
        await IssuedDocument.select(IssuedDocument.reference, IssuedDocument.kind)
        .where(IssuedDocument.id == meetings["executive_committee"].minutes)
        .first()
    )
    assert reference["reference"].endswith("/BB-CĐCS")
    assert reference["kind"] == "union_committee_meeting_minutes"
    union = await founding.current_union(enterprise_id)
    minutes = await document_text(union.congress_minutes)
    assert "Chủ nhiệm Ủy ban Kiểm tra" in minutes and "Nguyễn Văn An" in minutes

    # The dossier states the result; after recognition the chair co-chairs conferences.
    dossier = await document_text((await recognition.send_dossier(union_context)).id)
    assert "Phiên họp thứ nhất của Ban Chấp hành" in dossier
    assert "Chủ tịch: Ông/Bà Nguyễn Văn An" in dossier
    assert "Chủ nhiệm Ủy ban Kiểm tra: Ông/Bà Hoàng Văn Em" in dossier
    federation = await helpers.federation_context(enterprise_id)
    decision = await recognition.recognise(federation, RecognitionForm(recognised_on=today()))
    assert "Chủ nhiệm Ủy ban Kiểm tra" in text_of(decision.content)
    assert await congress.union_chair(enterprise_id) == "Nguyễn Văn An"


async def test_no_majority_and_a_tie_each_mean_a_new_round_which_is_recorded():
    enterprise_id, _ = await helpers.enterprise_with_workers(12)
    union_context = await helpers.committee_elected(enterprise_id)
    await officers.plan_meeting(union_context, EXECUTIVE_MEETING)
    # One vote each of three members: nobody has more than half of the committee.
    outcome = await helpers.hold_round(
        union_context, Body.EXECUTIVE, Office.CHAIR, {"Nguyễn Văn An": 1, "Lê Văn Cường": 1}, 3
    )
    assert outcome == RoundOutcome.NO_MAJORITY
    assert (await _offices())["Nguyễn Văn An"][1] == "committee_member"
    outcome = await helpers.hold_round(
        union_context, Body.EXECUTIVE, Office.CHAIR, {"Nguyễn Văn An": 2, "Lê Văn Cường": 1}, 3
    )
    assert outcome == RoundOutcome.ELECTED
    rounds = await OfficerRound.select(OfficerRound.number, OfficerRound.outcome).order_by(
        OfficerRound.number
    )
    assert [(r["number"], r["outcome"]) for r in rounds] == [
        (1, "round_no_majority"),
        (2, "round_elected"),
    ]


async def test_a_tie_for_the_last_vice_chair_seat_is_decided_by_another_round():
    enterprise_id, _ = await helpers.enterprise_with_workers(12)
    five = helpers.congress_form(
        executive_seats=5,
        executive_candidates="\n".join(helpers.NAMES),
        inspection_candidates="Công nhân 5",
    )
    union_context = await helpers.committee_elected(enterprise_id, five)
    await officers.plan_meeting(
        union_context,
        MeetingForm(body=Body.EXECUTIVE, met_on=today(), place="Phòng họp", vice_chair_seats=2),
    )
    chair = {"Nguyễn Văn An": 3, "Trần Thị Bình": 2}
    assert await helpers.hold_round(union_context, Body.EXECUTIVE, Office.CHAIR, chair, 5) == (
        RoundOutcome.ELECTED
    )
    vice = {"Trần Thị Bình": 4, "Lê Văn Cường": 3, "Phạm Thị Dung": 3}
    outcome = await helpers.hold_round(union_context, Body.EXECUTIVE, Office.VICE_CHAIR, vice, 5)
    assert outcome == RoundOutcome.TIED
    union = await founding.current_union(enterprise_id)
    (view, _inspection) = await officers.meeting_views(union)
    assert view.offices == {"vice_chair": 1}
    ids = await helpers.member_ids(enterprise_id)
    assert set(view.suggested) == {ids["Lê Văn Cường"], ids["Phạm Thị Dung"]}
    again = {"Lê Văn Cường": 3, "Phạm Thị Dung": 2}
    outcome = await helpers.hold_round(union_context, Body.EXECUTIVE, Office.VICE_CHAIR, again, 5)
    assert outcome == RoundOutcome.ELECTED
    vice_chairs = [n for n, (_body, office) in (await _offices()).items() if office == "vice_chair"]
    assert sorted(vice_chairs) == sorted(["Trần Thị Bình", "Lê Văn Cường"])
    minutes = (
        await CommitteeMeeting.objects()
        .where(CommitteeMeeting.body == "executive_committee")
        .first()
    ).minutes
    text = await document_text(minutes)
    assert "bằng phiếu: Lê Văn Cường, Phạm Thị Dung, bầu lại" in text
    # "Công nhân 5" applied for nothing: the congress ballot's candidate links them to the roster.
    await officers.plan_meeting(
        union_context, MeetingForm(body=Body.INSPECTION, met_on=today(), place="Phòng họp")
    )
    assert await helpers.hold_round(
        union_context, Body.INSPECTION, Office.CHAIR, {"Công nhân 5": 1}, 1
    ) == (RoundOutcome.ELECTED)
    assert (await founding.current_union(enterprise_id)).congress_minutes is not None


async def test_nothing_is_elected_before_the_congress_result_nor_by_the_employer():
    enterprise_id, _ = await helpers.enterprise_with_workers(12)
    union_context = await factories.context(enterprise_id, Role.UNION)
    await founding.start_campaign(union_context, helpers.campaign_form())
    await helpers.apply_all(enterprise_id)
    await helpers.accept_all(union_context)
    await helpers.congress_counted(union_context)  # counted, not yet recorded
    with pytest.raises(Conflict, match="congress's election first"):
        await officers.plan_meeting(union_context, EXECUTIVE_MEETING)
    with pytest.raises(Conflict, match="congress's election first"):
        await officers.start_round(
            union_context, RoundForm(body=Body.EXECUTIVE, office=Office.CHAIR, candidates=[1])
        )
    await congress.record_election(union_context)
    hr = await factories.context(enterprise_id, Role.HR)
    with pytest.raises(Forbidden):
        await officers.plan_meeting(hr, EXECUTIVE_MEETING)
    with pytest.raises(Conflict, match="first meeting first"):
        await officers.start_round(
            union_context, RoundForm(body=Body.EXECUTIVE, office=Office.CHAIR, candidates=[1])
        )
    assert await CommitteeMeeting.count() == 0


async def test_a_meeting_badly_dated_or_with_too_many_vice_chairs_is_refused():
    enterprise_id, _ = await helpers.enterprise_with_workers(12)
    union_context = await helpers.committee_elected(enterprise_id)
    for changes, field in (
        ({"met_on": today() - dt.timedelta(days=1)}, "met_on"),
        ({"met_on": today() + dt.timedelta(days=1)}, "met_on"),
        ({"vice_chair_seats": 3}, "vice_chair_seats"),
        ({"place": "  "}, "place"),
    ):
        form = MeetingForm(**{**msgspec_fields(EXECUTIVE_MEETING), **changes})
        with pytest.raises(Invalid) as refused:
            await officers.plan_meeting(union_context, form)
        assert field in refused.value.errors
    with pytest.raises(Invalid) as refused:
        await officers.plan_meeting(
            union_context,
            MeetingForm(body=Body.INSPECTION, met_on=today(), place="P", vice_chair_seats=1),
        )
    assert "vice_chair_seats" in refused.value.errors
    assert await CommitteeMeeting.count() == 0
    await officers.plan_meeting(union_context, EXECUTIVE_MEETING)
    with pytest.raises(Conflict, match="already recorded"):
        await officers.plan_meeting(union_context, EXECUTIVE_MEETING)


def msgspec_fields(form) -> dict:
    return {name: getattr(form, name) for name in form.__struct_fields__}


async def test_a_candidate_off_the_committee_and_a_second_chair_are_refused():
    enterprise_id, _ = await helpers.enterprise_with_workers(12)
    union_context = await helpers.committee_elected(enterprise_id)
    await officers.plan_meeting(union_context, EXECUTIVE_MEETING)
    ids = await helpers.member_ids(enterprise_id)
    for candidates in ([ids["Hoàng Văn Em"]], [999_999], [ids["Nguyễn Văn An"], -1]):
        with pytest.raises(Invalid) as refused:
            await officers.start_round(
                union_context,
                RoundForm(body=Body.EXECUTIVE, office=Office.CHAIR, candidates=candidates),
            )
        assert "among this committee's members" in refused.value.errors["candidates"]
    with pytest.raises(Invalid, match="as many candidates as seats"):
        await officers.start_round(
            union_context, RoundForm(body=Body.EXECUTIVE, office=Office.CHAIR, candidates=[])
        )
    assert await OfficerRound.count() == 0
    await helpers.hold_round(
        union_context, Body.EXECUTIVE, Office.CHAIR, {"Nguyễn Văn An": 2, "Lê Văn Cường": 1}, 3
    )
    with pytest.raises(Invalid) as refused:
        await officers.start_round(
            union_context,
            RoundForm(body=Body.EXECUTIVE, office=Office.CHAIR, candidates=[ids["Lê Văn Cường"]]),
        )
    assert "no second chair" in refused.value.errors["office"]
    with pytest.raises(Invalid) as refused:
        await officers.start_round(
            union_context,
            RoundForm(
                body=Body.EXECUTIVE, office=Office.VICE_CHAIR, candidates=[ids["Nguyễn Văn An"]]
            ),
        )
    assert "already holds an office" in refused.value.errors["candidates"]


async def test_a_round_whose_electorate_is_not_the_committee_is_void():
    enterprise_id, workers = await helpers.enterprise_with_workers(12)
    union_context = await helpers.committee_elected(enterprise_id)
    await officers.plan_meeting(union_context, EXECUTIVE_MEETING)
    ids = await helpers.member_ids(enterprise_id)
    form = RoundForm(
        body=Body.EXECUTIVE,
        office=Office.CHAIR,
        candidates=[ids["Nguyễn Văn An"], ids["Lê Văn Cường"]],
    )
    ballot_id = await officers.start_round(union_context, form)
    with pytest.raises(Conflict, match="round under way"):
        await officers.start_round(union_context, form)
    with pytest.raises(Conflict, match="close the round's vote first"):
        await officers.record_round(union_context, RoundResultForm(body=Body.EXECUTIVE))
    hr = await factories.context(enterprise_id, Role.HR)
    with pytest.raises(Forbidden):  # the union's vote: never the employer's
        await voting.open_ballot(hr, ballot_id, present=3)
    # The vote's own pages let the union change a draft's named list: the whole workforce.
    await voting.set_named_list(union_context, ballot_id, workers)
    await helpers.count(union_context, ballot_id, {"Nguyễn Văn An": 7}, 12)
    with pytest.raises(Conflict, match="electorate was changed"):
        await officers.record_round(union_context, RoundResultForm(body=Body.EXECUTIVE))
    assert (await _offices())["Nguyễn Văn An"][1] == "committee_member"
    row = await OfficerRound.objects().first()
    assert row.outcome == RoundOutcome.VOID
    # A new round, with the committee as the electorate, elects.
    outcome = await helpers.hold_round(
        union_context, Body.EXECUTIVE, Office.CHAIR, {"Nguyễn Văn An": 2, "Lê Văn Cường": 1}, 3
    )
    assert outcome == RoundOutcome.ELECTED


async def test_a_member_nobody_can_match_to_the_roster_stops_the_meeting():
    enterprise_id, _ = await helpers.enterprise_with_workers(12)
    union_context = await helpers.committee_elected(enterprise_id)
    # Cường's application is unmatched and his name on the congress ballot linked to nobody.
    await UnionApplication.update({UnionApplication.worker: None}).where(
        UnionApplication.full_name == "Lê Văn Cường"
    )
    await CommitteeMember.update({CommitteeMember.worker: None}).where(
        CommitteeMember.full_name == "Lê Văn Cường"
    )
    with pytest.raises(Conflict, match="Lê Văn Cường"):
        await officers.plan_meeting(union_context, EXECUTIVE_MEETING)


async def test_the_committee_votes_as_the_workers_the_congress_elected_not_their_namesakes():
    enterprise_id, workers = await helpers.enterprise_with_workers(12)
    union_context = await helpers.committee_elected(enterprise_id)
    elected = {m.full_name: m.worker for m in await CommitteeMember.objects()}
    assert elected["Nguyễn Văn An"] == workers[0] and elected["Hoàng Văn Em"] == workers[4]
    # Since the congress a namesake of An was hired and accepted, and An's own application
    # lost its link to the roster: An still votes as himself, not as his namesake.
    union = await founding.current_union(enterprise_id)
    await UnionApplication.update({UnionApplication.worker: None}).where(
        UnionApplication.full_name == "Nguyễn Văn An"
    )
    namesake = await factories.worker(enterprise_id, name="Nguyễn Văn An", code="NV900")
    await UnionApplication(
        enterprise=enterprise_id,
        union=union.id,
        full_name="Nguyễn Văn An",
        gender="male",
        eligibility="founder",
        status=ApplicationStatus.ACCEPTED,
        worker=namesake,
        received_on=today(),
    ).save()
    await officers.plan_meeting(union_context, EXECUTIVE_MEETING)
    ids = await helpers.member_ids(enterprise_id)
    ballot_id = await officers.start_round(
        union_context,
        RoundForm(
            body=Body.EXECUTIVE,
            office=Office.CHAIR,
            candidates=[ids["Nguyễn Văn An"], ids["Lê Văn Cường"]],
        ),
    )
    electors = {
        e["worker"] for e in await Elector.select(Elector.worker).where(Elector.ballot == ballot_id)
    }
    assert electors == set(workers[:3])


def test_a_round_is_elected_tied_or_without_majority():
    assert officers.outcome_of(0, tied=False) == RoundOutcome.ELECTED
    assert officers.outcome_of(1, tied=True) == RoundOutcome.TIED
    assert officers.outcome_of(1, tied=False) == RoundOutcome.NO_MAJORITY
    assert officers.office_title("inspection_committee", "chair") == "Chủ nhiệm Ủy ban Kiểm tra"
    assert officers.office_title("executive_committee", "vice_chair") == "Phó Chủ tịch"


def test_the_samples_read_back_with_the_union_letterhead():
    text = text_of(officer_documents.sample_vote_count())
    assert "LIÊN ĐOÀN LAO ĐỘNG TỈNH THÁI NGUYÊN" in text
    assert "CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH MAY SÔNG HỒNG" in text
    assert "Bầu Chủ tịch công đoàn cơ sở" in text and "03/BB-CĐCS" in text
