"""The People's Inspection Board of a state-owned enterprise (Ban Thanh tra nhân dân), where
the app records it: the conference's election item. Its size (3 to 9, more with a recorded
exception), the bar on the enterprise's head and deputies as members (conferences.rules), both
checked when the item is saved and when its vote opens."""

from __future__ import annotations

from labour_democracy.conferences import rules
from labour_democracy.conferences.rules_settings import rules_of
from labour_democracy.conferences.tables import Conference
from labour_democracy.core.rules import fold
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Worker
from labour_democracy.i18n import gettext as _

KEY = "inspection_board"


def candidate_lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


async def problems(
    context: EnterpriseContext, conference: Conference, seats: int | None, candidates: str | None
) -> dict[str, str]:
    """What is wrong with the board's election item, by form field (empty when lawful)."""
    view = await rules_of(context.enterprise)
    errors: dict[str, str] = {}
    if not rules.inspection_board_size_valid(seats or 0, view.board_size_exception):
        errors["seats"] = _(
            "The People's Inspection Board has 3 to 9 members, more only in a special or "
            "dispersed enterprise, a reason recorded in the conference rules (Law 10/2022/QH15, "
            "Art. 77(1); Decree 59/2023/NĐ-CP, Art. 25(2))."
        )
    barred = await barred_candidates(context, conference, candidate_lines(candidates))
    if barred:
        errors["candidates"] = _(
            "The enterprise's head and deputies cannot be members of the People's Inspection "
            "Board (Decree 59/2023/NĐ-CP, Art. 25): {names}."
        ).format(names=", ".join(barred))
    return errors


async def barred_candidates(
    context: EnterpriseContext, conference: Conference, lines: list[str]
) -> list[str]:
    """The candidates who hold the enterprise's leadership: by the title written with the name,
    by being its legal representative or the conference's employer co-chair, or by their
    position on the roster."""
    leaders = {
        fold(name)
        for name in (context.enterprise.legal_representative, conference.employer_chair)
        if name and name.strip()
    }
    names = {line: fold(line.split(" - ")[0].split(",")[0]) for line in lines}
    positions: dict[str, list[str]] = {}
    if names:
        for row in await Worker.select(Worker.search_name, Worker.position).where(
            (Worker.enterprise == context.enterprise_id)
            & Worker.search_name.is_in(list(set(names.values())))
        ):
            positions.setdefault(row["search_name"], []).append(row["position"])
    return [
        line
        for line, name in names.items()
        if rules.barred_from_board(line)
        or name in leaders
        or any(rules.barred_from_board(p) for p in positions.get(name, []))
    ]
