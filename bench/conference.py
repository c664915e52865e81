"""`python -m bench conference [--delegates 1000] [--clients 50] [--screens 200] [--engine ...]`

A whole-workforce conference of `--delegates` workers: starts the real app in its own process,
and `--clients` door phones open the check-in page; once all have it, they check every delegate
in over HTTP (POST .../checkin with the code from the invitation, as the phone sends it), while
`--screens` simulated hall screens poll the live attendance fragment (GET
/p/<token>/conferences/<id>/screen as HTMX, the page a screen without an account shows) every 2
seconds.
Prints `engine`, `checkin_p95_ms`, `projector_p95_ms`, `checkins_lost` (acknowledged but not
stored; must be 0), `checkins_refused`, `present_shown_last` (what the projector showed once all
had checked in) and the request counts. Without --engine, runs SQLite and, when it answers on
127.0.0.1:5432, PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time

from bench.common import (
    add_hr_user,
    enterprise_with_workers,
    free_port,
    plan_whole_conference,
    postgres_reachable,
    reset_postgres_database,
    run_child,
    use_database,
)

DATABASE = "ld_bench_conference"
EMAIL = "hr@bench-conference.vn"
PASSWORD = "bench-conference-password"
POLL_SECONDS = 2.0


async def _prepare(delegates: int) -> tuple[int, int, str, list[str]]:
    """Migrate; an enterprise with `delegates` workers, its HR user and a planned whole-workforce
    conference. Returns the enterprise id, the conference id, the enterprise's public token and
    the delegates' codes."""
    from labour_democracy import db
    from labour_democracy.conferences.tables import Delegate

    context = await enterprise_with_workers(
        "Công ty Bench Hội nghị", "0100000002", delegates, "Đại biểu", code_prefix="H"
    )
    enterprise = context.enterprise
    await add_hr_user(enterprise.id, EMAIL, PASSWORD)
    conference_id = await plan_whole_conference(context)
    codes = [
        row["checkin_code"]
        for row in await Delegate.select(Delegate.checkin_code).where(
            Delegate.conference == conference_id
        )
    ]
    await db.close_pool()
    return enterprise.id, conference_id, enterprise.public_token, codes


async def _signed_in_cookies(base: str) -> dict[str, str]:
    import httpx

    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        await client.get("/login")
        response = await client.post(
            "/login",
            data={"email": EMAIL, "password": PASSWORD},
            headers={"x-csrftoken": client.cookies.get("ld_csrf")},
        )
        assert response.status_code == 303, response.text
        return dict(client.cookies)


async def _run(
    base: str,
    path: str,
    screen_path: str,
    codes: list[str],
    clients: int,
    screens: int,
    think: float,
) -> dict:
    from urllib.parse import urlsplit

    from bench.wire import Connection

    cookies = await _signed_in_cookies(base)
    signed_in = {
        "cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
        "x-csrftoken": cookies["ld_csrf"],
    }
    host, port = urlsplit(base).hostname, urlsplit(base).port
    jobs: asyncio.Queue = asyncio.Queue()
    for code in codes:
        jobs.put_nowait(code)
    checkin_ms: list[float] = []
    projector_ms: list[float] = []
    acknowledged: list[str] = []
    refused: list[int] = []
    last_shown: list[str] = []
    done = asyncio.Event()

    everyone_at_the_door = asyncio.Barrier(clients)
    scans_started: list[float] = []

    async def door(number: int) -> None:
        connection = Connection(host, port, signed_in)
        # Like the phone at the door, each client first opens the check-in page (not measured);
        # the scans start once every door has it on screen.
        status, text = await connection.request("GET", f"{path}/checkin")
        assert status == 200, text[:300]
        await everyone_at_the_door.wait()
        scans_started.append(time.perf_counter())
        # Door phones scan at their own pace: with a pause, each starts at a random moment and
        # waits 0.5 to 1.5 times the pause, so the doors do not fire in lockstep bursts.
        pace = random.Random(number)
        await asyncio.sleep(pace.uniform(0, think))
        try:
            while True:
                try:
                    code = jobs.get_nowait()
                except asyncio.QueueEmpty:
                    return
                started = time.perf_counter()
                status, text = await connection.request(
                    "POST", f"{path}/checkin", {"code": code}, hx_request="true"
                )
                checkin_ms.append((time.perf_counter() - started) * 1000)
                if status == 200 and "flash success" in text:
                    acknowledged.append(code)
                else:
                    refused.append(status)
                await asyncio.sleep(think * pace.uniform(0.5, 1.5))
        finally:
            await connection.close()

    async def screen(offset: float) -> None:
        connection = Connection(host, port)
        await asyncio.sleep(offset)
        try:
            while True:
                started = time.perf_counter()
                status, text = await connection.request("GET", screen_path, hx_request="true")
                projector_ms.append((time.perf_counter() - started) * 1000)
                assert status == 200, text[:300]
                if done.is_set():
                    last_shown.append(text)
                    return
                await asyncio.sleep(POLL_SECONDS)
        finally:
            await connection.close()

    screen_tasks = [asyncio.create_task(screen(POLL_SECONDS * i / screens)) for i in range(screens)]
    await asyncio.gather(*(door(number) for number in range(clients)))
    seconds = time.perf_counter() - min(scans_started)
    # Let the caches age past their one-second limit, then every screen looks once more.
    await asyncio.sleep(1.5)
    done.set()
    await asyncio.gather(*screen_tasks)
    return {
        "seconds": seconds,
        "checkin_ms": checkin_ms,
        "projector_ms": projector_ms,
        "acknowledged": acknowledged,
        "refused": refused,
        "last_shown": last_shown,
    }


