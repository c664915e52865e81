"""`python -m bench votes [--voters 5000] [--clients 50] [--engine sqlite|postgres]`

Issues one code per voter, starts the real app in its own process, casts every code over HTTP
with concurrent clients (one POST /v/cast each, the confirm step of a phone), then replays every
code. Prints `engine`, `votes_per_second`, `seconds`, `lost` (acknowledged but not stored),
`double` (a code stored twice, or a replay accepted) and `raw_commit_rate` (single-row commits
per second of a bare sqlite3 / asyncpg loop on this machine, measured in the same run).
Without --engine, runs SQLite and, when it answers on 127.0.0.1:5432, PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import (
    enterprise_with_workers,
    free_port,
    postgres_reachable,
    reset_postgres_database,
    run_child,
    use_database,
)

DATABASE = "ld_bench_votes"
_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')
_RECEIPT = re.compile(r'class="receipt"[^>]*>([0-9A-Z]{5}-[0-9A-Z]{5})<')


async def _prepare_ballot(voters: int, open_it: bool = True):
    """Migrate; an enterprise with `voters` workers and a draft consultation with one motion.
    Returns the organiser's context and the ballot id; codes are issued when `open_it`."""
    from labour_democracy.voting import services
    from labour_democracy.voting.schemas import BallotForm, QuestionForm
    from labour_democracy.voting.tables import QuestionKind

    context = await enterprise_with_workers(
        "Công ty Bench", "0100000001", voters, "Công nhân", code_prefix="B"
    )
    ballot = await services.create_ballot(context, BallotForm(title="Bench vote"))
    await services.add_question(
        context, ballot, QuestionForm(kind=QuestionKind.MOTION, text="Đồng ý?")
    )
    return context, ballot


async def _prepare(voters: int) -> tuple[list[str], int, int]:
    """An open ballot with one motion and `voters` codes; returns codes, question, "for"."""
    from labour_democracy import db
    from labour_democracy.voting import services
    from labour_democracy.voting.tables import Option, Question

    context, ballot = await _prepare_ballot(voters)
    issued = await services.issue_codes(context, ballot)
    await services.open_ballot(context, ballot)
    question = (await Question.select(Question.id).where(Question.ballot == ballot).first())["id"]
    yes = (
        await Option.select(Option.id)
        .where((Option.question == question) & (Option.role == "for"))
        .first()
    )["id"]
    await db.close_pool()
    return [i.code for i in issued], question, yes


async def _client_session(
    base: str, jobs: asyncio.Queue, question: int, option: int, results: list
):
    import httpx

    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        page = await client.get("/v")
        token = _TOKEN.search(page.text).group(1)
        while True:
            try:
                code = jobs.get_nowait()
            except asyncio.QueueEmpty:
                return
            response = await client.post(
                "/v/cast",
                data={"code": code, f"q{question}": str(option), "_csrf_token": token},
            )
            # A replay is shown the earlier vote's receipt (data-counted-before), not a new vote.
            new_vote = bool(_RECEIPT.search(response.text)) and (
                "data-counted-before" not in response.text
            )
            results.append((code, response.status_code, new_vote))


async def _burst(
    base: str, codes: list[str], question: int, option: int, clients: int
) -> tuple[float, list]:
    jobs: asyncio.Queue = asyncio.Queue()
    for code in codes:
        jobs.put_nowait(code)
    results: list = []
    started = time.perf_counter()
    await asyncio.gather(
        *(_client_session(base, jobs, question, option, results) for _ in range(clients))
    )
    return time.perf_counter() - started, results


def _raw_commit_rate_sqlite(seconds: float = 2.0) -> float:
    path = Path(tempfile.mkdtemp(prefix="ld-raw-")) / "raw.sqlite3"
    connection = sqlite3.connect(path, isolation_level=None)
    connection.executescript(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"  # as the app (labour_democracy/db.py)
        "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"
    )
    commits, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO t (v) VALUES ('x')")
        connection.execute("COMMIT")
        commits += 1
    return commits / (time.perf_counter() - started)


async def _raw_commit_rate_postgres(url: str, seconds: float = 2.0) -> float:
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        await connection.execute("CREATE TABLE raw_commit (id serial PRIMARY KEY, v text)")
        commits, started = 0, time.perf_counter()
        while time.perf_counter() - started < seconds:
            await connection.execute("INSERT INTO raw_commit (v) VALUES ('x')")
            commits += 1
        return commits / (time.perf_counter() - started)
    finally:
        await connection.close()


async def _stored(question: int) -> int:
    from labour_democracy import db
    from labour_democracy.voting.tables import Vote

    count = await Vote.count()
    await db.close_pool()
    return count


def run(engine: str, voters: int, clients: int, workers: int) -> None:
    url = reset_postgres_database(DATABASE) if engine == "postgres" else None
    work_dir = use_database(url)
    codes, question, option = asyncio.run(_prepare(voters))
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "labour_democracy",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        env={**os.environ},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        seconds, results = asyncio.run(_burst(base, codes, question, option, clients))
        _replay_seconds, replays = asyncio.run(_burst(base, codes, question, option, clients))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    acknowledged = sum(1 for _code, status, receipt in results if status == 200 and receipt)
    replays_accepted = sum(1 for _code, status, receipt in replays if status == 200 and receipt)
    stored = asyncio.run(_stored(question))
    raw = (
        _raw_commit_rate_sqlite()
        if engine == "sqlite"
        else asyncio.run(_raw_commit_rate_postgres(url))
    )
    print(f"engine: {engine}")
    print(f"voters: {voters}")
    print(f"clients: {clients}")
    print(f"server_workers: {workers}")
    print(f"votes_per_second: {acknowledged / seconds:.0f}")
    print(f"seconds: {seconds:.2f}")
    print(f"acknowledged: {acknowledged}")
    print(f"refused_or_failed: {len(results) - acknowledged}")
    print(f"lost: {max(0, acknowledged - stored)}")
    print(f"double: {replays_accepted + max(0, stored - len(codes))}")
    print(f"raw_commit_rate: {raw:.0f}")
    del work_dir


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench votes")
    parser.add_argument("--voters", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=1, help="app server processes")
    parser.add_argument("--engine", choices=["sqlite", "postgres"])
    args = parser.parse_args(argv)
    if args.engine:
        run(args.engine, args.voters, args.clients, args.workers)
        return
    engines = ["sqlite"] + (["postgres"] if postgres_reachable() else [])
    for engine in engines:
        for line in run_child("votes", [*argv, "--engine", engine]):
            print(line)
