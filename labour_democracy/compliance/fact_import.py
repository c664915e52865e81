"""Reported facts imported from a spreadsheet (the federation's yearly survey of enterprises that
do not use the app): one fact a row, every row checked first, all written or none, each bad row
named as in the register import."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from labour_democracy.compliance import facts, obligations, register, rules
from labour_democracy.compliance.tables import FactSource, RegisterEntry
from labour_democracy.core import audit
from labour_democracy.core.errors import Invalid
from labour_democracy.core.permissions import Actor
from labour_democracy.core.roster_import.reading import read_sheet
from labour_democracy.core.roster_import.sheet import clean_text, file_error
from labour_democracy.core.scope import FederationScope
from labour_democracy.db import write_transaction
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today

COLUMNS = ("tax_code", "obligation", "year", "done_on", "note", "received", "resolved")
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _date(value: Any) -> dt.date | str | None:
    """A date cell: a date, ISO or dd/mm/yyyy text, or empty (None); "" when unreadable."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = clean_text(str(value))
    match = _DMY.fullmatch(text)
    try:
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        return dt.date.fromisoformat(text)
    except ValueError:
        return ""


def _count(value: Any) -> int | str | None:
    """A count cell (petitions received or resolved): a whole number, None when empty, ""
    when unreadable."""
    if value in (None, ""):
        return None
    text = clean_text(str(value))
    number = register._int(value)
    if number is None and text.startswith("-") and text[1:].isdigit():
        number = -int(text[1:])
    return "" if number is None else number


async def import_facts(actor: Actor, scope: FederationScope, content: bytes) -> int:
    """Write every row's fact (a date: done on it; no date: not done; with the counts of items
    received and resolved, done when all were resolved), or none."""
    if not scope.can_act:
        raise Invalid(_("Only the provincial federation keeps the register."))
    sheet = read_sheet(content, limit=register.MAX_ROWS + 25)
    rows = sheet.rows
    header_at = next(
        (
            i
            for i, (_n, cells) in enumerate(rows[:20])
            if [clean_text(str(c or "")).lower() for c in cells][:2] == ["tax_code", "obligation"]
        ),
        None,
    )
    if header_at is None:
        raise file_error(_("The first columns are tax_code and obligation."))
    header = [clean_text(str(c or "")).lower() for c in rows[header_at][1]]
    index = {name: header.index(name) for name in COLUMNS if name in header}
    data = rows[header_at + 1 :]
    if not data:
        raise file_error(_("The file has a header row but no enterprise below it."))
    declared = obligations.by_key()
    report = register.Report(rows=len(data))
    parsed = []
    codes = set()
    for _number, cells in data:
        codes.add(clean_text(str(cells[0] if cells else "")))
    entries = (
        {
            row["tax_code"]: row
            for row in await RegisterEntry.raw(
                "SELECT e.tax_code, r.enterprise, r.province, r.upper_union"
                " FROM compliance_register AS r JOIN enterprise AS e ON e.id = r.enterprise"
                f" WHERE e.tax_code IN ({', '.join('{}' for _ in codes)})",
                *codes,
            )
        }
        if codes
        else {}
    )
    for number, cells in data:

        def cell(name: str, cells=cells) -> Any:
            at = index.get(name)
            return cells[at] if at is not None and at < len(cells) else None

        def problem(column: str, message: str, number=number) -> None:
            report.problems.append(register.Problem(number, column, message))

        tax_code = clean_text(str(cell("tax_code") or ""))
        entry = entries.get(tax_code)
        visible = entry is not None and (
            scope.province_ids is None
            or entry["province"] in scope.province_ids
            or entry["upper_union"] in scope.upper_union_ids
        )
        if not visible:
            problem(
                "tax_code",
                _("No enterprise with tax code {code} on your register.").format(code=tax_code),
            )
        key = clean_text(str(cell("obligation") or ""))
        if key not in declared:
            problem("obligation", _("Unknown obligation {key}.").format(key=key))
        year = register._int(cell("year"))
        if year is None or not 2000 <= year <= today().year:
            problem("year", _("Choose a year up to this one."))
        done_on = _date(cell("done_on"))
        if done_on == "":
            problem("done_on", _("Write the date as dd/mm/yyyy."))
        elif rules.fact_date_refusal(done_on, today()):
            problem("done_on", _("The date cannot be in the future."))
        received, resolved = _count(cell("received")), _count(cell("resolved"))
        for name, value in (("received", received), ("resolved", resolved)):
            if value == "":
                problem(name, _("Write a whole number."))
        if "" not in (received, resolved):
            for name, message in facts.count_errors(received, resolved).items():
                problem(name, message)
        note = clean_text(str(cell("note") or ""))
        parsed.append((entry, key, year, done_on, note, received, resolved))
    if report.problems:
        raise register.RegisterRejected(report)
    async with write_transaction():
        for entry, key, year, done_on, note, received, resolved in parsed:
            await facts.put(
                entry["enterprise"],
                year,
                key,
                facts.reported_state(bool(done_on), received, resolved),
                on=done_on,
                source=FactSource.REPORTED,
                note=note,
                entered_by=actor.id,
                done=resolved,
                total=received,
            )
        await audit.record(actor, "compliance.facts_imported", "enterprise", "*", rows=len(parsed))
    return len(parsed)
