"""The generated scope test: every registered route, every role, two enterprises.

Walks `create_app().routes` and, for each (method, path), proves on a seeded pair of
enterprises A and B that
  1. HR of A asking for enterprise B (and B's records) gets 404;
  2. HR of A asking for enterprise A with B's records gets 404;
  3. a role the route's permission does not allow gets 403 on A's own records (the union
     officer for HR-only actions, the federation officer for writes; HR for admin routes);
  4. an anonymous caller is sent to /login (pages) or gets a 401 problem (API);
  5. (the control) the allowed role on A's own records gets neither 404 nor 403,
and that no refused request changed a single row nor added to the audit log. A route added
tomorrow is covered by the same cases; one with a new path parameter fails until
tests/route_samples.py can make a record for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from argon2 import PasswordHasher
from litestar import Litestar, get
from litestar.exceptions import ImproperlyConfiguredException
from litestar.routes import HTTPRoute
from piccolo.conf.apps import Finder

from labour_democracy import db
from labour_democracy.app import create_app
from labour_democracy.core import accounts
from labour_democracy.core.permissions import (
    ADMINISTER,
    OWN_ACCOUNT,
    VIEW,
    Actor,
    MembershipGrant,
    Permission,
)
from labour_democracy.core.tables import Membership, Role, UpperUnion, User, Worker
from labour_democracy.manifest import Manifest, install, installed
from labour_democracy.modules import MODULES
from labour_democracy.unions.permissions import UPPER_UNION
from labour_democracy.web.auth import SAFE_METHODS, access_guard
from tests import factories
from tests.helpers import Browser
from tests.route_samples import SAMPLES

APP = create_app()
# Litestar answers OPTIONS (and HEAD for static files) itself; those handlers run no code of ours.
_AUTOMATIC_METHODS = frozenset({"OPTIONS", "HEAD"})
_PARAMETER = re.compile(r"\{(\w+)(?::\w+)?\}")
_EVERY_SIGNED_IN_ROLE = Permission("signed-in", frozenset(Role))


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    permission: Permission | None
    params: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def is_api(self) -> bool:
        return self.path.startswith("/api/")

    @property
    def in_enterprise(self) -> bool:
        return "enterprise_id" in self.params

    @property
    def effective_permission(self) -> Permission:
        """What the guard checks: the route's permission, else VIEW inside an enterprise."""
        if self.permission is not None:
            return self.permission
        return VIEW if self.in_enterprise else _EVERY_SIGNED_IN_ROLE

    def allows(self, role: Role) -> bool:
        return self.effective_permission.allows({role})

    def url(self, ids: dict[str, int]) -> str:
        return _PARAMETER.sub(lambda match: str(ids[match.group(1)]), self.path)


def walk(app: Litestar) -> list[Endpoint]:
    """Every method of every route that is neither public, nor static, nor the schema."""
    endpoints = []
    for route in app.routes:
        if not isinstance(route, HTTPRoute) or route.path.startswith(("/schema", "/static")):
            continue
        for handler in route.route_handlers:
            if handler.opt.get("public"):
                continue
            for method in sorted(set(handler.http_methods) - _AUTOMATIC_METHODS):
                endpoints.append(
                    Endpoint(
                        method,
                        route.path,
                        handler.opt.get("permission"),
                        tuple(_PARAMETER.findall(route.path)),
                    )
                )
    return sorted(endpoints, key=lambda e: (e.path, e.method))


ENDPOINTS = walk(APP)


async def sample_ids(endpoint: Endpoint, enterprise_id: int) -> dict[str, int]:
    ids = {}
    for name in endpoint.params:
        if name not in SAMPLES:
            pytest.fail(
                f"register a sample for path parameter {name} (route {endpoint}) "
                "in tests/route_samples.py"
            )
        ids[name] = await SAMPLES[name](enterprise_id)
    return ids


# The world: two enterprises in different provinces and one person per role. ---------------------

# Signing in verifies an argon2 hash; with the production cost that is 0.15 s per person and
# test. The walker's people get a cheap hash (the cost parameters live in the hash itself).
_CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
_CHEAP_HASH = _CHEAP_HASHER.hash(factories.PASSWORD)


@dataclass
class World:
    a: int
    b: int
    browser_for: object
    emails: dict[str, str]
    browsers: dict[str, Browser] = field(default_factory=dict)

    async def sign_in(self, *people: str) -> None:
        for who in people:
            if who not in self.browsers:
                self.browsers[who] = await self.browser_for(self.emails.get(who))


async def _person(
    email: str, role: Role, enterprise: int | None, province: int | None, upper_union=None
) -> None:
    user = User(email=email, full_name="Người thử", password_hash=_CHEAP_HASH)
    await user.save()
    await Membership(
        user=user.id, role=role, enterprise=enterprise, province=province, upper_union=upper_union
    ).save()


@pytest.fixture(scope="module")
def app():
    """One application for every case of this module (creating it costs more than a case)."""
    return APP


