"""The federation's register: an enterprise's entry (size, union members, the dimensions it is
counted under) kept with the tallies, and the register imported from a spreadsheet, every row
checked first and all written or none (the roster import's way: a report names each bad row)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from labour_democracy.compliance import obligations, rules, tallies
from labour_democracy.compliance.tables import RegisterEntry
from labour_democracy.core import audit
from labour_democracy.core.enterprises import workforce
from labour_democracy.core.errors import Invalid
from labour_democracy.core.permissions import Actor
from labour_democracy.core.roster_import.reading import read_sheet
from labour_democracy.core.roster_import.sheet import clean_text, file_error
from labour_democracy.core.scope import FederationScope
from labour_democracy.core.tables import (
    Commune,
    Enterprise,
    Membership,
    Ownership,
    Role,
    UpperUnion,
    UpperUnionKind,
)
from labour_democracy.db import write_transaction
from labour_democracy.i18n import format_number
from labour_democracy.i18n import gettext as _

MAX_ROWS = 20_000
# A tax code (mã số thuế): 10 digits, or 10 digits, a dash and 3 for a branch.
_TAX_CODE = re.compile(r"\d{10}(-\d{3})?")

# The columns a register file has, by the words its header may use (lower-case, folded).
COLUMNS = {
    "tax_code": ("tax_code", "mã số thuế", "mst", "tax code"),
    "name": ("name", "tên doanh nghiệp", "tên", "enterprise"),
    "commune_code": ("commune_code", "mã xã", "mã xã/phường", "commune code"),
    "upper_union_code": ("upper_union_code", "mã công đoàn cấp trên", "upper union code"),
    "upper_union_name": ("upper_union_name", "công đoàn cấp trên", "upper union"),
    "upper_union_kind": ("upper_union_kind", "loại công đoàn cấp trên", "upper union kind"),
    "sector": ("sector", "ngành", "vsic", "ngành vsic"),
    "ownership": ("ownership", "loại hình", "sở hữu"),
    "workforce": ("workforce", "số lao động", "lao động"),
    "union_members": ("union_members", "số đoàn viên", "đoàn viên"),
    "address": ("address", "địa chỉ"),
}
REQUIRED = ("tax_code", "name", "commune_code", "sector", "ownership", "workforce")
_OWNERSHIP_WORDS = {
    "state_owned": Ownership.STATE_OWNED,
    "nhà nước": Ownership.STATE_OWNED,
    "dnnn": Ownership.STATE_OWNED,
    "private": Ownership.PRIVATE_DOMESTIC,
    "private_domestic": Ownership.PRIVATE_DOMESTIC,
    "tư nhân": Ownership.PRIVATE_DOMESTIC,
    "ngoài nhà nước": Ownership.PRIVATE_DOMESTIC,
    "foreign_invested": Ownership.FOREIGN_INVESTED,
    "fdi": Ownership.FOREIGN_INVESTED,
    "có vốn đầu tư nước ngoài": Ownership.FOREIGN_INVESTED,
    "cooperative": Ownership.COOPERATIVE,
    "hợp tác xã": Ownership.COOPERATIVE,
    "other": Ownership.OTHER,
}
_KIND_WORDS = {
    "industrial_park": UpperUnionKind.INDUSTRIAL_PARK,
    "kcn": UpperUnionKind.INDUSTRIAL_PARK,
    "khu công nghiệp": UpperUnionKind.INDUSTRIAL_PARK,
    "commune": UpperUnionKind.COMMUNE,
    "xã": UpperUnionKind.COMMUNE,
    "phường": UpperUnionKind.COMMUNE,
}


# The entry and the tallies ------------------------------------------------------------------


async def enter(
    enterprise_id: int,
    *,
    workforce: int | None = None,
    union_members: int | None = None,
    uses_app: bool | None = None,
) -> None:
    """Put the enterprise on the register, or bring its entry up to date (its size, and the
    dimensions copied from the enterprise), moving its counts; inside a transaction."""
    enterprise = (
        await Enterprise.select(
            Enterprise.province, Enterprise.upper_union, Enterprise.sector, Enterprise.ownership
        )
        .where(Enterprise.id == enterprise_id)
        .first()
    )
    entry = await RegisterEntry.select().where(RegisterEntry.enterprise == enterprise_id).first()
    old = tallies.dims_of(entry) if entry else None
    values = {
        "workforce": workforce if workforce is not None else (entry or {}).get("workforce", 0),
        "union_members": union_members
        if union_members is not None
        else (entry or {}).get("union_members", 0),
        "uses_app": uses_app if uses_app is not None else (entry or {}).get("uses_app", False),
        "province": enterprise["province"],
        "upper_union": enterprise["upper_union"] or 0,
        "sector": enterprise["sector"] or "",
        "ownership": enterprise["ownership"] or "",
    }
    values["band"] = rules.band_of(values["workforce"], obligations.current_bands())
    columns = {getattr(RegisterEntry, name): value for name, value in values.items()}
    if entry is None:
        await RegisterEntry.insert(RegisterEntry(enterprise=enterprise_id, **values))
    else:
        await RegisterEntry.update(columns).where(RegisterEntry.id == entry["id"])
    await tallies.move_facts(enterprise_id, old, tallies.dims_of(values))


async def recount(enterprise_id: int) -> None:
    """Core changed the enterprise (its profile or its roster: `Manifest.enterprise_changed`):
    count it again under its dimensions of now, with its roster's workforce once it keeps one,
    in the transaction of the change. An enterprise off the register stays off."""
    if not await RegisterEntry.exists().where(RegisterEntry.enterprise == enterprise_id):
        return
    counted = (await workforce(enterprise_id)).count
    await enter(enterprise_id, workforce=counted or None)


async def enter_app_users(province_ids: list[int] | None) -> list[int]:
    """Put on the register every enterprise of the provinces that uses the app (an HR or union
    account), counting its workforce from its roster when it keeps one; returns their ids."""
    query = Membership.select(Membership.enterprise).where(
        Membership.role.is_in([Role.HR.value, Role.UNION.value])
    )
    ids = sorted({row["enterprise"] for row in await query if row["enterprise"]})
    if province_ids is not None and ids:
        ids = [
            row["id"]
            for row in await Enterprise.select(Enterprise.id).where(
                Enterprise.id.is_in(ids) & Enterprise.province.is_in(province_ids or [-1])
            )
        ]
    async with write_transaction():
        for enterprise_id in ids:
            # The roster's count, once the enterprise keeps one; the register's until then.
            counted = (await workforce(enterprise_id)).count
            await enter(enterprise_id, workforce=counted or None, uses_app=True)
    return ids


# The import ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str


@dataclass
class Report:
    rows: int = 0
    added: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def bad_rows(self) -> int:
        return len({problem.row for problem in self.problems})


class RegisterRejected(Invalid):
    """Some rows have problems; nothing was written. `report` lists them."""

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(
            _("{n} rows have problems; nothing was imported.").format(
                n=format_number(report.bad_rows)
            )
        )


def _fold(text: Any) -> str:
    return clean_text(str(text or "")).lower()


def _header(cells: list[Any]) -> dict[str, int]:
    found = {}
    for index, cell in enumerate(cells):
        word = _fold(cell)
        for name, words in COLUMNS.items():
            if word in words and name not in found:
                found[name] = index
    return found


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value or "").strip().replace(".", "").replace(",", "").replace(" ", "")
    return int(text) if text.isdigit() else None


async def import_register(
    actor: Actor, scope: FederationScope, content: bytes, province_id: int | None = None
) -> Report:
    """Read every row of a register file; write all of them (new enterprises added, known tax
    codes updated) or, when any row has a problem, none and raise `RegisterRejected`."""
    if not scope.can_act or (scope.upper_union_ids and not scope.province_ids):
        raise Invalid(_("Only the provincial federation keeps the register."))
    sheet = read_sheet(content, limit=MAX_ROWS + 25)
    if not sheet.rows:
        raise file_error(_("The file is empty: no row has any text."))
    header_at = next(
        (i for i, (_n, cells) in enumerate(sheet.rows[:20]) if "tax_code" in _header(cells)),
        None,
    )
    if header_at is None:
        raise file_error(_("No header row names the column tax_code (mã số thuế)."))
    columns = _header(sheet.rows[header_at][1])
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise file_error(_("The file lacks the columns: {names}.").format(names=", ".join(missing)))
    data = sheet.rows[header_at + 1 :]
    if not data:
        raise file_error(_("The file has a header row but no enterprise below it."))
    if len(data) > MAX_ROWS:
        raise file_error(
            _("The file has more than {n} rows. Split it and import the parts one by one.").format(
                n=format_number(MAX_ROWS)
            )
        )
    communes = {
        row["code"]: (row["id"], row["province"])
        for row in await Commune.select(Commune.id, Commune.code, Commune.province)
    }
    unions = {
        row["code"]: row
        for row in await UpperUnion.select(UpperUnion.id, UpperUnion.code, UpperUnion.province)
    }
    report = Report(rows=len(data))
    seen: dict[str, int] = {}
    parsed = []
    for number, cells in data:

        def cell(name: str, cells=cells) -> Any:
            index = columns.get(name)
            return cells[index] if index is not None and index < len(cells) else None

        def problem(column: str, message: str, number=number) -> None:
            report.problems.append(Problem(number, column, message))

        tax_code = clean_text(str(cell("tax_code") or ""))
        name = clean_text(str(cell("name") or ""))
        commune_code = clean_text(str(cell("commune_code") or ""))
        commune_code = commune_code.zfill(5) if commune_code.isdigit() else commune_code
        sector = clean_text(str(cell("sector") or "")).upper()[:1]
        ownership = _OWNERSHIP_WORDS.get(_fold(cell("ownership")))
        workforce = _int(cell("workforce"))
        members = _int(cell("union_members")) if cell("union_members") not in (None, "") else 0
        if not _TAX_CODE.fullmatch(tax_code):
            problem("tax_code", _("A tax code has 10 digits (or 10, a dash and 3)."))
        elif tax_code in seen:
            problem(
                "tax_code",
                _("Tax code {code} is already on row {row}.").format(
                    code=tax_code, row=seen[tax_code]
                ),
            )
        else:
            seen[tax_code] = number
        if not name:
            problem("name", _("The name is empty."))
        commune = communes.get(commune_code)
        if commune is None:
            problem("commune_code", _("Unknown commune code {code}.").format(code=commune_code))
        elif (province_id is not None and commune[1] != province_id) or (
            scope.province_ids is not None and commune[1] not in scope.province_ids
        ):
            problem(
                "commune_code",
                _("Commune {code} is in another province.").format(code=commune_code),
            )
        if sector not in rules.VSIC_SECTIONS:
            problem("sector", _("The sector is a VSIC 2018 section letter, A to U."))
        if ownership is None:
            problem("ownership", _("Ownership is state_owned, private or foreign_invested."))
        if workforce is None:
            problem("workforce", _("The workforce is a whole number."))
        if members is None or (workforce is not None and members > workforce):
            problem("union_members", _("Union members are a whole number, at most the workforce."))
        union_code = clean_text(str(cell("upper_union_code") or ""))
        union = unions.get(union_code) if union_code else None
        if union is not None and commune is not None and union["province"] != commune[1]:
            problem("upper_union_code", _("This upper-level union is in another province."))
        elif union_code and union is None and not clean_text(str(cell("upper_union_name") or "")):
            problem(
                "upper_union_name",
                _("Name the new upper-level union {code}.").format(code=union_code),
            )
        parsed.append(
            {
                "tax_code": tax_code,
                "name": name,
                "commune": commune,
                "sector": sector,
                "ownership": ownership,
                "workforce": workforce,
                "members": members,
                "union_code": union_code,
                "union_name": clean_text(str(cell("upper_union_name") or "")),
                "union_kind": _KIND_WORDS.get(
                    _fold(cell("upper_union_kind")), UpperUnionKind.COMMUNE
                ),
                "address": clean_text(str(cell("address") or "")),
            }
        )
    known = {
        row["tax_code"]: row
        for row in await Enterprise.select(
            Enterprise.id, Enterprise.tax_code, Enterprise.province
        ).where(Enterprise.tax_code.is_in(list(seen) or ["-"]))
    }
    for (number, _cells), row in zip(data, parsed, strict=True):
        other = known.get(row["tax_code"])
        if other and row["commune"] and other["province"] != row["commune"][1]:
            report.problems.append(
                Problem(number, "tax_code", _("This tax code is registered in another province."))
            )
    if report.problems:
        raise RegisterRejected(report)
    await _write(actor, parsed, known, unions, report)
    return report


async def _write(actor: Actor, parsed: list[dict], known: dict, unions: dict, report: Report):
    async with write_transaction():
        for row in parsed:
            commune_id, province = row["commune"]
            union_id = None
            if row["union_code"]:
                union = unions.get(row["union_code"])
                if union is None:
                    created = UpperUnion(
                        code=row["union_code"],
                        name=row["union_name"],
                        kind=row["union_kind"],
                        province=province,
                        commune=commune_id if row["union_kind"] == UpperUnionKind.COMMUNE else None,
                    )
                    await created.save()
                    union = unions[row["union_code"]] = {"id": created.id, "province": province}
                union_id = union["id"]
            values = {
                Enterprise.name: row["name"],
                Enterprise.commune: commune_id,
                Enterprise.province: province,
                Enterprise.sector: row["sector"],
                Enterprise.ownership: row["ownership"].value,
                Enterprise.upper_union: union_id,
            }
            existing = known.get(row["tax_code"])
            if existing:
                if row["address"]:
                    values[Enterprise.address] = row["address"]
                await Enterprise.update(values).where(Enterprise.id == existing["id"])
                enterprise_id = existing["id"]
                report.updated += 1
            else:
                created = Enterprise(
                    tax_code=row["tax_code"],
                    symbol=row["tax_code"][-6:],
                    address=row["address"],
                    legal_representative="",
                    legal_representative_title="",
                    **{column._meta.name: value for column, value in values.items()},
                )
                await created.save()
                enterprise_id = created.id
                report.added += 1
            await enter(enterprise_id, workforce=row["workforce"], union_members=row["members"])
        await audit.record(
            actor, "compliance.register_imported", "enterprise", "*", rows=report.rows
        )
