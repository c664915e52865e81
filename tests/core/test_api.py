"""The JSON API: the same use cases as the pages, problem details for every refusal."""

from __future__ import annotations

import pytest

from labour_democracy.core.tables import AuditEntry, OrgUnit, Role, Worker
from tests import factories

PROBLEM = "application/problem+json"


@pytest.fixture
async def world(browser_for):
    enterprise_id = await factories.enterprise("Công ty May Sông Hồng")
    other_id = await factories.enterprise("Công ty Cơ khí Đông Á", province="01")
    await factories.english_user("hr@a.vn", Role.HR, enterprise_id)
    await factories.english_user("union@a.vn", Role.UNION, enterprise_id)
    hr = await browser_for("hr@a.vn")
    hr.base = f"/api/v1/enterprises/{enterprise_id}"
    hr.enterprise_id, hr.other_id = enterprise_id, other_id
    hr.union = await browser_for("union@a.vn")
    return hr


def _worker(**changes) -> dict:
    return {
        "employee_code": "NV0001",
        "full_name": "Nguyễn Thị Lan",
        "gender": "female",
        "contract_type": "indefinite",
        "start_date": "2024-03-01",
        "union_member": True,
        **changes,
    }


def _assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status
    assert body["title"] and body["detail"] and body["type"] == "about:blank"
    return body


async def test_a_signed_out_client_gets_a_401_problem(client):
    response = await client.get("/api/v1/enterprises")
    _assert_problem(response, 401)


async def test_another_enterprise_is_a_404_problem(world):
    body = _assert_problem(await world.api("GET", f"/api/v1/enterprises/{world.other_id}"), 404)
    assert body["detail"] == "This page or record does not exist, or is not yours to see."


async def test_an_action_beyond_the_role_is_a_403_problem(world):
    response = await world.union.api("POST", f"{world.base}/workers", _worker())
    body = _assert_problem(response, 403)
    assert body["detail"] == "Your role does not allow this action."
    assert await Worker.count() == 0


async def test_a_bad_enum_and_a_bad_date_are_refused_field_by_field_and_nothing_is_written(world):
    response = await world.api(
        "POST",
        f"{world.base}/workers",
        _worker(gender="woman", contract_type="forever", start_date="2026-02-31", union_member=2),
    )
    body = _assert_problem(response, 422)
    assert body["errors"] == {
        "gender": "Choose one of the options offered.",
        "contract_type": "Choose one of the options offered.",
        "start_date": "Enter a date as dd/mm/yyyy.",
        "union_member": "Choose yes or no.",
    }
    assert await Worker.count() == 0 and await AuditEntry.count() == 0


async def test_a_missing_required_field_and_a_wrong_type_are_named(world):
    response = await world.api(
        "POST", f"{world.base}/org-units", {"kind": "team", "parent": "the sewing floor"}
    )
    body = _assert_problem(response, 422)
    assert body["errors"] == {
        "name": "This field is required.",
        "parent": "Enter a whole number.",
    }
    assert await OrgUnit.count() == 0


async def test_a_body_that_is_not_a_json_object_is_a_400_problem(world):
    headers = {"x-csrftoken": await world.csrf(), "accept": "application/json"}
    for content in (b"{not json", b"[1, 2]"):
        response = await world.client.post(
            f"{world.base}/org-units",
            content=content,
            headers={**headers, "content-type": "application/json"},
        )
        _assert_problem(response, 400)
    assert await OrgUnit.count() == 0


async def test_a_domain_rule_comes_back_as_a_422_problem_with_the_field(world):
    await world.api("POST", f"{world.base}/workers", _worker())
    response = await world.api("POST", f"{world.base}/workers", _worker(full_name="Người khác"))
    body = _assert_problem(response, 422)
    assert body["errors"] == {"employee_code": "Another worker already has this employee code."}
    assert await Worker.count() == 1


async def test_a_conflict_is_a_409_problem(world):
    parent = (await world.api("POST", f"{world.base}/org-units", {"name": "Xưởng may"})).json()
    await world.api("POST", f"{world.base}/org-units", {"name": "Tổ 1", "parent": parent["id"]})
    response = await world.api("DELETE", f"{world.base}/org-units/{parent['id']}")
    body = _assert_problem(response, 409)
    assert body["detail"] == "Move or delete its sub-units first."
    assert await OrgUnit.count() == 2


