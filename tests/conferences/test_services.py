"""Conference use cases on the database (both engines): rules, plan, seats, delegates,
check-in, the live quorum, votes through the voting engine, close, publish, follow-up."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from labour_democracy import i18n
from labour_democracy.conferences import agenda as agenda_stage
from labour_democracy.conferences import (
    checkin,
    closing,
    compliance,
    planning,
    queries,
    rules_settings,
    session,
    timeline,
)
from labour_democracy.conferences import delegates as delegates_stage
from labour_democracy.conferences.schemas import (
    AgendaItemForm,
    CommitmentForm,
    DelegateForm,
    HandsForm,
    RulesForm,
    StepForm,
    UnitResultForm,
)
from labour_democracy.conferences.tables import (
    AgendaKind,
    ConferenceForm,
    ConferenceKind,
    Delegate,
    DelegateKind,
    Requester,
    ResolutionReview,
    VoteMode,
)
from labour_democracy.core.errors import Conflict, Forbidden, Invalid
from labour_democracy.core.tables import AuditEntry, Ownership, Role, Worker
from labour_democracy.voting import voters
from labour_democracy.voting.rules import Base, Comparator
from labour_democracy.voting.tables import Option
from tests import factories
from tests.conferences.conftest import enterprise_with_units, plan_form, planned


async def test_default_rules_show_the_law_and_soe_floor():
    enterprise = await enterprise_with_units(ownership=Ownership.STATE_OWNED)
    context = await factories.context(enterprise)
    view = await rules_settings.rules_for(context)
    assert view.soe and not view.saved
    assert view.quorum.encode() == "electorate ge 2/3"
    assert "Law 10/2022" in view.quorum.source


async def test_an_soe_cannot_weaken_the_quorum():
    enterprise = await enterprise_with_units(ownership=Ownership.STATE_OWNED)
    context = await factories.context(enterprise)
    with pytest.raises(Invalid) as error:
        await rules_settings.save_rules(
            context, RulesForm(quorum_numerator=1, quorum_denominator=2)
        )
    assert "quorum_numerator" in error.value.errors
    await rules_settings.save_rules(context, RulesForm(quorum_numerator=3, quorum_denominator=4))
    assert (await rules_settings.rules_for(context)).quorum.encode() == "electorate ge 3/4"


async def test_a_private_enterprise_sets_its_own_rules_and_may_opt_in():
    enterprise = await enterprise_with_units()
    context = await factories.context(enterprise)
    weak = RulesForm(
        quorum_numerator=1,
        quorum_denominator=2,
        pass_base=Base.VALID,
        pass_comparator=Comparator.GREATER,
    )
    await rules_settings.save_rules(context, weak)
    assert not (await rules_settings.rules_for(context)).soe
    with pytest.raises(Invalid):
        await rules_settings.save_rules(
            context,
            RulesForm(opt_in_soe_rules=True, quorum_numerator=1, quorum_denominator=2),
        )


async def test_federation_cannot_plan():
    enterprise = await enterprise_with_units()
    context = await factories.context(enterprise, Role.FEDERATION)
    with pytest.raises(Forbidden):
        await planning.plan_conference(context, plan_form())


async def test_plan_makes_timeline_agenda_and_convenes_the_workforce():
    context, conference_id = await planned(form=ConferenceForm.WHOLE)
    steps = await timeline.timeline(context, conference_id)
    keys = [s["key"] for s in steps]
    assert "delegates" not in keys and keys[-1] == "publish"
    conference_step = next(s for s in steps if s["key"] == "conference")
    assert conference_step["due_on"] == dt.date(2027, 3, 10)
    plan_step = steps[0]
    assert plan_step["due_on"] < dt.date(2027, 3, 10) and plan_step["due_on"].weekday() < 5
    agenda = await agenda_stage.agenda(context, conference_id)
    assert [i["key"] for i in agenda][-2:] == ["resolution", "closing"]
    assert await Delegate.count().where(Delegate.conference == conference_id) == 100


async def test_second_annual_conference_of_a_year_is_refused():
    context, _conference = await planned()
    with pytest.raises(Invalid) as error:
        await planning.plan_conference(context, plan_form(form=ConferenceForm.WHOLE))
    assert "year" in error.value.errors
    extraordinary = plan_form(
        form=ConferenceForm.WHOLE,
        kind=ConferenceKind.EXTRAORDINARY,
        requested_by=Requester.UNION,
    )
    assert await planning.plan_conference(context, extraordinary)


async def test_workers_request_needs_a_third_in_a_state_owned_enterprise():
    # Law 10/2022/QH15, Arts. 68(1), 69(1): the SOE rule (private ones: test_legal_corrections).
    context, _conference = await planned(ownership=Ownership.STATE_OWNED)
    form = plan_form(
        form=ConferenceForm.WHOLE,
        kind=ConferenceKind.EXTRAORDINARY,
        requested_by=Requester.WORKERS,
        requesters=33,
    )
    with pytest.raises(Invalid) as error:
        await planning.plan_conference(context, form)
    assert "requesters" in error.value.errors
    form.requesters = 34
    assert await planning.plan_conference(context, form)


async def test_soe_date_window_and_form():
    enterprise = await enterprise_with_units((60, 30, 9), ownership=Ownership.STATE_OWNED)
    context = await factories.context(enterprise)
    with pytest.raises(Invalid) as error:
        await planning.plan_conference(
            context, plan_form(held_on=dt.date(2027, 4, 1), form=ConferenceForm.WHOLE)
        )
    assert "held_on" in error.value.errors
    with pytest.raises(Invalid) as error:
        await planning.plan_conference(context, plan_form(form=ConferenceForm.DELEGATES))
    assert "(99)" in error.value.errors["delegate_reason"]
    conference_id = await planning.plan_conference(
        context, plan_form(held_on=dt.date(2027, 3, 31), form=ConferenceForm.WHOLE)
    )
    keys = [i["key"] for i in await agenda_stage.agenda(context, conference_id)]
    assert "inspection_board" in keys


async def test_seats_delegates_and_unit_results():
    context, conference_id = await planned(form=ConferenceForm.DELEGATES)
    preview = await delegates_stage.seats_preview(context, conference_id, 10)
    assert [row["seats"] for row in preview] == [6, 3, 1]
    with pytest.raises(Invalid):
        await delegates_stage.seats_preview(context, conference_id, 2)
    await delegates_stage.save_seats(context, conference_id, 10)
    seats = await delegates_stage.seat_table(context, conference_id)
    small = next(s for s in seats if s["seats"] == 1)
    unit_workers = [
        r["id"] for r in await Worker.select(Worker.id).where(Worker.org_unit == small["org_unit"])
    ]
    with pytest.raises(Invalid):
        await delegates_stage.enter_unit_result(
            context, conference_id, small["id"], UnitResultForm(workers=unit_workers[:2])
        )
    await delegates_stage.enter_unit_result(
        context, conference_id, small["id"], UnitResultForm(workers=unit_workers[:1])
    )
    await delegates_stage.add_delegate(
        context,
        conference_id,
        DelegateForm(
            worker=unit_workers[5], kind=DelegateKind.EX_OFFICIO, ex_officio_role="Giám đốc"
        ),
    )
    with pytest.raises(Invalid):
        await delegates_stage.add_delegate(
            context,
            conference_id,
            DelegateForm(worker=unit_workers[5], ex_officio_role="Giám đốc"),
        )
    listed = await delegates_stage.delegates(context, conference_id)
    assert len(listed) == 2
    assert len(await delegates_stage.delegates(context, conference_id, "cong nhan")) == 2


async def test_check_in_refuses_strangers_and_counts_once():
    context, conference_id = await planned(sizes=(3,))
    delegates = await delegates_stage.delegates(context, conference_id)
    conference = await queries.get_conference(context, conference_id)
    assert (await checkin.attendance(conference)).present == 0
    first = await checkin.check_in(
        context, conference_id, code=delegates[0]["checkin_code"].lower()
    )
    assert not first.already
    again = await checkin.check_in(context, conference_id, code=delegates[0]["checkin_code"])
    assert again.already
    with pytest.raises(Invalid):
        await checkin.check_in(context, conference_id, code="ZZZZZZZZZZ")
    other_context, other_conference = await planned(sizes=(2,))
    stranger = (await delegates_stage.delegates(other_context, other_conference))[0]["checkin_code"]
    with pytest.raises(Invalid):
        await checkin.check_in(context, conference_id, code=stranger)
    await checkin.check_in(context, conference_id, delegate_id=delegates[1]["id"])
    live = await checkin.attendance(conference)
    assert (live.present, live.expected, live.quorum_reached) == (2, 3, True)


async def test_two_doors_scanning_one_code_check_the_delegate_in_once():
    context, conference_id = await planned(sizes=(3,))
    code = (await delegates_stage.delegates(context, conference_id))[0]["checkin_code"]
    conference = await queries.get_conference(context, conference_id)
    await checkin.attendance(conference)  # the figure both doors will move
    doors = await asyncio.gather(
        *[checkin.check_in(context, conference_id, code=code) for _ in range(4)],
        return_exceptions=True,  # every door finishes, whatever one of them meets
    )
    assert sorted(door.already for door in doors) == [False, True, True, True], doors
    assert len({door.at for door in doors}) == 1  # each door shows the one moment stored
    assert (await checkin.attendance(conference)).present == 1


async def test_projector_sees_another_process_check_in():
    context, conference_id = await planned(sizes=(3,))
    conference = await queries.get_conference(context, conference_id)
    assert (await checkin.attendance(conference)).present == 0
    # Another process checks someone in: this process's cache knows nothing of it ...
    await Delegate.update({Delegate.checked_in_at: dt.datetime.now(dt.UTC)}).where(
        Delegate.conference == conference_id
    )
    assert (await checkin.attendance(conference)).present == 0
    checkin._ATTENDANCE[conference_id].read_at -= checkin.MAX_AGE + 0.1
    # ... until its figures are older than a second; then it counts again.
    assert (await checkin.attendance(conference)).present == 3


async def _in_session(sizes=(6,), role=Role.UNION):
    context, conference_id = await planned(sizes=sizes, role=role)
    await session.open_session(context, conference_id, "Họp sớm theo đề nghị của công đoàn.")
    items = await agenda_stage.agenda(context, conference_id)
    resolution = next(i for i in items if i["key"] == "resolution")
    return context, conference_id, resolution["id"]


async def test_a_vote_cannot_open_without_quorum():
    context, conference_id, item = await _in_session()
    delegates = await delegates_stage.delegates(context, conference_id)
    for delegate in delegates[:3]:
        await checkin.check_in(context, conference_id, delegate_id=delegate["id"])
    with pytest.raises(Conflict, match="quorum is not reached: 3 present of 6"):
        await session.open_vote(context, conference_id, item)
    await checkin.check_in(context, conference_id, delegate_id=delegates[3]["id"])
    assert await session.open_vote(context, conference_id, item)


async def test_show_of_hands_resolution_close_publish_and_follow_up():
    context, conference_id, item = await _in_session()
    for delegate in await delegates_stage.delegates(context, conference_id):
        await checkin.check_in(context, conference_id, delegate_id=delegate["id"])
    ballot_id = await session.open_vote(context, conference_id, item)
    options = {
        r["role"]: r["id"]
        for r in await Option.select(Option.id, Option.role).where(Option.ballot == ballot_id)
    }
    with pytest.raises(Conflict):
        await closing.close_conference(context, conference_id, "")
    await session.record_hands(
        context,
        conference_id,
        item,
        HandsForm(teller_one="Phạm Văn D", teller_two="Hoàng Thị E"),
        {options["for"]: 4, options["against"]: 1, options["abstain"]: 1},
    )
    agenda = await agenda_stage.agenda(context, conference_id)
    outcome = next(i for i in agenda if i["id"] == item)["outcome"]
    assert outcome["passed"] and outcome["present"] == 6
    with pytest.raises(Conflict):
        await closing.publish(context, conference_id)
    with pytest.raises(Invalid) as refused:  # the dialogue representatives were not elected
        await closing.close_conference(context, conference_id, "Tăng lương 5 %.")
    assert "1 item of the agenda was" in refused.value.errors["reason"]
    await closing.close_conference(
        context, conference_id, "Tăng lương 5 %.", "Bầu đại diện đối thoại vào quý sau."
    )
    assert await queries.resolution_adopted(conference_id)
    await closing.publish(context, conference_id)
    conference = await queries.get_conference(context, conference_id)
    assert conference.published_on is not None
    facts = await compliance.held(context.enterprise_id, 2027)
    assert facts.held and facts.published_on == conference.published_on
    followup = await closing.add_commitment(
        context,
        conference_id,
        CommitmentForm(title="Tăng lương 5 %", owner="Ban Giám đốc", due_on=dt.date(2027, 7, 1)),
    )
    assert followup
    assert len(await closing.commitments(context, conference_id)) == 1
    # The action names its conference in the reader's language; nothing of it is stored.
    (commitment,) = await closing.commitments(context, conference_id)
    assert commitment["source_label"] == "Worker conference 2027"
    with i18n.language("vi"):
        (commitment,) = await closing.commitments(context, conference_id)
    assert commitment["source_label"] == "Hội nghị người lao động năm 2027"
    # A private enterprise has no six-monthly review.
    assert await ResolutionReview.count() == 0


async def test_a_rejected_resolution_is_not_held():
    context, conference_id, item = await _in_session(sizes=(4,))
    for delegate in await delegates_stage.delegates(context, conference_id):
        await checkin.check_in(context, conference_id, delegate_id=delegate["id"])
    ballot_id = await session.open_vote(context, conference_id, item)
    options = {
        r["role"]: r["id"]
        for r in await Option.select(Option.id, Option.role).where(Option.ballot == ballot_id)
    }
    # 2 of 4 present is not more than half.
    await session.record_hands(
        context,
        conference_id,
        item,
        HandsForm(teller_one="A", teller_two="B"),
        {options["for"]: 2, options["against"]: 2},
    )
    await closing.close_conference(context, conference_id, "", "Chưa có ứng cử viên.")
    assert not await queries.resolution_adopted(conference_id)
    with pytest.raises(Conflict):
        await closing.publish(context, conference_id)
    assert not (await compliance.held(context.enterprise_id, 2027)).held


async def test_agenda_is_editable_and_reorderable():
    context, conference_id = await planned(sizes=(3,))
    item = await agenda_stage.add_item(
        context,
        conference_id,
        AgendaItemForm(title="Quỹ phúc lợi", kind=AgendaKind.RESOLUTION, vote_mode=VoteMode.SECRET),
    )
    before = [i["id"] for i in await agenda_stage.agenda(context, conference_id)]
    await agenda_stage.move_item(context, conference_id, item, -1)
    after = [i["id"] for i in await agenda_stage.agenda(context, conference_id)]
    assert after[-2] == item and after[-1] == before[-2]
    with pytest.raises(Invalid):
        await agenda_stage.add_item(
            context, conference_id, AgendaItemForm(title="Bầu", kind=AgendaKind.ELECTION)
        )
    await agenda_stage.delete_item(context, conference_id, item)
    assert len(await agenda_stage.agenda(context, conference_id)) == len(before) - 1


async def test_step_done_and_overdue():
    context, conference_id = await planned(sizes=(3,))
    steps = await timeline.timeline(context, conference_id)
    sent = next(s for s in steps if s["key"] == "documents_sent")
    await timeline.update_step(context, conference_id, sent["id"], StepForm(done=True))
    conference = await queries.get_conference(context, conference_id)
    assert conference.documents_sent_on is not None


async def test_attendance_follows_changes_of_the_delegate_list():
    context, conference_id = await planned(sizes=(3,), form=ConferenceForm.DELEGATES)
    conference = await queries.get_conference(context, conference_id)
    assert (await checkin.attendance(conference)).expected == 0
    worker = (await Worker.select(Worker.id).first())["id"]
    await delegates_stage.add_delegate(
        context,
        conference_id,
        DelegateForm(worker=worker, kind=DelegateKind.EX_OFFICIO, ex_officio_role="Giám đốc"),
    )
    assert (await checkin.attendance(conference)).expected == 1


async def test_a_secret_election_runs_on_codes_and_elects_by_more_than_half_of_the_valid():
    from labour_democracy.voting import services as voting
    from labour_democracy.voting.tables import Vote

    context, conference_id, _resolution = await _in_session()
    item = await agenda_stage.add_item(
        context,
        conference_id,
        AgendaItemForm(
            title="Bầu đại diện đối thoại",
            kind=AgendaKind.ELECTION,
            vote_mode=VoteMode.SECRET,
            candidates="Nguyễn Văn A\nTrần Thị B\nLê Văn C",
            seats=2,
        ),
    )
    for delegate in await delegates_stage.delegates(context, conference_id):
        await checkin.check_in(context, conference_id, delegate_id=delegate["id"])
    ballot_id = await session.prepare_vote(context, conference_id, item)
    codes = [issued.code for issued in await voting.issue_codes(context, ballot_id)]
    assert len(codes) == 6  # one slip per delegate
    assert await session.open_vote(context, conference_id, item) == ballot_id
    question = (await voting.questions_with_options(ballot_id))[0]
    candidate = {option["label"]: option["id"] for option in question["options"]}
    a, b, c = candidate["Nguyễn Văn A"], candidate["Trần Thị B"], candidate["Lê Văn C"]
    # A: 5 of 6 valid ballots; B: 3 of 6 (exactly half, not elected); C: 2.
    for code, ticked in zip(codes, ([a, b], [a, b], [a, b], [a, c], [a, c], []), strict=True):
        await voters.cast_code(code, {question["id"]: ticked})
    with pytest.raises(Conflict, match="already been used"):
        await voters.cast_code(codes[0], {question["id"]: [c]})
    await session.close_vote(context, conference_id, item)

    outcome = next(i for i in await agenda_stage.agenda(context, conference_id) if i["id"] == item)[
        "outcome"
    ]
    assert outcome["votes"] == {"Nguyễn Văn A": 5, "Trần Thị B": 3, "Lê Văn C": 2}
    assert outcome["elected"] == [a]
    # The secret ballot's votes name no elector.
    assert await Vote.count().where((Vote.ballot == ballot_id) & Vote.elector.is_not_null()) == 0


async def test_a_named_vote_records_each_delegate_by_name_and_needs_more_than_half_present():
    """A roll-call vote through the voting engine: nine convened, the vote opens only once six
    (2/3) are checked in, each present delegate votes with the slip printed in their name, the
    vote is recorded against that name, and "more than half of those present" is 4 of 6: three
    votes for (exactly half) do not pass, four do."""
    from labour_democracy.voting import services as voting
    from labour_democracy.voting.tables import Elector, Mark, Vote

    context, conference_id, _resolution = await _in_session(sizes=(9,))
    items = [
        await agenda_stage.add_item(
            context,
            conference_id,
            AgendaItemForm(title=title, kind=AgendaKind.RESOLUTION, vote_mode=VoteMode.NAMED),
        )
        for title in ("Trích lập quỹ phúc lợi", "Sửa đổi nội quy lao động")
    ]
    delegates = await delegates_stage.delegates(context, conference_id)
    for delegate in delegates[:5]:
        await checkin.check_in(context, conference_id, delegate_id=delegate["id"])
    present = [delegate["full_name"] for delegate in delegates[:6]]

    slips = {}
    for item in items:
        ballot_id = await session.prepare_vote(context, conference_id, item)
        ballot = await voting.get_ballot(context, ballot_id)
        assert (ballot.secrecy, ballot.electorate_kind) == ("named", "named_list")
        issued = await voting.issue_codes(context, ballot_id)
        assert len(issued) == 9  # one slip per convened delegate, printed with their name
        slips[item] = {slip.elector_name: slip.code for slip in issued}
        assert set(present) <= set(slips[item])
        with pytest.raises(Conflict, match="quorum is not reached: 5 present of 9"):
            await session.open_vote(context, conference_id, item)
    await checkin.check_in(context, conference_id, delegate_id=delegates[5]["id"])

    # Exactly half of the six present for the first item, one more for the second.
    choices = {
        items[0]: ["for"] * 3 + ["against"] * 2 + ["abstain"],
        items[1]: ["for"] * 4 + ["against", "abstain"],
    }
    for item in items:
        ballot_id = await session.open_vote(context, conference_id, item)
        question = (await voting.questions_with_options(ballot_id))[0]
        option = {o["role"]: o["id"] for o in question["options"]}
        for name, choice in zip(present, choices[item], strict=True):
            await voters.cast_code(slips[item][name], {question["id"]: [option[choice]]})
        with pytest.raises(Conflict, match="already been used"):
            await voters.cast_code(slips[item][present[0]], {question["id"]: [option["for"]]})
        await session.close_vote(context, conference_id, item)

        # Each vote is recorded against the delegate who cast it.
        votes = await Vote.select(Vote.id, Vote.elector).where(Vote.ballot == ballot_id)
        assert len(votes) == 6 and all(vote["elector"] for vote in votes)
        names = {
            row["id"]: row["name"]
            for row in await Elector.select(
                Elector.id, Elector.worker.full_name.as_alias("name")
            ).where(Elector.ballot == ballot_id)
        }
        roles = {o["id"]: o["role"] for o in question["options"]}
        marks = {
            row["vote"]: roles[row["option"]]
            for row in await Mark.select(Mark.vote, Mark.option).where(Mark.ballot == ballot_id)
        }
        by_name = {names[vote["elector"]]: marks[vote["id"]] for vote in votes}
        assert by_name == dict(zip(present, choices[item], strict=True))

    outcomes = {i["id"]: i["outcome"] for i in await agenda_stage.agenda(context, conference_id)}
    for item, passed, votes_for in ((items[0], False, 3), (items[1], True, 4)):
        outcome = outcomes[item]
        assert (outcome["present"], outcome["electorate"]) == (6, 9)
        assert outcome["quorum_reached"] and outcome["threshold"] == 4
        assert outcome["votes"]["For"] == votes_for
        assert outcome["passed"] is passed
    # The adoption of the resolution itself was not voted: the items voted after it, however
    # they went, do not adopt it.
    assert not await queries.resolution_adopted(conference_id)


async def test_a_conference_opened_before_its_date_needs_the_reason_which_is_audited():
    context, conference_id = await planned(sizes=(3,))  # planned for 10/03/2027
    with pytest.raises(Invalid) as refused:
        await session.open_session(context, conference_id)
    assert "in " in refused.value.errors["reason"] and "days" in refused.value.errors["reason"]
    assert (await queries.get_conference(context, conference_id)).status == "planned"
    await session.open_session(context, conference_id, "Họp sớm theo đề nghị của công đoàn.")
    entry = (
        await AuditEntry.select(AuditEntry.details)
        .where(AuditEntry.action == "conference.opened")
        .first()
    )
    assert "Họp sớm theo đề nghị của công đoàn." in str(entry["details"])
