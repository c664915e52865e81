"""The membership register from a spreadsheet (danh sách đoàn viên, .xlsx or .csv): upload, a
preview of every row as it will be registered, then all rows registered in one transaction, or
none, each bad row named with its problem.

The reading is core's roster import (core/roster_import): the same file checks and readers,
header detection and column mapping with this import's own `VOCABULARY`, the same cell readers
(dates, countries, yes/no) and the same per-row `Report`. What is the union's own: finding each
member on the roster (by employee code, or by name when the file has no code), the dates of
membership, and the register's duplicates. The file is kept in the union's own table, apart
from the roster's uploads, which the employer reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from labour_democracy.core import audit
from labour_democracy.core import rules as core_rules
from labour_democracy.core.errors import Conflict, Invalid, NotFound
from labour_democracy.core.roster_import import limits
from labour_democracy.core.roster_import.cells import (
    FieldError,
    cell_text,
    parse_date,
    parse_nationality,
    read_rows,
    yes_or_no,
)
from labour_democracy.core.roster_import.fields import Field
from labour_democracy.core.roster_import.headers import (
    HEADER_SYNONYMS,
    Vocabulary,
    propose_mapping,
)
from labour_democracy.core.roster_import.mapping import Column, column_errors, columns_of
from labour_democracy.core.roster_import.reading import check_size, read_sheet, split_header
from labour_democracy.core.roster_import.report import ImportRejected, Problem, Report
from labour_democracy.core.roster_import.units import AmbiguousUnit, unit_directory
from labour_democracy.core.roster_import.uploading import checked_rows
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.core.tables import Worker
from labour_democracy.db import write_transaction
from labour_democracy.i18n import N_, today
from labour_democracy.i18n import gettext as _
from labour_democracy.unions import rules
from labour_democracy.unions.founding import require
from labour_democracy.unions.membership import member_row, recognised_union
from labour_democracy.unions.permissions import KEEP_REGISTER
from labour_democracy.unions.tables import (
    GrassrootsUnion,
    MemberStatus,
    MemberUpload,
    UnionMember,
    UnionStatus,
)

PREVIEW_ROWS = 50


class MemberField(StrEnum):
    EMPLOYEE_CODE = "employee_code"
    FULL_NAME = "full_name"
    JOINED_ON = "joined_on"
    LEFT_ON = "left_on"
    NATIONALITY = "nationality"
    FOREIGN = "foreign"
    ORG_UNIT = "org_unit"


FIELD_LABELS = {
    MemberField.EMPLOYEE_CODE: N_("Employee code"),
    MemberField.FULL_NAME: N_("Full name"),
    MemberField.JOINED_ON: N_("Joined on"),
    MemberField.LEFT_ON: N_("Left on"),
    MemberField.NATIONALITY: N_("Nationality"),
    MemberField.FOREIGN: N_("Foreign worker"),
    MemberField.ORG_UNIT: N_("Unit"),
}

# Header texts as core's header reader folds them ("Ngày vào Công đoàn" -> "ngay vao cong doan").
VOCABULARY = Vocabulary.of(
    {
        MemberField.EMPLOYEE_CODE: HEADER_SYNONYMS[Field.EMPLOYEE_CODE],
        MemberField.FULL_NAME: (
            *HEADER_SYNONYMS[Field.FULL_NAME],
            "ho va ten doan vien",
            "ten doan vien",
            "member",
            "member name",
        ),
        MemberField.JOINED_ON: (
            "ngay vao cong doan",
            "ngay gia nhap cong doan",
            "ngay gia nhap",
            "ngay ket nap",
            "ngay ket nap doan vien",
            "ngay vao doan",
            "joined on",
            "joined",
            "join date",
            "date joined",
            "date d adhesion",
        ),
        MemberField.LEFT_ON: (
            "ngay ra cong doan",
            "ngay ra khoi cong doan",
            "ngay thoi sinh hoat",
            "ngay roi cong doan",
            "left on",
            "left",
            "leave date",
            "date left",
            "date de sortie",
        ),
        MemberField.NATIONALITY: HEADER_SYNONYMS[Field.NATIONALITY],
        MemberField.FOREIGN: (
            "nuoc ngoai",
            "nguoi nuoc ngoai",
            "lao dong nuoc ngoai",
            "foreign",
            "foreigner",
            "foreign worker",
            "etranger",
        ),
        MemberField.ORG_UNIT: HEADER_SYNONYMS[Field.ORG_UNIT],
    }
)


def _read_cell(field_: MemberField, value: Any, epoch: dt.datetime | None) -> Any:
    if field_ in (MemberField.JOINED_ON, MemberField.LEFT_ON):
        return parse_date(value, epoch)
    if field_ is MemberField.NATIONALITY:
        return parse_nationality(value)
    if field_ is MemberField.FOREIGN:
        answer = yes_or_no(value)
        if answer is None:
            raise FieldError(
                _(
                    "Write x (or có, yes) for a foreign worker and leave the cell empty for "
                    'others, not "{value}".'
                ).format(value=cell_text(value))
            )
        return answer
    return cell_text(value)


def mapping_errors(mapping: dict, columns: list[Column]) -> dict[str, str]:
    errors = column_errors(mapping, columns, FIELD_LABELS)
    if (
        mapping.get(MemberField.EMPLOYEE_CODE) is None
        and mapping.get(MemberField.FULL_NAME) is None
    ):
        errors[f"map_{MemberField.EMPLOYEE_CODE}"] = _(
            "Choose the column of employee codes or of names: each member is found on the roster."
        )
    if mapping.get(MemberField.JOINED_ON) is None:
        errors[f"map_{MemberField.JOINED_ON}"] = _("Choose the column of the dates members joined.")
    if errors:
        errors[""] = _("Check the columns chosen for the register's fields.")
    return errors


@dataclass
class MemberRow:
    """A row as it will be registered, or why it will not be."""

    number: int
    problems: list[Problem]
    cells: dict[MemberField, Any]  # as read, for the preview
    worker: dict | None = None
    joined_on: dt.date | None = None
    left_on: dt.date | None = None
    nationality: str = rules.VIETNAMESE
    org_unit: int | None = None

    @property
    def active(self) -> bool:
        return self.left_on is None


@dataclass
class Evaluation:
    rows: list[MemberRow]
    report: Report
    active: int = 0
    left: int = 0
    errors: dict[str, str] = field(default_factory=dict)


_WORKER_COLUMNS = (
    Worker.id,
    Worker.employee_code,
    Worker.full_name,
    Worker.search_name,
    Worker.gender,
    Worker.org_unit,
    Worker.nationality,
    Worker.start_date,
    Worker.end_date,
)


async def _roster(enterprise_id: int, codes: set[str], names: set[str]) -> tuple[dict, dict]:
    """The enterprise's workers named by the file: by code, and by folded name (a list)."""
    by_code: dict[str, dict] = {}
    by_name: dict[str, list[dict]] = {}
    if codes:
        for w in await Worker.select(*_WORKER_COLUMNS).where(
            (Worker.enterprise == enterprise_id) & Worker.employee_code.is_in(sorted(codes))
        ):
            by_code[w["employee_code"]] = w
    if names:
        for w in await Worker.select(*_WORKER_COLUMNS).where(
            (Worker.enterprise == enterprise_id) & Worker.search_name.is_in(sorted(names))
        ):
            by_name.setdefault(w["search_name"], []).append(w)
    return by_code, by_name


