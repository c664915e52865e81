"""QR codes and links point where the app is served: `serve --port 8101` prints port 8101 unless
LD_BASE_URL says otherwise, and the pages that print codes warn when the printed address is not
the one the page was opened at."""

from __future__ import annotations

import dataclasses

import pytest
import uvicorn
from click.testing import CliRunner

from labour_democracy import cli
from labour_democracy.core.tables import Role
from labour_democracy.settings import get_settings, served_base_url
from labour_democracy.web import addresses
from tests import factories


@pytest.mark.unit
@pytest.mark.parametrize(
    ("host", "port", "expected"),
    [
        ("127.0.0.1", 8101, "http://127.0.0.1:8101"),
        ("0.0.0.0", 8000, "http://127.0.0.1:8000"),
        ("ld.example.vn", 80, "http://ld.example.vn:80"),
        ("::1", 9000, "http://[::1]:9000"),
    ],
)
def test_the_default_base_address_is_where_the_server_answers(host, port, expected):
    assert served_base_url(host, port) == expected


def _serve(monkeypatch, configured: str | None, *arguments: str) -> str:
    """Run `serve` without starting a server, LD_BASE_URL set to `configured` or unset."""
    monkeypatch.setenv("LD_BASE_URL", "placeholder")  # whatever it was comes back afterwards
    if configured is None:
        monkeypatch.delenv("LD_BASE_URL")
    else:
        monkeypatch.setenv("LD_BASE_URL", configured)
    started = {}
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: started.update(k))

    def settings():
        import os

        real = get_settings()
        return dataclasses.replace(real, base_url=os.environ.get("LD_BASE_URL", real.base_url))

    settings.cache_clear = lambda: None
    monkeypatch.setattr(cli, "get_settings", settings)
    result = CliRunner().invoke(cli.main, ["serve", *arguments])
    assert result.exit_code == 0, result.output
    assert started["port"] == int(arguments[-1])
    return result.output


def test_serve_on_another_port_prints_that_port(monkeypatch):
    output = _serve(monkeypatch, None, "--port", "8101")
    assert "Printed QR codes and links point to http://127.0.0.1:8101" in output


def test_a_configured_base_address_is_kept(monkeypatch):
    output = _serve(monkeypatch, "https://ld.example.vn", "--port", "8101")
    assert "point to https://ld.example.vn (LD_BASE_URL)" in output


async def test_the_poster_warns_when_printed_codes_would_point_elsewhere(browser_for, monkeypatch):
    enterprise = await factories.enterprise()
    await factories.user("union@a.vn", Role.UNION, enterprise)
    union = await browser_for("union@a.vn")
    here = get_settings()
    monkeypatch.setattr(
        addresses,
        "get_settings",
        lambda: dataclasses.replace(here, base_url="http://10.0.0.5:8000"),
    )
    page = await union.get(f"/enterprises/{enterprise}/public-page")
    assert "data-base-url-warning" in page.text and "http://10.0.0.5:8000" in page.text
    monkeypatch.setattr(
        addresses,
        "get_settings",
        lambda: dataclasses.replace(here, base_url="http://testserver.local"),
    )
    page = await union.get(f"/enterprises/{enterprise}/public-page")
    assert "data-base-url-warning" not in page.text
