"""The suggestions' read API: a year's counts and answer rate, counts only, for every role that
reads the enterprise (both engines)."""

from __future__ import annotations

import datetime as dt

from labour_democracy.core.tables import Role
from labour_democracy.i18n import today
from labour_democracy.suggestions import services
from labour_democracy.suggestions.schemas import PaperSuggestionForm, PublicSuggestionForm
from tests import factories
from tests.api_readers import answers, readers

AUTHOR = "Nguyễn Văn Tác Giả"


async def _suggestion(union, subject: str, received_on: dt.date) -> int:
    form = PaperSuggestionForm(
        subject=subject, body="Xưởng 2 rất nóng.", author_name=AUTHOR, received_on=received_on
    )
    return await services.add_from_paper(union, form)


async def test_rates_count_a_year_s_suggestions_without_a_word_of_them(browser_for):
    enterprise = await factories.enterprise()
    union = await factories.context(enterprise, Role.UNION)
    this_year = today().replace(month=1, day=1)
    answered = [await _suggestion(union, f"Quạt {n}", this_year) for n in range(2)]
    for suggestion_id in answered:
        await services.answer(union, suggestion_id, "Đã lắp quạt.")
    await _suggestion(union, "Nước uống", this_year)  # published, not answered yet
    refused = await _suggestion(union, "Chuyện riêng", this_year)
    await services.reject(union, refused, "Không thuộc phạm vi.")
    hr_context = await factories.context(enterprise)
    await services.submit_public(  # awaiting the union's moderation: taken up, not answered
        hr_context.enterprise, PublicSuggestionForm(subject="Ca đêm", body="…"), "10.0.0.1"
    )
    last_year = await _suggestion(union, "Năm trước", this_year.replace(year=this_year.year - 1))
    await services.answer(union, last_year, "Đã xong.")

    people = await readers(enterprise)
    hr = await browser_for(people.emails["hr"])
    url = f"/api/v1/enterprises/{enterprise}/suggestions/rates"
    response = await hr.api("GET", url)
    assert response.status_code == 200, response.text
    # 5 received this year; 1 not taken up; 2 of the 4 taken up answered: 50.0 %.
    assert response.json() == {
        "year": this_year.year,
        "received": 5,
        "not_taken_up": 1,
        "taken_up": 4,
        "answered": 2,
        "answer_rate": "50.0",
    }
    for words in (AUTHOR, "Quạt", "Xưởng", "Đã lắp", "Không thuộc"):
        assert words not in response.text
    # The rate the suggestions page shows is the same one.
    assert (await services.answer_rate(hr_context, this_year.year)).percent == 50

    before = (await hr.api("GET", f"{url}?year={this_year.year - 1}")).json()
    assert (before["received"], before["answered"], before["answer_rate"]) == (1, 1, "100.0")
    # A year with nothing received has no rate at all, not 0 %.
    empty = (await hr.api("GET", f"{url}?year=2001")).json()
    assert (empty["received"], empty["taken_up"], empty["answer_rate"]) == (0, 0, None)


async def test_two_thirds_round_half_up_to_one_decimal(browser_for):
    enterprise = await factories.enterprise()
    union = await factories.context(enterprise, Role.UNION)
    day = today().replace(month=1, day=1)
    ids = [await _suggestion(union, f"Ý kiến {n}", day) for n in range(3)]
    for suggestion_id in ids[:2]:
        await services.answer(union, suggestion_id, "Đã trả lời.")
    people = await readers(enterprise)
    hr = await browser_for(people.emails["hr"])
    body = (await hr.api("GET", f"/api/v1/enterprises/{enterprise}/suggestions/rates")).json()
    assert body["answer_rate"] == "66.7"  # 2/3 = 66.66…


async def test_rates_are_read_by_every_role_of_the_enterprise_and_nobody_else(browser_for):
    enterprise = await factories.enterprise()
    people = await readers(enterprise)
    url = f"/api/v1/enterprises/{enterprise}/suggestions/rates"
    assert await answers(browser_for, people, url) == {
        "hr": 200,
        "union": 200,
        "federation": 200,
        "local_union": 200,
        "national": 200,
        "other_hr": 404,
    }


async def test_a_year_out_of_range_or_not_a_number_is_a_problem(browser_for):
    enterprise = await factories.enterprise()
    people = await readers(enterprise)
    hr = await browser_for(people.emails["hr"])
    url = f"/api/v1/enterprises/{enterprise}/suggestions/rates"
    for year in ("1800", "99999999999999999999", "next"):
        response = await hr.api("GET", f"{url}?year={year}")
        assert response.status_code == 400, (year, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
