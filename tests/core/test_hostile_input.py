"""Input no database can store: a clear 4xx answer and nothing changed, on both engines.

PostgreSQL refuses a NUL character in text and an integer beyond its column (4 bytes for ids);
SQLite refuses integers beyond 8 bytes. Either used to reach the database and answer 500.
"""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy import i18n
from labour_democracy.core.tables import Enterprise, OrgUnit, Role, Throttle
from labour_democracy.suggestions.tables import Suggestion
from labour_democracy.web.forms import FieldError, convert
from tests import factories

BEYOND_ANY_ID = "99999999999999999999"
BEYOND_INT32 = str(2**31)


@pytest.fixture
async def hr(browser_for):
    enterprise_id = await factories.enterprise()
    await factories.english_user("hr@a.vn", Role.HR, enterprise_id)
    browser = await browser_for("hr@a.vn")
    browser.enterprise_id = enterprise_id
    return browser


@pytest.mark.parametrize("number", [BEYOND_ANY_ID, BEYOND_INT32])
async def test_an_id_in_the_path_beyond_the_database_is_not_found(hr, number):
    base = f"/enterprises/{hr.enterprise_id}"
    for url in (
        f"/enterprises/{number}",
        f"{base}/workers/{number}",
        f"{base}/org-units/{number}/edit",
    ):
        assert (await hr.get(url)).status_code == 404, url
    response = await hr.api("GET", f"/api/v1/enterprises/{number}")
    assert response.status_code == 404


async def test_a_nul_character_in_the_address_is_a_bad_request(hr, browser_for):
    assert (await hr.get("/enterprises?q=a%00b")).status_code == 400
    assert (await hr.get(f"/enterprises/{hr.enterprise_id}/workers?q=%00")).status_code in (
        200,
        400,
    )
    anonymous = await browser_for()
    assert (await anonymous.get("/r/%00")).status_code in (400, 404)


async def test_a_nul_character_in_a_form_is_refused_and_nothing_is_stored(hr, browser_for):
    response = await hr.post(
        f"/enterprises/{hr.enterprise_id}/org-units", {"name": "Xưởng\x00 may", "kind": "workshop"}
    )
    assert response.status_code == 422
    assert "control character" in response.text
    assert await OrgUnit.count() == 0

    token = (await Enterprise.select(Enterprise.public_token).first())["public_token"]
    worker = await browser_for()
    await worker.post("/language", {"language": "en"})
    response = await worker.post(f"/p/{token}/suggestions", {"subject": "a\x00", "body": "b"})
    assert response.status_code == 422
    assert await Suggestion.count() == 0


async def test_a_nul_character_at_sign_in_is_refused_without_counting_an_attempt(browser_for):
    anonymous = await browser_for()
    response = await anonymous.post("/login", {"email": "a\x00@b.vn", "password": "x" * 12})
    assert response.status_code == 422
    assert await Throttle.count() == 0


async def test_a_number_beyond_the_database_is_refused_in_forms_and_the_api(hr):
    base = f"/enterprises/{hr.enterprise_id}"
    response = await hr.post(f"{base}/org-units", {"name": "Xưởng may", "parent": BEYOND_ANY_ID})
    assert response.status_code == 422 and "too large" in response.text
    response = await hr.api(
        "POST", f"/api/v1{base}/org-units", {"name": "Xưởng may", "parent": 2**31}
    )
    assert response.status_code == 422 and "parent" in response.json()["errors"]
    assert await OrgUnit.count() == 0


async def test_a_province_beyond_the_database_redisplays_the_enterprise_form(browser_for):
    await factories.english_user("admin@federation.vn", Role.ADMIN)
    admin = await browser_for("admin@federation.vn")
    response = await admin.post("/enterprises/new", {"name": "Công ty", "province": BEYOND_ANY_ID})
    assert response.status_code == 422 and "too large" in response.text
    assert await Enterprise.count() == 0


@pytest.mark.parametrize("value", ["1.5", "12.34", 1.5, "1.2.3"])
@pytest.mark.unit
def test_a_fraction_is_not_read_as_a_whole_number(value):
    """The dot groups thousands in Vietnamese ("1.000"); anything else was silently dropped,
    so "1.5" seats or votes became 15."""
    with i18n.language("en"), pytest.raises(FieldError, match="whole number"):
        convert(value, int)


@pytest.mark.parametrize("text, number", [("1.000", 1000), ("12.345.678", 12345678), ("7", 7)])
@pytest.mark.unit
def test_thousands_are_still_grouped_with_dots(text, number):
    assert convert(text, int) == number


async def test_a_list_or_an_object_for_a_text_field_is_refused(hr):
    base = f"/api/v1/enterprises/{hr.enterprise_id}/org-units"
    for name in ({"a": 1}, ["x", "y"], True):
        response = await hr.api("POST", base, {"name": name})
        assert response.status_code == 422 and "name" in response.json()["errors"], name
    # A name sent twice by a form is no single text either.
    response = await hr.post(
        f"/enterprises/{hr.enterprise_id}/org-units", {"name": ["Xưởng A", "Xưởng B"]}
    )
    assert response.status_code == 422
    assert await OrgUnit.count() == 0


@pytest.mark.unit
def test_a_moment_before_the_calendar_begins_in_utc_is_refused():
    """Midnight of 1 January of year 1 in Vietnam is still year 0 in UTC, which Python cannot
    hold: the ballot form answered 500 when it compared or stored it."""
    with i18n.language("en"), pytest.raises(FieldError, match="Enter a date and time"):
        convert("0001-01-01T00:00", dt.datetime)
    assert convert("9999-12-31T23:59", dt.datetime).year == 9999