@pytest.fixture(scope="module")
async def pooled_connections():
    """Outside the app, PostgreSQL opens a connection per query; the snapshots make hundreds."""
    if db.is_sqlite():  # the suite swaps the SQLite file, and its pool, before every test
        yield
        return
    await db.engine().start_connection_pool(min_size=1, max_size=4)
    yield
    await db.close_pool()


@pytest.fixture
async def world(browser_for, monkeypatch, pooled_connections) -> World:
    monkeypatch.setattr(accounts, "_hasher", _CHEAP_HASHER)  # no re-hash at the default cost
    a = await factories.enterprise("Công ty A", province="24")
    b = await factories.enterprise("Công ty B", province="01")
    people = {
        "hr": ("hr@a.test", Role.HR, a, None),
        "union": ("union@a.test", Role.UNION, a, None),
        "federation": ("federation@a.test", Role.FEDERATION, None, "24"),
        "admin": ("admin@x.test", Role.ADMIN, None, None),
    }
    for email, role, enterprise, province in people.values():
        province_id = await factories.province_id(province) if province else None
        await _person(email, role, enterprise, province_id)
    # A commune union of A's province that neither enterprise belongs to, and the national
    # (VGCL) reader who sees every enterprise and changes none.
    union = UpperUnion(code="CD-X", name="Công đoàn xã X", province=await factories.province_id())
    await union.save()
    await _person("local@x.test", Role.LOCAL_UNION, None, None, union.id)
    await _person("national@x.test", Role.NATIONAL, None, None)
    people["local_union"] = ("local@x.test", Role.LOCAL_UNION, None, None)
    people["national"] = ("national@x.test", Role.NATIONAL, None, None)
    emails = {who: email for who, (email, *_) in people.items()}
    return World(a=a, b=b, browser_for=browser_for, emails=emails)


async def snapshot() -> dict[str, list[str]]:
    """Every row of every table, to prove that a refused request changed nothing."""
    rows = {}
    for table in Finder().get_table_classes():
        rows[table._meta.tablename] = sorted(repr(row) for row in await table.select())
    return rows


async def send(browser: Browser, endpoint: Endpoint, url: str):
    """The request a page or an API client would send: CSRF token, empty form or JSON object."""
    if endpoint.method in SAFE_METHODS:
        headers = {"accept": "application/json"} if endpoint.is_api else {}
        return await browser.get(url, headers=headers)
    headers = {"x-csrftoken": await browser.csrf()}
    if endpoint.is_api:
        headers["accept"] = "application/json"
        body = {"json": {}} if endpoint.method in ("POST", "PUT", "PATCH") else {}
    else:
        body = {"data": {}}
    return await browser.client.request(
        endpoint.method, url, headers=headers, follow_redirects=False, **body
    )


async def expect_refusal(
    world: World, who: str, endpoint: Endpoint, url: str, status: int, baseline: dict
) -> None:
    response = await send(world.browsers[who], endpoint, url)
    assert response.status_code == status, (
        f"{endpoint.method} {url} as {who}: expected {status}, got {response.status_code}"
    )
    if endpoint.is_api:
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["status"] == status
    elif status == 303:
        assert response.headers["location"].startswith("/login?next="), response.headers
    assert await snapshot() == baseline, f"{endpoint.method} {url} as {who} changed data"


def _refused_roles(endpoint: Endpoint) -> list[str]:
    roles = {"union": Role.UNION, "federation": Role.FEDERATION, "national": Role.NATIONAL}
    if not endpoint.in_enterprise:
        roles["hr"] = Role.HR  # admin-only routes refuse every enterprise role
        roles["local_union"] = Role.LOCAL_UNION
    return [who for who, role in roles.items() if not endpoint.allows(role)]


_ALLOWED_ANSWERS = {
    "GET": {200, 303},
    # An empty form or JSON object: refused as invalid, or (for a confirmation-only action
    # such as a delete) done.
    "unsafe": {200, 201, 204, 303, 400, 409, 422},
}


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
async def test_route_answers_only_within_scope_and_role(endpoint: Endpoint, world: World):
    own = await sample_ids(endpoint, world.a)
    others = await sample_ids(endpoint, world.b)
    refusals = []  # (who, url, status)
    if endpoint.in_enterprise:
        refusals.append(("hr", endpoint.url(others), 404))
        # B lies outside the federation officer's province: not even visible.
        refusals.append(("federation", endpoint.url(others), 404))
        # Neither lies under the local union officer's commune union.
        refusals.append(("local_union", endpoint.url(own), 404))
        if len(endpoint.params) > 1:
            refusals.append(("hr", endpoint.url({**others, "enterprise_id": world.a}), 404))
    refusals += [(who, endpoint.url(own), 403) for who in _refused_roles(endpoint)]
    if endpoint.in_enterprise and len(endpoint.params) > 1:
        # B's record is 404 even to a role the route refuses, so a 403 cannot confirm it exists.
        mixed = endpoint.url({**others, "enterprise_id": world.a})
        refusals += [(who, mixed, 404) for who in _refused_roles(endpoint)]
    refusals.append(("anonymous", endpoint.url(own), 401 if endpoint.is_api else 303))
    allowed = "hr" if endpoint.allows(Role.HR) else "admin"

    # Signing in writes last_login_at, so everyone signs in before the baseline is taken.
    await world.sign_in(allowed, *(who for who, _, _ in refusals))
    baseline = await snapshot()
    for who, url, status in refusals:
        await expect_refusal(world, who, endpoint, url, status, baseline)

    response = await send(world.browsers[allowed], endpoint, endpoint.url(own))
    answers = _ALLOWED_ANSWERS["GET" if endpoint.method in SAFE_METHODS else "unsafe"]
    assert response.status_code in answers, (
        f"{endpoint} as {allowed} on its own records: {response.status_code} {response.text[:300]}"
    )


