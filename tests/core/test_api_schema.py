"""The API's OpenAPI schema documents its error answers, and the answers match it."""

from __future__ import annotations

import msgspec

from labour_democracy.core.api import Problem
from labour_democracy.core.tables import Role
from tests import factories


async def test_every_api_operation_documents_its_problem_answers(browser_for):
    browser = await browser_for()
    schema = (await browser.get("/schema/openapi.json")).json()
    operations = [
        (path, method, operation)
        for path, item in schema["paths"].items()
        if path.startswith("/api/")
        for method, operation in item.items()
        if method in ("get", "post", "put", "delete")
    ]
    assert len(operations) >= 13
    for path, method, operation in operations:
        for status in ("400", "401", "403", "404", "422"):
            content = operation["responses"][status]["content"]
            assert content["application/problem+json"]["schema"] == {
                "$ref": "#/components/schemas/Problem"
            }, (path, method, status)
        if method in ("post", "put", "delete"):
            assert "409" in operation["responses"], (path, method)
    assert set(schema["components"]["schemas"]["Problem"]["required"]) == {
        "type",
        "title",
        "status",
        "detail",
    }


async def test_a_refused_api_request_answers_the_documented_problem(browser_for):
    enterprise = await factories.enterprise()
    await factories.user("hr@a.vn", Role.HR, enterprise)
    hr = await browser_for("hr@a.vn")
    answers = [
        await hr.get(
            f"/api/v1/enterprises/{enterprise}/workers",
            params={"q": "x" * 5000},
            headers={"accept": "application/json"},
        ),
        await hr.client.post(
            f"/api/v1/enterprises/{enterprise}/workers",
            json={"full_name": 5},
            headers={"accept": "application/json", "x-csrftoken": await hr.csrf()},
        ),
        await (await browser_for()).get("/api/v1/enterprises"),
    ]
    assert [a.status_code for a in answers] == [422, 422, 401]
    for answer in answers:
        assert answer.headers["content-type"].startswith("application/problem+json")
        problem = msgspec.json.decode(answer.content, type=Problem)
        assert problem.status == answer.status_code and problem.detail
    assert "q" in answers[0].json()["errors"] and "employee_code" in answers[1].json()["errors"]
