"""Correcting a conference's plan before it opens, and deleting one planned by mistake (both
engines): the use cases, then the pages as a browser sends them (English messages)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from labour_democracy.conferences import (
    agenda,
    checkin,
    delegates,
    planning,
    queries,
    session,
    timeline,
)
from labour_democracy.conferences.documents import plan as plan_document
from labour_democracy.conferences.schemas import DelegateForm, PlanEditForm, StepForm
from labour_democracy.conferences.tables import (
    AgendaItem,
    Conference,
    ConferenceForm,
    ConferenceKind,
    Delegate,
    Requester,
    StepStatus,
    TimelineStep,
    UnitSeat,
)
from labour_democracy.core.calendar import add_working_days
from labour_democracy.core.errors import Conflict, Forbidden, Invalid
from labour_democracy.core.tables import AuditEntry, Ownership, Role
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.followups import services as followups
from labour_democracy.i18n import today
from labour_democracy.suggestions import services as suggestions
from labour_democracy.suggestions.schemas import PaperSuggestionForm
from labour_democracy.suggestions.tables import Suggestion, SuggestionStatus, Topic
from labour_democracy.voting import services as voting
from labour_democracy.voting.schemas import BallotForm
from tests import factories
from tests.conferences.conftest import enterprise_with_units, plan_form, planned


def edit_form(conference: Conference, **values) -> PlanEditForm:
    """The conference's plan as it stands, with `values` changed."""
    current = {
        "requested_by": conference.requested_by,
        "requesters": conference.requesters,
        "held_on": conference.held_on,
        "starts_at": conference.starts_at.strftime("%H:%M"),
        "venue": conference.venue,
        "employer_chair": conference.employer_chair,
        "union_chair": conference.union_chair,
        "secretary": conference.secretary,
    }
    return PlanEditForm(**{**current, **values})


async def _conference(conference_id: int) -> Conference:
    return await Conference.objects().where(Conference.id == conference_id).first()


async def _steps(conference_id: int) -> dict[str, dict]:
    rows = await TimelineStep.select().where(TimelineStep.conference == conference_id)
    return {row["key"]: row for row in rows}


async def _audit(action: str) -> list[dict]:
    rows = await AuditEntry.select().where(AuditEntry.action == action)
    return [{**row, "details": json.loads(row["details"])} for row in rows]


# Editing the plan -----------------------------------------------------------------------------


async def test_an_edit_changes_the_plan_and_moves_the_open_steps_only():
    context, conference_id = await planned(form=ConferenceForm.DELEGATES)
    steps = await _steps(conference_id)
    await timeline.update_step(context, conference_id, steps["plan"]["id"], StepForm(done=True))
    before = await _conference(conference_id)
    new_date = dt.date(2027, 3, 24)

    changed = await planning.edit_plan(
        context,
        conference_id,
        edit_form(
            before,
            held_on=new_date,
            starts_at="13:30",
            venue="Nhà văn hóa công ty",
            secretary="Phạm Thị D",
            union_chair="  Trần Thị B  ",  # the same name once trimmed: not a change
        ),
    )

    assert set(changed) == {"held_on", "starts_at", "venue", "secretary"}
    after = await _conference(conference_id)
    assert after.held_on == new_date and after.starts_at == dt.time(13, 30)
    assert after.venue == "Nhà văn hóa công ty" and after.secretary == "Phạm Thị D"
    assert after.union_chair == "Trần Thị B" and after.employer_chair == before.employer_chair
    assert (after.year, after.kind, after.form) == (before.year, before.kind, before.form)
    moved = await _steps(conference_id)
    # The step done keeps its date; every open one is where planning would put it.
    assert moved["plan"]["status"] == StepStatus.DONE
    assert moved["plan"]["due_on"] == steps["plan"]["due_on"]
    assert moved["conference"]["due_on"] == new_date
    assert moved["delegates"]["due_on"] == add_working_days(new_date, -10)
    fresh_id = await planning.plan_conference(
        context,
        plan_form(
            held_on=new_date,
            kind=ConferenceKind.EXTRAORDINARY,
            requested_by=Requester.UNION,
        ),
    )
    fresh = await _steps(fresh_id)
    for key, step in moved.items():
        if key != "plan":
            assert step["due_on"] == fresh[key]["due_on"], key
    (entry,) = await _audit("conference.plan_changed")
    assert entry["record_id"] == str(conference_id)
    assert entry["details"]["changed"]["venue"] == ["Hội trường tầng 2", "Nhà văn hóa công ty"]
    assert entry["details"]["changed"]["held_on"] == ["2027-03-10", "2027-03-24"]
    assert entry["details"]["steps_moved"] == len(moved) - 1