async def _registered(union_id: int, worker_ids: list[int]) -> dict[int, list[tuple]]:
    """Each worker's periods on the register: (joined, left or None)."""
    periods: dict[int, list[tuple]] = {}
    for start in range(0, len(worker_ids), limits.WRITE_BATCH):
        for r in await UnionMember.select(
            UnionMember.worker, UnionMember.joined_on, UnionMember.left_on
        ).where(
            (UnionMember.union == union_id)
            & UnionMember.worker.is_in(worker_ids[start : start + limits.WRITE_BATCH])
        ):
            periods.setdefault(r["worker"], []).append((r["joined_on"], r["left_on"]))
    return periods


def _overlaps(a: tuple, b: tuple) -> bool:
    """Two periods of membership (joined, left or None: still a member) share a day."""
    far = dt.date.max
    return a[0] <= (b[1] or far) and b[0] <= (a[1] or far)


class _Evaluator:
    def __init__(self, mapping: dict, columns: list[Column], by_code, by_name, units) -> None:
        self.mapping, self.columns = mapping, columns
        self.by_code, self.by_name, self.units = by_code, by_name, units
        self.today = today()

    def problem(self, row: MemberRow, field_: MemberField, message: str) -> None:
        index = self.mapping.get(field_)
        column = self.columns[index].label if index is not None else _(FIELD_LABELS[field_])
        row.problems.append(Problem(row.number, column, message, field_))  # type: ignore[arg-type]

    def find_worker(self, row: MemberRow) -> dict | None:
        code = row.cells.get(MemberField.EMPLOYEE_CODE)
        name = row.cells.get(MemberField.FULL_NAME)
        if code:
            worker = self.by_code.get(" ".join(code.split()))
            if worker is None:
                self.problem(
                    row,
                    MemberField.EMPLOYEE_CODE,
                    _("No worker of this enterprise has this code."),
                )
            elif name and core_rules.fold(name) != worker["search_name"]:
                self.problem(
                    row,
                    MemberField.FULL_NAME,
                    _("The roster gives this code to {name}.").format(name=worker["full_name"]),
                )
            return worker
        if not name:
            self.problem(row, MemberField.EMPLOYEE_CODE, _("Give the employee code or the name."))
            return None
        found = self.by_name.get(core_rules.fold(name), [])
        exact = [w for w in found if w["full_name"] == " ".join(name.split())]
        if len(found) == 1 or len(exact) == 1:
            return found[0] if len(found) == 1 else exact[0]
        if not found:
            self.problem(
                row, MemberField.FULL_NAME, _("No worker of this enterprise has this name.")
            )
        else:
            self.problem(
                row,
                MemberField.FULL_NAME,
                _("{n} workers have this name: give the employee code.").format(n=len(found)),
            )
        return None

    def dates(self, row: MemberRow) -> None:
        joined = row.cells.get(MemberField.JOINED_ON)
        left = row.cells.get(MemberField.LEFT_ON)
        if joined is None:
            if MemberField.JOINED_ON not in {p.field for p in row.problems}:
                self.problem(row, MemberField.JOINED_ON, _("Give the date the member joined."))
        elif joined > self.today:
            self.problem(row, MemberField.JOINED_ON, _("The date cannot be in the future."))
        if left is not None:
            if left > self.today:
                self.problem(row, MemberField.LEFT_ON, _("The date cannot be in the future."))
            elif joined is not None and left < joined:
                self.problem(row, MemberField.LEFT_ON, _("A member cannot leave before joining."))
        row.joined_on, row.left_on = joined, left

    def nationality(self, row: MemberRow, worker: dict) -> None:
        written = row.cells.get(MemberField.NATIONALITY)
        nationality = written or worker["nationality"] or rules.VIETNAMESE
        foreign = row.cells.get(MemberField.FOREIGN)
        if foreign is True and nationality == rules.VIETNAMESE:
            self.problem(
                row,
                MemberField.FOREIGN,
                _("Marked as a foreign worker, but the nationality is VN: give the country."),
            )
        elif foreign is False and nationality != rules.VIETNAMESE:
            self.problem(
                row,
                MemberField.FOREIGN,
                _("Not marked as a foreign worker, but the nationality is {code}.").format(
                    code=nationality
                ),
            )
        months = rules.contract_months(worker["start_date"], worker["end_date"])
        if rules.eligibility(nationality, months) is rules.Eligibility.NOT_ELIGIBLE:
            self.problem(
                row,
                MemberField.NATIONALITY,
                _(
                    "A foreign worker on a contract under 12 months may not join "
                    "(Trade Union Law 50/2024/QH15, Art. 5(2))."
                ),
            )
        row.nationality = nationality

    def unit(self, row: MemberRow, worker: dict) -> None:
        row.org_unit = worker["org_unit"]
        text = row.cells.get(MemberField.ORG_UNIT)
        if not text:
            return
        try:
            found = self.units.find(text)
        except AmbiguousUnit:
            self.problem(
                row,
                MemberField.ORG_UNIT,
                _("Several units have this name: write its path, e.g. “Xưởng may 1 / Tổ 1”."),
            )
            return
        if found is None:
            self.problem(
                row,
                MemberField.ORG_UNIT,
                _("No unit of this enterprise has this name (see the Org units page)."),
            )
        row.org_unit = found

    def evaluate(self, number: int, cells: dict, problems: list[Problem]) -> MemberRow:
        row = MemberRow(number, list(problems), cells)
        worker = self.find_worker(row)
        self.dates(row)
        if worker is not None:
            row.worker = worker
            self.nationality(row, worker)
            self.unit(row, worker)
            if row.active and not _employed(worker, self.today):
                self.problem(
                    row,
                    MemberField.LEFT_ON,
                    _("This worker no longer works here: give the date the member left."),
                )
        return row


