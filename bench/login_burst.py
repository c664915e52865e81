"""`python -m bench login_burst [--attempts 100] [--accounts 20] [--engine sqlite|postgres]`

Starts the real app in its own process, with a ticker task on the server's event loop (it asks
to wake every 5 ms and records how late it wakes) and a counter of password checks, then:

1. sends `--attempts` concurrent wrong passwords for one account, while another client fetches
   a static file over and over: `passwords_checked` (goal: no more than `limit`, the free
   attempts per account), `refused_with_wait`, `loop_lag_p99_ms` (goal < 50), `static_p99_ms`;
2. from another client address, one wrong password for each of `--accounts` accounts at once,
   so each is checked (argon2 for real): `hashing_passwords_checked` and
   `hashing_loop_lag_p99_ms`, the loop's lateness while the worker threads hash.

Without --engine, runs SQLite and, when it answers on 127.0.0.1:5432, PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.common import (
    free_port,
    postgres_reachable,
    reset_postgres_database,
    run_child,
    use_database,
)

DATABASE = "ld_bench_login_burst"
EMAIL = "target@bench.vn"
PASSWORD = "the-right-password"
TICK_SECONDS = 0.005
# A second loopback address: the second burst comes from "another client" (its own limit).
OTHER_CLIENT = "127.0.0.2"


def _p99(values: list[float]) -> float:
    if not values:
        return 0.0
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[98]


async def _prepare(accounts: int) -> None:
    import io

    from piccolo.apps.migrations.commands.forwards import run_forwards

    from labour_democracy import db
    from labour_democracy.core.accounts import hash_password
    from labour_democracy.core.tables import User

    with contextlib.redirect_stdout(io.StringIO()):
        result = await run_forwards("all")
    assert result.success, result.message
    password_hash = hash_password(PASSWORD)
    emails = [EMAIL] + [f"officer{n}@bench.vn" for n in range(accounts)]
    await User.insert(
        *(User(email=e, full_name="Bench", password_hash=password_hash) for e in emails)
    )
    await db.close_pool()


def _serve(port: int, stats_path: str) -> None:
    """The server process: the app under uvicorn, a ticker on its loop, a check counter."""
    import uvicorn

    from labour_democracy.app import create_app
    from labour_democracy.core import accounts

    checks: list[float] = []
    lock = threading.Lock()

    class CountingHasher:
        """argon2's hasher, counting each password check (whichever thread makes it)."""

        def __init__(self, hasher) -> None:
            self.hasher = hasher

        def verify(self, password_hash, password):
            with lock:
                checks.append(time.time())
            return self.hasher.verify(password_hash, password)

        def __getattr__(self, name):
            return getattr(self.hasher, name)

    accounts._hasher = CountingHasher(accounts._hasher)
    lags: list[tuple[float, float]] = []

    async def ticker() -> None:
        while True:
            started = time.perf_counter()
            await asyncio.sleep(TICK_SECONDS)
            lags.append((time.time(), (time.perf_counter() - started - TICK_SECONDS) * 1000))

    async def main() -> None:
        config = uvicorn.Config(
            create_app(), host="127.0.0.1", port=port, log_level="warning", access_log=False
        )
        server = uvicorn.Server(config)
        # uvicorn re-raises the signal it caught once it has stopped, which would end this
        # process before the figures are written: stop it on SIGTERM here instead.
        server.capture_signals = contextlib.nullcontext
        asyncio.get_running_loop().add_signal_handler(
            signal.SIGTERM, lambda: setattr(server, "should_exit", True)
        )
        task = asyncio.create_task(ticker())
        await server.serve()
        task.cancel()
        stats = json.dumps({"checks": checks, "lags": lags})
        await asyncio.to_thread(Path(stats_path).write_text, stats)

    asyncio.run(main())


async def _client(base: str, local_address: str | None = None):
    import httpx

    transport = httpx.AsyncHTTPTransport(local_address=local_address) if local_address else None
    client = httpx.AsyncClient(
        base_url=base,
        timeout=120,
        transport=transport,
        limits=httpx.Limits(max_connections=200, max_keepalive_connections=200),
    )
    await client.get("/login")  # the CSRF cookie of an anonymous visitor
    return client


