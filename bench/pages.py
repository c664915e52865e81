"""`python -m bench pages`: the roster list page from the database vs from rows held in memory.

For each engine (SQLite always; PostgreSQL when 127.0.0.1:5432 answers; Piccolo's stock
SQLiteEngine with --stock) a child process builds a seeded database, signs in as hr@demo.vn and
requests GET /enterprises/{id}/workers (full page, 20 rows) in alternating rounds against

- the real app ("db"), and
- the same app object with the page's database reads (the actor, the enterprise context, the
  roster page, the unit tree, the workforce count) swapped for the results captured from one
  real request ("memory"): routing, session, CSRF cookie, guard and templates are identical.

`page_ratio_<engine>` is the median over rounds of db req/s / memory req/s (goal: >= 0.6).

Requests go to the ASGI app in-process (httpx's ASGITransport), with a few concurrent clients
on one event loop (uvloop, like `labour-democracy serve`). A real HTTP server would add the same
fixed cost (sockets, HTTP parsing, a client process) to both sides, which dilutes the database's
share and flatters the ratio; on this 2-core shared machine a separate client process would also
compete with the server for CPU and make the rounds noisier. In-process is the stricter measure.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import logging
import re
import shutil
import statistics
import time
from collections.abc import Callable, Iterator

from bench import common

ENGINES = ("sqlite", "postgres", "sqlite-stock")
# The page's database reads, as the handler and the guard look them up.
PAGE_READS = (
    ("labour_democracy.web.auth", "load_actor"),
    ("labour_democracy.web.auth", "enterprise_context"),
    ("labour_democracy.core.roster", "list_workers"),
    ("labour_democracy.core.enterprises", "org_unit_tree"),
    ("labour_democracy.core.enterprises", "workforce"),
)
_ROW = re.compile(r"<tr>\s*<td>")


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench pages", description=__doc__)
    parser.add_argument("--rounds", type=int, default=15, help="alternating rounds per engine")
    parser.add_argument("--seconds", type=float, default=0.8, help="length of one side's round")
    parser.add_argument("--concurrency", type=int, default=4, help="requests in flight")
    parser.add_argument(
        "--workers", type=int, default=300, help="active workers on the demo enterprise's roster"
    )
    parser.add_argument(
        "--stock", action="store_true", help="also measure Piccolo's stock SQLiteEngine"
    )
    parser.add_argument("--engine", choices=ENGINES, help=argparse.SUPPRESS)  # child process
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    args = _arguments(argv)
    if args.engine:
        _measure_engine(args)
        return
    engines = ["sqlite"]
    if common.postgres_reachable():
        engines.append("postgres")
    else:
        print("postgres: not reachable on 127.0.0.1:5432, skipped")
    if args.stock:
        engines.append("sqlite-stock")
    settings = [
        f"--rounds={args.rounds}",
        f"--seconds={args.seconds}",
        f"--concurrency={args.concurrency}",
        f"--workers={args.workers}",
    ]
    print(f"rounds: {args.rounds}")
    print(f"seconds_per_side_per_round: {args.seconds}")
    print(f"concurrency: {args.concurrency}")
    print(f"active_workers: {args.workers}")
    for engine in engines:
        if engine == "postgres":
            common.reset_postgres_database()
        for line in common.run_child("pages", [f"--engine={engine}", *settings]):
            print(line, flush=True)


def _measure_engine(args: argparse.Namespace) -> None:
    key = args.engine.replace("-", "_")
    work_dir = common.use_database(common.BENCH_POSTGRES_URL if args.engine == "postgres" else None)
    if args.engine == "sqlite-stock":
        _use_stock_sqlite_engine()
    try:
        import uvloop

        loop_factory, loop_name = uvloop.new_event_loop, "uvloop"
    except ImportError:
        loop_factory, loop_name = None, "asyncio"
    try:
        with asyncio.Runner(loop_factory=loop_factory) as runner:
            results = runner.run(_rounds(args))
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
    from labour_democracy.db import engine

    print(f"engine_{key}: {type(engine()).__name__} on {loop_name}")
    for name, value in results.items():
        print(f"{name}_{key}: {value}")


def _use_stock_sqlite_engine() -> None:
    """Swap in Piccolo's own SQLiteEngine (before any table has looked its engine up)."""
    from piccolo.engine.sqlite import SQLiteEngine

    from labour_democracy import piccolo_conf
    from labour_democracy.settings import get_settings

    piccolo_conf.DB = SQLiteEngine(path=str(get_settings().sqlite_path))