def _employed(worker: dict, on: dt.date) -> bool:
    return worker["end_date"] is None or worker["end_date"] > on


async def _evaluate(
    context: EnterpriseContext, union_id: int, read: list, mapping: dict, columns
) -> Evaluation:
    codes = {" ".join(c.split()) for r in read if (c := r.values.get(MemberField.EMPLOYEE_CODE))}
    names = {
        core_rules.fold(n)
        for r in read
        if (n := r.values.get(MemberField.FULL_NAME))
        and not r.values.get(MemberField.EMPLOYEE_CODE)
    }
    by_code, by_name = await _roster(context.enterprise_id, codes, names)
    evaluator = _Evaluator(
        mapping, columns, by_code, by_name, await unit_directory(context.enterprise_id)
    )
    rows = [evaluator.evaluate(r.number, r.values, r.problems) for r in read]
    worker_ids = sorted({r.worker["id"] for r in rows if r.worker is not None})
    periods = await _registered(union_id, worker_ids)
    seen: dict[int, MemberRow] = {}
    for row in rows:
        if row.worker is None or row.joined_on is None:
            continue
        period = (row.joined_on, row.left_on)
        earlier = seen.get(row.worker["id"])
        if earlier is not None:
            evaluator.problem(
                row,
                MemberField.EMPLOYEE_CODE,
                _("The same member is already on row {n}.").format(n=earlier.number),
            )
        elif any(_overlaps(period, p) for p in periods.get(row.worker["id"], [])):
            evaluator.problem(
                row,
                MemberField.EMPLOYEE_CODE,
                _("This worker is already a member on the register."),
            )
        seen.setdefault(row.worker["id"], row)
    report = Report(rows=len(rows))
    evaluation = Evaluation(rows, report)
    for row in rows:
        if row.problems:
            report.rows_with_problems += 1
            report.problems += row.problems
        else:
            report.added += 1
            if row.active:
                evaluation.active += 1
            else:
                evaluation.left += 1
    return evaluation


