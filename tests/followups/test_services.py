"""Follow-up actions' use cases against the database (both engines)."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy.core import reminders
from labour_democracy.core.errors import Conflict, Forbidden, Invalid, NotFound
from labour_democracy.core.tables import Role
from labour_democracy.followups import services
from labour_democracy.followups.schemas import FollowUpQuery
from labour_democracy.followups.tables import FollowUp, FollowUpStatus
from labour_democracy.i18n import today
from tests import factories


async def make(context, title="Lắp thêm quạt ở xưởng may", due_on=None, kind="dialogue", source=1):
    return await services.create(
        context,
        kind,
        source,
        title,
        "Ban Giám đốc",
        due_on or today() + dt.timedelta(days=30),
    )


@pytest.fixture
async def contexts():
    a = await factories.enterprise("Công ty A")
    b = await factories.enterprise("Công ty B")
    return (
        await factories.context(a, Role.HR),
        await factories.context(a, Role.UNION),
        await factories.context(b, Role.HR),
    )


async def test_a_dialogue_creates_actions_and_reads_them_back(contexts):
    hr, union, _other = contexts
    first = await make(hr, title="  Lắp   thêm quạt ")
    second = await make(hr, title="Sửa nhà vệ sinh", source=2)
    third = await make(hr, title="Công khai quỹ thưởng", kind="conference", source=1)
    rows = await services.list_for(union, "dialogue", 1)
    assert [r["id"] for r in rows] == [first] and rows[0]["title"] == "Lắp thêm quạt"
    assert {r["id"] for r in await services.open_items(union)} == {first, second, third}
    assert {r["id"] for r in await services.open_items(union, "dialogue")} == {first, second}


@pytest.mark.parametrize(
    ("title", "owner", "due_on", "field"),
    [
        ("", "Ban Giám đốc", dt.date(2026, 6, 1), "title"),
        ("x" * 501, "Ban Giám đốc", dt.date(2026, 6, 1), "title"),
        ("Lắp quạt", " ", dt.date(2026, 6, 1), "owner"),
        ("Lắp quạt", "Ban Giám đốc", None, "due_on"),
    ],
)
async def test_bad_actions_are_refused(contexts, title, owner, due_on, field):
    hr, _union, _other = contexts
    assert field in services.check(title, owner, due_on)
    with pytest.raises(Invalid) as error:
        await services.create(hr, "dialogue", 1, title, owner, due_on)
    assert field in error.value.errors
    assert await FollowUp.count() == 0


@pytest.mark.unit
def test_a_title_at_the_limit_is_accepted():
    assert services.check("x" * 500, "Ban Giám đốc", today()) == {}


async def test_complete_with_a_note_then_it_is_closed(contexts):
    hr, union, _other = contexts
    action = await make(hr)
    with pytest.raises(Invalid):
        await services.complete(union, action, today() + dt.timedelta(days=1))
    await services.complete(union, action, today(), "Đã lắp 12 quạt.")
    row = await services.get(hr, action)
    assert row.status == "done" and row.done_on == today() and "Đã lắp 12 quạt." in row.notes
    with pytest.raises(Conflict):
        await services.drop(hr, action, "Không cần nữa.")
    assert await services.open_items(hr) == []


async def test_drop_needs_a_reason(contexts):
    hr, _union, _other = contexts
    action = await make(hr)
    with pytest.raises(Invalid):
        await services.drop(hr, action, "  ")
    assert (await services.get(hr, action)).status == "open"
    await services.drop(hr, action, "Xưởng đã chuyển địa điểm.")
    row = await services.get(hr, action)
    assert row.status == "dropped" and row.drop_reason == "Xưởng đã chuyển địa điểm."


async def test_notes_accumulate_with_their_date(contexts):
    hr, union, _other = contexts
    action = await make(hr)
    await services.add_note(hr, action, "Đã đặt mua quạt.")
    await services.add_note(union, action, "Quạt đã về kho.")
    notes = (await services.get(hr, action)).notes.splitlines()
    assert len(notes) == 2 and notes[1].endswith("Quạt đã về kho.")
    assert notes[0].startswith(today().strftime("%d/%m/%Y"))
    with pytest.raises(Invalid):
        await services.add_note(hr, action, "")


async def test_enterprise_b_cannot_see_or_change_actions_of_a(contexts):
    hr, _union, other = contexts
    action = await make(hr)
    with pytest.raises(NotFound):
        await services.get(other, action)
    with pytest.raises(NotFound):
        await services.complete(other, action)
    assert await services.open_items(other) == []
    assert await services.list_for(other, "dialogue", 1) == []
    assert (await services.search(other, FollowUpQuery())).total == 0


async def test_the_federation_reads_but_does_not_change(contexts):
    hr, _union, _other = contexts
    action = await make(hr)
    federation = await factories.context(hr.enterprise_id, Role.FEDERATION)
    assert (await services.search(federation, FollowUpQuery())).total == 1
    with pytest.raises(Forbidden):
        await services.complete(federation, action)
    with pytest.raises(Forbidden):
        await make(federation)


async def test_overdue_filter_and_flag(contexts):
    hr, _union, _other = contexts
    late = await make(hr, title="Trễ", due_on=today() - dt.timedelta(days=1))
    on_time = await make(hr, title="Đúng hạn hôm nay", due_on=today())
    done_late = await make(hr, title="Xong", due_on=today() - dt.timedelta(days=5))
    await services.complete(hr, done_late)
    page = await services.search(hr, FollowUpQuery(overdue=True))
    assert [r["id"] for r in page.rows] == [late] and page.rows[0]["overdue"] is True
    rows = (await services.search(hr, FollowUpQuery())).rows
    assert [(r["id"], r["overdue"]) for r in rows] == [
        (late, True),  # open actions first, the earliest due first; closed ones after
        (on_time, False),
        (done_late, False),
    ]
    page = await services.search(hr, FollowUpQuery(status=FollowUpStatus.DONE))
    assert [r["id"] for r in page.rows] == [done_late]
    page = await services.search(hr, FollowUpQuery(source_kind="conference"))
    assert page.total == 0


async def test_reminders_list_open_actions(contexts):
    hr, _union, _other = contexts
    await make(hr, title="Trễ", due_on=today() - dt.timedelta(days=1))
    await make(hr, title="Tuần sau", due_on=today() + dt.timedelta(days=7))
    closed = await make(hr, title="Xong", due_on=today())
    await services.complete(hr, closed)
    agenda = await reminders.agenda(hr)
    assert [d.title for d in agenda.overdue] == ["Follow-up: Trễ"]
    assert [d.title for d in agenda.soon] == ["Follow-up: Tuần sau"]
    assert agenda.overdue[0].owner == "Ban Giám đốc"


async def test_the_yearly_completion_rate(contexts):
    hr, _union, other = contexts
    year = today().year
    ids = [await make(hr, due_on=dt.date(year, 12, 31)) for _ in range(4)]
    await make(hr, due_on=dt.date(year + 1, 1, 1))  # due next year: not counted
    await services.complete(hr, ids[0])
    await services.drop(hr, ids[1], "Không còn phù hợp.")
    rate = await services.completion_rate_for(hr.enterprise_id, year)
    assert (rate.done, rate.total) == (1, 3)
    assert (await services.completion_rate_for(other.enterprise_id, year)).total == 0


async def test_the_federation_reads_the_rates_of_many_enterprises_at_once(contexts):
    from labour_democracy.followups import compliance

    hr, _union, other = contexts
    year = today().year
    done = await make(hr, due_on=dt.date(year, 1, 1))
    await make(hr, due_on=dt.date(year, 12, 31))
    await services.complete(hr, done)
    rates = await compliance.completion_rates([hr.enterprise_id, other.enterprise_id], year)
    assert (rates[hr.enterprise_id].done, rates[hr.enterprise_id].total) == (1, 2)
    assert rates[other.enterprise_id].total == 0


async def test_create_joins_the_callers_transaction(contexts):
    from labour_democracy.db import write_transaction

    hr, _union, _other = contexts
    with pytest.raises(RuntimeError):
        async with write_transaction():
            await make(hr)
            raise RuntimeError("the record that agreed it failed")
    assert await FollowUp.count() == 0