async def _stored(conference_id: int) -> int:
    from labour_democracy import db
    from labour_democracy.conferences.tables import Delegate

    count = await Delegate.count().where(
        (Delegate.conference == conference_id) & Delegate.checked_in_at.is_not_null()
    )
    await db.close_pool()
    return count


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def run(
    engine: str, delegates: int, clients: int, screens: int, workers: int, think: float
) -> None:
    url = reset_postgres_database(DATABASE) if engine == "postgres" else None
    use_database(url)
    enterprise_id, conference_id, token, codes = asyncio.run(_prepare(delegates))
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
    path = f"/enterprises/{enterprise_id}/conferences/{conference_id}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        screen_path = f"/p/{token}/conferences/{conference_id}/screen"
        result = asyncio.run(_run(base, path, screen_path, codes, clients, screens, think))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    stored = asyncio.run(_stored(conference_id))
    acknowledged = len(result["acknowledged"])
    expected_figure = f"{delegates:,}".replace(",", ".")
    shown_all = sum(1 for text in result["last_shown"] if expected_figure in text)
    print(f"engine: {engine}")
    print(f"delegates: {delegates}")
    print(f"clients: {clients}")
    print(f"screens: {screens}")
    print(f"server_workers: {workers}")
    print(f"door_think_ms: {think * 1000:.0f}")
    print(f"checkin_p95_ms: {_p95(result['checkin_ms']):.1f}")
    print(f"checkin_median_ms: {statistics.median(result['checkin_ms']):.1f}")
    print(f"projector_p95_ms: {_p95(result['projector_ms']):.1f}")
    print(f"projector_median_ms: {statistics.median(result['projector_ms']):.1f}")
    print(f"projector_requests: {len(result['projector_ms'])}")
    print(f"checkins_per_second: {acknowledged / result['seconds']:.0f}")
    print(f"checkins_acknowledged: {acknowledged}")
    print(f"checkins_refused: {len(result['refused'])}")
    print(f"checkins_lost: {max(0, acknowledged - stored)}")
    print(f"checkins_stored: {stored}")
    print(f"screens_showing_all_present_at_end: {shown_all}/{len(result['last_shown'])}")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench conference")
    parser.add_argument("--delegates", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--screens", type=int, default=200)
    parser.add_argument("--workers", type=int, default=1, help="app server processes")
    parser.add_argument(
        "--think-ms",
        type=float,
        default=0,
        help="mean pause of each door phone between two check-ins, randomised ±50 %% "
        "(0: as fast as the server answers)",
    )
    parser.add_argument("--engine", choices=["sqlite", "postgres"])
    args = parser.parse_args(argv)
    if args.engine:
        run(
            args.engine,
            args.delegates,
            args.clients,
            args.screens,
            args.workers,
            args.think_ms / 1000,
        )
        return
    engines = ["sqlite"] + (["postgres"] if postgres_reachable() else [])
    for engine in engines:
        for line in run_child("conference", [*argv, "--engine", engine]):
            print(line)
