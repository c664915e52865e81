"""One answer per error, in the form the caller wants: a page, a problem, or an HTMX message."""

from __future__ import annotations

import pytest
from markupsafe import escape

from labour_democracy import i18n
from labour_democracy.core import audit, enterprises
from labour_democracy.core.tables import AuditEntry, OrgUnit, Role
from labour_democracy.settings import get_settings
from tests import factories

SECRET = "connection string with password hunter2"


def in_the_default_language(msgid: str) -> str:
    """As a page shows it before the user's own language is known (no route, or no session
    yet when the CSRF check refuses)."""
    with i18n.language(get_settings().default_language):
        return str(escape(i18n.gettext(msgid)))


@pytest.fixture
async def hr(browser_for):
    enterprise_id = await factories.enterprise()
    await factories.english_user("hr@a.vn", Role.HR, enterprise_id)
    browser = await browser_for("hr@a.vn")
    browser.enterprise_id = enterprise_id
    return browser


@pytest.fixture
def broken_list(monkeypatch):
    async def fail(*args, **kwargs):
        raise RuntimeError(SECRET)

    monkeypatch.setattr(enterprises, "list_enterprises", fail)


async def test_an_unexpected_error_shows_the_500_page_without_its_details(hr, broken_list):
    response = await hr.get("/enterprises")
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("text/html")
    assert "Something went wrong on our side" in response.text
    assert "nothing was saved" in response.text and "Error code 500" in response.text
    assert SECRET not in response.text and "Traceback" not in response.text


async def test_an_unexpected_error_on_the_api_is_a_500_problem(hr, broken_list):
    response = await hr.api("GET", "/api/v1/enterprises")
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == 500 and body["title"] == "Something went wrong on our side"
    assert SECRET not in response.text


async def test_an_unexpected_error_under_htmx_is_a_message_in_the_message_area(hr, broken_list):
    response = await hr.get("/enterprises", headers={"hx-request": "true"})
    # htmx 2 does not swap 4xx/5xx answers, so the message comes with 200 and a new target.
    assert response.status_code == 200
    assert response.headers["hx-retarget"] == "#messages"
    assert response.headers["hx-reswap"] == "innerHTML"
    assert '<div class="flash error" role="alert">' in response.text
    assert "Something went wrong on our side" in response.text
    assert "<html" not in response.text and SECRET not in response.text


async def test_a_client_that_asks_for_json_gets_a_problem_outside_the_api_too(hr, broken_list):
    response = await hr.get("/enterprises", headers={"accept": "application/json"})
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_a_failure_after_the_first_write_saves_nothing(hr, monkeypatch):
    async def audit_fails(*args, **kwargs):
        raise RuntimeError(SECRET)

    monkeypatch.setattr(audit, "record", audit_fails)
    response = await hr.post(
        f"/enterprises/{hr.enterprise_id}/org-units", {"name": "Xưởng may", "kind": "workshop"}
    )
    assert response.status_code == 500
    assert await OrgUnit.count() == 0  # the unit was inserted, then rolled back
    assert await AuditEntry.count() == 0


async def test_an_unknown_address_answers_404_in_each_form(hr):
    page = await hr.get("/no-such-page")
    assert page.status_code == 404 and "<html" in page.text
    assert in_the_default_language("Not found") in page.text
    api = await hr.api("GET", "/api/v1/no-such-thing")
    assert api.status_code == 404
    assert api.headers["content-type"].startswith("application/problem+json")
    fragment = await hr.get("/no-such-page", headers={"hx-request": "true"})
    assert fragment.status_code == 200 and fragment.headers["hx-retarget"] == "#messages"


async def test_a_form_without_its_csrf_token_is_refused_with_a_way_out(hr):
    response = await hr.client.post(
        f"/enterprises/{hr.enterprise_id}/org-units", data={"name": "Xưởng may"}
    )
    assert response.status_code == 403
    expired = "The form expired or came from another site. Reload the page and try again."
    assert in_the_default_language(expired) in response.text
    assert await OrgUnit.count() == 0


async def test_a_refused_role_on_a_page_says_so(browser_for):
    enterprise_id = await factories.enterprise()
    await factories.english_user("union@a.vn", Role.UNION, enterprise_id)
    union = await browser_for("union@a.vn")
    response = await union.get(f"/enterprises/{enterprise_id}/edit")
    assert response.status_code == 403
    assert "Your role does not allow this action." in response.text
    fragment = await union.post(f"/enterprises/{enterprise_id}/org-units", {}, htmx=True)
    assert fragment.status_code == 200 and "Your role does not allow this action." in fragment.text


async def test_a_signed_out_htmx_request_is_sent_to_the_login_page(client):
    response = await client.get("/enterprises", headers={"hx-request": "true"})
    assert response.headers["hx-redirect"] == "/login?next=/enterprises"


async def test_signing_in_returns_to_the_page_asked_for_with_its_query(browser_for):
    enterprise_id = await factories.enterprise()
    await factories.english_user("hr@a.vn", Role.HR, enterprise_id)
    browser = await browser_for()
    page = f"/enterprises/{enterprise_id}/workers?q=Nguy%E1%BB%85n&page=2"
    response = await browser.get(page)
    assert response.headers["location"] == (
        f"/login?next=/enterprises/{enterprise_id}/workers%3Fq%3DNguy%25E1%25BB%2585n%26page%3D2"
    )
    login = await browser.get(response.headers["location"])
    assert 'value="' + page.replace("&", "&amp;") + '"' in login.text
    signed_in = await browser.post(
        "/login", {"email": "hr@a.vn", "password": "a-long-password", "next": page}
    )
    assert signed_in.headers["location"] == page


async def test_an_unexpected_error_logs_the_route_not_the_secret_in_its_address(
    browser_for, monkeypatch, caplog
):
    """A slip's QR address carries its voting code: a failure there must not write it out."""
    from labour_democracy.voting import voters

    async def fail(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(voters, "resolve_code", fail)
    response = await (await browser_for()).get("/V/ABCD-EFGH-JKMN")
    assert response.status_code == 500
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name == "labour_democracy")
    assert "Unhandled error on GET /V/{code}" in ours and "ABCD" not in ours