async def _rounds(args: argparse.Namespace) -> dict[str, object]:
    import httpx

    from labour_democracy.app import create_app
    from labour_democracy.core.demo import DEMO_PASSWORD
    from labour_democracy.db import engine

    enterprise_id = await common.seed_demo(args.workers)
    app = create_app()
    # The client's own per-request log line is not part of the page's cost.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    url = f"/enterprises/{enterprise_id}/workers"
    async with (
        app.lifespan(),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://bench.local"
        ) as client,
    ):
        await common.sign_in(client, common.DEMO_HR_EMAIL, DEMO_PASSWORD)

        captured: dict[tuple[str, str], object] = {}
        with _patched(lambda target, real: _recording(captured, target, real)):
            db_page = await _page(client, url)
        with _patched(lambda target, real: _replaying(captured[target])):
            memory_page = await _page(client, url)
        if common.without_csrf_tokens(db_page) != common.without_csrf_tokens(memory_page):
            raise SystemExit("the in-memory page differs from the database page")

        db_queries = memory_queries = None
        if hasattr(engine(), "query_count"):
            db_queries = await _queries_per_page(client, url)
            with _patched(lambda target, real: _replaying(captured[target])):
                memory_queries = await _queries_per_page(client, url)

        async def db_side() -> float:
            return await _throughput(client, url, args.seconds, args.concurrency)

        async def memory_side() -> float:
            with _patched(lambda target, real: _replaying(captured[target])):
                return await _throughput(client, url, args.seconds, args.concurrency)

        # Warm both sides up (template cache, connection pools, branch caches) before timing.
        await db_side()
        await memory_side()
        db_rates, memory_rates, ratios = [], [], []
        for number in range(args.rounds):
            # Alternate which side goes first, so a slow drift of the machine favours neither.
            if number % 2 == 0:
                db_rate, memory_rate = await db_side(), await memory_side()
            else:
                memory_rate, db_rate = await memory_side(), await db_side()
            db_rates.append(db_rate)
            memory_rates.append(memory_rate)
            ratios.append(db_rate / memory_rate)
    results: dict[str, object] = {
        "page_ratio": round(statistics.median(ratios), 3),
        "page_ratio_min": round(min(ratios), 3),
        "page_ratio_max": round(max(ratios), 3),
        "req_per_s_db": round(statistics.median(db_rates), 1),
        "req_per_s_memory": round(statistics.median(memory_rates), 1),
        "rows": len(_ROW.findall(db_page)),
    }
    if db_queries is not None:
        results["queries_per_page_db"] = db_queries
        results["queries_per_page_memory"] = memory_queries
    return results


@contextlib.contextmanager
def _patched(make: Callable[[tuple[str, str], Callable], Callable]) -> Iterator[None]:
    """Replace each of the page's reads with `make(target, real_function)`, then restore them."""
    originals = []
    for module_name, name in PAGE_READS:
        module = importlib.import_module(module_name)
        real = getattr(module, name)
        originals.append((module, name, real))
        setattr(module, name, make((module_name, name), real))
    try:
        yield
    finally:
        for module, name, real in originals:
            setattr(module, name, real)


def _recording(captured: dict, target: tuple[str, str], real: Callable) -> Callable:
    async def record(*args, **kwargs):
        captured[target] = result = await real(*args, **kwargs)
        return result

    return record


def _replaying(result: object) -> Callable:
    async def replay(*args, **kwargs):
        return result

    return replay


async def _page(client, url: str) -> str:
    response = await client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}: {response.text[:500]}")
    return response.text


async def _queries_per_page(client, url: str) -> int:
    from labour_democracy.db import engine

    before = engine().query_count
    await _page(client, url)
    return engine().query_count - before


async def _throughput(client, url: str, seconds: float, concurrency: int) -> float:
    """Requests per second over `seconds`, with `concurrency` requests in flight."""
    done = 0
    deadline = time.perf_counter() + seconds

    async def browse() -> None:
        nonlocal done
        while time.perf_counter() < deadline:
            await _page(client, url)
            done += 1

    start = time.perf_counter()
    await asyncio.gather(*(browse() for _ in range(concurrency)))
    return done / (time.perf_counter() - start)