# The walker itself. --------------------------------------------------------------------------


def test_the_walker_sees_the_core_routes():
    seen = {str(endpoint) for endpoint in ENDPOINTS}
    assert {
        "GET /enterprises/{enterprise_id:int}",
        "POST /enterprises/{enterprise_id:int}/workers/{worker_id:int}/delete",
        "PUT /api/v1/enterprises/{enterprise_id:int}/org-units/{unit_id:int}",
        "DELETE /api/v1/enterprises/{enterprise_id:int}/workers/{worker_id:int}",
        "POST /admin/users/{user_id:int}/memberships/{membership_id:int}/delete",
    } <= seen
    assert not any(e.path.startswith(("/login", "/static", "/schema")) for e in ENDPOINTS)


def test_every_path_parameter_has_a_sample():
    missing = sorted({name for e in ENDPOINTS for name in e.params} - SAMPLES.keys())
    assert not missing, (
        f"register a sample for path parameter {', '.join(missing)} in tests/route_samples.py"
    )


async def test_a_route_with_an_unknown_path_parameter_fails_the_walker():
    @get("/enterprises/{enterprise_id:int}/gadgets/{gadget_id:int}", sync_to_thread=False)
    def gadget() -> None:
        return None

    (endpoint,) = walk(Litestar(route_handlers=[gadget], openapi_config=None))
    with pytest.raises(pytest.fail.Exception, match="register a sample for path parameter gadget"):
        await sample_ids(endpoint, 1)


def test_every_unsafe_route_names_its_permission():
    unnamed = [
        str(endpoint)
        for endpoint in ENDPOINTS
        if endpoint.method not in SAFE_METHODS and endpoint.permission is None
    ]
    assert not unnamed


# The federation's own acts (issue 17): its register, the facts it reports, its reminders and
# notes of visits; the enterprise's own records stay read-only to it.
# The federation's own acts; "agreements.grading": its province's criteria for grading
# agreements (agreements/criteria.py narrows the write to the officer's own province).
FEDERATION_ACTS = {"compliance.act", "compliance.register", "agreements.grading"}


def test_federation_officers_never_write_to_an_enterprise():
    writes = [e for e in ENDPOINTS if e.in_enterprise and e.method not in SAFE_METHODS]
    assert writes
    assert not [
        str(e)
        for e in writes
        if e.allows(Role.FEDERATION) and e.effective_permission.name not in FEDERATION_ACTS
    ]


def test_the_national_reader_never_writes():
    """Beyond its own account (what every role may do), the national reader changes nothing."""
    writes = [e for e in ENDPOINTS if e.method not in SAFE_METHODS]
    every_role = [e for e in writes if all(e.allows(role) for role in Role)]
    assert not [str(e) for e in writes if e.allows(Role.NATIONAL) and e not in every_role]


async def test_the_guard_refuses_an_unsafe_route_without_a_permission():
    actor = Actor(id=1, email="hr@a.test", full_name="HR", grants=(MembershipGrant(Role.HR, 1),))
    connection = SimpleNamespace(
        scope={"user": actor, "method": "POST", "path": "/anything"},
        path_params={},
        query_params={},
    )
    with pytest.raises(ImproperlyConfiguredException, match="names no permission"):
        await access_guard(connection, SimpleNamespace(opt={}))


def test_outside_an_enterprise_only_administrators_and_account_owners_write():
    """... and the upper-level union (issue 15): a federation officer appoints a campaign
    committee and recognises a union (Trade Union Law 50/2024/QH15, Arts. 4(2), 19(5)) on the
    federation's own pages, each of which checks the enterprise is in the officer's province
    (unions/federation.upper_union_context; tests/unions)."""
    outside = [e for e in ENDPOINTS if not e.in_enterprise and e.method not in SAFE_METHODS]
    allowed = (ADMINISTER, OWN_ACCOUNT, UPPER_UNION)
    assert [
        str(e)
        for e in outside
        if e.permission not in allowed and e.effective_permission.name not in FEDERATION_ACTS
    ] == []
    upper = [str(e) for e in outside if e.permission is UPPER_UNION]
    assert all(path.split()[1].startswith("/federation/unions/") for path in upper)


def test_a_path_parameter_names_the_same_table_in_every_module():
    clash = Manifest(name="clash", piccolo_app="", path_records={"unit_id": Worker})
    with pytest.raises(ValueError, match="claimed by core and clash"):
        install([*MODULES, clash])
    assert installed() == MODULES  # the refused list was not installed
