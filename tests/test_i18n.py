"""Languages: dates and numbers by locale, the language switch, catalogues compiled or not."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from labour_democracy import i18n
from labour_democracy.core.tables import Role, User
from labour_democracy.web.templating import build_environment
from tests import factories

NARROW_NO_BREAK_SPACE = "\u202f"  # Babel's French group separator
JANUARY_5 = dt.date(2026, 1, 5)


@pytest.mark.parametrize(
    ("language", "short", "long"),
    [
        ("vi", "05/01/2026", "ngày 05 tháng 01 năm 2026"),
        ("en", "5 Jan 2026", "5 January 2026"),
        ("fr", "05/01/2026", "5 janvier 2026"),
    ],
)
@pytest.mark.unit
def test_dates_follow_the_language(language, short, long):
    with i18n.language(language):
        assert i18n.format_date(JANUARY_5) == short
        assert i18n.format_date(JANUARY_5, "long") == long


@pytest.mark.unit
def test_a_vietnamese_date_keeps_the_leading_zeros_of_day_and_month_up_to_october():
    with i18n.language("vi"):
        assert i18n.format_date(dt.date(2026, 10, 9), "long") == "ngày 09 tháng 10 năm 2026"
        assert i18n.format_date(dt.date(2026, 12, 31), "long") == "ngày 31 tháng 12 năm 2026"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("vi", "08:30 05/01/2026"), ("en", "5 Jan 2026, 08:30"), ("fr", "05/01/2026 08:30")],
)
@pytest.mark.unit
def test_times_are_shown_in_vietnam_time(language, expected):
    stored = dt.datetime(2026, 1, 5, 1, 30, tzinfo=dt.UTC)
    with i18n.language(language):
        assert i18n.format_datetime(stored) == expected
        assert i18n.format_datetime(stored.replace(tzinfo=None)) == expected  # naive means UTC


@pytest.mark.parametrize(
    ("language", "whole", "decimal"),
    [
        ("vi", "1.234.567", "1.234,5"),
        ("en", "1,234,567", "1,234.5"),
        ("fr", f"1{NARROW_NO_BREAK_SPACE}234{NARROW_NO_BREAK_SPACE}567", "1\u202f234,5"),
    ],
)
@pytest.mark.unit
def test_numbers_follow_the_language(language, whole, decimal):
    with i18n.language(language):
        assert i18n.format_number(1_234_567) == whole
        assert i18n.format_number(1234.5) == decimal


@pytest.mark.parametrize(
    ("language", "one_decimal", "whole"),
    [("vi", "50,5%", "67%"), ("en", "50.5%", "67%"), ("fr", "50,5\u00a0%", "67\u00a0%")],
)
@pytest.mark.unit
def test_percentages_follow_the_language(language, one_decimal, whole):
    with i18n.language(language):
        assert i18n.format_percentage(0.505) == one_decimal
        assert i18n.format_percentage(2 / 3, digits=0) == whole


@pytest.mark.unit
def test_an_unknown_language_falls_back_to_the_default_vietnamese():
    with i18n.language("de"):
        assert i18n.current_language() == "vi"
        assert i18n.gettext("Sign in") == "Đăng nhập"


@pytest.mark.unit
def test_templates_translate_with_placeholders_and_format_dates_by_language():
    template = build_environment().from_string(
        "{{ _('Page %(page)s of %(pages)s', page=2, pages=7) }} | {{ day | date('long') }}"
    )
    with i18n.language("vi"):
        assert template.render(day=JANUARY_5) == "Trang 2/7 | ngày 05 tháng 01 năm 2026"
    with i18n.language("fr"):
        assert template.render(day=JANUARY_5) == "Page 2 sur 7 | 5 janvier 2026"


@pytest.mark.unit
def test_a_filter_of_a_literal_follows_the_language_of_each_render():
    # Jinja folds a filter of a constant at compile time unless the filter takes the context;
    # the first render's language must not stick to the template.
    template = build_environment().from_string("{{ 'female' | label }} {{ 1234.5 | number }}")
    with i18n.language("vi"):
        first = template.render()
    with i18n.language("fr"):
        assert template.render() == f"Femme 1{NARROW_NO_BREAK_SPACE}234,5"
    with i18n.language("en"):
        assert template.render() == "Female 1,234.5"
    assert first.startswith("Nữ ")


def _write_catalogue(po_path, translation: str, compile_too: bool = False) -> None:
    catalogue = Catalog(locale="vi", domain=po_path.stem, fuzzy=False)
    catalogue.add("Sign in", translation)
    with po_path.open("wb") as po:
        write_po(po, catalogue)
    if compile_too:
        with po_path.with_suffix(".mo").open("wb") as mo:
            write_mo(mo, catalogue)


@pytest.mark.unit
def test_a_catalogue_edited_after_compiling_is_compiled_again_in_memory(tmp_path):
    po_path = tmp_path / "core.po"
    _write_catalogue(po_path, "Đăng nhập (cũ)", compile_too=True)
    _write_catalogue(po_path, "Đăng nhập")
    compiled = po_path.with_suffix(".mo").stat().st_mtime
    os.utime(po_path, (compiled + 10, compiled + 10))
    assert i18n._compile(po_path).gettext("Sign in") == "Đăng nhập"
    os.utime(po_path, (compiled - 10, compiled - 10))
    assert i18n._compile(po_path).gettext("Sign in") == "Đăng nhập (cũ)"  # the .mo is current


# The language switch (POST /language) in the page header.


async def test_pages_are_in_vietnamese_until_a_visitor_chooses_english(browser_for):
    browser = await browser_for()
    page = await browser.get("/login")
    assert '<html lang="vi">' in page.text
    assert "<h1>Đăng nhập</h1>" in page.text
    response = await browser.post("/language", {"language": "en", "next": "/login"})
    assert response.status_code == 303
    assert response.headers["location"] == "/login"
    page = await browser.get("/login")
    assert '<html lang="en">' in page.text
    assert "<h1>Sign in</h1>" in page.text


async def test_a_visitors_choice_is_kept_when_they_sign_in(browser_for):
    await factories.user("hr@a.vn", Role.HR, await factories.enterprise())
    browser = await browser_for()
    await browser.post("/language", {"language": "fr", "next": "/login"})
    await browser.sign_in("hr@a.vn", factories.PASSWORD)
    page = await browser.get("/enterprises")
    assert '<html lang="fr">' in page.text
    assert ">Entreprises</h1>" in page.text


async def test_a_signed_in_users_choice_is_stored_on_the_user_and_follows_them(browser_for):
    user_id = await factories.user("hr@a.vn", Role.HR, await factories.enterprise())
    browser = await browser_for("hr@a.vn")
    assert '<html lang="vi">' in (await browser.get("/enterprises")).text
    response = await browser.post("/language", {"language": "en", "next": "/enterprises"})
    assert response.status_code == 303
    assert await User.select(User.language).where(User.id == user_id).first() == {"language": "en"}
    page = await browser.get("/enterprises")
    assert '<html lang="en">' in page.text
    assert ">Enterprises</h1>" in page.text
    another_device = await browser_for("hr@a.vn")
    assert '<html lang="en">' in (await another_device.get("/enterprises")).text


@pytest.mark.parametrize("language", ["de", "", "VI"])
async def test_an_unknown_language_is_refused_and_nothing_changes(browser_for, language):
    user_id = await factories.user("hr@a.vn", Role.HR, await factories.enterprise())
    visitor = await browser_for()
    await visitor.post("/language", {"language": "en", "next": "/login"})
    signed_in = await browser_for("hr@a.vn")

    for browser in (visitor, signed_in):
        response = await browser.post("/language", {"language": language, "next": "/login"})
        assert response.status_code == 422

    assert '<html lang="en">' in (await visitor.get("/login")).text
    assert '<html lang="vi">' in (await signed_in.get("/enterprises")).text
    assert await User.select(User.language).where(User.id == user_id).first() == {"language": None}
