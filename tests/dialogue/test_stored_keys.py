"""Texts the dialogue composes from its catalogue are stored as keys and values (issue 10):
made with the interface in English, they show in each reader's language, the documents read
back in Vietnamese, and the data migration converts rows written the old way."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest

from labour_democracy import i18n
from labour_democracy.core.tables import Role
from labour_democracy.dialogue import agenda, group_election, meeting, member_lists, planning
from labour_democracy.dialogue import requests as dialogue_requests
from labour_democracy.dialogue.documents.minutes import issue_minutes
from labour_democracy.dialogue.schemas import (
    AgendaItemForm,
    AttendanceForm,
    DialogueForm,
    GroupElectionForm,
    MemberForm,
    MemberListForm,
    PositionsForm,
    RecordForm,
    ReplyForm,
    RequestForm,
)
from labour_democracy.dialogue.tables import (
    AgendaItem,
    AgendaSource,
    Dialogue,
    DialogueKind,
    DialogueRequest,
    MemberList,
    RequestSide,
    Side,
)
from labour_democracy.documents.checks import all_text
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import LOCAL_TIMEZONE, today
from labour_democracy.voting.tables import Ballot, Question
from tests import factories

MIGRATION = "labour_democracy.dialogue.piccolo_migrations.dialogue_2026_12_06t04_31_01_000000"
REQUESTER = "Công đoàn cơ sở Công ty TNHH May Sông Hồng"


@pytest.fixture(autouse=True)
def english():
    with i18n.language("en"):
        yield


def _at(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LOCAL_TIMEZONE)


async def _enterprise() -> tuple[int, dict[str, int]]:
    enterprise_id = await factories.enterprise(
        name="Công ty TNHH May Sông Hồng", symbol="SHVN", legal_representative="Nguyễn Văn An"
    )
    await factories.workers(enterprise_id, 30)
    await factories.user("hr@a.vn", Role.HR, enterprise_id)
    hr = await factories.context(enterprise_id)
    list_id = await member_lists.create_member_list(
        hr, MemberListForm(valid_from=today() - dt.timedelta(days=30))
    )
    ids = {}
    for name, legal in [("Nguyễn Văn An", True), ("Trần Thị Bích", False), ("Lê Văn Cường", False)]:
        ids[name] = await member_lists.add_member(
            hr,
            list_id,
            MemberForm(side=Side.EMPLOYER, full_name=name, legal_representative=legal),
        )
    for index, name in enumerate(["Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang"]):
        ids[name] = await member_lists.add_member(
            hr,
            list_id,
            MemberForm(side=Side.UNION, full_name=name, signs_for_side=index == 0),
        )
    await member_lists.publish_member_list(hr, list_id)
    return enterprise_id, ids


async def _requested_dialogue(enterprise_id: int, ids: dict[str, int]) -> int:
    """A worker-side request answered by HR, all with the interface in English."""
    union = await factories.context(enterprise_id, Role.UNION)
    hr = await factories.context(enterprise_id)
    request_id = await dialogue_requests.create_request(
        union,
        RequestForm(
            side=RequestSide.WORKERS,
            requested_by=REQUESTER,
            reason="Tiền ăn ca",
            submitted_on=today(),
            supporters=[ids["Phạm Thị Dung"]],
        ),
    )
    return await dialogue_requests.answer_request(
        hr,
        request_id,
        ReplyForm(
            replied_on=today(),
            reply_text="Đồng ý",
            reply_at=_at(today() + dt.timedelta(days=2), 14),
            reply_place="Phòng họp",
        ),
    )


async def _hold(enterprise_id: int, ids: dict[str, int], dialogue_id: int, **positions) -> None:
    hr = await factories.context(enterprise_id)
    present = [ids["Nguyễn Văn An"], ids["Phạm Thị Dung"], ids["Hoàng Văn Em"]]
    await meeting.record_attendance(hr, dialogue_id, AttendanceForm(present=present))
    items = await AgendaItem.objects().where(AgendaItem.dialogue == dialogue_id)
    if not items:
        await agenda.add_agenda_item(hr, dialogue_id, AgendaItemForm(title="Tiền ăn ca"))
        items = await AgendaItem.objects().where(AgendaItem.dialogue == dialogue_id)
    for item in items:
        await agenda.record_positions(
            hr, dialogue_id, item.id, PositionsForm(**(positions or {"outcome": "not_agreed"}))
        )
    await meeting.record_dialogue(
        hr,
        dialogue_id,
        RecordForm(held_on=today(), chair="Nguyễn Văn An", secretary="Trần Thị Bích", summary="."),
    )


async def test_a_requested_dialogue_keeps_the_requester_and_its_title_is_translated_when_shown():
    enterprise_id, ids = await _enterprise()
    dialogue_id = await _requested_dialogue(enterprise_id, ids)

    stored = await Dialogue.objects().get(Dialogue.id == dialogue_id)
    assert (stored.title, stored.title_key) == (REQUESTER, "requested")

    hr = await factories.context(enterprise_id)
    expected = {
        "en": f"Dialogue requested by {REQUESTER}",
        "vi": f"Đối thoại theo yêu cầu của {REQUESTER}",
        "fr": f"Dialogue demandé par {REQUESTER}",
    }
    for code, title in expected.items():
        with i18n.language(code):
            assert (await planning.list_dialogues(hr)).rows[0]["title"] == title
            assert (await meeting.dialogue_view(hr, dialogue_id)).dialogue["title"] == title
            assert (await planning.dialogue_choices(hr))[0][1].startswith(title + " (")

    # Issued with the interface in English, the minutes print the Vietnamese title.
    await _hold(enterprise_id, ids, dialogue_id)
    document = await issue_minutes(hr, dialogue_id)
    text = all_text(document.content)
    assert f"Đối thoại theo yêu cầu của {REQUESTER}" in text
    assert "requested by" not in text
    issued = await IssuedDocument.objects().get(IssuedDocument.id == document.id)
    assert issued.title.endswith(f"Đối thoại theo yêu cầu của {REQUESTER}")


async def test_each_language_s_pages_show_the_requested_dialogue_s_title(browser_for):
    enterprise_id, ids = await _enterprise()
    dialogue_id = await _requested_dialogue(enterprise_id, ids)
    hr = await browser_for("hr@a.vn")
    base = f"/enterprises/{enterprise_id}/dialogue"
    expected = {
        "en": "Dialogue requested by",
        "vi": "Đối thoại theo yêu cầu của",
        "fr": "Dialogue demandé par",
    }
    for code, words in expected.items():
        response = await hr.post("/language", {"language": code, "next": "/"})
        assert response.status_code == 303
        for page in (base, f"{base}/{dialogue_id}"):
            html = (await hr.get(page)).text
            assert f"{words} {REQUESTER}" in html, (code, page)
            others = [w for c, w in expected.items() if c != code]
            assert not any(f"{w} {REQUESTER}" in html for w in others), (code, page)


async def test_a_carried_follow_up_stores_no_note_and_the_minutes_print_it_in_vietnamese():
    enterprise_id, ids = await _enterprise()
    hr = await factories.context(enterprise_id)
    first = await _requested_dialogue(enterprise_id, ids)
    due = today() + dt.timedelta(days=40)
    await _hold(
        enterprise_id,
        ids,
        first,
        outcome="agreed",
        agreed_text="Tăng tiền ăn ca",
        owner="Phòng Nhân sự",
        due_on=due,
    )
    second = await planning.create_dialogue(
        hr,
        DialogueForm(
            kind=DialogueKind.REQUESTED,
            title="Đối thoại tiếp theo",
            scheduled_at=_at(today() + dt.timedelta(days=3)),
            place="Hội trường",
        ),
    )
    assert await agenda.import_agenda(hr, second) == 1
    carried = await AgendaItem.objects().where(AgendaItem.dialogue == second).first()
    assert carried.source == AgendaSource.FOLLOW_UP and carried.details == ""

    item = (await meeting.dialogue_view(hr, second)).items[0]
    assert item["details"] == (
        f"Agreed at Dialogue “Dialogue requested by {REQUESTER}” of "
        f"{i18n.format_date(today())}, due {i18n.format_date(due)}; carried out by Phòng Nhân sự."
    )
    with i18n.language("fr"):
        item = (await meeting.dialogue_view(hr, second)).items[0]
        assert item["details"].startswith("Convenu lors de Dialogue « Dialogue demandé par")

    await _hold(enterprise_id, ids, second)
    text = all_text((await issue_minutes(hr, second)).content)
    assert (
        f"Đã thống nhất tại Cuộc đối thoại “Đối thoại theo yêu cầu của {REQUESTER}” ngày "
        f"{today():%d/%m/%Y}, hạn {due:%d/%m/%Y}; người thực hiện: Phòng Nhân sự."
    ) in text
    assert "Agreed at" not in text


async def test_the_dialogue_group_s_ballot_is_written_in_vietnamese_from_an_english_page():
    enterprise_id = await factories.enterprise(name="Công ty A", symbol="A")
    await factories.workers(enterprise_id, 5)
    union = await factories.context(enterprise_id, Role.UNION)
    valid_from = today()
    list_id = await member_lists.create_member_list(union, MemberListForm(valid_from=valid_from))
    ballot_id = await group_election.create_group_election(
        union, list_id, GroupElectionForm(candidates="An\nBình", seats=1)
    )
    ballot = await Ballot.objects().get(Ballot.id == ballot_id)
    assert ballot.title == (
        f"Bầu nhóm đại diện đối thoại của người lao động (danh sách từ {valid_from:%d/%m/%Y})"
    )
    question = await Question.objects().get(Question.ballot == ballot_id)
    assert question.text == "Thành viên nhóm đại diện đối thoại của người lao động"


async def test_the_migration_converts_rows_written_in_the_interface_s_language():
    enterprise_id, _ids = await _enterprise()
    hr = await factories.context(enterprise_id)
    version = await MemberList.objects().first()

    async def dialogue(title: str) -> int:
        row = Dialogue(
            enterprise=enterprise_id,
            kind=DialogueKind.REQUESTED,
            title=title,
            member_list=version.id,
            scheduled_at=_at(today()),
        )
        await row.save()
        return row.id

    english = await dialogue("Dialogue requested by Ban Chấp hành")
    vietnamese = await dialogue("Đối thoại theo yêu cầu của Nhóm đối thoại")
    unlinked = await dialogue("Dialogue demandé par Personne")  # no request by that name
    own = await dialogue("Dialogue requested by the board, typed by hand")
    for dialogue_id, who in [(english, "Ban Chấp hành"), (vietnamese, "Nhóm đối thoại")]:
        await DialogueRequest(
            enterprise=enterprise_id,
            side=RequestSide.WORKERS,
            member_list=version.id,
            requested_by=who,
            reason="Lý do",
            submitted_on=today(),
            reply_due_on=today(),
            dialogue=dialogue_id,
        ).save()
    note = AgendaItem(
        dialogue=english,
        title="Tiền ăn ca",
        details="Agreed at Dialogue “Đối thoại” of 6 Dec 2026, due 6 Jan 2027; carried out by HR.",
        source=AgendaSource.FOLLOW_UP,
        source_id=1,
    )
    typed = AgendaItem(
        dialogue=english,
        title="Quạt",
        details="Agreed at the last meeting, due soon; carried out by HR.",
        source=AgendaSource.MANUAL,
    )
    await note.save()
    await typed.save()
    ballot_id = await group_election.create_group_election(
        hr,
        (await member_lists.create_member_list(hr, MemberListForm(valid_from=today()))),
        GroupElectionForm(candidates="An\nBình", seats=1),
    )
    await Ballot.update(
        {Ballot.title: "Election of the workers' dialogue group (list from x)"}
    ).where(Ballot.id == ballot_id)
    await Question.update({Question.text: "Members of the workers' dialogue group"}).where(
        Question.ballot == ballot_id
    )

    migration = importlib.import_module(MIGRATION)
    await migration.convert()

    rows = {row.id: row for row in await Dialogue.objects()}
    assert (rows[english].title, rows[english].title_key) == ("Ban Chấp hành", "requested")
    assert (rows[vietnamese].title, rows[vietnamese].title_key) == ("Nhóm đối thoại", "requested")
    assert (rows[unlinked].title, rows[unlinked].title_key) == ("Dialogue demandé par Personne", "")
    assert rows[own].title_key == ""
    assert (await AgendaItem.objects().get(AgendaItem.id == note.id)).details == ""
    assert (await AgendaItem.objects().get(AgendaItem.id == typed.id)).details.startswith("Agreed")
    ballot = await Ballot.objects().get(Ballot.id == ballot_id)
    assert ballot.title == (
        f"Bầu nhóm đại diện đối thoại của người lao động (danh sách từ {today():%d/%m/%Y})"
    )
    question = await Question.objects().get(Question.ballot == ballot_id)
    assert question.text == "Thành viên nhóm đại diện đối thoại của người lao động"

    # Backwards: the composed titles are written out in Vietnamese again.
    await migration.restore_titles()
    restored = await Dialogue.objects().get(Dialogue.id == english)
    assert (restored.title, restored.title_key) == ("Đối thoại theo yêu cầu của Ban Chấp hành", "")
