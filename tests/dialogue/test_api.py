"""The dialogue's read API: dialogues with their deadlines, members, outcomes and documents,
and requests with their reply deadlines, as the pages show them; scope and roles (both
engines)."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy import i18n
from labour_democracy.core.tables import Role
from labour_democracy.dialogue import agenda, meeting, member_lists, planning, publication, rules
from labour_democracy.dialogue import requests as dialogue_requests
from labour_democracy.dialogue.documents.minutes import issue_minutes
from labour_democracy.dialogue.schemas import (
    AgendaItemForm,
    AttendanceForm,
    ContentsForm,
    DialogueForm,
    MemberForm,
    MemberListForm,
    PositionsForm,
    PublishForm,
    RecordForm,
    ReplyForm,
    RequestForm,
)
from labour_democracy.dialogue.tables import RequestSide, Side
from labour_democracy.i18n import LOCAL_TIMEZONE, today
from tests import factories
from tests.api_readers import answers, readers

EMPLOYER = [
    ("Nguyễn Văn An", "Giám đốc", True),
    ("Trần Thị Bích", "Trưởng phòng", False),
    ("Lê Văn Cường", "Quản đốc", False),
]
WORKERS = ["Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang", "Ngô Thị Hạnh"]


@pytest.fixture(autouse=True)
def english():
    with i18n.language("en"):
        yield


def _at(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LOCAL_TIMEZONE)


async def _enterprise_with_list() -> tuple[int, dict[str, int]]:
    enterprise = await factories.enterprise(legal_representative="Nguyễn Văn An")
    await factories.workers(enterprise, 60)
    hr = await factories.context(enterprise)
    list_id = await member_lists.create_member_list(
        hr, MemberListForm(valid_from=today() - dt.timedelta(days=30))
    )
    ids = {}
    for name, title, legal in EMPLOYER:
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
                side=Side.UNION, full_name=name, title="Công nhân", signs_for_side=not index
            ),
        )
    await member_lists.publish_member_list(hr, list_id)
    return enterprise, ids


async def _held_periodic(enterprise: int, ids: dict[str, int]) -> tuple[int, dt.date]:
    """A periodic dialogue: contents sent, 3 of 4 worker-side members present, one item agreed,
    recorded, its minutes issued and its main contents publicised."""
    hr = await factories.context(enterprise)
    day = rules.earliest_periodic_date(today()) + dt.timedelta(days=7)
    dialogue_id = await planning.create_dialogue(
        hr, DialogueForm(title="Đối thoại định kỳ", scheduled_at=_at(day), place="Hội trường")
    )
    await planning.record_contents(
        hr, dialogue_id, ContentsForm(side=Side.EMPLOYER, contents="Sản xuất", sent_on=today())
    )
    present = [ids[name] for name in ("Nguyễn Văn An", *WORKERS[:3])]
    await meeting.record_attendance(hr, dialogue_id, AttendanceForm(present=present))
    item = await agenda.add_agenda_item(hr, dialogue_id, AgendaItemForm(title="Lắp quạt"))
    due = today() + dt.timedelta(days=30)
    await agenda.record_positions(
        hr,
        dialogue_id,
        item,
        PositionsForm(outcome="agreed", agreed_text="Lắp 10 quạt", owner="Phòng HC", due_on=due),
    )
    record = RecordForm(
        held_on=today(), chair="An", secretary="Bích", summary="Hai bên thống nhất."
    )
    await meeting.record_dialogue(hr, dialogue_id, record)
    await issue_minutes(hr, dialogue_id)
    await publication.publish_dialogue(hr, dialogue_id, PublishForm(published_on=today()))
    return dialogue_id, day


async def _answered_request(enterprise: int, ids: dict[str, int]) -> tuple[int, int]:
    union = await factories.context(enterprise, Role.UNION)
    hr = await factories.context(enterprise)
    request_id = await dialogue_requests.create_request(
        union,
        RequestForm(
            side=RequestSide.WORKERS,
            requested_by="Công đoàn cơ sở",
            reason="Tiền ăn ca",
            submitted_on=today(),
            supporters=[ids[WORKERS[0]], ids[WORKERS[1]]],
        ),
    )
    reply = ReplyForm(
        replied_on=today(),
        reply_text="Đồng ý",
        reply_at=_at(today() + dt.timedelta(days=3), 14),
        reply_place="Phòng họp",
    )
    return request_id, await dialogue_requests.answer_request(hr, request_id, reply)


async def test_dialogues_and_requests_read_as_their_pages_show_them(browser_for):
    enterprise, ids = await _enterprise_with_list()
    periodic_id, day = await _held_periodic(enterprise, ids)
    request_id, requested_id = await _answered_request(enterprise, ids)
    people = await readers(enterprise)
    hr = await browser_for(people.emails["hr"])
    base = f"/api/v1/enterprises/{enterprise}"

    listing = (await hr.api("GET", f"{base}/dialogues")).json()
    assert listing["total"] == 2
    assert {d["id"]: d["kind"] for d in listing["items"]} == {
        periodic_id: "periodic",
        requested_id: "on_request",
    }
    only = (await hr.api("GET", f"{base}/dialogues?kind=periodic")).json()
    assert [d["id"] for d in only["items"]] == [periodic_id]

    response = await hr.api("GET", f"{base}/dialogues/{periodic_id}")
    assert response.status_code == 200, response.text
    body = response.json()
    dialogue = body["dialogue"]
    assert (dialogue["status"], dialogue["held_on"], dialogue["published_on"]) == (
        "publicised",
        today().isoformat(),
        today().isoformat(),
    )
    assert dialogue["contents_due_on"] == rules.contents_deadline(day).isoformat()
    assert dialogue["publication_due_on"] == rules.publication_due(today()).isoformat()
    assert not dialogue["contents_late"] and not dialogue["publication_late"]
    for kind in ("minutes", "publication"):
        assert dialogue[kind]["reference"], kind
        download = await hr.get(dialogue[kind]["url"])
        assert download.status_code == 200, dialogue[kind]["url"]
    assert body["main_contents"] == "Hai bên thống nhất."
    # More than 70 % of the 4 worker-side members: 3 needed, 3 present (Decree 145 Art. 39(4)).
    assert (body["worker_members"], body["workers_present"], body["quorum_needed"]) == (4, 3, 3)
    assert body["quorum_met"] is True
    members = {m["full_name"]: m for m in body["members"]}
    assert set(members) == {name for name, _t, _l in EMPLOYER} | set(WORKERS)
    assert members["Nguyễn Văn An"]["legal_representative"] and members["Nguyễn Văn An"]["present"]
    assert not members["Ngô Thị Hạnh"]["present"]
    assert all(
        set(m)
        == {"side", "full_name", "title", "legal_representative", "signs_for_side", "present"}
        for m in body["members"]
    )
    assert body["items"] == [
        {
            "title": "Lắp quạt",
            "agreed": True,
            "agreed_text": "Lắp 10 quạt",
            "owner": "Phòng HC",
            "due_on": (today() + dt.timedelta(days=30)).isoformat(),
        }
    ]
    assert body["request"] is None

    requested = (await hr.api("GET", f"{base}/dialogues/{requested_id}")).json()
    assert requested["request"]["id"] == request_id and requested["quorum_met"] is None
    assert requested["main_contents"] is None  # not held yet

    asked = (await hr.api("GET", f"{base}/dialogue-requests")).json()
    (row,) = asked["items"]
    assert (row["id"], row["side"], row["dialogue"]) == (request_id, "by_workers", requested_id)
    assert row["reply_due_on"] == rules.reply_due(today()).isoformat()
    assert (row["replied_on"], row["late"]) == (today().isoformat(), False)


async def test_dialogues_are_read_by_the_pages_readers_only(browser_for):
    enterprise, ids = await _enterprise_with_list()
    _request_id, dialogue_id = await _answered_request(enterprise, ids)
    people = await readers(enterprise)
    base = f"/api/v1/enterprises/{enterprise}"
    expected = {
        "hr": 200,
        "union": 200,
        "federation": 200,
        "local_union": 200,
        "national": 403,  # the dialogue pages are not the national reader's
        "other_hr": 404,
    }
    for path in ("/dialogues", f"/dialogues/{dialogue_id}", "/dialogue-requests"):
        assert await answers(browser_for, people, base + path) == expected, path
    other = await browser_for(people.emails["other_hr"])
    mixed = f"/api/v1/enterprises/{people.other}/dialogues/{dialogue_id}"
    assert (await other.api("GET", mixed)).status_code == 404


async def test_an_unknown_kind_is_a_problem_and_a_far_page_shows_the_last(browser_for):
    enterprise, ids = await _enterprise_with_list()
    await _answered_request(enterprise, ids)
    people = await readers(enterprise)
    hr = await browser_for(people.emails["hr"])
    base = f"/api/v1/enterprises/{enterprise}"
    bad = await hr.api("GET", f"{base}/dialogues?kind=weekly")
    assert bad.status_code == 400
    assert bad.headers["content-type"].startswith("application/problem+json")
    for path in ("/dialogues", "/dialogue-requests"):
        for page in ("2966020184665835555520512", "-4"):
            far = (await hr.api("GET", f"{base}{path}?page={page}")).json()
            assert (far["page"], far["total"], len(far["items"])) == (1, 1, 1), (path, page)
