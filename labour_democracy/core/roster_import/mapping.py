"""The mapping step's choices: the file's columns, which column fills which roster field
(read from the form), and what is wrong with a mapping. The column checks and the form's
reading take any set of fields (the union's member import has its own)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from openpyxl.utils import get_column_letter

from labour_democracy.core.errors import Invalid
from labour_democracy.core.roster_import.fields import FIELD_LABELS, Field
from labour_democracy.i18n import gettext as _


@dataclass(frozen=True)
class Column:
    index: int
    header: str

    @property
    def letter(self) -> str:
        return get_column_letter(self.index + 1)

    @property
    def label(self) -> str:
        """How the report names the column: its header and its letter, as Excel shows it."""
        if self.header:
            return f"{self.header} ({self.letter})"
        return _("column {letter}").format(letter=self.letter)


def _header_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def columns_of(header_cells: list[Any], rows: list[tuple[int, list[Any]]]) -> list[Column]:
    width = max([len(header_cells), *(len(cells) for _n, cells in rows)], default=0)
    return [
        Column(i, _header_text(header_cells[i]) if i < len(header_cells) else "")
        for i in range(width)
    ]


@dataclass
class ImportOptions:
    """What the person chose on the mapping step."""

    mapping: dict[Field, int | None]
    sheet: str | None = None
    create_units: bool = False


def mapping_from_form(data: Mapping[str, Any], fields: Iterable[Any] = Field) -> dict:
    """The mapping form (`map_<field>` = a column index or "") as field -> column index."""
    mapping: dict[Any, int | None] = {}
    errors: dict[str, str] = {}
    for field_ in fields:
        raw = str(data.get(f"map_{field_}", "")).strip()
        if not raw:
            mapping[field_] = None
        # ASCII digits only ("²" is a digit to str.isdigit, not to int), and few of them:
        # int() refuses more than 4,300 digits, and no file has a million columns.
        elif raw.isascii() and raw.isdigit() and len(raw) <= 6:
            mapping[field_] = int(raw)
        else:
            errors[f"map_{field_}"] = _("Choose one of the file's columns.")
    if errors:
        raise Invalid(errors)
    return mapping


def options_from_form(data: dict[str, Any]) -> ImportOptions:
    """The mapping form as ImportOptions."""
    mapping = mapping_from_form(data)
    sheet = str(data.get("sheet") or "").strip() or None
    create = str(data.get("create_units", "")).strip().lower() in {"on", "1", "true", "yes"}
    return ImportOptions(mapping=mapping, sheet=sheet, create_units=create)


def column_errors(
    mapping: Mapping[Any, int | None], columns: list[Column], labels: Mapping[Any, str]
) -> dict[str, str]:
    """A column beyond the file's, or chosen for two of the fields `labels` names."""
    errors: dict[str, str] = {}
    used: dict[int, Any] = {}
    for field_ in labels:
        index = mapping.get(field_)
        if index is None:
            continue
        if index >= len(columns):
            errors[f"map_{field_}"] = _("Choose one of the file's columns.")
        elif index in used:
            errors[f"map_{field_}"] = _("Column {column} is already chosen for {field}.").format(
                column=columns[index].label, field=_(labels[used[index]])
            )
        else:
            used[index] = field_
    return errors


def mapping_errors(mapping: dict[Field, int | None], columns: list[Column]) -> dict[str, str]:
    """What is wrong with a mapping, per `map_<field>` input; empty when it can be used."""
    errors = column_errors(mapping, columns, FIELD_LABELS)
    if mapping.get(Field.EMPLOYEE_CODE) is None:
        errors[f"map_{Field.EMPLOYEE_CODE}"] = _(
            "Choose the column of employee codes: a re-import finds each worker by its code."
        )
    if errors:
        errors[""] = _("Check the columns chosen for the roster fields.")
    return errors
