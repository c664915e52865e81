"""The stored working calendar: the enterprise's weekly rest days and the days added or
removed (by the administrator for everyone, by an enterprise for itself), and its pages."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy import i18n
from labour_democracy.core import calendar, working_calendar
from labour_democracy.core.errors import Forbidden, Invalid
from labour_democracy.core.permissions import SYSTEM
from labour_democracy.core.schemas import CalendarDayForm
from labour_democracy.core.tables import AuditEntry, CalendarDay, Enterprise, Role
from labour_democracy.dialogue import rules as dialogue_rules
from tests import factories

D = dt.date


@pytest.fixture(autouse=True)
def english():
    with i18n.language("en"):
        yield


async def test_the_week_carries_the_rest_days_and_the_days_of_admin_and_enterprise():
    sunday_only = await factories.enterprise(weekly_rest_days="6")
    other = await factories.enterprise()
    context = await factories.context(sunday_only)
    await working_calendar.add_national_day(
        SYSTEM, CalendarDayForm(day=D(2026, 11, 24), day_off=False, note="Not yet in Art. 112")
    )
    await working_calendar.add_enterprise_day(
        context, CalendarDayForm(day=D(2026, 8, 31), note="We follow the civil-service swap")
    )
    week = await working_calendar.week_for(sunday_only)
    assert week.rest_days == calendar.SUNDAY_ONLY
    assert calendar.is_working_day(D(2026, 11, 28), week)  # a Saturday
    assert calendar.is_working_day(D(2026, 11, 24), week)  # removed for everyone
    assert not calendar.is_working_day(D(2026, 8, 31), week)  # added by this enterprise
    others = await working_calendar.week_for(other)
    assert others.rest_days == calendar.SATURDAY_AND_SUNDAY
    assert calendar.is_working_day(D(2026, 8, 31), others)  # not for another enterprise
    assert calendar.is_working_day(D(2026, 11, 24), others)


async def test_a_dialogue_reply_due_date_follows_the_enterprises_week():
    # Request received Thursday 29/4/2027: 30/4 (Fri) and 1/5 (Sat) are holidays.
    sat_sun = await working_calendar.week_for(await factories.enterprise())
    sunday_only = await working_calendar.week_for(await factories.enterprise(weekly_rest_days="6"))
    # Sat+Sun off: 1/5 on a rest day gives Monday 3/5 off -> 4, 5, 6, 7, 10 May.
    assert dialogue_rules.reply_due(D(2027, 4, 29), sat_sun) == D(2027, 5, 10)
    # Sunday only: no substitute day; Saturdays work -> 3, 4, 5, 6, 7 May.
    assert dialogue_rules.reply_due(D(2027, 4, 29), sunday_only) == D(2027, 5, 7)


async def test_a_change_needs_a_note_and_a_real_holiday_to_remove_else_nothing_changes():
    context = await factories.context(await factories.enterprise())
    with pytest.raises(Invalid) as refused:
        await working_calendar.add_enterprise_day(
            context, CalendarDayForm(day=D(2026, 3, 3), day_off=False, note="")
        )
    assert set(refused.value.errors) == {"note", "day"}
    assert await CalendarDay.count() == 0
    await working_calendar.add_enterprise_day(context, CalendarDayForm(day=D(2026, 3, 3), note="x"))
    with pytest.raises(Invalid):
        await working_calendar.add_enterprise_day(
            context, CalendarDayForm(day=D(2026, 3, 3), note="again")
        )
    assert await CalendarDay.count() == 1
    assert await AuditEntry.count().where(AuditEntry.action == "calendar.day_added") == 1


async def test_only_hr_changes_the_enterprise_days_and_only_the_admin_the_national_ones():
    enterprise_id = await factories.enterprise()
    union = await factories.context(enterprise_id, Role.UNION)
    with pytest.raises(Forbidden):
        await working_calendar.add_enterprise_day(
            union, CalendarDayForm(day=D(2026, 3, 3), note="x")
        )
    with pytest.raises(Forbidden):
        await working_calendar.add_national_day(
            factories.actor(Role.HR, enterprise_id), CalendarDayForm(day=D(2026, 3, 3), note="x")
        )
    assert await CalendarDay.count() == 0


async def test_the_calendar_page_lists_the_year_and_the_profile_sets_the_rest_days(browser_for):
    enterprise_id = await factories.enterprise(province="01")
    await factories.english_user("hr@a.vn", Role.HR, enterprise_id)
    hr = await browser_for("hr@a.vn")
    page = await hr.get(f"/enterprises/{enterprise_id}/calendar?year=2027")
    assert page.status_code == 200
    assert "Substitute day off for" in page.text  # 3/5/2027 for 1/5 on a Saturday
    page_2026 = (await hr.get(f"/enterprises/{enterprise_id}/calendar?year=2026")).text
    assert "Civil-service swap day: worked here unless added" in page_2026
    added = await hr.post(
        f"/enterprises/{enterprise_id}/calendar",
        {"day": "2026-08-31", "day_off": "true", "note": "Nghỉ theo lịch cơ quan nhà nước"},
    )
    assert added.status_code == 303
    refused = await hr.post(
        f"/enterprises/{enterprise_id}/calendar",
        {"day": "2026-08-31", "day_off": "true", "note": " "},
    )
    assert refused.status_code == 422
    assert 'id="note-error"' in refused.text
    form = (await hr.get(f"/enterprises/{enterprise_id}/edit")).text
    assert 'name="weekly_rest_days"' in form
    assert '<option value="5,6" selected>' in form


async def test_the_rest_days_setting_is_refused_outside_the_choices(browser_for):
    from tests.core.test_enterprises import _page_form

    enterprise_id = await factories.enterprise(province="01")
    await factories.english_user("hr@a.vn", Role.HR, enterprise_id)
    hr = await browser_for("hr@a.vn")
    province = str(await factories.province_id("01"))
    refused = await hr.post(
        f"/enterprises/{enterprise_id}/edit",
        _page_form(province=province, weekly_rest_days="0,1,2"),
    )
    assert refused.status_code == 422
    assert 'id="weekly_rest_days-error"' in refused.text
    saved = await hr.post(
        f"/enterprises/{enterprise_id}/edit", _page_form(province=province, weekly_rest_days="6")
    )
    assert saved.status_code == 303
    row = await Enterprise.select(Enterprise.weekly_rest_days).where(Enterprise.id == enterprise_id)
    assert row[0]["weekly_rest_days"] == "6"
