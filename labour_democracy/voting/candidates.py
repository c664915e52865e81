"""A ballot's questions with their options, and the roster's worker behind each candidate's
name (for the position and unit a ballot prints beside it)."""

from __future__ import annotations

from labour_democracy.core.enterprises import active_workers
from labour_democracy.core.tables import Worker
from labour_democracy.i18n import today
from labour_democracy.voting.tables import Option, Question


async def candidate_workers(enterprise_id: int, names: list[str]) -> dict[str, int]:
    """The worker of each candidate name that is exactly one active worker's name."""
    found: dict[str, list[int]] = {}
    if names:
        rows = await Worker.select(Worker.id, Worker.full_name).where(
            active_workers(enterprise_id, today()) & Worker.full_name.is_in(names)
        )
        for row in rows:
            found.setdefault(row["full_name"], []).append(row["id"])
    return {name: ids[0] for name, ids in found.items() if len(ids) == 1}


async def questions_with_options(ballot_id: int) -> list[dict]:
    """The questions in order, each with its options; a candidate from the roster has a
    `detail` (position and unit, as the ballot prints them)."""
    questions = (
        await Question.select().where(Question.ballot == ballot_id).order_by(Question.position)
    )
    options = (
        await Option.select(
            *Option.all_columns(),
            Option.worker.position.as_alias("worker_position"),
            Option.worker.org_unit.name.as_alias("worker_unit"),
        )
        .where(Option.ballot == ballot_id)
        .order_by(Option.position)
    )
    for option in options:
        parts = [option.pop("worker_position") or "", option.pop("worker_unit") or ""]
        option["detail"] = ", ".join(part for part in parts if part)
    for question in questions:
        question["options"] = [o for o in options if o["question"] == question["id"]]
    return questions
