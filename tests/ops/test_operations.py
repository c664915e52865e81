"""Operations: health and readiness, the JSON access log, errors named by request id."""

from __future__ import annotations

import json
import logging

import pytest

from labour_democracy.web import health
from labour_democracy.web.access_log import access_log


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[dict] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(record.getMessage()))


@pytest.fixture
def access_lines():
    handler = Lines()
    access_log.addHandler(handler)
    yield handler.lines
    access_log.removeHandler(handler)


async def test_healthz_answers_anyone(client):
    response = await client.get("/healthz")
    assert response.status_code == 200 and response.text == "ok"


async def test_readyz_is_ready_on_a_migrated_database(client):
    response = await client.get("/readyz")
    assert response.status_code == 200, response.text
    assert response.json() == {"ready": True, "database": "ok"}


async def test_readyz_refuses_while_a_migration_is_not_applied(client, monkeypatch):
    known = health.known_migrations() | {("core", "2099-01-01T00:00:00:000000")}
    monkeypatch.setattr(health, "known_migrations", lambda: known)
    response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"ready": False, "database": "ok", "pending_migrations": 1}


async def test_readyz_refuses_when_the_database_does_not_answer(client, monkeypatch):
    class Broken:
        async def run_querystring(self, *args, **kwargs):
            raise OSError("connection refused")

    monkeypatch.setattr(health.db, "engine", lambda: Broken())
    response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"ready": False, "database": "unreachable"}
    assert "connection refused" not in response.text


async def test_the_access_log_names_the_route_never_the_code_nor_the_query(client, access_lines):
    response = await client.get("/V/ABCD-EFGH-JKMN?secret=hunter2", headers={"cookie": "a=b"})
    assert access_lines, "no access line written"
    line = access_lines[-1]
    assert line["route"] == "/V/{code}" and line["method"] == "GET"
    assert line["status"] == response.status_code
    assert line["request_id"] == response.headers["x-request-id"]
    assert isinstance(line["duration_ms"], float)
    text = json.dumps(access_lines)
    assert "ABCD" not in text and "hunter2" not in text and "secret" not in text
    assert set(line) == {"time", "request_id", "method", "route", "status", "duration_ms"}


async def test_an_address_no_route_matches_is_not_logged_as_typed(client, access_lines):
    await client.get("/p/some-private-token/nothing")
    assert access_lines[-1]["route"] == "(no route)"
    assert access_lines[-1]["status"] == 404


async def test_the_proxy_request_id_is_kept_when_well_formed(client, access_lines):
    given = await client.get("/healthz", headers={"x-request-id": "nginx-0123456789abcdef"})
    assert given.headers["x-request-id"] == "nginx-0123456789abcdef"
    forged = await client.get("/healthz", headers={"x-request-id": "bad id\n{json}"})
    assert forged.headers["x-request-id"] != "bad id\n{json}"
    assert [line["request_id"] for line in access_lines[-2:]] == [
        "nginx-0123456789abcdef",
        forged.headers["x-request-id"],
    ]


async def test_an_application_error_is_logged_with_the_request_id(
    browser_for, monkeypatch, caplog, access_lines
):
    from labour_democracy.voting import voters

    async def fail(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(voters, "resolve_code", fail)
    response = await (await browser_for()).get("/V/ABCD-EFGH-JKMN")
    assert response.status_code == 500
    request_id = response.headers["x-request-id"]
    errors = [r.getMessage() for r in caplog.records if r.name == "labour_democracy"]
    assert any(f"[request {request_id}]" in message for message in errors), errors
    assert access_lines[-1] == {**access_lines[-1], "request_id": request_id, "status": 500}
