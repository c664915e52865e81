"""Dialogue use cases end to end on the service layer (both engines): member lists checked
against the law, a periodic dialogue from contents to publication, requests and their support,
follow-ups carried to the next agenda, deadlines, the calendar feed, compliance facts."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from labour_democracy import i18n
from labour_democracy.core import calendar, reminders
from labour_democracy.core.errors import Conflict, Forbidden, Invalid
from labour_democracy.core.tables import Enterprise, Gender, Representation, Role
from labour_democracy.dialogue import (
    agenda,
    calendar_feed,
    compliance,
    deadlines,
    group_election,
    meeting,
    member_lists,
    overview,
    planning,
    publication,
    queries,
    regulation,
    requests,
    rules,
)
from labour_democracy.dialogue.schemas import (
    AgendaItemForm,
    AttendanceForm,
    ContentsForm,
    DialogueForm,
    EventStepsForm,
    GroupElectionForm,
    MemberForm,
    MemberListForm,
    PositionsForm,
    PublishForm,
    RecordForm,
    ReplacementForm,
    ReplyForm,
    RequestForm,
    SettingsForm,
)
from labour_democracy.dialogue.tables import (
    AgendaItem,
    AgendaSource,
    Dialogue,
    DialogueKind,
    DialogueStatus,
    EventMatter,
    MemberList,
    MemberListStatus,
    RequestSide,
    Side,
)
from labour_democracy.followups.tables import FollowUp
from labour_democracy.i18n import LOCAL_TIMEZONE, today
from labour_democracy.suggestions import services as suggestions
from labour_democracy.suggestions.schemas import PaperSuggestionForm
from labour_democracy.suggestions.tables import Topic
from labour_democracy.voting import rules as voting_rules
from labour_democracy.voting import services as voting
from labour_democracy.voting import voters
from labour_democracy.voting.tables import Ballot, ElectorateKind, Option, Question
from tests import factories

EMPLOYER = [("Nguyễn Văn An", "Giám đốc", True), ("Trần Thị Bích", "Trưởng phòng", False)]
WORKERS = ["Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang", "Ngô Thị Hạnh"]


@pytest.fixture(autouse=True)
def english():
    with i18n.language("en"):
        yield


def _at(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LOCAL_TIMEZONE)


async def _enterprise(workforce: int = 60):
    enterprise_id = await factories.enterprise(
        name="Công ty TNHH May Sông Hồng", symbol="SHVN", legal_representative="Nguyễn Văn An"
    )
    await factories.workers(enterprise_id, workforce)
    return enterprise_id


async def _published_list(enterprise_id: int) -> tuple[int, dict[str, int]]:
    hr = await factories.context(enterprise_id)
    list_id = await member_lists.create_member_list(
        hr, MemberListForm(valid_from=today() - dt.timedelta(days=30))
    )
    ids = {}
    for name, title, legal in [*EMPLOYER, ("Lê Văn Cường", "Quản đốc", False)]:
        ids[name] = await member_lists.add_member(
            hr,
            list_id,
            MemberForm(side=Side.EMPLOYER, full_name=name, title=title, legal_representative=legal),
        )
    for index, name in enumerate(WORKERS):
        ids[name] = await member_lists.add_member(
            hr,
            list_id,
            MemberForm(
                side=Side.UNION,
                full_name=name,
                gender=Gender.FEMALE.value if index % 2 == 0 else Gender.MALE.value,
                title="Công nhân",
                signs_for_side=index == 0,
            ),
        )
    await member_lists.publish_member_list(hr, list_id)
    return list_id, ids


async def test_a_worker_side_below_the_band_minimum_is_refused_and_nothing_changes():
    enterprise_id = await _enterprise(60)  # 50-149 workers: at least 4
    hr = await factories.context(enterprise_id)
    list_id = await member_lists.create_member_list(hr, MemberListForm(valid_from=today()))
    for name, title, legal in [*EMPLOYER, ("Lê Văn Cường", "Quản đốc", False)]:
        await member_lists.add_member(
            hr,
            list_id,
            MemberForm(side=Side.EMPLOYER, full_name=name, title=title, legal_representative=legal),
        )
    for index, name in enumerate(WORKERS[:3]):
        await member_lists.add_member(
            hr,
            list_id,
            MemberForm(side=Side.UNION, full_name=name, signs_for_side=index == 0),
        )
    with pytest.raises(Invalid, match="the worker side needs at least 4 members; it has 3"):
        await member_lists.publish_member_list(hr, list_id)
    version = await MemberList.objects().get(MemberList.id == list_id)
    assert version.status == MemberListStatus.DRAFT and version.document is None
    await member_lists.add_member(hr, list_id, MemberForm(side=Side.UNION, full_name=WORKERS[3]))
    await member_lists.publish_member_list(hr, list_id)
    version = await MemberList.objects().get(MemberList.id == list_id)
    assert version.status == MemberListStatus.PUBLISHED and version.document is not None
    with pytest.raises(Conflict):
        await member_lists.add_member(hr, list_id, MemberForm(side=Side.UNION, full_name="Late"))


async def _list_with_split(hr, union: int, group: int) -> int:
    list_id = await member_lists.create_member_list(hr, MemberListForm(valid_from=today()))
    for name, title, legal in [*EMPLOYER, ("Lê Văn Cường", "Quản đốc", False)]:
        await member_lists.add_member(
            hr,
            list_id,
            MemberForm(side=Side.EMPLOYER, full_name=name, title=title, legal_representative=legal),
        )
    for side, count in ((Side.UNION, union), (Side.DIALOGUE_GROUP, group)):
        for index in range(count):
            await member_lists.add_member(
                hr,
                list_id,
                MemberForm(
                    side=side,
                    full_name=f"{side.value} {index}",
                    gender=Gender.FEMALE.value,
                    signs_for_side=index == 0,
                ),
            )
    return list_id


async def test_a_seat_split_off_the_members_proportion_is_published_with_a_warning():
    # 60 workers, 45 of them union members: 4 worker-side seats split 3 / 1 (Art. 38(2)(b)).
    enterprise_id = await _enterprise(15)
    await factories.workers(enterprise_id, 45, union_member=True)
    await Enterprise.update({Enterprise.representation: Representation.GRASSROOTS_UNION}).where(
        Enterprise.id == enterprise_id
    )
    hr = await factories.context(enterprise_id)
    deviating = await _list_with_split(hr, 2, 2)
    check = await member_lists.check_list(hr, deviating)
    assert check.lawful
    assert any(
        "split as 3 for the organisation and 1 for the workers' dialogue group; this list has "
        "2 and 2" in warning
        for warning in check.warnings
    )
    warnings = await member_lists.publish_member_list(hr, deviating)
    assert any("Art. 38(2)(b)" in warning for warning in warnings)
    version = await MemberList.objects().get(MemberList.id == deviating)
    assert version.status == MemberListStatus.PUBLISHED
    matching = await _list_with_split(hr, 3, 1)
    assert not any("38(2)(b)" in w for w in (await member_lists.check_list(hr, matching)).warnings)
    assert not any("38(2)(b)" in w for w in await member_lists.publish_member_list(hr, matching))


async def test_employer_side_needs_its_legal_representative():
    enterprise_id = await _enterprise(10)
    hr = await factories.context(enterprise_id)
    list_id = await member_lists.create_member_list(hr, MemberListForm(valid_from=today()))
    for name in ("A", "B", "C"):
        await member_lists.add_member(hr, list_id, MemberForm(side=Side.EMPLOYER, full_name=name))
    for name in ("D", "E", "F"):
        await member_lists.add_member(
            hr, list_id, MemberForm(side=Side.UNION, full_name=name, signs_for_side=True)
        )
    with pytest.raises(Invalid, match="legal representative"):
        await member_lists.publish_member_list(hr, list_id)


async def test_a_replacement_keeps_the_version_and_shows_from_its_date():
    enterprise_id = await _enterprise()
    list_id, ids = await _published_list(enterprise_id)
    union = await factories.context(enterprise_id, Role.UNION)
    new_id = await member_lists.replace_member(
        union,
        list_id,
        ids["Hoàng Văn Em"],
        ReplacementForm(full_name="Đỗ Văn Phúc", replaced_on=today()),
    )
    before = {m.full_name for m in await queries.active_members(list_id, today() - dt.timedelta(1))}
    after = {m.id for m in await queries.active_members(list_id, today())}
    assert "Hoàng Văn Em" in before and "Đỗ Văn Phúc" not in before
    assert new_id in after and ids["Hoàng Văn Em"] not in after
    with pytest.raises(Conflict):
        await member_lists.replace_member(
            union, list_id, ids["Hoàng Văn Em"], ReplacementForm(full_name="X", replaced_on=today())
        )


async def test_regulation_needs_one_periodic_dialogue_a_year_and_its_months():
    enterprise_id = await _enterprise()
    hr = await factories.context(enterprise_id)
    with pytest.raises(Invalid) as error:
        await regulation.update_settings(hr, SettingsForm(periodic_per_year=0, periodic_months=""))
    assert "at least one periodic dialogue" in error.value.errors["periodic_per_year"]
    with pytest.raises(Invalid):
        await regulation.update_settings(hr, SettingsForm(periodic_per_year=2, periodic_months="6"))
    await regulation.update_settings(hr, SettingsForm(periodic_per_year=2, periodic_months="9, 3"))
    assert (await regulation.settings_for(enterprise_id)).periodic_months == "3, 9"
    union = await factories.context(enterprise_id, Role.UNION)
    with pytest.raises(Forbidden):
        await regulation.update_settings(union, SettingsForm())


async def test_a_periodic_dialogue_from_contents_to_publication():
    enterprise_id = await _enterprise()
    _list_id, ids = await _published_list(enterprise_id)
    hr = await factories.context(enterprise_id)
    union = await factories.context(enterprise_id, Role.UNION)

    too_soon = calendar.add_working_days(rules.earliest_periodic_date(today()), -1)
    with pytest.raises(Invalid) as error:
        await planning.create_dialogue(
            hr,
            DialogueForm(title="Đối thoại định kỳ", scheduled_at=_at(too_soon), place="Hội trường"),
        )
    assert "5 working days" in error.value.errors["scheduled_at"]
    assert await Dialogue.count() == 0

    day = rules.earliest_periodic_date(today()) + dt.timedelta(days=7)
    dialogue_id = await planning.create_dialogue(
        hr, DialogueForm(title="Đối thoại định kỳ", scheduled_at=_at(day), place="Hội trường")
    )
    await planning.record_contents(
        hr,
        dialogue_id,
        ContentsForm(side=Side.EMPLOYER, contents="Tình hình sản xuất", sent_on=today()),
    )
    view = await meeting.dialogue_view(hr, dialogue_id)
    assert view.dialogue["contents_due"] == rules.contents_deadline(day)
    assert not view.dialogue["employer_contents_late"]

    # A worker's suggestion assigned to this dialogue comes onto the agenda.
    await suggestions.add_from_paper(
        union,
        PaperSuggestionForm(
            subject="Lắp thêm quạt ở xưởng may",
            body="Xưởng 2 rất nóng.",
            received_on=today(),
            topic=Topic.DIALOGUE,
            target_id=dialogue_id,
        ),
    )
    assert await agenda.import_agenda(union, dialogue_id) == 1
    assert await agenda.import_agenda(union, dialogue_id) == 0
    item = await AgendaItem.objects().first()
    assert item.source == AgendaSource.SUGGESTION and item.title == "Lắp thêm quạt ở xưởng may"

    # 2 of 4 worker-side members (50 %): no quorum; 3 of 4 (75 %): quorum.
    present = [ids["Nguyễn Văn An"], ids["Phạm Thị Dung"], ids["Hoàng Văn Em"]]
    assert not await meeting.record_attendance(hr, dialogue_id, AttendanceForm(present=present))
    record = RecordForm(
        held_on=today(),
        chair="Nguyễn Văn An",
        secretary="Trần Thị Bích",
        summary="Hai bên thống nhất.",
    )
    with pytest.raises(Invalid, match="quorum is not met"):
        await meeting.record_dialogue(hr, dialogue_id, record)
    present.append(ids["Vũ Thị Giang"])
    assert await meeting.record_attendance(hr, dialogue_id, AttendanceForm(present=present))

    with pytest.raises(Invalid, match="Record whether each item was agreed"):
        await meeting.record_dialogue(hr, dialogue_id, record)
    with pytest.raises(Invalid) as error:
        await agenda.record_positions(
            hr, dialogue_id, item.id, PositionsForm(outcome="agreed", agreed_text="Lắp 10 quạt")
        )
    assert set(error.value.errors) == {"owner", "due_on"}
    due = today() + dt.timedelta(days=30)
    await agenda.record_positions(
        hr,
        dialogue_id,
        item.id,
        PositionsForm(
            employer_position="Đồng ý lắp quạt",
            worker_position="Cần trước mùa hè",
            outcome="agreed",
            agreed_text="Lắp 10 quạt ở xưởng 2",
            owner="Phòng Hành chính",
            due_on=due,
        ),
    )
    await meeting.record_dialogue(hr, dialogue_id, record)
    dialogue = await Dialogue.objects().get(Dialogue.id == dialogue_id)
    assert dialogue.status == DialogueStatus.HELD
    action = await FollowUp.objects().first()
    assert (action.source_kind, action.source_id, action.title, action.due_on) == (
        "dialogue",
        dialogue_id,
        "Lắp 10 quạt ở xưởng 2",
        due,
    )
    assert (await AgendaItem.objects().first()).follow_up_id == action.id

    # The minutes' signatories: the legal representative and the union's signer, present.
    signers = await meeting.signatories(hr, dialogue_id)
    assert [s.name for s in signers] == ["Nguyễn Văn An", "Phạm Thị Dung"]

    with pytest.raises(Forbidden):
        await publication.publish_dialogue(union, dialogue_id, PublishForm(published_on=today()))
    assert not await publication.publish_dialogue(
        hr, dialogue_id, PublishForm(published_on=today())
    )
    dialogue = await Dialogue.objects().get(Dialogue.id == dialogue_id)
    assert dialogue.status == DialogueStatus.PUBLICISED and dialogue.publication_document
    public = (await publication.published_for_public(hr.enterprise))[0]
    assert "Hai bên thống nhất." in public["lines"]
    with pytest.raises(Conflict):
        await publication.publish_dialogue(hr, dialogue_id, PublishForm(published_on=today()))

    # The open follow-up is carried onto the next dialogue's agenda.
    next_id = await planning.create_dialogue(
        hr,
        DialogueForm(
            title="Đối thoại định kỳ lần 2",
            scheduled_at=_at(day + dt.timedelta(days=90)),
            place="Hội trường",
        ),
    )
    assert await agenda.import_agenda(hr, next_id) == 1
    carried = await AgendaItem.objects().where(AgendaItem.dialogue == next_id).first()
    assert carried.source == AgendaSource.FOLLOW_UP and carried.source_id == action.id

    facts = await compliance.facts(enterprise_id)
    assert facts.periodic_in_time and facts.last_periodic == today()


async def test_worker_side_request_needs_thirty_percent_and_a_reply_in_five_working_days():
    enterprise_id = await _enterprise()
    _list_id, ids = await _published_list(enterprise_id)
    union = await factories.context(enterprise_id, Role.UNION)
    hr = await factories.context(enterprise_id)
    form = RequestForm(
        side=RequestSide.WORKERS,
        requested_by="Công đoàn cơ sở",
        reason="Tiền ăn ca",
        submitted_on=today(),
        supporters=[ids["Phạm Thị Dung"]],
    )
    with pytest.raises(Invalid) as error:
        await requests.create_request(union, form)
    assert "2 of 4; 1 ticked" in error.value.errors["supporters"]
    with pytest.raises(Forbidden):  # HR does not ask on the workers' behalf
        await requests.create_request(hr, form)
    form.supporters = [ids["Phạm Thị Dung"], ids["Hoàng Văn Em"]]
    request_id = await requests.create_request(union, form)
    row = await requests.get_request(hr, request_id)
    assert row["reply_due_on"] == rules.reply_due(today())
    assert [m.full_name for m in row["supporters"]] == ["Phạm Thị Dung", "Hoàng Văn Em"]
    assert row["can_answer"] and not (await requests.get_request(union, request_id))["can_answer"]
    assert any(
        due.url.endswith(f"/requests/{request_id}")
        for due in await deadlines.deadlines(hr.enterprise)
    )

    reply = ReplyForm(
        replied_on=today(),
        reply_text="Đồng ý đối thoại",
        reply_at=_at(today() + dt.timedelta(days=3), 14),
        reply_place="Phòng họp",
    )
    with pytest.raises(Forbidden):
        await requests.answer_request(union, request_id, reply)
    dialogue_id = await requests.answer_request(hr, request_id, reply)
    dialogue = await Dialogue.objects().get(Dialogue.id == dialogue_id)
    assert dialogue.kind == DialogueKind.REQUESTED and dialogue.place == "Phòng họp"
    with pytest.raises(Conflict):
        await requests.answer_request(hr, request_id, reply)
    # No 70 % quorum outside periodic dialogues: 1 of 4 worker-side members may suffice.
    present = [ids["Nguyễn Văn An"], ids["Phạm Thị Dung"]]
    quorum = await meeting.record_attendance(hr, dialogue_id, AttendanceForm(present=present))
    assert quorum is None
    item_id = await agenda.add_agenda_item(hr, dialogue_id, AgendaItemForm(title="Tiền ăn ca"))
    await agenda.record_positions(hr, dialogue_id, item_id, PositionsForm(outcome="not_agreed"))
    record = RecordForm(held_on=today(), chair="Nguyễn Văn An", secretary="B", summary="Chưa.")
    # A topic concerns women: refused until the women's representative is recorded (Art. 38(4)).
    women = AttendanceForm(present=present, concerns_women=True, womens_representative=" ")
    await meeting.record_attendance(hr, dialogue_id, women)
    with pytest.raises(Invalid, match=r"women's representative .*Art. 38\(4\)"):
        await meeting.record_dialogue(hr, dialogue_id, record)
    assert (
        await Dialogue.objects().get(Dialogue.id == dialogue_id)
    ).status == DialogueStatus.PLANNED
    women.womens_representative = "Ngô Thị Hạnh"
    await meeting.record_attendance(hr, dialogue_id, women)
    await meeting.record_dialogue(hr, dialogue_id, record)
    assert (await Dialogue.objects().get(Dialogue.id == dialogue_id)).status == DialogueStatus.HELD
    facts = await compliance.facts(enterprise_id, rules.reply_due(today()) + dt.timedelta(days=1))
    assert (facts.requests, facts.requests_on_time) == (1, 1)


async def test_an_event_dialogue_shows_its_steps_and_the_matter_s_own_deadline():
    enterprise_id = await _enterprise()
    await _published_list(enterprise_id)
    hr = await factories.context(enterprise_id)
    with pytest.raises(Invalid) as error:
        await planning.create_dialogue(
            hr,
            DialogueForm(
                kind=DialogueKind.EVENT, title="Cắt giảm", scheduled_at=_at(today()), place="P"
            ),
        )
    assert "matter" in error.value.errors
    dialogue_id = await planning.create_dialogue(
        hr,
        DialogueForm(
            kind=DialogueKind.EVENT,
            matter=EventMatter.REDUNDANCY,
            title="Cho thôi việc do thay đổi cơ cấu",
            scheduled_at=_at(today() + dt.timedelta(days=2)),
            place="Phòng họp",
        ),
    )
    effective = today() + dt.timedelta(days=45)
    await planning.record_event_steps(
        hr,
        dialogue_id,
        EventStepsForm(event_document_sent_on=today(), event_effective_on=effective),
    )
    view = await meeting.dialogue_view(hr, dialogue_id)
    reply_step, duty = view.event_steps[1], view.event_steps[-1]
    assert reply_step["due_on"] == rules.event_reply_due(today(), 5)
    assert duty["due_on"] == effective - dt.timedelta(days=30)
    assert duty["source"] == "Labour Code 45/2019/QH14, Art. 42"
    with pytest.raises(Invalid):
        await planning.record_event_steps(hr, dialogue_id, EventStepsForm(event_reply_on=today()))


async def test_the_calendar_feed_lists_dialogues_and_deadlines():
    enterprise_id = await _enterprise()
    await _published_list(enterprise_id)
    hr = await factories.context(enterprise_id)
    day = rules.earliest_periodic_date(today()) + dt.timedelta(days=3)
    await planning.create_dialogue(
        hr, DialogueForm(title="Đối thoại định kỳ", scheduled_at=_at(day), place="Hội trường")
    )
    settings = await regulation.settings_for(enterprise_id)
    enterprise = await calendar_feed.enterprise_for_token(settings.calendar_token)
    assert enterprise.id == enterprise_id
    assert await calendar_feed.enterprise_for_token("wrong") is None
    feed = icalendar.Calendar.from_ical(await calendar_feed.feed(enterprise, "https://ld.test"))
    summaries = [str(event["summary"]) for event in feed.walk("VEVENT")]
    assert "Đối thoại định kỳ" in summaries
    assert "Employer's contents for “Đối thoại định kỳ”" in summaries
    assert "Renew the list of dialogue members" in summaries
    again = icalendar.Calendar.from_ical(await calendar_feed.feed(enterprise, "https://ld.test"))
    assert [str(e["uid"]) for e in feed.walk("VEVENT")] == [
        str(e["uid"]) for e in again.walk("VEVENT")
    ]
    await calendar_feed.renew_calendar_token(hr)
    assert await calendar_feed.enterprise_for_token(settings.calendar_token) is None


async def test_manual_agenda_item_and_records_of_another_enterprise():
    enterprise_id = await _enterprise()
    await _published_list(enterprise_id)
    hr = await factories.context(enterprise_id)
    day = rules.earliest_periodic_date(today()) + dt.timedelta(days=3)
    dialogue_id = await planning.create_dialogue(
        hr, DialogueForm(title="Đối thoại", scheduled_at=_at(day), place="Hội trường")
    )
    with pytest.raises(Invalid):
        await agenda.add_agenda_item(hr, dialogue_id, AgendaItemForm(title="  "))
    item_id = await agenda.add_agenda_item(hr, dialogue_id, AgendaItemForm(title="Ca đêm"))
    other = await factories.enterprise(name="Công ty khác", tax_code="0100000999")
    other_hr = await factories.context(other)
    with pytest.raises(Exception) as error:
        await agenda.record_positions(other_hr, dialogue_id, item_id, PositionsForm())
    assert type(error.value).__name__ == "NotFound"


async def test_seats_are_split_in_proportion_to_union_members():
    enterprise_id = await factories.enterprise(
        name="Công ty có công đoàn", representation=Representation.GRASSROOTS_UNION
    )
    await factories.workers(enterprise_id, 100, union_member=True)
    await factories.workers(enterprise_id, 50)
    hr = await factories.context(enterprise_id)
    # 150 workers: at least 9 worker-side seats; 100/150 of 9 is 6, the other 50 get 3.
    split = (await overview.overview(hr))["split"]
    assert (split["seats"], split["organisation"], split["group"]) == (9, 6, 3)


async def test_late_contents_and_a_late_publication_are_flagged_and_counted():
    enterprise_id = await _enterprise()
    _list_id, ids = await _published_list(enterprise_id)
    hr = await factories.context(enterprise_id)
    day = rules.earliest_periodic_date(today())
    dialogue_id = await planning.create_dialogue(
        hr, DialogueForm(title="Đối thoại", scheduled_at=_at(day), place="Hội trường")
    )
    # Sent today for the earliest dialogue the rule allows: in time.
    assert rules.contents_deadline(day) >= today()
    await planning.record_contents(
        hr, dialogue_id, ContentsForm(side=Side.EMPLOYER, contents="A", sent_on=today())
    )
    row = (await meeting.dialogue_view(hr, dialogue_id)).dialogue
    assert not row["employer_contents_late"]
    row = planning.annotate(row, False, on=rules.contents_deadline(day) + dt.timedelta(days=1))
    assert row["worker_contents_late"]  # never sent, and the deadline has passed

    # Held a month ago, publicised today: more than 3 working days later.
    held_on = today() - dt.timedelta(days=30)
    await meeting.record_attendance(hr, dialogue_id, AttendanceForm(present=list(ids.values())))
    item_id = await agenda.add_agenda_item(hr, dialogue_id, AgendaItemForm(title="Ca đêm"))
    await agenda.record_positions(hr, dialogue_id, item_id, PositionsForm(outcome="not_agreed"))
    await meeting.record_dialogue(
        hr, dialogue_id, RecordForm(held_on=held_on, chair="A", secretary="B", summary="C")
    )
    due_items = await reminders.agenda(hr)
    assert any("Publicise the main contents" in due.title for due in due_items.overdue)
    assert await publication.publish_dialogue(hr, dialogue_id, PublishForm(published_on=today()))
    facts = await compliance.facts(enterprise_id)
    assert (facts.publications, facts.publications_on_time) == (1, 0)
    assert (await planning.list_dialogues(hr)).rows[0]["publication_late"]


# The workers' dialogue group elected through the voting engine --------------------------------


async def test_the_dialogue_group_is_elected_through_the_voting_engine():
    enterprise_id = await _enterprise(5)
    union = await factories.context(enterprise_id, Role.UNION)
    list_id = await member_lists.create_member_list(union, MemberListForm(valid_from=today()))

    # Bad input: nothing is created, not even a draft ballot.
    with pytest.raises(Invalid) as refused:
        await group_election.create_group_election(
            union, list_id, GroupElectionForm(candidates="An\nBình", seats=3)
        )
    assert "seats" in refused.value.errors
    with pytest.raises(Invalid) as refused:
        await group_election.create_group_election(
            union,
            list_id,
            GroupElectionForm(candidates="An", electorate_kind=ElectorateKind.UNION_MEMBERS),
        )
    assert "electorate_kind" in refused.value.errors
    assert await Ballot.count() == 0

    ballot_id = await group_election.create_group_election(
        union, list_id, GroupElectionForm(candidates="An\nBình\nChi", seats=2)
    )
    ballot = await Ballot.objects().get(Ballot.id == ballot_id)
    assert ballot.purpose == "dialogue_group" and ballot.electorate_kind == "non_union_members"
    question = await Question.objects().get(Question.ballot == ballot_id)
    assert question.seats == 2 and question.rule_minimum == voting_rules.ELECTION_MAJORITY.encode()
    with pytest.raises(Conflict):
        await group_election.create_group_election(
            union, list_id, GroupElectionForm(candidates="Dũng", seats=1)
        )
    with pytest.raises(Conflict, match="Close the vote first"):
        await group_election.add_elected(union, list_id)

    codes = await voting.issue_codes(union, ballot_id)
    await voting.open_ballot(union, ballot_id)
    options = {o.label: o.id for o in await Option.objects().where(Option.question == question.id)}
    # 5 valid ballots: An 4, Bình 3 (more than half), Chi 1.
    for code, names in zip(
        codes, [["An", "Bình"], ["An", "Bình"], ["An", "Chi"], ["An"], ["Bình"]], strict=True
    ):
        await voters.cast_code(code.code, {question.id: [options[n] for n in names]})
    await voting.close_ballot(union, ballot_id)

    election = await group_election.group_election(
        union, await MemberList.objects().get(MemberList.id == list_id)
    )
    assert election["elected"] == ["An", "Bình"] and not election["tied"]
    assert await group_election.add_elected(union, list_id) == 2
    group = [
        m.full_name
        for m in await queries.list_members(list_id)
        if m.side == Side.DIALOGUE_GROUP.value
    ]
    assert group == ["An", "Bình"]
    with pytest.raises(Conflict, match="already on the list"):
        await group_election.add_elected(union, list_id)


async def test_a_published_list_gets_no_election():
    enterprise_id = await _enterprise()
    list_id, _ids = await _published_list(enterprise_id)
    union = await factories.context(enterprise_id, Role.UNION)
    with pytest.raises(Conflict):
        await group_election.create_group_election(
            union, list_id, GroupElectionForm(candidates="An", seats=1)
        )
    assert await Ballot.count() == 0
