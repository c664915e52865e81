"""Issue 12, items 3-5: an SOE under 100 workers may meet as delegates with a recorded reason
(Law 10/2022 Art. 69(2)(b)); the extraordinary-conference third binds SOEs only, a private
enterprise follows its regulation; the People's Inspection Board's size, exception, members and
recognition (Law 10/2022 Art. 77; Decree 59/2023 Art. 25)."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy.conferences import agenda as agenda_stage
from labour_democracy.conferences import planning, rules, rules_settings, timeline
from labour_democracy.conferences.schemas import AgendaItemForm, RulesForm
from labour_democracy.conferences.tables import (
    AgendaKind,
    BoardSizeException,
    Conference,
    ConferenceForm,
    ConferenceKind,
    DelegateReason,
    Requester,
)
from labour_democracy.core import calendar
from labour_democracy.core.errors import Invalid
from labour_democracy.core.tables import Ownership
from tests import factories
from tests.conferences.conftest import (
    SOE_HELD_ON,
    enterprise_with_units,
    plan_form,
    planned,
    published_soe,
)


async def test_an_soe_under_100_workers_meets_as_delegates_only_with_a_recorded_reason():
    enterprise = await enterprise_with_units((60, 30, 9), ownership=Ownership.STATE_OWNED)
    context = await factories.context(enterprise)
    with pytest.raises(Invalid) as refused:
        await planning.plan_conference(context, plan_form(form=ConferenceForm.DELEGATES))
    assert "Art. 69(2)(a)-(b)" in refused.value.errors["delegate_reason"]
    assert await Conference.count() == 0
    conference_id = await planning.plan_conference(
        context,
        plan_form(form=ConferenceForm.DELEGATES, delegate_reason=DelegateReason.DISPERSED),
    )
    row = await Conference.select(Conference.delegate_reason).where(Conference.id == conference_id)
    assert row[0]["delegate_reason"] == DelegateReason.DISPERSED


async def _extraordinary(context, requesters: int):
    return await planning.plan_conference(
        context,
        plan_form(
            form=ConferenceForm.WHOLE,
            kind=ConferenceKind.EXTRAORDINARY,
            requested_by=Requester.WORKERS,
            requesters=requesters,
        ),
    )


async def test_a_private_enterprise_follows_its_regulation_for_an_extraordinary_conference():
    context, _annual = await planned()  # 100 workers, private
    # No regulation threshold: the law sets none, so the recorded request stands.
    assert await _extraordinary(context, 1)
    await rules_settings.save_rules(
        context, RulesForm(extraordinary_numerator=1, extraordinary_denominator=2)
    )
    with pytest.raises(Invalid) as refused:
        await _extraordinary(context, 49)
    message = refused.value.errors["requesters"]
    assert "50 of 100" in message
    assert "Enterprise democracy regulation (Decree 145/2020/NĐ-CP, Art. 48)" in message
    assert "Law 10/2022" not in message
    assert await _extraordinary(context, 50)


async def test_a_half_given_share_is_refused():
    context, _annual = await planned()
    with pytest.raises(Invalid) as refused:
        await rules_settings.save_rules(context, RulesForm(extraordinary_numerator=1))
    assert "extraordinary_numerator" in refused.value.errors


async def _board_item(context, conference_id) -> int:
    items = await agenda_stage.agenda(context, conference_id)
    return next(i["id"] for i in items if i["key"] == "inspection_board")


def _board_form(seats: int, candidates: list[str]) -> AgendaItemForm:
    return AgendaItemForm(
        title="Bầu Ban Thanh tra nhân dân",
        kind=AgendaKind.ELECTION,
        seats=seats,
        candidates="\n".join(candidates),
    )


async def test_the_inspection_board_size_and_its_exception():
    context, conference_id = await planned(ownership=Ownership.STATE_OWNED)
    item = await _board_item(context, conference_id)
    ten = [f"Công nhân {i}" for i in range(10)]
    with pytest.raises(Invalid) as refused:
        await agenda_stage.update_item(context, conference_id, item, _board_form(10, ten))
    assert "Art. 25(2)" in refused.value.errors["seats"]
    await agenda_stage.update_item(context, conference_id, item, _board_form(9, ten))
    await rules_settings.save_rules(
        context, RulesForm(board_size_exception=BoardSizeException.DISPERSED)
    )
    await agenda_stage.update_item(context, conference_id, item, _board_form(10, ten))


async def test_the_enterprises_head_and_deputies_cannot_be_board_members():
    context, conference_id = await planned(ownership=Ownership.STATE_OWNED)
    await factories.worker(context.enterprise_id, name="Đỗ Văn Phó", position="Phó Tổng Giám đốc")
    await factories.worker(context.enterprise_id, name="Mai Thị Thợ", position="Công nhân may")
    item = await _board_item(context, conference_id)
    ok = ["Mai Thị Thợ", "Công nhân 1", "Công nhân 2"]
    for barred in ("Đỗ Văn Phó", "Nguyễn Văn A", "Lê Thị K - Giám đốc nhà máy"):
        # The roster's deputy director; the employer's co-chair; a director by title.
        with pytest.raises(Invalid) as refused:
            await agenda_stage.update_item(
                context, conference_id, item, _board_form(3, [*ok, barred])
            )
        assert barred in refused.value.errors["candidates"]
    await agenda_stage.update_item(context, conference_id, item, _board_form(3, ok))


async def test_the_union_recognises_the_board_within_five_working_days():
    soe, soe_conference = await planned(ownership=Ownership.STATE_OWNED)
    steps = {s["key"]: s for s in await timeline.timeline(soe, soe_conference)}
    held_on = dt.date(2027, 3, 10)
    assert steps["board_recognised"]["due_on"] == calendar.add_working_days(held_on, 5)
    assert steps["board_recognised"]["due_on"] == dt.date(2027, 3, 17)
    assert steps["board_recognised"]["note"] == "skips 2 weekly rest days"  # 13-14/3/2027
    private, conference = await planned()
    keys = {s["key"] for s in await timeline.timeline(private, conference)}
    assert "board_recognised" not in keys


def test_the_rules_on_both_sides_of_their_boundaries():
    delegates, either = ConferenceForm.DELEGATES, ConferenceForm.EITHER
    assert not rules.form_allowed(True, either, delegates, 99)
    assert rules.form_allowed(True, either, delegates, 99, DelegateReason.CANNOT_LEAVE_POSTS)
    assert rules.form_allowed(True, either, delegates, 100)
    assert rules.extraordinary_rule(True, None) is rules.EXTRAORDINARY_REQUEST
    assert rules.extraordinary_rule(False, None) is None
    assert rules.extraordinary_request_valid(1, 100, None)
    assert not rules.extraordinary_request_valid(0, 100, None)
    assert not rules.inspection_board_size_valid(10)
    assert rules.inspection_board_size_valid(10, BoardSizeException.SPECIAL)
    assert not rules.inspection_board_size_valid(2, BoardSizeException.SPECIAL)
    assert rules.barred_from_board("Phó Giám đốc")
    assert rules.barred_from_board("Chủ tịch Hội đồng thành viên")
    assert not rules.barred_from_board("Trưởng phòng Kế toán")
    # 13/3/2027 is a Saturday: Wednesday 10/3 + 5 working days is Wednesday 17/3.
    elected = dt.date(2027, 3, 10)
    assert rules.inspection_board_recognition_due(elected) == dt.date(2027, 3, 17)
    assert rules.inspection_board_recognition_due(elected, True) == dt.date(2027, 3, 16)


@pytest.mark.parametrize(("workforce", "overdue"), [(9, False), (10, True)])
async def test_a_conference_is_overdue_only_from_ten_workers(workforce, overdue):
    # Decree 145/2020, Art. 114(4): fewer than 10 workers need not hold it.
    from labour_democracy.conferences import hooks
    from labour_democracy.i18n import today

    enterprise = await enterprise_with_units((workforce,))
    context = await factories.context(enterprise)
    conference_id = await planning.plan_conference(
        context, plan_form(year=2026, held_on=dt.date(2026, 11, 20), form=ConferenceForm.WHOLE)
    )
    due = await hooks.due(context)
    assert any(item.due_on < today() for item in due) is overdue
    steps = await timeline.timeline(context, conference_id)
    assert any(step["overdue"] for step in steps) is overdue


async def test_the_board_elected_at_a_held_conference_reminds_of_its_two_year_term():
    from labour_democracy.conferences import hooks

    context, conference_id = await published_soe()
    (term,) = [i for i in await hooks.due(context) if "Inspection Board" in i.title]
    assert term.due_on == dt.date(SOE_HELD_ON.year + 2, SOE_HELD_ON.month, SOE_HELD_ON.day)
    assert term.url.endswith(f"/conferences/{conference_id}")
    assert "Art. 77" in term.legal_source
