"""The page arithmetic every list shares (core.schemas)."""

from __future__ import annotations

import pytest

from labour_democracy.core.schemas import Page, PageOut, clamp_page, page_count


@pytest.mark.parametrize(
    ("total", "pages"), [(0, 1), (1, 1), (19, 1), (20, 1), (21, 2), (40, 2), (41, 3)]
)
def test_a_list_fills_its_pages_and_an_empty_one_has_one(total, pages):
    assert page_count(total, 20) == pages
    assert Page(rows=[], total=total, page=1, per_page=20).pages == pages


@pytest.mark.parametrize(
    ("asked", "shown"), [(-5, 1), (0, 1), (1, 1), (2, 2), (3, 3), (4, 3), (10**9, 3)]
)
def test_a_page_outside_the_list_shows_the_nearest_one(asked, shown):
    assert clamp_page(asked, 41, 20) == shown


def test_an_empty_list_shows_its_one_page():
    assert clamp_page(5, 0, 20) == 1


def test_an_api_page_carries_the_pages_figures_and_its_items():
    found = Page(rows=[{"id": 1}], total=21, page=2, per_page=20)
    assert PageOut.of(found, ["one"]) == PageOut(total=21, page=2, per_page=20, items=["one"])
