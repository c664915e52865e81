"""Finding a worker of the roster by name or employee code, one page at a time.

Every picker that names a worker (a member of the dialogue list, a conference delegate) asks
here instead of loading the roster: an enterprise of 20,000 workers cannot be one <select>.
The search folds diacritics ("nguyen duc" finds "Nguyễn Đức"), matches anywhere in the name or
the code, and never leaves the enterprise of the context. The caller's route checks the role:
whoever may name a member or a delegate may find the worker to name.
"""

from __future__ import annotations

from labour_democracy.core import rules
from labour_democracy.core.schemas import Page
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Worker
from labour_democracy.db import contains

PER_PAGE = 20
MAX_PER_PAGE = 100


async def search(
    context: EnterpriseContext, q: str | None, page: int = 1, per_page: int = PER_PAGE
) -> Page:
    """Workers whose folded name or code contains `q`, by name; no term finds nobody."""
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    term = (q or "").strip()
    if not term:
        return Page(rows=[], total=0, page=1, per_page=per_page)
    where = (Worker.enterprise == context.enterprise_id) & (
        contains(Worker.search_name, rules.fold(term)) | contains(Worker.employee_code, term)
    )
    total = await Worker.count().where(where)
    last = max(1, -(-total // per_page))
    page = max(1, min(page, last))
    rows = (
        await Worker.select(Worker.id, Worker.full_name, Worker.employee_code)
        .where(where)
        .order_by(Worker.sort_key)
        .order_by(Worker.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(rows=rows, total=total, page=page, per_page=per_page)


async def chosen(context: EnterpriseContext, worker_id: object) -> dict | None:
    """The worker a refused form had chosen, to show it chosen again; None if not one of ours."""
    try:
        worker_id = int(str(worker_id))
    except ValueError:
        return None
    return (
        await Worker.select(Worker.id, Worker.full_name, Worker.employee_code)
        .where((Worker.id == worker_id) & (Worker.enterprise == context.enterprise_id))
        .first()
    )
