"""PDF copies through LibreOffice: converted when soffice exists, a clear refusal otherwise."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from labour_democracy.documents import engine, pdf
from labour_democracy.i18n import language
from labour_democracy.notices.documents import TEMPLATE
from labour_democracy.settings import get_settings
from tests.helpers import require_tool


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    settings = dataclasses.replace(get_settings(), data_dir=tmp_path)
    monkeypatch.setattr(pdf, "get_settings", lambda: settings)
    return tmp_path / "pdf-cache"


@pytest.mark.pdf
async def test_a_notice_converts_to_a_pdf_and_the_copy_is_kept(rendered_notice, fresh_cache):
    require_tool("soffice", "PDF copies of documents need LibreOffice")
    content = await pdf.to_pdf(rendered_notice)
    assert content.startswith(b"%PDF-")
    assert len(list(fresh_cache.glob("*.pdf"))) == 1
    assert await pdf.to_pdf(rendered_notice) == content  # from the cache


@pytest.mark.pdf
async def test_parallel_conversions_each_get_their_own_profile(notice_context, fresh_cache):
    require_tool("soffice", "PDF copies of documents need LibreOffice")
    sources = [
        engine.render_sync(TEMPLATE, {**notice_context, "summary": f"Bản {i}"}) for i in range(3)
    ]
    results = await asyncio.gather(*(pdf.to_pdf(source) for source in sources))
    assert all(result.startswith(b"%PDF-") for result in results)
    assert len(set(results)) == 3


async def test_without_soffice_the_refusal_says_why_and_what_to_do(
    rendered_notice, fresh_cache, monkeypatch
):
    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    assert not pdf.is_available()
    with language("en"), pytest.raises(pdf.PdfUnavailable, match="LibreOffice is not installed"):
        await pdf.to_pdf(rendered_notice)


async def test_a_conversion_that_writes_no_pdf_is_an_error(rendered_notice, fresh_cache, tmp_path):
    silent = tmp_path / "soffice"
    silent.write_text("#!/bin/sh\nexit 0\n")  # exits 0 and writes nothing, as soffice can
    silent.chmod(0o755)
    with language("en"), pytest.raises(pdf.PdfUnavailable, match="could not convert"):
        await pdf._convert(str(silent), rendered_notice)


async def test_a_hung_conversion_is_stopped(rendered_notice, fresh_cache, tmp_path, monkeypatch):
    hung = tmp_path / "soffice"
    hung.write_text("#!/bin/sh\nsleep 30\n")
    hung.chmod(0o755)
    monkeypatch.setattr(pdf, "TIMEOUT_SECONDS", 0.5)
    with language("en"), pytest.raises(pdf.PdfUnavailable, match="took too long"):
        await pdf._convert(str(hung), rendered_notice)


@pytest.mark.unit
def test_ld_soffice_names_the_program(tmp_path, monkeypatch):
    program = tmp_path / "my-soffice"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    settings = dataclasses.replace(get_settings(), soffice=str(program))
    monkeypatch.setattr(pdf, "get_settings", lambda: settings)
    assert pdf.soffice_path() == str(program)
    missing = dataclasses.replace(settings, soffice=str(tmp_path / "absent"))
    monkeypatch.setattr(pdf, "get_settings", lambda: missing)
    assert pdf.soffice_path() is None