async def test_an_edit_without_a_change_writes_nothing():
    context, conference_id = await planned()
    conference = await _conference(conference_id)
    assert await planning.edit_plan(context, conference_id, edit_form(conference)) == {}
    assert await _audit("conference.plan_changed") == []


async def test_an_edit_is_validated_as_the_plan_and_bad_input_changes_nothing():
    context, conference_id = await planned()
    conference = await _conference(conference_id)
    steps = await _steps(conference_id)
    with pytest.raises(Invalid) as error:
        await planning.edit_plan(
            context,
            conference_id,
            edit_form(
                conference,
                held_on=dt.date(2028, 1, 12),
                starts_at="8h",
                venue=" ",
                secretary="x" * 256,
            ),
        )
    assert error.value.errors == {
        "held_on": "The conference of 2027 is held in 2027.",
        "starts_at": "Enter the time as hh:mm, e.g. 08:00.",
        "venue": "This field is required.",
        "secretary": "At most 255 characters.",
    }
    assert (await _conference(conference_id)).held_on == conference.held_on
    assert await _steps(conference_id) == steps
    assert await _audit("conference.plan_changed") == []


async def test_an_soe_cannot_move_its_annual_conference_out_of_the_window():
    context, conference_id = await planned(ownership=Ownership.STATE_OWNED)
    conference = await _conference(conference_id)
    with pytest.raises(Invalid) as error:
        await planning.edit_plan(
            context, conference_id, edit_form(conference, held_on=dt.date(2027, 4, 5))
        )
    assert "within 3 months after the fiscal year ends" in error.value.errors["held_on"]
    assert (await _conference(conference_id)).held_on == dt.date(2027, 3, 10)
    # Within the window it moves.
    await planning.edit_plan(
        context, conference_id, edit_form(conference, held_on=dt.date(2027, 3, 31))
    )
    assert (await _conference(conference_id)).held_on == dt.date(2027, 3, 31)


async def test_the_annual_conference_is_not_its_own_clash_but_another_still_is():
    context, conference_id = await planned()
    conference = await _conference(conference_id)
    await planning.edit_plan(
        context, conference_id, edit_form(conference, held_on=dt.date(2027, 3, 17))
    )
    with pytest.raises(Invalid) as error:
        await planning.plan_conference(context, plan_form(form=ConferenceForm.WHOLE))
    assert "year" in error.value.errors
    # A second annual conference of the year (older data): correcting either is refused.
    other = Conference(
        **{
            column._meta.name: getattr(conference, column._meta.name)
            for column in Conference._meta.columns
            if column._meta.name != "id"
        }
    )
    await other.save()
    with pytest.raises(Invalid) as error:
        await planning.edit_plan(context, conference_id, edit_form(conference, venue="Sân"))
    assert error.value.errors == {
        "year": "The annual conference of 2027 is already planned; an extra one is extraordinary."
    }


async def test_an_extraordinary_conference_corrects_who_asked_for_it():
    # A state-owned enterprise: the law's third applies (Law 10/2022, Arts. 68(1), 69(1)).
    context, _annual = await planned(ownership=Ownership.STATE_OWNED)
    conference_id = await planning.plan_conference(
        context,
        plan_form(
            form=ConferenceForm.WHOLE,
            kind=ConferenceKind.EXTRAORDINARY,
            requested_by=Requester.UNION,
        ),
    )
    conference = await _conference(conference_id)
    with pytest.raises(Invalid) as error:
        await planning.edit_plan(
            context,
            conference_id,
            edit_form(conference, requested_by=Requester.WORKERS, requesters=33),
        )
    assert "34 of 100" in error.value.errors["requesters"]
    with pytest.raises(Invalid) as error:
        await planning.edit_plan(context, conference_id, edit_form(conference, requested_by=None))
    assert "requested_by" in error.value.errors
    changed = await planning.edit_plan(
        context,
        conference_id,
        edit_form(conference, requested_by=Requester.WORKERS, requesters=34),
    )
    assert changed == {
        "requested_by": ["union_committee", "workers_third"],
        "requesters": [None, 34],
    }
    # Asked by the enterprise after all: the count of signatures goes.
    await planning.edit_plan(
        context,
        conference_id,
        edit_form(await _conference(conference_id), requested_by=Requester.ENTERPRISE),
    )
    after = await _conference(conference_id)
    assert (after.requested_by, after.requesters) == ("enterprise", None)


