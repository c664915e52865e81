"""The follow-up page: both sides see the same list, overdue actions stand out."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy.core.tables import Role
from labour_democracy.followups import services
from labour_democracy.followups.tables import FollowUp
from labour_democracy.i18n import today
from tests import factories


async def in_english(browser):
    response = await browser.post("/language", {"language": "en", "next": "/"})
    assert response.status_code == 303
    return browser


@pytest.fixture
async def enterprise() -> int:
    enterprise_id = await factories.enterprise(name="Công ty TNHH May Sông Hồng", province="24")
    await factories.user("hr@a.vn", Role.HR, enterprise_id)
    await factories.user("union@a.vn", Role.UNION, enterprise_id)
    await factories.user("fed@a.vn", Role.FEDERATION, None, "24")
    return enterprise_id


async def _action(enterprise_id: int, title: str, due_on: dt.date, kind: str = "dialogue") -> int:
    context = await factories.context(enterprise_id, Role.HR)
    return await services.create(context, kind, 1, title, "Ban Giám đốc", due_on)


async def test_both_sides_see_the_list_and_overdue_stands_out(browser_for, enterprise):
    base = f"/enterprises/{enterprise}/followups"
    union = await in_english(await browser_for("union@a.vn"))
    empty = await union.get(base)
    assert empty.status_code == 200 and "No action matches" in empty.text
    await _action(enterprise, "Lắp thêm quạt", today() - dt.timedelta(days=1))
    await _action(enterprise, "Công khai quỹ thưởng", today(), kind="conference")
    page = await union.get(base)
    assert "Lắp thêm quạt" in page.text and 'class="overdue"' in page.text
    assert "overdue since" in page.text and "Mark as done" in page.text
    overdue = await union.get(f"{base}?overdue=on")
    assert "Lắp thêm quạt" in overdue.text and "Công khai quỹ thưởng" not in overdue.text
    conference = await union.get(f"{base}?source_kind=conference")
    assert "Lắp thêm quạt" not in conference.text and "Công khai quỹ thưởng" in conference.text
    assert (await union.get(f"{base}?status=nonsense&page=x")).status_code == 200
    federation = await browser_for("fed@a.vn")
    read_only = await federation.get(base)
    assert read_only.status_code == 200 and "Lắp thêm quạt" in read_only.text
    assert f"{base}/" not in read_only.text.split("Lắp thêm quạt", 1)[1].split("</li>")[0]


async def test_done_and_drop_with_bad_input_changing_nothing(browser_for, enterprise):
    base = f"/enterprises/{enterprise}/followups"
    action = await _action(enterprise, "Lắp thêm quạt", today() + dt.timedelta(days=10))
    hr = await in_english(await browser_for("hr@a.vn"))
    future = (today() + dt.timedelta(days=1)).isoformat()
    refused = await hr.post(f"{base}/{action}/done", {"done_on": future, "note": "Sớm"})
    assert refused.status_code == 422 and "cannot be in the future" in refused.text
    refused = await hr.post(f"{base}/{action}/drop", {"reason": ""})
    assert refused.status_code == 422
    assert (await FollowUp.objects().first()).status == "open"

    noted = await hr.post(f"{base}/{action}/note", {"note": "Đã đặt mua quạt."})
    assert noted.status_code == 303
    done = await hr.post(
        f"{base}/{action}/done", {"done_on": today().isoformat(), "note": "Đã lắp."}
    )
    assert done.status_code == 303
    row = await FollowUp.objects().first()
    assert row.status == "done" and "Đã lắp." in row.notes and "Đã đặt mua quạt." in row.notes
    again = await hr.post(f"{base}/{action}/drop", {"reason": "Thôi."})
    assert again.status_code == 303  # a flashed message: the action is already closed
    assert (await FollowUp.objects().first()).status == "done"
    page = await hr.get(f"{base}?status=done")
    assert "Done on" in page.text and "Lắp thêm quạt" in page.text
