"""Validating the read rows against the roster: each row becomes a worker to add, to update
or to leave unchanged, or a row with problems (a missing required field, a duplicate code, an
unknown unit, the worker form's own rules)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from labour_democracy.core import rules
from labour_democracy.core.roster import check_worker_fields, worker_values
from labour_democracy.core.roster_import import limits
from labour_democracy.core.roster_import.cells import ReadRow
from labour_democracy.core.roster_import.fields import FIELD_LABELS, REQUIRED_FOR_NEW, Field
from labour_democracy.core.roster_import.mapping import Column, ImportOptions
from labour_democracy.core.roster_import.report import Problem, Report
from labour_democracy.core.roster_import.units import AmbiguousUnit, UnitDirectory, unit_directory
from labour_democracy.core.schemas import WorkerForm
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import ContractType, Gender, OrgUnit, Worker
from labour_democracy.i18n import format_number
from labour_democracy.i18n import gettext as _


class Status(StrEnum):
    ADD = "add"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    PROBLEM = "problem"


@dataclass
class Evaluated:
    """A row as it will be written (or why it will not be)."""

    row: ReadRow
    status: Status
    problems: list[Problem]
    values: dict[str, Any] | None = None  # Worker column -> value
    new_unit: str | None = None  # the folded name of a unit the import creates


@dataclass
class Evaluation:
    rows: list[Evaluated]
    report: Report
    new_units: dict[str, str]  # folded name -> the name as first written in the file
    errors: dict[str, str]  # mapping errors found once the roster is known


# Worker columns an import can change, compared to tell an update from an unchanged row.
IMPORTED_COLUMNS = (
    "full_name",
    "search_name",
    "sort_key",
    "gender",
    "org_unit",
    "position",
    "contract_type",
    "start_date",
    "end_date",
    "nationality",
    "union_member",
    "phone",
    "email",
)
# Varchar limits that the form's rules do not check, so a long cell is a message, not a crash.
_LENGTH_LIMITED = (Field.POSITION, Field.PHONE, Field.EMAIL)
_NEW_WORKER_DEFAULTS: dict[str, Any] = {
    "org_unit": None,
    "position": None,
    "start_date": None,
    "end_date": None,
    "nationality": "VN",
    "union_member": False,
    "phone": None,
    "email": None,
}


async def _existing_workers(enterprise_id: int, codes: list[str]) -> dict[str, dict]:
    columns = [
        Worker._meta.get_column_by_name(name) for name in ("employee_code", *IMPORTED_COLUMNS)
    ]
    query = Worker.select(*columns).where(Worker.enterprise == enterprise_id)
    if (
        len(codes) <= limits.PREVIEW_ROWS
    ):  # a preview looks up its few rows; an import reads them all
        query = query.where(Worker.employee_code.is_in(codes or [""]))
    return {row["employee_code"]: row for row in await query}


def _form_from_existing(row: dict) -> dict[str, Any]:
    form = {name: row[name] for name in IMPORTED_COLUMNS if name not in ("search_name", "sort_key")}
    form["gender"] = Gender(row["gender"])
    form["contract_type"] = ContractType(row["contract_type"])
    form["union_member"] = bool(row["union_member"])
    return form


def _required_message(field_: Field) -> str:
    return _("{field} is empty; every worker needs it.").format(field=_(FIELD_LABELS[field_]))


class _RowEvaluator:
    """Turns read rows into rows to write, with the roster and the units at hand."""

    def __init__(
        self,
        options: ImportOptions,
        columns: list[Column],
        existing: dict[str, dict],
        units: UnitDirectory,
    ) -> None:
        self.options = options
        self.columns = columns
        self.existing = existing
        self.units = units
        self.first_row_of: dict[str, int] = {}
        self.new_units: dict[str, str] = {}

    def column_of(self, field_: Field) -> str:
        index = self.options.mapping.get(field_)
        return self.columns[index].label if index is not None else _(FIELD_LABELS[field_])

    def problem(self, row: ReadRow, field_: Field, message: str) -> Problem:
        return Problem(row.number, self.column_of(field_), message, field_)

    def _code_problems(self, row: ReadRow, code: str | None) -> list[Problem]:
        if not code:
            return [self.problem(row, Field.EMPLOYEE_CODE, _required_message(Field.EMPLOYEE_CODE))]
        if code in self.first_row_of:
            message = _("Row {row} has the same employee code; each worker appears once.")
            return [
                self.problem(row, Field.EMPLOYEE_CODE, message.format(row=self.first_row_of[code]))
            ]
        self.first_row_of[code] = row.number
        return []

    def _unit(self, row: ReadRow, name: str) -> tuple[int | None, str | None, list[Problem]]:
        """The unit's id, or the key of a unit to create, or the problem with the name."""
        try:
            unit_id = self.units.find(name)
        except AmbiguousUnit:
            message = _('Several units are called "{name}": write the path, e.g. "{example}".')
            example = _("Workshop 1 / Team 1")
            return (
                None,
                None,
                [self.problem(row, Field.ORG_UNIT, message.format(name=name, example=example))],
            )
        if unit_id is not None:
            return unit_id, None, []
        if self.options.create_units and len(name) <= OrgUnit.name.length:
            key = rules.fold(name)
            self.new_units.setdefault(key, name)
            return None, key, []
        message = _(
            'No unit of this enterprise is called "{name}". Add it on the Org units page, '
            'correct the name, or tick "Create the units that do not exist yet".'
        )
        return None, None, [self.problem(row, Field.ORG_UNIT, message.format(name=name))]

    def evaluate(self, row: ReadRow) -> Evaluated:
        values = row.values
        problems = list(row.problems)
        failed = {problem.field for problem in problems}
        code = values.get(Field.EMPLOYEE_CODE)
        problems += self._code_problems(row, code)
        before = self.existing.get(code) if code else None
        form = _form_from_existing(before) if before else dict(_NEW_WORKER_DEFAULTS)
        new_unit = None
        for field_, value in values.items():
            if field_ in failed or field_ is Field.EMPLOYEE_CODE:
                continue
            if field_ is Field.ORG_UNIT:
                form["org_unit"], new_unit, unit_problems = (
                    self._unit(row, value) if value else (None, None, [])
                )
                problems += unit_problems
            elif value is None and field_ in REQUIRED_FOR_NEW:
                problems.append(self.problem(row, field_, _required_message(field_)))
            elif value is None and field_ is Field.NATIONALITY:
                form["nationality"] = "VN"
            elif value is None and field_ is Field.UNION_MEMBER:
                form["union_member"] = False
            else:
                form[field_.value] = value
        # A required cell that is empty was reported above; say it once.
        reported = {problem.field for problem in problems}
        missing = [f for f in REQUIRED_FOR_NEW if f.value not in form and f not in reported]
        problems += [self.problem(row, f, _required_message(f)) for f in missing]
        if problems:
            return Evaluated(row, Status.PROBLEM, problems)
        worker = WorkerForm(employee_code=code, **form)
        errors = check_worker_fields(worker)
        for field_ in _LENGTH_LIMITED:
            text = getattr(worker, field_.value)
            limit = Worker._meta.get_column_by_name(field_.value).length
            if text and len(text) > limit:
                errors.setdefault(field_.value, _("At most {n} characters.").format(n=limit))
        if errors:
            problems = [self.problem(row, Field(name), text) for name, text in errors.items()]
            return Evaluated(row, Status.PROBLEM, problems)
        written = worker_values(worker)
        if before is None:
            status = Status.ADD
        elif new_unit is None and all(before[name] == written[name] for name in IMPORTED_COLUMNS):
            status = Status.UNCHANGED
        else:
            status = Status.UPDATE
        return Evaluated(row, status, [], written, new_unit)


