"""Over-long input is refused with a message, never a server error, on every route.

A 50,000-character search was a 500 on SQLite (its LIKE refuses longer patterns) on eight
pages and the API. The limits sit where the app reads a request (web/params.py for the query
and headers, web/forms.py for form and JSON fields), so a route added tomorrow gets them too.
"""

from __future__ import annotations

import inspect

import pytest
from litestar.routes import HTTPRoute

from labour_democracy.web.forms import MAX_TEXT_LENGTH
from labour_democracy.web.params import MAX_QUERY_VALUE
from tests import test_route_scope
from tests.route_samples import SAMPLES
from tests.test_route_scope import _PARAMETER, APP

# The scope test's world: two enterprises and one signed-in person per role.
app = test_route_scope.app
pooled_connections = test_route_scope.pooled_connections
world = test_route_scope.world

# 60,000 characters: over SQLite's 50,000-byte LIKE limit, and under httpx's own limit on an
# address's query (65,536 characters once percent-encoded), so one parameter at a time.
LONG = "a" * 60_000
_NOT_QUERY = {"self", "request", "context", "actor", "data"}


def _get_routes() -> list[tuple[str, list[str], bool]]:
    """(path, query parameter names, public) of every GET route but static files and schema."""
    routes = []
    for route in APP.routes:
        if not isinstance(route, HTTPRoute) or route.path.startswith(("/static", "/schema")):
            continue
        for handler in route.route_handlers:
            if "GET" not in handler.http_methods:
                continue
            path_names = set(_PARAMETER.findall(route.path))
            names = [
                name
                for name in inspect.signature(handler.fn).parameters
                if name not in _NOT_QUERY and name not in path_names
            ]
            routes.append((route.path, names, bool(handler.opt.get("public"))))
    return sorted(routes)


GET_ROUTES = _get_routes()


def test_the_walk_covers_the_searches():
    paths = {path for path, _names, _public in GET_ROUTES}
    assert {"/enterprises", "/api/v1/enterprises", "/admin/users", "/v"} <= paths
    assert "/enterprises/{enterprise_id:int}/workers" in paths


async def _url(path: str, enterprise: int, ids: dict[str, str]) -> str:
    """The path with sample records of `enterprise` (made once per name: some samples make a
    new record each call); a public token that has no sample gets a placeholder (404)."""
    for name in _PARAMETER.findall(path):
        if name not in ids:
            ids[name] = str(await SAMPLES[name](enterprise)) if name in SAMPLES else "x"
    return _PARAMETER.sub(lambda match: ids[match.group(1)], path)


async def test_every_get_route_refuses_a_60000_character_search_with_a_4xx(world):
    await world.sign_in("admin", "hr")
    failures = []
    ids: dict[str, str] = {}
    for path, names, public in GET_ROUTES:
        url = await _url(path, world.a, ids)
        for name in sorted({"q", "search", *names}):
            for who in ("hr", "admin") if not public else ("hr",):
                browser = world.browsers[who]
                headers = {"accept": "application/json"} if path.startswith("/api/") else {}
                response = await browser.get(url, params={name: LONG}, headers=headers)
                if response.status_code >= 500:
                    failures.append(f"{path}?{name}= as {who}: {response.status_code}")
    assert not failures, failures


async def test_the_refusal_names_the_parameter_on_a_page_and_in_the_api(world):
    await world.sign_in("hr")
    hr = world.browsers["hr"]
    await hr.post("/language", {"language": "en"})
    page = await hr.get(f"/enterprises/{world.a}/workers", params={"q": LONG})
    assert page.status_code == 422 and "too long (q)" in page.text
    api = await hr.get(
        f"/api/v1/enterprises/{world.a}/workers",
        params={"q": LONG},
        headers={"accept": "application/json"},
    )
    assert api.status_code == 422
    problem = api.json()
    assert problem["status"] == 422 and "q" in problem["errors"]
    # A search just within the limit is searched (and finds nothing).
    fine = await hr.get(f"/enterprises/{world.a}/workers", params={"q": "ẩ" * MAX_QUERY_VALUE})
    assert fine.status_code == 200


async def test_a_header_the_app_reads_is_limited_too(world):
    await world.sign_in("hr")
    response = await world.browsers["hr"].get(
        f"/enterprises/{world.a}/workers", headers={"hx-target": "x" * 10_000}
    )
    assert response.status_code in (200, 422) and response.status_code < 500


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", '"' + "x" * (MAX_TEXT_LENGTH + 1) + '"'), ("fiscal_year_end_month", "1" * 5000)],
    ids=["long-text", "huge-number"],
)
async def test_json_fields_too_long_or_too_large_are_refused_by_name(world, field, value):
    await world.sign_in("admin")
    admin = world.browsers["admin"]
    response = await admin.client.post(
        "/api/v1/enterprises",
        content=f'{{"{field}": {value}}}',  # raw JSON: a 5,000-digit number
        headers={
            "accept": "application/json",
            "content-type": "application/json",
            "x-csrftoken": await admin.csrf(),
        },
    )
    assert response.status_code in (400, 422), response.text
    if response.status_code == 422:
        assert field in response.json()["errors"]


async def test_a_form_field_longer_than_any_text_is_refused_with_a_message(world):
    await world.sign_in("hr")
    hr = world.browsers["hr"]
    await hr.post("/language", {"language": "en"})
    response = await hr.post(
        f"/enterprises/{world.a}/workers/new", {"full_name": "x" * (MAX_TEXT_LENGTH + 1)}
    )
    assert response.status_code == 422 and "too long" in response.text