async def test_the_api_creates_reads_changes_and_removes_a_worker(world):
    created = await world.api("POST", f"{world.base}/workers", _worker())
    assert created.status_code == 201
    worker_id = created.json()["id"]
    url = f"{world.base}/workers/{worker_id}"
    read = (await world.api("GET", url)).json()
    assert read["full_name"] == "Nguyễn Thị Lan" and read["start_date"] == "2024-03-01"
    changed = await world.api("PUT", url, _worker(position="Tổ trưởng", start_date="01/02/2024"))
    assert changed.status_code == 200
    assert changed.json()["position"] == "Tổ trưởng"
    assert changed.json()["start_date"] == "2024-02-01"
    assert (await world.api("DELETE", url)).status_code == 204
    assert await Worker.count() == 0
    actions = [row["action"] for row in await AuditEntry.select(AuditEntry.action)]
    assert actions == ["worker.created", "worker.updated", "worker.deleted"]


async def test_the_api_lists_the_roster_with_the_pages_filters(world):
    await factories.worker(world.enterprise_id, "Nguyễn Thị Lan", union_member=True)
    await factories.worker(world.enterprise_id, "Phạm Đức Thắng", union_member=False)
    listing = (await world.api("GET", f"{world.base}/workers?q=duc&union_member=no")).json()
    assert listing["total"] == 1
    assert [item["full_name"] for item in listing["items"]] == ["Phạm Đức Thắng"]
    bad = await world.api("GET", f"{world.base}/workers?page=second")
    assert _assert_problem(bad, 422)["errors"] == {"page": "Enter a whole number."}


async def test_the_api_lists_only_the_enterprises_in_scope(world):
    listing = (await world.api("GET", "/api/v1/enterprises")).json()
    assert [item["name"] for item in listing["items"]] == ["Công ty May Sông Hồng"]
    profile = (await world.api("GET", world.base)).json()
    assert profile["tax_code"] and profile["workforce"] == 0


async def test_the_page_and_the_api_refuse_the_same_input_in_the_same_words(world):
    bad = {"email": "lan@may", "phone": "12", "nationality": "Vietnam"}
    response = await world.api("POST", f"{world.base}/workers", _worker(**bad))
    api_errors = _assert_problem(response, 422)["errors"]
    page_form = {**_worker(**bad), "union_member": "on", "start_date": "01/03/2024"}
    page = await world.post(f"/enterprises/{world.enterprise_id}/workers/new", page_form)
    assert page.status_code == 422
    assert set(api_errors) == {"email", "phone", "nationality"}
    for field, message in api_errors.items():
        assert f'id="{field}-error">{message}</p>' in page.text
    # A rule of the form itself (a date that does not exist) reads the same too.
    response = await world.api("POST", f"{world.base}/workers", _worker(start_date="31/02/2024"))
    message = _assert_problem(response, 422)["errors"]["start_date"]
    page_form = {
        **page_form,
        "start_date": "31/02/2024",
        "email": "",
        "phone": "",
        "nationality": "VN",
    }
    page = await world.post(f"/enterprises/{world.enterprise_id}/workers/new", page_form)
    assert f'id="start_date-error">{message}</p>' in page.text
    assert await Worker.count() == 0


async def test_the_schema_documents_the_api_and_its_bodies(client):
    response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "labour-democracy API"
    paths = document["paths"]
    assert {
        "/api/v1/enterprises",
        "/api/v1/enterprises/{enterprise_id}",
        "/api/v1/enterprises/{enterprise_id}/org-units/{unit_id}",
        "/api/v1/enterprises/{enterprise_id}/workers/{worker_id}",
    } <= set(paths)
    body = paths["/api/v1/enterprises/{enterprise_id}/workers"]["post"]["requestBody"]
    schema = body["content"]["application/json"]["schema"]
    assert {"employee_code", "full_name", "gender", "contract_type"} <= set(schema["required"])
    assert "female" in str(schema["properties"]["gender"])
