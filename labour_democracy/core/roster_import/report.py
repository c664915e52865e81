"""The per-row error report: each problem with its row and column as the spreadsheet shows
them, the counts of rows to add, update or leave, and the refusal that carries the report."""

from __future__ import annotations

from dataclasses import dataclass, field

from labour_democracy.core.errors import Invalid
from labour_democracy.core.roster_import.fields import Field
from labour_democracy.i18n import format_number
from labour_democracy.i18n import gettext as _


@dataclass(frozen=True)
class Problem:
    row: int  # the spreadsheet's row number
    column: str  # the file's header and column letter, or the field's name without a column
    message: str
    field: Field  # or the field of another import (the union's member import)


@dataclass
class Report:
    """The outcome of reading every row: counts, and each problem with row and column."""

    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rows_with_problems: int = 0
    problems: list[Problem] = field(default_factory=list)
    new_units: list[str] = field(default_factory=list)

    @property
    def rows_ok(self) -> int:
        return self.rows - self.rows_with_problems


class ImportRejected(Invalid):
    """Some rows have problems; nothing was written. `report` lists them."""

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(
            _("{n} rows have problems; nothing was imported.").format(
                n=format_number(report.rows_with_problems)
            )
        )
