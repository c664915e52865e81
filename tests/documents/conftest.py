"""Shared pieces of the document tests: a rendered notice read back, and template overrides."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import docx
import pytest

from labour_democracy.documents import engine
from labour_democracy.notices.documents import TEMPLATE, sample_context
from labour_democracy.settings import get_settings


def read(content: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(content))


@pytest.fixture
def notice_context() -> dict:
    return sample_context()


@pytest.fixture
def rendered_notice(notice_context) -> bytes:
    return engine.render_sync(TEMPLATE, notice_context)


@pytest.fixture
def template_dir(tmp_path, monkeypatch) -> Path:
    """An LD_TEMPLATE_DIR for this test: `<it>/documents/...` overrides the shipped files."""
    settings = dataclasses.replace(get_settings(), template_dir=tmp_path)
    monkeypatch.setattr(engine, "get_settings", lambda: settings)
    (tmp_path / "documents").mkdir()
    return tmp_path
