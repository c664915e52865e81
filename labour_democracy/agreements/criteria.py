"""The grading criteria each provincial federation sets (tiêu chí xếp loại thỏa ước, Guidance
1580/HD-TLĐ): stored per province, falling back to the app's default file
(`data/grading.json`); a province's federation officer edits its own province's, every change
audited; HR and the union read the criteria that graded their agreement."""

from __future__ import annotations

import json
from dataclasses import replace
from itertools import pairwise

from labour_democracy.agreements import grading
from labour_democracy.agreements.schemas import GradingForm
from labour_democracy.agreements.tables import GradingCriteria
from labour_democracy.core import audit
from labour_democracy.core.errors import Invalid, NotFound
from labour_democracy.core.permissions import Actor
from labour_democracy.core.scope import federation_provinces
from labour_democracy.core.tables import Province, User
from labour_democracy.db import write_transaction
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today

GRADES = ("A", "B", "C", "D")
SOURCE_LIMIT = 1000
# Portable upsert (SQLite and PostgreSQL): two saves at once for a province both land, the
# later one last, where a check-then-insert would hit the unique province.
_SAVE = (
    "INSERT INTO grading_criteria"
    " (province, source, count_benefits_without_floor, grades, set_by, set_on)"
    " VALUES ({}, {}, {}, {}, {}, {})"
    " ON CONFLICT (province) DO UPDATE SET source = excluded.source,"
    " count_benefits_without_floor = excluded.count_benefits_without_floor,"
    " grades = excluded.grades, set_by = excluded.set_by, set_on = excluded.set_on"
)


async def frame_for(province_id: int | None) -> grading.Frame:
    """The criteria that grade an enterprise's agreements: its province's, else the default."""
    row = (
        await GradingCriteria.select(
            GradingCriteria.all_columns(),
            GradingCriteria.province.name.as_alias("province_name"),
        )
        .where(GradingCriteria.province == (province_id or -1))
        .first()
    )
    default = grading.default_frame()
    if row is None:
        return default
    grades = row["grades"]
    grades = json.loads(grades) if isinstance(grades, str) else grades
    user = await User.select(User.full_name).where(User.id == (row["set_by"] or -1)).first()
    frame = grading.frame_from(
        {
            "source": row["source"],
            "count_benefits_without_floor": row["count_benefits_without_floor"],
            "grades": grades,
            "groups": {},
        }
    )
    return replace(
        frame,
        groups=default.groups,
        province=row["province_name"],
        set_on=row["set_on"],
        set_by=user["full_name"] if user else "",
    )


async def chosen_province(actor: Actor, wanted: int | None) -> dict:
    """The province the page shows: `wanted` if the actor may set its criteria, else the
    actor's first; NotFound for a province outside the actor's reach."""
    allowed = federation_provinces(actor)
    query = Province.select(Province.id, Province.name).order_by(Province.id)
    if allowed is not None:
        query = query.where(Province.id.is_in(allowed or [-1]))
    if wanted is not None:
        query = query.where(Province.id == wanted)
    row = await query.first()
    if row is None:
        raise NotFound
    return row


async def province_choices(actor: Actor) -> list[tuple[int, str]]:
    """The provinces whose criteria the actor sets, as (id, name)."""
    allowed = federation_provinces(actor)
    query = Province.select(Province.id, Province.name).order_by(Province.name)
    if allowed is not None:
        query = query.where(Province.id.is_in(allowed or [-1]))
    return [(row["id"], row["name"]) for row in await query]


def _grades(form: GradingForm) -> tuple[list[dict], dict[str, str]]:
    """The grades of the form and the fields refused: whole numbers from 0, and no grade asking
    less than the grade below it (A's cut-offs at least B's, B's at least C's, C's at least
    D's)."""
    errors: dict[str, str] = {}
    rows = []
    for letter in GRADES:
        row = {"grade": letter}
        for part in ("more_favourable", "groups"):
            name = f"{letter.lower()}_{part}"
            value = getattr(form, name)
            if value < 0:
                errors[name] = _("A whole number from 0.")
            row[part] = value
        rows.append(row)
    for higher, lower in pairwise(rows):
        for part in ("more_favourable", "groups"):
            name = f"{higher['grade'].lower()}_{part}"
            if name not in errors and higher[part] < lower[part]:
                errors[name] = _("Grade {higher} cannot ask less than grade {lower}.").format(
                    higher=higher["grade"], lower=lower["grade"]
                )
    return rows, errors


async def save(actor: Actor, form: GradingForm) -> int:
    """Set a province's criteria (its federation officer, or an administrator); audited with
    the cut-offs, never a person's data. Returns the province's id."""
    province = await chosen_province(actor, form.province)
    source = " ".join(form.source.split())
    grades, errors = _grades(form)
    if not source:
        errors["source"] = _("Say where the criteria come from.")
    elif len(source) > SOURCE_LIMIT:
        errors["source"] = _("At most {n} characters.").format(n=SOURCE_LIMIT)
    if errors:
        raise Invalid(errors)
    async with write_transaction():
        await GradingCriteria.raw(
            _SAVE,
            province["id"],
            source,
            form.count_benefits_without_floor,
            json.dumps(grades),
            actor.id,
            today(),
        )
        await audit.record(
            actor,
            "agreements.grading_criteria",
            "province",
            province["id"],
            None,
            grades=";".join(f"{g['grade']}:{g['more_favourable']}/{g['groups']}" for g in grades),
            count_benefits_without_floor=form.count_benefits_without_floor,
        )
    return province["id"]


def form_values(frame: grading.Frame) -> dict[str, str]:
    """The form's fields filled from a frame."""
    values = {
        "source": frame.source,
        "count_benefits_without_floor": "true" if frame.count_benefits_without_floor else "",
    }
    for letter, more_favourable, groups in frame.grades:
        values[f"{letter.lower()}_more_favourable"] = str(more_favourable)
        values[f"{letter.lower()}_groups"] = str(groups)
    return values
