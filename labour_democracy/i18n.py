"""Languages: gettext catalogues (Babel), the request's language, dates and numbers by locale.

Each module keeps its own catalogue (`locale/<lang>/LC_MESSAGES/<module>.po`), so modules can
grow without editing one shared file; at start-up the catalogues of a language are merged.
`make` compiles them to .mo; a catalogue that was not compiled (or changed since) is compiled
in memory, so a checkout never shows untranslated text.

The language of the current request lives in a context variable set by the web layer, so a
use case that raises a translated message needs no request object.
"""

from __future__ import annotations

import datetime as dt
import io
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations

from labour_democracy.core.rates import round_half_up
from labour_democracy.settings import LANGUAGES, PACKAGE_DIR, get_settings

LOCALE_DIR = PACKAGE_DIR / "locale"
LOCAL_TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English", "fr": "Français"}

_current: ContextVar[str | None] = ContextVar("language", default=None)

# Vietnamese official dates read "ngày 05 tháng 01 năm 2026" (Decree 30/2020, Appendix I,
# II.4: day < 10 and months 1-2 take a leading zero; we pad every month, as is common).
_DATE_PATTERNS = {
    "vi": {"short": "dd/MM/yyyy", "long": "'ngày' dd 'tháng' MM 'năm' yyyy"},
    "en": {"short": "d MMM yyyy", "long": "d MMMM yyyy"},
    "fr": {"short": "dd/MM/yyyy", "long": "d MMMM yyyy"},
}
_DATETIME_PATTERNS = {"vi": "HH:mm dd/MM/yyyy", "en": "d MMM yyyy, HH:mm", "fr": "dd/MM/yyyy HH:mm"}


def current_language() -> str:
    return _current.get() or get_settings().default_language


def set_language(language: str | None):
    """Set the language for the current context; returns a token for `reset_language`."""
    return _current.set(language if language in LANGUAGES else None)


def reset_language(token) -> None:
    _current.reset(token)


@contextmanager
def language(code: str):
    token = set_language(code)
    try:
        yield
    finally:
        reset_language(token)


def _compile(po_path) -> Translations:
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        with mo_path.open("rb") as mo:
            return Translations(mo, domain=po_path.stem)
    with po_path.open("rb") as po:
        catalogue = read_po(po)
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    buffer.seek(0)
    return Translations(buffer, domain=po_path.stem)


@cache
def translations(code: str) -> NullTranslations:
    merged: NullTranslations = NullTranslations()
    for po_path in sorted((LOCALE_DIR / code / "LC_MESSAGES").glob("*.po")):
        catalogue = _compile(po_path)
        if isinstance(merged, Translations):
            merged.merge(catalogue)
        else:
            merged = catalogue
    return merged


def gettext(message: str) -> str:
    return translations(current_language()).ugettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current_language()).ungettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for translation where it is defined; translate it where it is shown."""
    return message


def format_date(value: dt.date | None, form: str = "short") -> str:
    if value is None:
        return ""
    code = current_language()
    return _babel_date(value, _DATE_PATTERNS[code][form], locale=code)


def format_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    code = current_language()
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return _babel_datetime(value, _DATETIME_PATTERNS[code], tzinfo=LOCAL_TIMEZONE, locale=code)


def format_number(value: float | int) -> str:
    return format_decimal(value, locale=current_language())


def format_percentage(ratio: float | Decimal, digits: int = 1) -> str:
    """`ratio` in percent with `digits` decimals, rounded half up (core/rates.py: 1/16 reads
    6.3 %, not babel's half-even 6.2 %), spaced as the language writes it (fr "50,5 %")."""
    exact = ratio if isinstance(ratio, Decimal) else Decimal(repr(float(ratio)))
    return _percentage(round_half_up(exact * 100, digits) / 100, digits, current_language())


@lru_cache(maxsize=8192)
def _percentage(ratio: Decimal, digits: int, code: str) -> str:
    """Babel's formatting, kept: a table of rates repeats the same few hundred values."""
    head, _, tail = Locale.parse(code).percent_formats[None].pattern.rpartition("0")
    pattern = head + ("0." + "0" * digits if digits else "0") + tail
    return format_percent(ratio, format=pattern, locale=code)


def today() -> dt.date:
    """Today in Vietnam, whatever the server's time zone."""
    return dt.datetime.now(LOCAL_TIMEZONE).date()
