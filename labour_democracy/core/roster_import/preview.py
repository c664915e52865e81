"""The mapping step: the mapping proposed from the headers (or the one chosen), and the
first rows as they will be written, each with its status and problems."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from labour_democracy.core.labels import label
from labour_democracy.core.roster_import import limits
from labour_democracy.core.roster_import.cells import read_rows
from labour_democracy.core.roster_import.fields import Field
from labour_democracy.core.roster_import.headers import propose_mapping
from labour_democracy.core.roster_import.mapping import (
    Column,
    ImportOptions,
    columns_of,
    mapping_errors,
)
from labour_democracy.core.roster_import.reading import split_header
from labour_democracy.core.roster_import.sheet import Sheet
from labour_democracy.core.roster_import.uploading import read_kept, require_rights
from labour_democracy.core.roster_import.validation import Evaluated, Status, evaluate
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.i18n import format_date
from labour_democracy.i18n import gettext as _


@dataclass
class PreviewRow:
    number: int
    status: Status
    cells: dict[Field, str]  # each mapped field as it will be written, for display
    problems: dict[Field, str]


@dataclass
class Prepared:
    """Everything the mapping step shows."""

    upload_id: int
    filename: str
    sheet: Sheet
    header_row: int
    columns: list[Column]
    options: ImportOptions
    preview: list[PreviewRow]
    errors: dict[str, str]


def _display(field_: Field, value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        return format_date(value)
    if field_ in (Field.GENDER, Field.CONTRACT_TYPE):
        return label(value)
    if field_ is Field.UNION_MEMBER:
        return _("yes") if value else _("no")
    return str(value)


def _preview_row(item: Evaluated, mapping: dict[Field, int | None]) -> PreviewRow:
    cells = {}
    for field_ in Field:
        if mapping.get(field_) is None:
            continue
        if field_ is Field.ORG_UNIT:
            name = item.row.values.get(field_) or ""
            cells[field_] = _("{name} (new unit)").format(name=name) if item.new_unit else name
        elif item.values is not None:
            cells[field_] = _display(field_, item.values[field_.value])
        else:
            cells[field_] = _display(field_, item.row.values.get(field_))
    problems = {problem.field: problem.message for problem in item.problems}
    return PreviewRow(item.row.number, item.status, cells, problems)


async def prepare(
    context: EnterpriseContext,
    upload_id: int,
    options: ImportOptions | None = None,
    sheet: str | None = None,
) -> Prepared:
    """The mapping step: the chosen mapping (or one proposed from the headers of `sheet`) and
    the first rows as they will be written."""
    require_rights(context)
    kept, read = await read_kept(
        context,
        upload_id,
        options.sheet if options else sheet,
        limits.HEADER_SCAN_ROWS + limits.PREVIEW_ROWS,
    )
    header_row, header_cells, data = split_header(read)
    columns = columns_of(header_cells, data)
    chosen = options or ImportOptions(propose_mapping(header_cells), read.sheet)
    chosen.sheet = read.sheet
    errors = mapping_errors(chosen.mapping, columns)
    preview: list[PreviewRow] = []
    if not errors:
        rows = read_rows(data[: limits.PREVIEW_ROWS], chosen.mapping, columns, read.epoch)
        evaluation = await evaluate(context, rows, chosen, columns)
        errors = evaluation.errors
        preview = [_preview_row(item, chosen.mapping) for item in evaluation.rows]
    return Prepared(kept.id, kept.filename, read, header_row, columns, chosen, preview, errors)