async def test_an_annual_conference_keeps_no_requester():
    context, conference_id = await planned()
    conference = await _conference(conference_id)
    await planning.edit_plan(
        context,
        conference_id,
        edit_form(conference, requested_by=Requester.WORKERS, requesters=50),
    )
    after = await _conference(conference_id)
    assert (after.requested_by, after.requesters) == (None, None)


# Deleting a conference ------------------------------------------------------------------------


async def test_a_conference_planned_by_mistake_is_deleted_with_its_records():
    context, conference_id = await planned(form=ConferenceForm.DELEGATES)
    await delegates.save_seats(context, conference_id, 4)
    worker = (await factories.workers(context.enterprise_id, 1))[0]
    await delegates.add_delegate(
        context, conference_id, DelegateForm(worker=worker, ex_officio_role="Giám đốc")
    )
    plan = await plan_document.issue_plan(context, conference_id)
    suggestion = await suggestions.add_from_paper(
        context,
        PaperSuggestionForm(
            subject="Nhà ăn",
            body="Thêm suất ăn ca đêm.",
            received_on=today(),
            topic=Topic.CONFERENCE,
        ),
    )
    # Assigned to this conference (the assignment page offers it once the app registered the
    # conferences as targets; the use case alone does not).
    await Suggestion.update({Suggestion.target_id: conference_id}).where(
        Suggestion.id == suggestion
    )
    # One more, still awaiting moderation: HR, who deletes, cannot read it.
    hidden = await suggestions.add_from_paper(
        context,
        PaperSuggestionForm(subject="Tủ đồ", body="Thêm tủ.", received_on=today()),
    )
    await Suggestion.update(
        {
            Suggestion.topic: Topic.CONFERENCE.value,
            Suggestion.target_id: conference_id,
            Suggestion.status: SuggestionStatus.RECEIVED.value,
        }
    ).where(Suggestion.id == hidden)
    hr = dataclasses.replace(context, roles=frozenset({Role.HR}))
    other_context, kept = await planned()
    assert await checkin.attendance(await _conference(conference_id))  # cached, then dropped

    await planning.delete_conference(hr, conference_id)

    assert await Conference.count().where(Conference.id == conference_id) == 0
    for table in (TimelineStep, UnitSeat, Delegate, AgendaItem):
        assert await table.count().where(table.conference == conference_id) == 0, table
    assert conference_id not in checkin._ATTENDANCE
    assert [row["id"] for row in await planning.list_conferences(context)] == []
    assert [row["id"] for row in await planning.list_conferences(other_context)] == [kept]
    # The plan issued stays in the register; the suggestion waits for a conference again.
    assert await IssuedDocument.exists().where(IssuedDocument.id == plan.id)
    for released in (suggestion, hidden):
        row = await Suggestion.select().where(Suggestion.id == released).first()
        assert (row["topic"], row["target_id"]) == ("conference", None)
    (entry,) = await _audit("conference.deleted")
    assert entry["record_id"] == str(conference_id)
    assert entry["details"]["suggestions_released"] == 2


async def test_delete_is_refused_once_a_delegate_checked_in():
    context, conference_id = await planned(sizes=(3,))
    delegate = (await delegates.delegates(context, conference_id))[0]
    await checkin.check_in(context, conference_id, delegate_id=delegate["id"])
    with pytest.raises(Conflict, match="checked in"):
        await planning.delete_conference(context, conference_id)
    assert await Conference.exists().where(Conference.id == conference_id)
    assert await Delegate.count().where(Delegate.conference == conference_id) == 3
    assert await _audit("conference.deleted") == []
    # Once the check-in is undone, the mistake can go.
    await checkin.undo_check_in(context, conference_id, delegate["id"])
    await planning.delete_conference(context, conference_id)
    assert not await Conference.exists().where(Conference.id == conference_id)


