"""Every page of the app, on the demo: the URLs the page checks visit (untranslated words in
tests/test_untranslated.py, phone width and accessibility in tests/browser/).

Built from the registered routes like tests/test_route_scope.py, so a module merged later is
visited without anyone listing its pages: every GET page route (not the API, not files), its
path parameters filled with the demo enterprise's own records (the tables come from the
manifests' `path_records`; a record nested in another is taken from its parent), or with a
sample from tests/route_samples.py where the demo has none. Public pages are visited with the
demo's public tokens. Each URL says who opens it: the HR manager where HR may, else the union
chair, else the administrator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from litestar import Litestar
from litestar.routes import HTTPRoute
from piccolo.table import Table

from labour_democracy.core.permissions import VIEW
from labour_democracy.core.tables import Enterprise, Role, User
from labour_democracy.manifest import installed
from labour_democracy.voting.tables import Ballot
from tests.route_samples import SAMPLES

DEMO_SYMBOL = "SHVN"
EMAILS = {"hr": "hr@demo.vn", "union": "union@demo.vn", "admin": "admin@demo.vn"}
_PARAMETER = re.compile(r"\{(\w+)(?::\w+)?\}")
# Downloads, feeds and machine pages: not a page a person reads.
_NOT_PAGES = re.compile(
    r"(\.docx|\.xlsx|\.csv|\.ics|/docx|/pdf|/attachment|/minutes|/communes|/healthz|/readyz"
    r"|/documents/[a-z-]+)$"
)
# Routes the walk never visits, with the reason: nothing a person reads.
NOT_VISITED = {
    "/V/{code:str}": "the slip's QR link, a redirect to the vote page",
    "/dialogue-calendar/{token:str}": "a calendar feed",
    "/favicon.ico": "an icon",
}
# How many records of a route's first parameter are visited (a closed and a planned one ...).
RECORDS_PER_ROUTE = 3


@dataclass(frozen=True)
class Visit:
    who: str  # "hr", "union", "admin" or "anonymous"
    url: str
    route: str


def _records() -> dict[str, type[Table]]:
    tables: dict[str, type[Table]] = {}
    for manifest in installed():
        tables.update(manifest.path_records)
    tables["user_id"] = User
    return tables


async def _demo_rows(
    table: type[Table], enterprise_id: int, chosen: dict[str, tuple[type[Table], int]]
) -> list[int]:
    """Ids of the demo enterprise's rows of `table`, inside the records already chosen,
    newest first."""
    if table is User:
        return []
    primary_key = table._meta.primary_key
    query = table.select(primary_key).order_by(primary_key, ascending=False)
    for column in table._meta.foreign_key_columns:
        target = column._foreign_key_meta.resolved_references
        if target is Enterprise:
            query = query.where(column == enterprise_id)
        for parent_table, parent_id in chosen.values():
            if target is parent_table and parent_table is not Enterprise:
                query = query.where(column == parent_id)
    return [row[primary_key._meta.name] for row in await query.limit(RECORDS_PER_ROUTE)]


def _who(route_permission, in_enterprise: bool) -> str | None:
    permission = route_permission or (VIEW if in_enterprise else None)
    if permission is None:
        return "hr"
    for who, role in (("hr", Role.HR), ("union", Role.UNION), ("admin", Role.ADMIN)):
        if permission.allows({role}):
            return who
    return None


async def demo_visits(app: Litestar, records_per_route: int = RECORDS_PER_ROUTE) -> list[Visit]:
    """The pages of the demo to visit (load the demo first)."""
    enterprise = (
        await Enterprise.select(Enterprise.id, Enterprise.public_token)
        .where(Enterprise.symbol == DEMO_SYMBOL)
        .first()
    )
    enterprise_id = enterprise["id"]
    tables = _records()
    visits: list[Visit] = []
    for route in app.routes:
        if not isinstance(route, HTTPRoute) or route.path.startswith(("/schema", "/static")):
            continue
        if route.path.startswith("/api/") or _NOT_PAGES.search(route.path):
            continue
        for handler in route.route_handlers:
            if "GET" not in handler.http_methods:
                continue
            params = _PARAMETER.findall(route.path)
            if handler.opt.get("public"):
                visits += await _public_visits(route.path, params, enterprise)
                if route.path.startswith("/p/{token:str}/") and len(params) > 1:
                    # The workers' pages of one record (a hall screen): the demo's records.
                    records = [name for name in params if name != "token"]
                    for ids in await _fillings(records, enterprise_id, tables, 1):
                        ids = {**ids, "token": enterprise["public_token"]}
                        url = _PARAMETER.sub(lambda m, ids=ids: str(ids[m.group(1)]), route.path)
                        visits.append(Visit("anonymous", url, route.path))
                continue
            who = _who(handler.opt.get("permission"), "enterprise_id" in params)
            if who is None:
                continue
            for ids in await _fillings(params, enterprise_id, tables, records_per_route):
                url = _PARAMETER.sub(lambda m, ids=ids: str(ids[m.group(1)]), route.path)
                visits.append(Visit(who, url, route.path))
    return visits


def unvisited_pages(app: Litestar, visits: list[Visit]) -> list[str]:
    """The page routes the walk did not visit: a module whose pages the walk cannot fill (a
    public page it does not know how to open) shows here instead of passing unchecked."""
    visited = {visit.route for visit in visits}
    return sorted(
        route.path
        for route in app.routes
        if isinstance(route, HTTPRoute)
        and "GET" in route.methods
        and not route.path.startswith(("/schema", "/static", "/api/"))
        and not _NOT_PAGES.search(route.path)
        and route.path not in visited
        and route.path not in NOT_VISITED
    )


async def _fillings(
    params: list[str], enterprise_id: int, tables: dict, records_per_route: int
) -> list[dict[str, int]]:
    """Up to `records_per_route` ways to fill the path: the newest records of the first
    parameter in turn, each later parameter the newest record inside the earlier ones."""
    fillings: list[dict[str, int]] = []
    for attempt in range(records_per_route):
        ids: dict[str, int] = {}
        chosen: dict[str, tuple[type[Table], int]] = {"enterprise_id": (Enterprise, enterprise_id)}
        first = True
        for name in params:
            if name == "enterprise_id":
                ids[name] = enterprise_id
                continue
            table = tables.get(name)
            rows = await _demo_rows(table, enterprise_id, chosen) if table else []
            pick = attempt if first else 0
            first = False
            if pick < len(rows):
                ids[name] = rows[pick]  # the newest first: the demo's current records
            elif attempt == 0:
                ids[name] = await SAMPLES[name](enterprise_id)
            else:
                return fillings
            if table:
                chosen[name] = (table, ids[name])
        fillings.append(ids)
        if all(name == "enterprise_id" for name in params):
            break
    return fillings


async def _public_visits(path: str, params: list[str], enterprise: dict) -> list[Visit]:
    if path in ("/login", "/v"):
        return [Visit("anonymous", path, path)]
    token = enterprise["public_token"]
    if path.startswith("/p/{token:str}") and params == ["token"]:
        # The workers' page and every page below it that needs only the enterprise's token
        # (suggestions, the union application, the regulation), whichever module brings it.
        return [Visit("anonymous", path.replace("{token:str}", token), path)]
    if path == "/r/{token:str}":
        ballots = await Ballot.select(Ballot.public_token).where(
            Ballot.enterprise == enterprise["id"]
        )
        return [Visit("anonymous", f"/r/{row['public_token']}", path) for row in ballots[-2:]]
    return []
