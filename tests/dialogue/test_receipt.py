"""A dialogue request's reply is due 5 working days from the day the other side received it
(Decree 145 Art. 40(2)); the receipt date defaults to the day the request is entered."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy import i18n
from labour_democracy.core import working_calendar
from labour_democracy.core.errors import Invalid
from labour_democracy.dialogue import requests, rules
from labour_democracy.dialogue.schemas import RequestForm
from labour_democracy.dialogue.tables import DialogueRequest, RequestSide
from labour_democracy.i18n import today
from tests import factories
from tests.dialogue.test_services import _enterprise, _published_list


@pytest.fixture(autouse=True)
def english():
    with i18n.language("en"):
        yield


def _form(**values) -> RequestForm:
    return RequestForm(
        side=RequestSide.EMPLOYER,
        requested_by="Ban Giám đốc",
        reason="Kế hoạch sản xuất quý I",
        **values,
    )


async def test_the_reply_is_due_five_working_days_after_receipt():
    enterprise_id = await _enterprise()
    await _published_list(enterprise_id)
    hr = await factories.context(enterprise_id)
    week = await working_calendar.week_for(enterprise_id)
    sent, received = today() - dt.timedelta(days=20), today() - dt.timedelta(days=6)
    request_id = await requests.create_request(hr, _form(submitted_on=sent, received_on=received))
    row = await requests.get_request(hr, request_id)
    assert row["received_on"] == received
    assert row["reply_due_on"] == rules.reply_due(received, week)
    assert row["reply_due_on"] != rules.reply_due(sent, week)
    # Five working days always pass a weekend: the due date says what it skipped.
    assert "weekly rest day" in row["reply_due_note"]


async def test_without_a_receipt_date_the_request_was_received_the_day_it_is_entered():
    enterprise_id = await _enterprise()
    await _published_list(enterprise_id)
    hr = await factories.context(enterprise_id)
    sent = today() - dt.timedelta(days=20)
    request_id = await requests.create_request(hr, _form(submitted_on=sent))
    row = await requests.get_request(hr, request_id)
    assert row["received_on"] == today()
    week = await working_calendar.week_for(enterprise_id)
    assert row["reply_due_on"] == rules.reply_due(today(), week)


@pytest.mark.parametrize("days", [-1, 1])  # received before it was sent; received tomorrow
async def test_a_receipt_date_outside_sending_and_today_is_refused(days):
    enterprise_id = await _enterprise()
    await _published_list(enterprise_id)
    hr = await factories.context(enterprise_id)
    sent = today() - dt.timedelta(days=5) if days < 0 else today()
    with pytest.raises(Invalid) as refused:
        await requests.create_request(
            hr, _form(submitted_on=sent, received_on=sent + dt.timedelta(days=days))
        )
    assert "received_on" in refused.value.errors
    assert await DialogueRequest.count() == 0