# The steps ------------------------------------------------------------------------------------


async def upload(context: EnterpriseContext, filename: str, content: bytes) -> int:
    """Keep a member spreadsheet for its preview; refuses an empty or unreadable file."""
    require(context, KEEP_REGISTER)
    union = await recognised_union(context)
    rows = checked_rows(filename, content, VOCABULARY)
    async with write_transaction():
        await MemberUpload.delete().where(
            MemberUpload.created_at < dt.datetime.now(dt.UTC) - limits.UPLOAD_KEPT
        )
        kept = MemberUpload(
            enterprise=context.enterprise_id,
            union=union.id,
            uploaded_by=context.actor.id,
            filename=filename[:255] or "members",
            content=content,
        )
        await kept.save()
        await audit.record(
            context.actor,
            "union.member_file_uploaded",
            "member_upload",
            kept.id,
            context.enterprise_id,
            bytes=len(content),
            rows=rows,
        )
    return kept.id


@dataclass
class Prepared:
    """What the preview shows: the file, the columns chosen, every row checked."""

    upload_id: int
    filename: str
    header_row: int
    columns: list[Column]
    mapping: dict
    errors: dict[str, str]
    evaluation: Evaluation | None

    @property
    def preview(self) -> list[MemberRow]:
        return self.evaluation.rows[:PREVIEW_ROWS] if self.evaluation else []


@dataclass(frozen=True)
class _Read:
    """The kept file read with the chosen columns: no database state but the file itself."""

    upload_id: int
    filename: str
    header_row: int
    columns: list[Column]
    mapping: dict
    errors: dict[str, str]
    rows: list


async def _read(context: EnterpriseContext, upload_id: int, mapping: dict | None) -> _Read:
    kept = await get_owned(context, MemberUpload, upload_id)
    sheet = read_sheet(kept.content, None, limits.MAX_ROWS + limits.HEADER_SCAN_ROWS)
    header_row, header_cells, data = split_header(sheet, VOCABULARY)
    check_size(sheet, data)
    columns = columns_of(header_cells, data)
    chosen = mapping if mapping is not None else propose_mapping(header_cells, VOCABULARY)
    errors = mapping_errors(chosen, columns)
    rows = [] if errors else read_rows(data, chosen, columns, sheet.epoch, _read_cell)
    return _Read(kept.id, kept.filename, header_row, columns, chosen, errors, rows)


