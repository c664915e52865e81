"""Rules every page template keeps, checked on the sources (so a template merged later is
covered): a table scrolls inside its own frame on a phone instead of widening the page."""

from __future__ import annotations

import re

import pytest

from labour_democracy.settings import _template_root

TEMPLATE_DIR = _template_root()

pytestmark = pytest.mark.unit

PAGES = sorted(p for p in TEMPLATE_DIR.rglob("*.html"))


def test_the_templates_are_found():
    assert len(PAGES) > 50


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(TEMPLATE_DIR)))
def test_every_table_is_inside_a_scrolling_frame(path):
    source = path.read_text(encoding="utf-8")
    tables = len(re.findall(r"<table\b", source))
    frames = len(re.findall(r"class=\"[^\"]*\btable-wrap\b", source))
    assert tables <= frames, (
        f'{path.name}: wrap each <table> in <div class="table-wrap"> (a 360-px phone '
        "scrolls the table, not the page)"
    )


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(TEMPLATE_DIR)))
def test_no_template_relies_on_an_inline_script(path):
    """The Content-Security-Policy (web/headers.py) blocks inline handlers: a confirmation
    written as onsubmit="return confirm(...)" never asks (the slips were reprinted unasked)."""
    source = path.read_text(encoding="utf-8")
    assert not re.search(r"\son[a-z]+\s*=", source), f"{path.name}: inline event handler"