async def test_delete_is_refused_once_a_vote_is_prepared_or_a_commitment_recorded():
    context, conference_id = await planned(sizes=(3,))
    ballot = await voting.create_ballot(context, BallotForm(title="Biểu quyết"), "conference")
    item = (await agenda.agenda(context, conference_id))[-2]
    await AgendaItem.update({AgendaItem.ballot: ballot}).where(AgendaItem.id == item["id"])
    with pytest.raises(Conflict, match="vote of this conference is prepared"):
        await planning.delete_conference(context, conference_id)
    await AgendaItem.update({AgendaItem.ballot: None}).where(AgendaItem.id == item["id"])
    # Commitments come only after closing; one forged on a planned conference still refuses.
    await followups.create(
        context,
        queries.SOURCE_KIND,
        conference_id,
        "Tăng lương",
        "Công ty",
        dt.date(2027, 6, 30),
    )
    with pytest.raises(Conflict, match="Commitments of this conference"):
        await planning.delete_conference(context, conference_id)
    assert await Conference.exists().where(Conference.id == conference_id)
    assert await _audit("conference.deleted") == []


async def test_edit_and_delete_are_refused_once_the_conference_opened():
    context, conference_id = await planned(sizes=(3,))
    await session.open_session(context, conference_id, "Họp sớm theo đề nghị của công đoàn.")
    conference = await _conference(conference_id)
    with pytest.raises(Conflict, match="its plan no longer changes"):
        await planning.edit_plan(context, conference_id, edit_form(conference, venue="Sân"))
    with pytest.raises(Conflict, match="not yet opened"):
        await planning.delete_conference(context, conference_id)
    after = await _conference(conference_id)
    assert after.venue == conference.venue and after.status == "in_session"
    assert await _audit("conference.plan_changed") == []
    assert await _audit("conference.deleted") == []


async def test_the_federation_can_neither_edit_nor_delete():
    context, conference_id = await planned()
    conference = await _conference(conference_id)
    federation = await factories.context(context.enterprise_id, Role.FEDERATION)
    with pytest.raises(Forbidden):
        await planning.edit_plan(federation, conference_id, edit_form(conference, venue="Sân"))
    with pytest.raises(Forbidden):
        await planning.delete_conference(federation, conference_id)


# The pages ------------------------------------------------------------------------------------

HR = "hr@plan-changes.test"
UNION = "union@plan-changes.test"


async def _people(enterprise: int) -> None:
    await factories.english_user(HR, Role.HR, enterprise)
    await factories.english_user(UNION, Role.UNION, enterprise)


async def _planned_page(browser_for, sizes=(3,)):
    enterprise = await enterprise_with_units(sizes)
    await _people(enterprise)
    context = await factories.context(enterprise, Role.UNION)
    conference_id = await planning.plan_conference(context, plan_form(form=ConferenceForm.WHOLE))
    return enterprise, conference_id, f"/enterprises/{enterprise}/conferences/{conference_id}"


def _edit_data(**values) -> dict[str, str]:
    return {
        "held_on": "2027-03-10",
        "starts_at": "08:00",
        "venue": "Hội trường tầng 2",
        "employer_chair": "Nguyễn Văn A",
        "union_chair": "Trần Thị B",
        "secretary": "Lê Văn C",
        **values,
    }


async def test_the_union_edits_the_plan_in_a_prefilled_form(browser_for):
    _enterprise, conference_id, base = await _planned_page(browser_for)
    union = await browser_for(UNION)
    page = await union.get(base)
    assert f'href="{base}/edit"' in page.text and "Edit the plan" in page.text
    form = await union.get(f"{base}/edit")
    assert form.status_code == 200
    assert 'value="Hội trường tầng 2"' in form.text and 'value="2027-03-10"' in form.text
    assert 'value="08:00"' in form.text and 'value="Lê Văn C"' in form.text
    # Year, kind and form are shown, not offered.
    assert 'name="year"' not in form.text and 'name="form"' not in form.text
    assert 'name="kind"' not in form.text and 'name="requested_by"' not in form.text
    saved = await union.post(f"{base}/edit", _edit_data(held_on="2027-03-17", venue="Nhà văn hóa"))
    assert saved.status_code == 303 and saved.headers["location"] == base
    shown = await union.get(base)
    assert "Nhà văn hóa" in shown.text
    assert "the steps not yet done follow the new date" in shown.text
    conference = await _conference(conference_id)
    assert conference.held_on == dt.date(2027, 3, 17)


