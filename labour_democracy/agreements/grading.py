"""The quality grade of an agreement (xếp loại thỏa ước A/B/C/D) from criteria the federation
sets, as data with their source (VGCL Guidance 1580/HD-TLĐ, 2014: yearly grades A-D; an
agreement that only copies the law, was voided or was signed without authority is not graded).
The VGCL's own points and cut-offs are not public (law.md §9), so the frame is data: a province's
federation sets its own (criteria.py), else the default file (`data/grading.json`) applies; the
page shows the source."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from labour_democracy.agreements.floors import Verdict
from labour_democracy.i18n import N_

FRAME_FILE = Path(__file__).parent / "data" / "grading.json"


@dataclass(frozen=True)
class Frame:
    source: str
    source_en: str
    count_benefits_without_floor: bool
    grades: tuple[tuple[str, int, int], ...]  # (grade, more favourable terms, topic groups)
    groups: dict[str, str]  # term key -> topic group
    # Whose criteria (criteria.py): a province's federation, the day and the officer; empty for
    # the default file.
    province: str = ""
    set_on: dt.date | None = None
    set_by: str = ""


@cache
def default_frame() -> Frame:
    return frame_from(json.loads(FRAME_FILE.read_text(encoding="utf-8")))


def frame_from(data: dict) -> Frame:
    grades = tuple(
        (row["grade"], int(row["more_favourable"]), int(row["groups"]))
        for row in sorted(data["grades"], key=lambda row: -int(row["more_favourable"]))
    )
    groups = {term: group for group, terms in data["groups"].items() for term in terms}
    return Frame(
        data["source"], data.get("source_en", ""), bool(data["count_benefits_without_floor"]),
        grades, groups,
    )  # fmt: skip


@dataclass(frozen=True)
class Grade:
    grade: str | None  # None: not graded
    reason: str  # a msgid
    more_favourable: int
    groups: int
    below: int


def grade(terms: list[tuple[str, Verdict, Decimal]], frame: Frame | None = None) -> Grade:
    """The grade of an agreement's checked terms (term key, verdict, value)."""
    frame = frame or default_frame()
    below = sum(1 for _term, verdict, _value in terms if verdict is Verdict.BELOW)
    better = [
        term
        for term, verdict, value in terms
        if verdict is Verdict.MORE_FAVOURABLE
        or (frame.count_benefits_without_floor and verdict is Verdict.NO_BASELINE and value > 0)
    ]
    groups = len({frame.groups.get(term, "other") for term in better})
    if below:
        return Grade(None, N_("Not graded: a clause is below the law."), len(better), groups, below)
    if not better:
        return Grade(None, N_("Not graded: the agreement only copies the law."), 0, 0, 0)
    for letter, needed, needed_groups in frame.grades:
        if len(better) >= needed and groups >= needed_groups:
            return Grade(letter, N_("Graded by the frame below."), len(better), groups, 0)
    return Grade(None, N_("Not graded: below the lowest grade's criteria."), len(better), groups, 0)