async def prepare(
    context: EnterpriseContext, upload_id: int, mapping: dict | None = None
) -> Prepared:
    """Read the kept file with the chosen columns (or those its headers name) and check every
    row against the roster and the register, writing nothing."""
    require(context, KEEP_REGISTER)
    union = await recognised_union(context)
    read = await _read(context, upload_id, mapping)
    evaluation = None
    if not read.errors:
        evaluation = await _evaluate(context, union.id, read.rows, read.mapping, read.columns)
    return Prepared(
        read.upload_id,
        read.filename,
        read.header_row,
        read.columns,
        read.mapping,
        read.errors,
        evaluation,
    )


@dataclass(frozen=True)
class ImportSummary:
    active: int
    left: int


def _member(context: EnterpriseContext, union_id: int, row: MemberRow) -> UnionMember:
    assert row.worker is not None and row.joined_on is not None
    return member_row(
        context,
        union_id,
        row.worker,
        row.joined_on,
        left_on=row.left_on,
        status=MemberStatus.ACTIVE if row.active else MemberStatus.LEFT,
        org_unit=row.org_unit,
        nationality=row.nationality,
    )


async def run_import(context: EnterpriseContext, upload_id: int, mapping: dict) -> ImportSummary:
    """Register every row of the file, or none: `ImportRejected` carries each problem."""
    require(context, KEEP_REGISTER)
    union = await recognised_union(context)
    # The file is read and parsed before the transaction: only the checks against the roster
    # and the register, and the writing, hold the database's write lock.
    read = await _read(context, upload_id, mapping)
    async with write_transaction():
        # Lock the union's row (PostgreSQL): an import or a dissolution of the same union at the
        # same time waits for this one, then checks against what it wrote.
        locked = (
            await GrassrootsUnion.update({GrassrootsUnion.status: UnionStatus.RECOGNISED})
            .where(
                (GrassrootsUnion.id == union.id)
                & (GrassrootsUnion.status == UnionStatus.RECOGNISED)
            )
            .returning(GrassrootsUnion.id)
        )
        if not locked:
            raise Conflict(_("The union was dissolved: its register is closed and kept as it was."))
        # Checked again inside the transaction: the register may have changed since the preview.
        if read.errors:
            raise Invalid(read.errors)
        # The kept file is claimed first: gone if another import of it finished meanwhile
        # (a failure below rolls the deletion back).
        claimed = (
            await MemberUpload.delete()
            .where(
                (MemberUpload.id == upload_id) & (MemberUpload.enterprise == context.enterprise_id)
            )
            .returning(MemberUpload.id)
        )
        if not claimed:
            raise NotFound
        evaluation = await _evaluate(context, union.id, read.rows, read.mapping, read.columns)
        if evaluation.report.rows_with_problems:
            raise ImportRejected(evaluation.report)
        rows = evaluation.rows
        for start in range(0, len(rows), limits.WRITE_BATCH):
            batch = rows[start : start + limits.WRITE_BATCH]
            await UnionMember.insert(*(_member(context, union.id, r) for r in batch))
        active = sorted({r.worker["id"] for r in rows if r.active})
        # A worker whose only membership in the file ended is not a member now, unless the
        # register already holds a current membership (periods never overlap).
        ended = sorted({r.worker["id"] for r in rows if not r.active} - set(active))
        current = set()
        for start in range(0, len(ended), limits.WRITE_BATCH):
            current |= {
                r["worker"]
                for r in await UnionMember.select(UnionMember.worker).where(
                    (UnionMember.union == union.id)
                    & (UnionMember.status == MemberStatus.ACTIVE)
                    & UnionMember.worker.is_in(ended[start : start + limits.WRITE_BATCH])
                )
            }
        for ids, flag in ((active, True), ([w for w in ended if w not in current], False)):
            for start in range(0, len(ids), limits.WRITE_BATCH):
                await Worker.update({Worker.union_member: flag}).where(
                    Worker.id.is_in(ids[start : start + limits.WRITE_BATCH])
                )
        await audit.record(
            context.actor,
            "union.members_imported",
            "grassroots_union",
            union.id,
            context.enterprise_id,
            members=len(rows),
            active=evaluation.active,
            left=evaluation.left,
            source="spreadsheet",
        )
    return ImportSummary(evaluation.active, evaluation.left)
