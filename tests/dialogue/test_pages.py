"""The dialogue pages: HR and the union through a member list, a periodic dialogue and a
request; refusals show their reason and change nothing; the calendar feed needs its token."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from labour_democracy.core.tables import Role
from labour_democracy.dialogue import meeting, regulation, rules
from labour_democracy.dialogue.tables import (
    Dialogue,
    DialogueRequest,
    DialogueStatus,
    Member,
    MemberList,
    MemberListStatus,
)
from labour_democracy.i18n import today
from labour_democracy.voting import services as voting
from labour_democracy.voting import voters
from labour_democracy.voting.tables import Ballot, Option
from tests import factories


async def in_english(browser):
    response = await browser.post("/language", {"language": "en", "next": "/"})
    assert response.status_code == 303
    return browser


@pytest.fixture
async def enterprise() -> int:
    enterprise_id = await factories.enterprise(
        name="Công ty TNHH May Sông Hồng", symbol="SHVN", legal_representative="Nguyễn Văn An"
    )
    await factories.workers(enterprise_id, 30)  # < 50 workers: at least 3 on the worker side
    await factories.user("hr@a.vn", Role.HR, enterprise_id)
    await factories.user("union@a.vn", Role.UNION, enterprise_id)
    await factories.user("fed@a.vn", Role.FEDERATION, None, province="24")
    return enterprise_id


async def _members(hr, base: str) -> int:
    response = await hr.post(f"{base}/member-lists", {"valid_from": today().isoformat()})
    assert response.status_code == 303
    list_id = (await MemberList.objects().first()).id
    people = [
        ("employer_side", "Nguyễn Văn An", "on", ""),
        ("employer_side", "Trần Thị Bích", "", ""),
        ("employer_side", "Lê Văn Cường", "", ""),
        ("union_side", "Phạm Thị Dung", "", "on"),
        ("union_side", "Hoàng Văn Em", "", ""),
    ]
    for side, name, legal, signs in people:
        response = await hr.post(
            f"{base}/member-lists/{list_id}/members",
            {
                "side": side,
                "full_name": name,
                "gender": "female",
                "legal_representative": legal,
                "signs_for_side": signs,
            },
        )
        assert response.status_code == 303, response.text
    return list_id


async def test_publishing_a_list_below_the_minimum_is_refused_with_its_reason(
    browser_for, enterprise
):
    hr = await in_english(await browser_for("hr@a.vn"))
    base = f"/enterprises/{enterprise}/dialogue"
    list_id = await _members(hr, base)
    response = await hr.post(f"{base}/member-lists/{list_id}/publish")
    assert response.status_code == 303
    page = await hr.get(f"{base}/member-lists/{list_id}")
    assert "the worker side needs at least 3 members; it has 2" in page.text
    assert (await MemberList.objects().first()).status == MemberListStatus.DRAFT
    await hr.post(
        f"{base}/member-lists/{list_id}/members", {"side": "union_side", "full_name": "Vũ Giang"}
    )
    await hr.post(f"{base}/member-lists/{list_id}/publish")
    assert (await MemberList.objects().first()).status == MemberListStatus.PUBLISHED
    download = await hr.get(f"{base}/member-lists/{list_id}/notice.docx")
    assert download.status_code == 200


async def test_hr_and_union_hold_a_periodic_dialogue_through_the_pages(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    union = await in_english(await browser_for("union@a.vn"))
    base = f"/enterprises/{enterprise}/dialogue"
    list_id = await _members(hr, base)
    await hr.post(
        f"{base}/member-lists/{list_id}/members", {"side": "union_side", "full_name": "Vũ Giang"}
    )
    await hr.post(f"{base}/member-lists/{list_id}/publish")

    response = await hr.post(
        f"{base}/regulation", {"periodic_per_year": "1", "periodic_months": "13"}
    )
    assert response.status_code == 422 and "Give one month (1 to 12)" in response.text
    assert (await union.post(f"{base}/regulation", {"periodic_months": "6"})).status_code == 403

    too_soon = today() + dt.timedelta(days=1)
    form = {"kind": "periodic", "title": "Đối thoại định kỳ", "place": "Hội trường"}
    response = await hr.post(f"{base}/new", {**form, "scheduled_at": f"{too_soon}T08:00"})
    assert response.status_code == 422 and "the earliest date now is" in response.text
    day = rules.earliest_periodic_date(today()) + dt.timedelta(days=2)
    response = await hr.post(f"{base}/new", {**form, "scheduled_at": f"{day}T08:00"})
    assert response.status_code == 303
    dialogue = await Dialogue.objects().first()
    here = f"{base}/{dialogue.id}"
    assert response.headers["location"] == here

    response = await union.post(
        f"{here}/contents",
        {"side": "union_side", "contents": "Tiền ăn ca", "sent_on": today().isoformat()},
    )
    assert response.status_code == 303
    members = {m.full_name: m.id for m in await Member.objects()}
    # 2 of the 3 worker-side members is 66.7 %: not more than 70 %.
    present = [str(members[n]) for n in ("Nguyễn Văn An", "Phạm Thị Dung", "Hoàng Văn Em")]
    await hr.post(f"{here}/attendance", {"present": present})
    assert "Quorum not met" in (await hr.get(here)).text
    present.append(str(members["Vũ Giang"]))
    await hr.post(f"{here}/attendance", {"present": present})
    assert "Quorum met" in (await hr.get(here)).text
    await hr.post(f"{here}/items", {"title": "Tiền ăn ca"})
    page = await hr.get(here)
    assert "Tiền ăn ca" in page.text
    response = await hr.post(
        f"{here}/record",
        {
            "held_on": today().isoformat(),
            "chair": "Nguyễn Văn An",
            "secretary": "Trần Thị Bích",
            "summary": "Hai bên thống nhất tăng tiền ăn ca.",
        },
    )
    # Refused as a whole: the page comes back with the reason and what was typed.
    assert response.status_code == 422
    assert "Record whether each item was agreed: Tiền ăn ca." in response.text
    assert "Hai bên thống nhất tăng tiền ăn ca." in response.text
    item_id = (await meeting.dialogue_view(await factories.context(enterprise), dialogue.id)).items[
        0
    ]["id"]
    await union.post(
        f"{here}/items/record",
        {
            "item": str(item_id),
            "outcome": "agreed",
            "agreed_text": "Tăng tiền ăn ca lên 30.000 đồng",
            "owner": "Phòng Nhân sự",
            "due_on": (today() + dt.timedelta(days=30)).isoformat(),
        },
    )
    response = await hr.post(
        f"{here}/record",
        {
            "held_on": today().isoformat(),
            "chair": "Nguyễn Văn An",
            "secretary": "Trần Thị Bích",
            "summary": "Hai bên thống nhất tăng tiền ăn ca.",
        },
    )
    assert response.status_code == 303
    assert (await Dialogue.objects().first()).status == DialogueStatus.HELD
    response = await hr.post(f"{here}/publish", {"published_on": today().isoformat()})
    assert response.status_code == 303
    assert (await Dialogue.objects().first()).status == DialogueStatus.PUBLICISED
    assert (await hr.get(f"{here}/publication.docx")).status_code == 200

    fed = await browser_for("fed@a.vn")
    assert (await fed.get(here)).status_code == 200
    assert (await fed.post(f"{here}/publish", {"published_on": "2026-01-01"})).status_code == 403


async def test_a_worker_side_request_without_enough_support_is_refused(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    union = await in_english(await browser_for("union@a.vn"))
    base = f"/enterprises/{enterprise}/dialogue"
    list_id = await _members(hr, base)
    for name in ("Vũ Giang", "Ngô Hạnh", "Bùi Khoa", "Đặng Lan"):
        await hr.post(
            f"{base}/member-lists/{list_id}/members", {"side": "union_side", "full_name": name}
        )
    await hr.post(f"{base}/member-lists/{list_id}/publish")
    workers = [m.id for m in await Member.objects().where(Member.side == "union_side")]
    form = {
        "side": "by_workers",
        "requested_by": "Công đoàn cơ sở",
        "reason": "Làm thêm giờ",
        "submitted_on": today().isoformat(),
        "supporters": [str(workers[0])],
    }
    response = await union.post(f"{base}/requests", form)
    assert response.status_code == 422
    assert "2 of 6; 1 ticked" in response.text
    assert await DialogueRequest.count() == 0
    form["supporters"] = [str(w) for w in workers[:2]]
    response = await union.post(f"{base}/requests", form)
    assert response.status_code == 303
    request = await DialogueRequest.objects().first()
    assert request.reply_due_on == rules.reply_due(today())
    page = await hr.get(f"{base}/requests/{request.id}")
    assert "Record the reply and schedule the dialogue" in page.text
    response = await hr.post(
        f"{base}/requests/{request.id}/answer",
        {
            "replied_on": today().isoformat(),
            "reply_text": "Đồng ý",
            "reply_at": f"{today() + dt.timedelta(days=4)}T14:00",
            "reply_place": "Phòng họp",
        },
    )
    assert response.status_code == 303
    assert (await DialogueRequest.objects().first()).dialogue is not None


async def test_the_calendar_feed_is_public_with_its_token_only(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    page = await hr.get(f"/enterprises/{enterprise}/dialogue/calendar")
    assert page.status_code == 200
    token = (await regulation.settings_for(enterprise)).calendar_token
    anonymous = await browser_for()
    response = await anonymous.get(f"/dialogue-calendar/{token}.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert icalendar.Calendar.from_ical(response.content)
    assert (await anonymous.get("/dialogue-calendar/nope.ics")).status_code == 404


async def test_overview_pages_render_with_nothing_yet(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    base = f"/enterprises/{enterprise}/dialogue"
    for path in ("", "/regulation", "/member-lists", "/requests", "/calendar", "/new"):
        response = await hr.get(f"{base}{path}")
        assert response.status_code == 200, path
    assert "No list of members published yet." in (await hr.get(base)).text
    form = (await hr.get(f"{base}/new?kind=periodic&month=12")).text
    assert "Đối thoại định kỳ tháng 12/" in form
    assert (await hr.get(f"{base}/new?kind=periodic&month=13")).status_code == 200
    regulation = (await hr.get(f"{base}/regulation")).text
    assert "of 3 worker-side seats, 0 for the representative organisation" in regulation


async def test_the_union_elects_the_dialogue_group_from_the_member_list_page(
    browser_for, enterprise
):
    union = await in_english(await browser_for("union@a.vn"))
    base = f"/enterprises/{enterprise}/dialogue"
    await union.post(f"{base}/member-lists", {"valid_from": today().isoformat()})
    here = f"{base}/member-lists/{(await MemberList.objects().first()).id}"
    page = await union.get(here)
    assert "dialogue group" in page.text and f"{here}/election" in page.text
    assert (
        "a representative of the women workers must take part (Decree 145/2020/NĐ-CP, Art. 38(4))"
        in (page.text.replace("&#39;", "'"))
    )
    regulation = (await union.get(f"{base}/regulation")).text
    assert "women workers must take part (Decree 145/2020/NĐ-CP, Art. 38(4))" in regulation
    response = await union.post(
        f"{here}/election",
        {"candidates": "An\nBình", "seats": "3", "electorate_kind": "all_workers"},
    )
    assert response.status_code == 422 and "The seats must be between 1 and" in response.text
    assert await Ballot.count() == 0
    response = await union.post(
        f"{here}/election",
        {"candidates": "An\nBình", "seats": "1", "electorate_kind": "all_workers"},
    )
    ballot = await Ballot.objects().first()
    assert response.status_code == 303
    assert response.headers["location"] == f"/enterprises/{enterprise}/ballots/{ballot.id}"
    page = await union.get(here)
    assert f"/ballots/{ballot.id}" in page.text and "Being prepared" in page.text
    response = await union.post(f"{here}/elected")
    assert response.status_code == 303
    assert "Close the vote first" in (await union.get(here)).text

    codes = await voting.issue_codes(await factories.context(enterprise, Role.UNION), ballot.id)
    context = await factories.context(enterprise, Role.UNION)
    await voting.open_ballot(context, ballot.id)
    option = await Option.objects().where(Option.label == "Bình").first()
    await voters.cast_code(codes[0].code, {option.question: [option.id]})
    await voting.close_ballot(context, ballot.id)
    assert "Add the elected to the list" in (await union.get(here)).text
    response = await union.post(f"{here}/elected")
    assert response.status_code == 303
    page = await union.get(here)
    assert "1 elected member was added" in page.text
    assert [m.full_name for m in await Member.objects()] == ["Bình"]


async def test_calling_a_dialogue_off_asks_first_and_then_nothing_more_can_be_recorded(
    browser_for, enterprise
):
    hr = await in_english(await browser_for("hr@a.vn"))
    base = f"/enterprises/{enterprise}/dialogue"
    list_id = await _members(hr, base)
    await hr.post(
        f"{base}/member-lists/{list_id}/members", {"side": "union_side", "full_name": "Vũ Giang"}
    )
    await hr.post(f"{base}/member-lists/{list_id}/publish")
    day = rules.earliest_periodic_date(today()) + dt.timedelta(days=2)
    form = {"kind": "periodic", "title": "Đối thoại định kỳ", "place": "Hội trường"}
    response = await hr.post(f"{base}/new", {**form, "scheduled_at": f"{day}T08:00"})
    assert response.status_code == 303, response.text
    here = f"{base}/{(await Dialogue.objects().first()).id}"
    page = await hr.get(here)
    assert 'hx-confirm="Call this dialogue off? It cannot be held or recorded afterwards."' in (
        page.text
    )

    response = await hr.post(f"{here}/call-off", headers={"HX-Request": "true"})
    assert response.headers["HX-Redirect"] == here
    assert (await Dialogue.objects().first()).status == DialogueStatus.CALLED_OFF
    assert "The dialogue was called off." in (await hr.get(here)).text
    for action in ("call-off", "attendance"):
        response = await hr.post(f"{here}/{action}")
        assert response.status_code == 303
        assert "This dialogue was called off." in (await hr.get(here)).text


async def test_each_side_records_only_the_contents_it_sends(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    union = await in_english(await browser_for("union@a.vn"))
    base = f"/enterprises/{enterprise}/dialogue"
    day = rules.earliest_periodic_date(today()) + dt.timedelta(days=2)
    list_id = await _members(hr, base)
    await hr.post(
        f"{base}/member-lists/{list_id}/members", {"side": "union_side", "full_name": "Vũ Giang"}
    )
    await hr.post(f"{base}/member-lists/{list_id}/publish")
    form = {"kind": "periodic", "title": "Đối thoại định kỳ", "place": "Hội trường"}
    await hr.post(f"{base}/new", {**form, "scheduled_at": f"{day}T08:00"})
    here = f"{base}/{(await Dialogue.objects().first()).id}"
    sent = {"contents": "Tiền ăn ca", "sent_on": today().isoformat()}

    response = await union.post(f"{here}/contents", {**sent, "side": "employer_side"})
    assert response.status_code == 403
    assert (await hr.post(f"{here}/contents", {**sent, "side": "union_side"})).status_code == 403
    dialogue = await Dialogue.objects().first()
    assert dialogue.employer_contents_sent_on is None and dialogue.worker_contents_sent_on is None
    assert 'name="side" value="union_side"' in (await union.get(here)).text
    assert 'name="side" value="employer_side"' not in (await union.get(here)).text
    response = await hr.post(f"{here}/contents", {**sent, "side": "employer_side"})
    assert response.status_code == 303
    assert (await Dialogue.objects().first()).employer_contents == "Tiền ăn ca"


async def test_odd_numbers_in_dialogue_forms_get_a_message_not_an_error(browser_for, enterprise):
    hr = await in_english(await browser_for("hr@a.vn"))
    base = f"/enterprises/{enterprise}/dialogue"
    response = await hr.post(
        f"{base}/regulation", {"periodic_per_year": "1", "periodic_months": "²"}
    )
    assert response.status_code == 422 and "List the months as numbers" in response.text
    list_id = await _members(hr, base)
    for member in ("99999999999", "²", ""):
        response = await hr.post(f"{base}/member-lists/{list_id}/remove", {"member": member})
        assert response.status_code == 303  # back to the list with the refusal's reason
    assert await Member.count() == 5


async def test_the_calendar_address_is_shown_to_those_who_run_the_dialogue_only(
    browser_for, enterprise
):
    page = f"/enterprises/{enterprise}/dialogue/calendar"
    assert ".ics" in (await (await browser_for("hr@a.vn")).get(page)).text
    federation = await (await browser_for("fed@a.vn")).get(page)
    assert federation.status_code == 200 and ".ics" not in federation.text


async def test_a_refused_contents_form_marks_the_date_and_keeps_the_text(browser_for, enterprise):
    """Issue 13: a send date after today came back with only the summary, no field marked, and
    the text box empty."""
    hr = await in_english(await browser_for("hr@a.vn"))
    base = f"/enterprises/{enterprise}/dialogue"
    day = rules.earliest_periodic_date(today()) + dt.timedelta(days=2)
    list_id = await _members(hr, base)
    await hr.post(
        f"{base}/member-lists/{list_id}/members", {"side": "union_side", "full_name": "Vũ Giang"}
    )
    await hr.post(f"{base}/member-lists/{list_id}/publish")
    form = {"kind": "periodic", "title": "Đối thoại định kỳ", "place": "Hội trường"}
    await hr.post(f"{base}/new", {**form, "scheduled_at": f"{day}T08:00"})
    here = f"{base}/{(await Dialogue.objects().first()).id}"
    tomorrow = today() + dt.timedelta(days=1)
    typed = "Tiền ăn ca tăng lên 35.000 đồng"

    for headers in ({}, {"HX-Request": "true"}):
        response = await hr.post(
            f"{here}/contents",
            {"side": "employer_side", "contents": typed, "sent_on": tomorrow.isoformat()},
            headers=headers,
        )
        assert response.status_code == 422
        html = response.text
        textarea = html[html.index('id="c-employer_side"') :]
        assert textarea[: textarea.index("</textarea>")].endswith(typed)
        date_input = html[html.index('id="s-employer_side"') :]
        date_input = date_input[: date_input.index(">")]
        assert f'value="{tomorrow.isoformat()}"' in date_input
        assert 'aria-invalid="true"' in date_input
        assert 'id="s-employer_side-error"' in html and "cannot be in the future" in html
    assert not (await Dialogue.objects().first()).employer_contents
