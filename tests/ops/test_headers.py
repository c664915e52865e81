"""Security headers and the request id on every page of the route walk, errors included."""

from __future__ import annotations

import re

import pytest
from litestar.routes import HTTPRoute

from labour_democracy.app import create_app
from labour_democracy.core.tables import Role
from labour_democracy.web import headers
from tests import factories
from tests.route_samples import SAMPLES

_PARAMETER = re.compile(r"\{(\w+)(?::\w+)?\}")


def _get_routes() -> list[str]:
    paths = set()
    for route in create_app().routes:
        if not isinstance(route, HTTPRoute):
            continue
        if any("GET" in handler.http_methods for handler in route.route_handlers):
            paths.add(route.path)
    return sorted(paths)


def _check(response, production: bool = False) -> None:
    where = f"{response.request.method} {response.request.url} ({response.status_code})"
    policy = response.headers.get("content-security-policy", "")
    assert "frame-ancestors 'none'" in policy, where
    if not response.request.url.path.startswith("/schema"):
        assert "script-src 'self';" in policy and "unsafe" not in policy, where
    assert response.headers.get("x-content-type-options") == "nosniff", where
    assert response.headers.get("referrer-policy") == "same-origin", where
    assert response.headers.get("x-frame-options") == "DENY", where
    assert re.fullmatch(r"[0-9a-f]{16}", response.headers.get("x-request-id", "")), where
    assert ("strict-transport-security" in response.headers) == production, where


async def test_every_page_of_the_route_walk_carries_the_security_headers(browser_for):
    enterprise = await factories.enterprise()
    await factories.english_user("admin@headers.vn", Role.ADMIN)
    admin = await browser_for("admin@headers.vn", factories.PASSWORD)
    anonymous = await browser_for()
    seen, ids = 0, {}
    for path in _get_routes():
        for name in _PARAMETER.findall(path):
            if name not in ids:
                ids[name] = await SAMPLES[name](enterprise) if name in SAMPLES else "unknown"
        url = _PARAMETER.sub(lambda match: str(ids[match.group(1)]), path)
        url = url.replace("{file_path}", "app.css")
        for who in (admin, anonymous):
            _check(await who.get(url, follow_redirects=False))
            seen += 1
    assert seen > 100
    for who in (admin, anonymous):  # an address no route matches, a refused method
        _check(await who.get("/no/such/page"))
        _check(await who.client.delete("/login"))


async def test_production_adds_hsts(monkeypatch, browser_for):
    from labour_democracy import app as app_module

    application = app_module.create_app()
    application.production = True
    from litestar.testing import AsyncTestClient

    async with AsyncTestClient(app=application, base_url="https://testserver.local") as client:
        _check(await client.get("/login"), production=True)
        assert (
            "max-age=63072000"
            in (await client.get("/healthz")).headers["strict-transport-security"]
        )


@pytest.mark.parametrize("path", ["/schema/swagger", "/login"])
def test_the_policies_name_no_inline_script_for_pages(path):
    policy = dict(headers.security_headers(path, production=False))[b"content-security-policy"]
    assert (b"'unsafe-inline'" in policy) == path.startswith("/schema")
    assert b"'unsafe-eval'" not in policy


def test_no_template_has_inline_script_or_style():
    from labour_democracy.settings import get_settings

    root = get_settings().html_templates
    for template in root.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        where = template.relative_to(root)
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), f"inline <script> in {where}"
        assert not re.search(r"\son[a-z]+\s*=", text), f"on...= attribute in {where}"
        assert not re.search(r"\shx-on[:-]", text), f"hx-on (needs eval) in {where}"
        assert not re.search(r"\sstyle\s*=", text), f"style= attribute in {where}"
        assert "<style" not in text, f"<style> element in {where}"