async def evaluate(
    context: EnterpriseContext, read: list[ReadRow], options: ImportOptions, columns: list[Column]
) -> Evaluation:
    codes = [code for row in read if (code := row.values.get(Field.EMPLOYEE_CODE))]
    existing = await _existing_workers(context.enterprise_id, codes)
    evaluator = _RowEvaluator(
        options, columns, existing, await unit_directory(context.enterprise_id)
    )
    errors: dict[str, str] = {}
    new_codes = {code for code in codes if code not in existing}
    unmapped = [f for f in REQUIRED_FOR_NEW if options.mapping.get(f) is None]
    if new_codes and unmapped:
        errors[""] = _(
            "{n} employee codes are not on the roster yet, and new workers need the fields marked."
        ).format(n=format_number(len(new_codes)))
        for field_ in unmapped:
            errors[f"map_{field_}"] = _("Choose the column of this field.")
    rows = [evaluator.evaluate(row) for row in read]
    report = Report(rows=len(rows))
    for item in rows:
        if item.status is Status.PROBLEM:
            report.rows_with_problems += 1
            report.problems += item.problems
        elif item.status is Status.ADD:
            report.added += 1
        elif item.status is Status.UPDATE:
            report.updated += 1
        else:
            report.unchanged += 1
    report.new_units = sorted(evaluator.new_units.values(), key=rules.fold)
    return Evaluation(rows, report, evaluator.new_units, errors)
