"""Administrative units: the 34 provinces shipped as data; the 3,321 communes, wards and special
zones of the 2025 map from the maintained `vietnam-provinces` package (data of 2025-10), and a
CSV import for corrections.

Decision 19/2025/QĐ-TTg fixes the codes of the two-tier structure in force since
1 July 2025: 2 digits for a province, 5 digits for a commune-level unit.
"""

from __future__ import annotations

import csv
import io
import re
from importlib import resources

from labour_democracy.core import audit
from labour_democracy.core.errors import Invalid
from labour_democracy.core.permissions import Actor
from labour_democracy.core.tables import Commune, Province
from labour_democracy.db import write_transaction
from labour_democracy.i18n import gettext as _

_PROVINCE_CODE = re.compile(r"\d{2}")
_COMMUNE_CODE = re.compile(r"\d{5}")


def shipped_provinces() -> list[dict[str, str]]:
    text = (
        resources.files("labour_democracy.core")
        .joinpath("data/provinces.csv")
        .read_text(encoding="utf-8")
    )
    return list(csv.DictReader(io.StringIO(text)))


async def load_provinces() -> int:
    """Insert the shipped provinces that are missing; returns how many were added."""
    existing = {row["code"] for row in await Province.select(Province.code)}
    missing = [p for p in shipped_provinces() if p["code"] not in existing]
    if missing:
        async with write_transaction():
            await Province.insert(*(Province(code=p["code"], name=p["name"]) for p in missing))
    return len(missing)


def shipped_communes(province_codes: set[str] | None = None) -> list[tuple[str, str, str]]:
    """(code, name, province code) of every commune-level unit of the 2025 map, from the
    `vietnam-provinces` package; only those of `province_codes` when given."""
    from vietnam_provinces import Ward

    communes = [
        (f"{ward.code.value:05d}", ward.name, f"{ward.province_code.value:02d}")
        for ward in Ward.iter_all()
    ]
    if province_codes is not None:
        communes = [c for c in communes if c[2] in province_codes]
    return communes


async def load_communes(province_codes: set[str] | None = None) -> int:
    """Insert the shipped communes that are missing (of `province_codes`, or all); returns how
    many were added. Existing codes are left as they are (an admin may have corrected them)."""
    provinces = {
        row["code"]: row["id"] for row in await Province.select(Province.id, Province.code)
    }
    existing = {row["code"] for row in await Commune.select(Commune.code)}
    missing = [
        Commune(code=code, name=name, province=provinces[province])
        for code, name, province in shipped_communes(province_codes)
        if code not in existing and province in provinces
    ]
    async with write_transaction():
        for start in range(0, len(missing), 500):
            await Commune.insert(*missing[start : start + 500])
    return len(missing)


async def import_communes(actor: Actor, text: str) -> int:
    """Import `code,name,province_code` rows; all or nothing, existing codes are renamed."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if not reader.fieldnames or not {"code", "name", "province_code"} <= set(reader.fieldnames):
        raise Invalid(_("The file needs the columns code, name and province_code."))
    provinces = {
        row["code"]: row["id"] for row in await Province.select(Province.id, Province.code)
    }
    errors: dict[str, str] = {}
    rows: dict[str, tuple[str, int]] = {}
    for line, row in enumerate(reader, start=2):
        code, name = (row["code"] or "").strip(), (row["name"] or "").strip()
        province = (row["province_code"] or "").strip().zfill(2)
        if not _COMMUNE_CODE.fullmatch(code):
            errors[f"line {line}"] = _("A commune code has 5 digits.")
        elif not name:
            errors[f"line {line}"] = _("The name is empty.")
        elif province not in provinces:
            errors[f"line {line}"] = _("Unknown province code {code}.").format(code=province)
        else:
            rows[code] = (name, provinces[province])
    if errors:
        raise Invalid(errors)
    existing = {row["code"]: row["id"] for row in await Commune.select(Commune.id, Commune.code)}
    async with write_transaction():
        new = [
            Commune(code=c, name=n, province=p) for c, (n, p) in rows.items() if c not in existing
        ]
        if new:
            await Commune.insert(*new)
        for code, (name, province) in rows.items():
            if code in existing:
                await Commune.update({Commune.name: name, Commune.province: province}).where(
                    Commune.id == existing[code]
                )
        await audit.record(actor, "communes.imported", "commune", "*", rows=len(rows))
    return len(rows)