async def test_bad_input_shows_the_form_again_with_each_fields_message(browser_for):
    _enterprise, conference_id, base = await _planned_page(browser_for)
    hr = await browser_for(HR)
    refused = await hr.post(f"{base}/edit", _edit_data(held_on="2028-01-12", starts_at="8h"))
    assert refused.status_code == 422
    assert 'id="held_on-error">The conference of 2027 is held in 2027.' in refused.text
    assert 'id="starts_at-error">Enter the time as hh:mm, e.g. 08:00.' in refused.text
    assert 'value="8h"' in refused.text  # what was typed stays
    for missing in ("held_on", "secretary"):
        refused = await hr.post(f"{base}/edit", _edit_data(**{missing: " "}))
        assert refused.status_code == 422
        assert f'id="{missing}-error">This field is required.' in refused.text
    conference = await _conference(conference_id)
    assert (conference.held_on, conference.secretary) == (dt.date(2027, 3, 10), "Lê Văn C")


async def test_after_opening_the_pages_refuse_edit_and_delete_with_the_reason(browser_for):
    _enterprise, conference_id, base = await _planned_page(browser_for)
    union = await browser_for(UNION)
    opened = await union.post(f"{base}/open", {"reason": "Họp sớm theo đề nghị của công đoàn."})
    assert opened.status_code == 303
    page = await union.get(base)
    assert f"{base}/edit" not in page.text and f"{base}/delete" not in page.text
    form = await union.get(f"{base}/edit")
    assert form.status_code == 303 and form.headers["location"] == base
    saved = await union.post(f"{base}/edit", _edit_data(venue="Sân"))
    assert saved.status_code == 303 and saved.headers["location"] == base
    assert "its plan no longer changes" in (await union.get(base)).text
    deleted = await union.post(f"{base}/delete")
    assert deleted.status_code == 303 and deleted.headers["location"] == base
    assert "Only a conference not yet opened can be deleted." in (await union.get(base)).text
    conference = await _conference(conference_id)
    assert conference.venue == "Hội trường tầng 2" and conference.status == "in_session"


async def test_hr_deletes_a_conference_after_confirming(browser_for):
    enterprise, conference_id, base = await _planned_page(browser_for)
    hr = await browser_for(HR)
    page = await hr.get(base)
    assert f'hx-post="{base}/delete"' in page.text and "hx-confirm=" in page.text
    deleted = await hr.post(f"{base}/delete", htmx=True)
    assert deleted.headers["hx-redirect"] == f"/enterprises/{enterprise}/conferences"
    listing = await hr.get(f"/enterprises/{enterprise}/conferences")
    assert "The conference was deleted." in listing.text
    assert f"/conferences/{conference_id}" not in listing.text
    assert (await hr.get(base)).status_code == 404


async def test_delete_after_a_check_in_is_refused_with_the_reason(browser_for):
    _enterprise, conference_id, base = await _planned_page(browser_for)
    hr = await browser_for(HR)
    delegate = (await Delegate.select().where(Delegate.conference == conference_id))[0]
    await hr.post(f"{base}/checkin", {"code": delegate["checkin_code"]})
    refused = await hr.post(f"{base}/delete")
    assert refused.status_code == 303 and refused.headers["location"] == base
    assert "A delegate has checked in" in (await hr.get(base)).text
    assert await Conference.exists().where(Conference.id == conference_id)


async def test_another_enterprise_and_the_federation_are_refused(browser_for):
    _enterprise, conference_id, base = await _planned_page(browser_for)
    other = await enterprise_with_units((2,))
    await factories.english_user("hr@other.test", Role.HR, other)
    stranger = await browser_for("hr@other.test")
    assert (await stranger.get(f"{base}/edit")).status_code == 404
    assert (await stranger.post(f"{base}/edit", _edit_data(venue="Sân"))).status_code == 404
    assert (await stranger.post(f"{base}/delete")).status_code == 404
    own = f"/enterprises/{other}/conferences/{conference_id}"
    assert (await stranger.post(f"{own}/delete")).status_code == 404
    await factories.user("fed@plan-changes.test", Role.FEDERATION, None, province="24")
    federation = await browser_for("fed@plan-changes.test")
    assert (await federation.get(f"{base}/edit")).status_code == 403
    assert (await federation.post(f"{base}/delete")).status_code == 403
    page = await federation.get(base)
    assert page.status_code == 200 and f"{base}/edit" not in page.text
    assert f"{base}/delete" not in page.text
    assert await Conference.exists().where(Conference.id == conference_id)
