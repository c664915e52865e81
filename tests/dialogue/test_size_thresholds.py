"""Duties that start at 10 workers are not overdue below it (Decree 145 Art. 114(4); Labour
Code Arts. 118-119), and a new enterprise owes no periodic dialogue planned before it existed."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy import i18n
from labour_democracy.core.tables import Enterprise
from labour_democracy.dialogue import deadlines, meeting, planning
from labour_democracy.dialogue.schemas import DialogueForm, EventStepsForm
from labour_democracy.dialogue.tables import DialogueKind, DialogueSettings, EventMatter
from labour_democracy.i18n import LOCAL_TIMEZONE, today
from tests import factories
from tests.dialogue.test_services import _at, _enterprise, _published_list

FILING = "File the internal labour rules"


@pytest.fixture(autouse=True)
def english():
    with i18n.language("en"):
        yield


async def _internal_rules_dialogue(workforce: int):
    enterprise_id = await _enterprise(workforce)
    await _published_list(enterprise_id)
    hr = await factories.context(enterprise_id)
    dialogue_id = await planning.create_dialogue(
        hr,
        DialogueForm(
            kind=DialogueKind.EVENT,
            matter=EventMatter.INTERNAL_RULES,
            title="Sửa đổi nội quy lao động",
            scheduled_at=_at(today() + dt.timedelta(days=2)),
            place="Phòng họp",
        ),
    )
    # Issued 20 days ago: the 10-day filing deadline has passed.
    await planning.record_event_steps(
        hr,
        dialogue_id,
        EventStepsForm(
            event_document_sent_on=today(), event_effective_on=today() - dt.timedelta(days=20)
        ),
    )
    return hr, dialogue_id


@pytest.mark.parametrize(("workforce", "shown"), [(9, False), (10, True)])
async def test_the_internal_rules_filing_is_overdue_only_from_ten_workers(workforce, shown):
    hr, dialogue_id = await _internal_rules_dialogue(workforce)
    items = await deadlines.deadlines(hr.enterprise)
    assert any(FILING in item.title for item in items) is shown
    steps = (await meeting.dialogue_view(hr, dialogue_id)).event_steps
    assert any(FILING in step["label"] for step in steps) is shown


async def test_a_new_enterprise_owes_no_periodic_dialogue_planned_before_it_existed():
    enterprise_id = await factories.enterprise()
    await DialogueSettings(enterprise=enterprise_id, periodic_months="6").save()
    enterprise = await Enterprise.objects().where(Enterprise.id == enterprise_id).first()
    on = dt.date(2026, 12, 6)
    enterprise.created_at = dt.datetime(2026, 11, 2, 9, tzinfo=LOCAL_TIMEZONE)
    assert not [i for i in await deadlines.deadlines(enterprise, on) if "6/2026" in i.title]
    enterprise.created_at = dt.datetime(2026, 1, 2, 9, tzinfo=LOCAL_TIMEZONE)
    assert [i for i in await deadlines.deadlines(enterprise, on) if "6/2026" in i.title]