async def _post_login(client, email: str) -> tuple[int, str]:
    response = await client.post(
        "/login",
        data={"email": email, "password": "a-wrong-password"},
        headers={"x-csrftoken": client.cookies.get("ld_csrf")},
    )
    return response.status_code, response.text


async def _static_probe(base: str, stop: asyncio.Event, timings: list[float]) -> None:
    import httpx

    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        while not stop.is_set():
            started = time.perf_counter()
            await client.get("/static/app.css")
            timings.append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(0.01)


async def _bursts(base: str, attempts: int, accounts: int) -> dict:
    from labour_democracy.settings import get_settings

    windows: dict[str, tuple[float, float]] = {}
    client = await _client(base)
    static_ms: list[float] = []
    stop = asyncio.Event()
    probe = asyncio.create_task(_static_probe(base, stop, static_ms))
    await asyncio.sleep(0.2)
    static_before = len(static_ms)
    started = time.time()
    results = await asyncio.gather(*(_post_login(client, EMAIL) for _ in range(attempts)))
    windows["burst"] = (started, time.time())
    stop.set()
    await probe
    await client.aclose()

    other = await _client(base, OTHER_CLIENT)
    started = time.time()
    await asyncio.gather(*(_post_login(other, f"officer{n}@bench.vn") for n in range(accounts)))
    windows["hashing"] = (started, time.time())
    await other.aclose()
    waited = sum(1 for status, text in results if status == 400 and "Try again in" in text)
    return {
        "windows": windows,
        "refused_with_wait": waited,
        "static_ms": static_ms[static_before:],
        "limit": get_settings().login_attempts,
    }


def _within(stamps, window: tuple[float, float]) -> list:
    start, end = window
    return [s for s in stamps if start <= (s[0] if isinstance(s, list | tuple) else s) <= end]


def run(engine: str, attempts: int, accounts: int) -> None:
    url = reset_postgres_database(DATABASE) if engine == "postgres" else None
    work_dir = use_database(url)
    asyncio.run(_prepare(accounts))
    port = free_port()
    stats_path = tempfile.mktemp(prefix="ld-login-burst-", suffix=".json")
    server = subprocess.Popen(
        [sys.executable, "-m", "bench", "login_burst", "--serve", str(port), stats_path],
        env={**os.environ, "LD_DEFAULT_LANGUAGE": "en"},  # the messages counted below
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        outcome = asyncio.run(_bursts(base, attempts, accounts))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    stats = json.loads(Path(stats_path).read_text())
    Path(stats_path).unlink()
    burst, hashing = outcome["windows"]["burst"], outcome["windows"]["hashing"]
    burst_lags = [lag for _at, lag in _within(stats["lags"], burst)]
    hashing_lags = [lag for _at, lag in _within(stats["lags"], hashing)]
    print(f"engine: {engine}")
    print(f"attempts: {attempts}")
    print(f"limit: {outcome['limit']}")
    print(f"passwords_checked: {len(_within(stats['checks'], burst))}")
    print(f"refused_with_wait: {outcome['refused_with_wait']}")
    print(f"burst_seconds: {burst[1] - burst[0]:.2f}")
    print(f"loop_lag_p99_ms: {_p99(burst_lags):.1f}")
    print(f"loop_lag_max_ms: {max(burst_lags, default=0):.1f}")
    print(f"static_p99_ms: {_p99(outcome['static_ms']):.1f}")
    print(f"hashing_accounts: {accounts}")
    print(f"hashing_passwords_checked: {len(_within(stats['checks'], hashing))}")
    print(f"hashing_seconds: {hashing[1] - hashing[0]:.2f}")
    print(f"hashing_loop_lag_p99_ms: {_p99(hashing_lags):.1f}")
    del work_dir


def main(argv: list[str]) -> None:
    if argv[:1] == ["--serve"]:
        _serve(int(argv[1]), argv[2])
        return
    parser = argparse.ArgumentParser(prog="python -m bench login_burst")
    parser.add_argument("--attempts", type=int, default=100)
    parser.add_argument("--accounts", type=int, default=20)
    parser.add_argument("--engine", choices=["sqlite", "postgres"])
    args = parser.parse_args(argv)
    if args.engine:
        run(args.engine, args.attempts, args.accounts)
        return
    engines = ["sqlite"] + (["postgres"] if postgres_reachable() else [])
    for engine in engines:
        for line in run_child("login_burst", [*argv, "--engine", engine]):
            print(line)
