"""Form and JSON input -> msgspec Structs, with one message per field that is wrong.

A browser sends every value as a string and an empty input as ""; a JSON client sends typed
values. Both go through `parse`, so a page and the API refuse the same input with the same
words. Domain rules are not checked here but in the use case, which raises `Invalid`.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

import msgspec

from labour_democracy.core.errors import Invalid
from labour_democracy.i18n import LOCAL_TIMEZONE, format_number
from labour_democracy.i18n import gettext as _

S = TypeVar("S", bound=msgspec.Struct)
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
# A dot groups thousands in Vietnamese (1.000); a dot anywhere else is a fraction.
_GROUPED = re.compile(r"[+-]?\d{1,3}(\.\d{3})+")
_TRUE = {"on", "true", "1", "yes"}
_FALSE = {"", "off", "false", "0", "no"}
# Integer columns and ids are 4 bytes on PostgreSQL (Piccolo's Integer and Serial); no number a
# person types here is larger, and a larger one would reach the database and fail there.
SMALLEST_INTEGER, LARGEST_INTEGER = -(2**31), 2**31 - 1
# PostgreSQL cannot store a NUL character in text; no keyboard types one.
NUL = "\x00"
# One text field of a form or a JSON body: the longest texts are a conference's report or an
# agreement's text, tens of pages at most. A longer one is refused with a message rather than
# stored (or passed to a query that fails on it).
MAX_TEXT_LENGTH = 100_000
# Ticked rows of a list (electors, delegates): a workforce of tens of thousands at most.
MAX_LIST_LENGTH = 100_000


def too_long_message(limit: int = MAX_TEXT_LENGTH) -> str:
    return _("This text is too long: at most {limit} characters.").format(
        limit=format_number(limit)
    )


def control_character_message() -> str:
    return _("Remove the control character (such as NUL) from this text.")


class FieldError(ValueError):
    pass


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if match := _DMY.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
    else:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise FieldError(_("Enter a date as dd/mm/yyyy.")) from None
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise FieldError(_("This date does not exist.")) from None


def _parse_datetime(value: Any) -> dt.datetime:
    """A local (Vietnam) date and time from <input type="datetime-local">, as an aware datetime."""
    if isinstance(value, dt.datetime):
        moment = value
    else:
        try:
            moment = dt.datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise FieldError(_("Enter a date and time, e.g. 05/01/2026 08:00.")) from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=LOCAL_TIMEZONE)
    try:
        moment.astimezone(dt.UTC)  # stored in UTC: the first hours of year 1 have no UTC time
    except OverflowError:
        raise FieldError(_("Enter a date and time, e.g. 05/01/2026 08:00.")) from None
    return moment


def convert(value: Any, annotation: Any) -> Any:
    """One value to the annotated type, or `FieldError` with a message for the person."""
    if annotation is str:
        # A list (a field sent twice), an object or true/false is no text.
        if isinstance(value, (list, dict, bool)):
            raise FieldError(_("Enter a single text value."))
        if NUL in str(value):
            raise FieldError(control_character_message())
        if len(str(value)) > MAX_TEXT_LENGTH:
            raise FieldError(too_long_message())
        return str(value).strip()
    if annotation is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise FieldError(_("Choose yes or no."))
    if annotation is int:
        if isinstance(value, (bool, float)):
            raise FieldError(_("Enter a whole number."))
        if isinstance(value, int):  # from JSON; str() of a huge one would itself fail
            if not SMALLEST_INTEGER <= value <= LARGEST_INTEGER:
                raise FieldError(_("This number is too large."))
            return value
        text = str(value).strip().replace(" ", "")
        if len(text) > 40:  # int() refuses over 4,300 digits with a ValueError of its own
            raise FieldError(_("This number is too large."))
        if "." in text and not _GROUPED.fullmatch(text):
            raise FieldError(_("Enter a whole number."))
        try:
            number = int(text.replace(".", ""))
        except ValueError:
            raise FieldError(_("Enter a whole number.")) from None
        if not SMALLEST_INTEGER <= number <= LARGEST_INTEGER:
            raise FieldError(_("This number is too large."))
        return number
    if annotation is dt.date:
        return _parse_date(value)
    if annotation is dt.datetime:
        return _parse_datetime(value)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        try:
            return annotation(str(value).strip())
        except ValueError:
            raise FieldError(_("Choose one of the options offered.")) from None
    if typing.get_origin(annotation) is list:
        (item_type,) = typing.get_args(annotation)
        values = value if isinstance(value, list) else [value]
        if len(values) > MAX_LIST_LENGTH:
            raise FieldError(_("Too many values: at most {limit}.").format(limit=MAX_LIST_LENGTH))
        return [convert(v, item_type) for v in values if str(v).strip() != ""]
    raise TypeError(f"no form conversion for {annotation!r}")


def parse(struct: type[S], raw: Mapping[str, Any]) -> S:
    """Build `struct` from raw input; raises `Invalid` naming every field that is wrong."""
    hints = typing.get_type_hints(struct)
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for field in msgspec.structs.fields(struct):
        annotation, optional = _unwrap_optional(hints[field.name])
        value = raw.get(field.name)
        is_list = typing.get_origin(annotation) is list
        blank = value is None or (not is_list and isinstance(value, str) and not value.strip())
        if annotation is bool and not isinstance(value, bool) and blank:
            values[field.name] = False  # an unticked checkbox sends nothing
            continue
        if blank:
            if optional:
                values[field.name] = None
            elif field.required:
                errors[field.name] = _("This field is required.")
            continue
        try:
            values[field.name] = convert(value, annotation)
        except FieldError as error:
            errors[field.name] = str(error)
    if errors:
        raise Invalid(errors)
    return struct(**values)


def form_values(raw: Mapping[str, Any]) -> dict[str, Any]:
    """What the person typed, to put back into the form beside the errors."""
    return {key: value for key, value in raw.items() if key != "_csrf_token"}


async def read_form(request) -> dict[str, Any]:
    """A submitted form as a dict; a name sent several times (checkboxes) gives a list.

    Text with a NUL character, or longer than any field holds, is refused here, since some
    handlers read a field without `parse` (the sign-in form, a voting code) and the database
    would fail on it."""
    form = await request.form()
    data: dict[str, Any] = {}
    for key in form:
        values = form.getall(key)
        for value in values:
            text = value if isinstance(value, str) else getattr(value, "filename", "")
            if NUL in key or NUL in (text or ""):
                raise Invalid(control_character_message())
            if len(key) > MAX_TEXT_LENGTH or len(text or "") > MAX_TEXT_LENGTH:
                raise Invalid({"": too_long_message(), key[:40]: too_long_message()})
        data[key] = values if len(values) > 1 else values[0]
    return data
