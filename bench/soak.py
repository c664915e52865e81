"""`python -m bench soak [--minutes 10] [--clients 8] [--engine sqlite|postgres]`

A long run of mixed traffic against the real app in its own process, to see whether it holds
steady: memory that only grows, or answers that slow down as tables and caches fill. `--clients`
simulated people, each pausing 20 to 80 ms between requests, draw from a mix of
  - pages (50 %): the enterprise's home, the roster, the conference, the ballots and the
    notices lists, as HR;
  - votes (20 %): a voter casts a ballot with the next unused code (POST /v/cast);
  - check-ins (20 %): the door checks a delegate in, and the next time undoes it;
  - documents (10 %): download an issued notice (.docx), and one time in five issue a new
    notice (renders the template and stores it).
Prints `rss_start_mb` (the server's resident memory once the warm-up ends), `rss_end_mb`,
`rss_growth_percent` (goal < 10), `p95_first_ms` and `p95_last_ms` (the 95th percentile of every
request in the first and the last minute after the warm-up, or the first and last third of a
shorter run; goal: last <= 1.2 x first), `p95_ratio`, the requests per kind and `server_errors`.
The warm-up is the first minute (a fifth of a run shorter than 5 minutes). One engine per run:
SQLite unless --engine postgres.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.common import (
    add_hr_user,
    enterprise_with_workers,
    free_port,
    plan_whole_conference,
    postgres_reachable,
    reset_postgres_database,
    use_database,
)

DATABASE = "ld_bench_soak"
PASSWORD = "bench-soak-password"
_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')
_MIX = [("page", 50), ("vote", 20), ("checkin", 20), ("document", 10)]


def _email(client: int) -> str:
    # One HR account per client: sign-in attempts are limited per account, as for people.
    return f"hr{client}@bench-soak.vn"


async def _prepare(voters: int, clients: int) -> dict:
    """An enterprise with `voters` workers, an HR user per client, an open ballot with one code
    each, a planned whole-workforce conference (every worker a delegate) and one issued notice."""
    from labour_democracy import db
    from labour_democracy.conferences.tables import Delegate
    from labour_democracy.notices import services as notices
    from labour_democracy.notices.schemas import NoticeForm
    from labour_democracy.notices.tables import Notice
    from labour_democracy.voting import services as voting
    from labour_democracy.voting.schemas import BallotForm, QuestionForm
    from labour_democracy.voting.tables import Option, Question, QuestionKind

    context = await enterprise_with_workers(
        "Công ty Bench Soak", "0100000009", voters, "Người lao động", code_prefix="S"
    )
    enterprise = context.enterprise
    for client in range(clients):
        await add_hr_user(enterprise.id, _email(client), PASSWORD)
    ballot = await voting.create_ballot(context, BallotForm(title="Soak vote"))
    await voting.add_question(
        context, ballot, QuestionForm(kind=QuestionKind.MOTION, text="Đồng ý?")
    )
    codes = [issued.code for issued in await voting.issue_codes(context, ballot)]
    await voting.open_ballot(context, ballot)
    question = (await Question.select(Question.id).where(Question.ballot == ballot).first())["id"]
    option = (
        await Option.select(Option.id)
        .where((Option.question == question) & (Option.role == "for"))
        .first()
    )["id"]
    conference = await plan_whole_conference(context)
    delegates = [
        (row["id"], row["checkin_code"])
        for row in await Delegate.select(Delegate.id, Delegate.checkin_code).where(
            Delegate.conference == conference
        )
    ]
    notice_form = _notice_form()
    await notices.create_notice(context, NoticeForm(**notice_form))
    document = (await Notice.select(Notice.document).first())["document"]
    await db.close_pool()
    return {
        "enterprise": enterprise.id,
        "codes": codes,
        "question": question,
        "option": option,
        "conference": conference,
        "delegates": delegates,
        "document": document,
        "notice_form": {k: str(v) for k, v in notice_form.items()},
    }


async def _prepared(voters: int, clients: int) -> dict:
    from labour_democracy import db

    try:
        return await _prepare(voters, clients)
    finally:
        await db.close_pool()  # an open pool's threads would keep the process alive


def _notice_form() -> dict:
    import datetime as dt

    return {
        "subject": "Lịch nghỉ Tết",
        "body": "Công ty thông báo lịch nghỉ Tết Nguyên đán cho toàn thể người lao động.",
        "place": "Bắc Ninh",
        "issued_on": dt.date.today(),
        "signer_title": "Giám đốc",
        "signer_name": "Nguyễn Văn A",
        "recipients": "- Toàn thể người lao động;\n- Lưu: VT, HCNS.",
    }


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def _load(base: str, world: dict, seconds: float, clients: int, pid: int) -> dict:
    import httpx

    samples: list[tuple[float, str, float, int]] = []  # (at, kind, ms, status)
    rss: list[tuple[float, int]] = []
    codes = list(world["codes"])
    delegates = list(world["delegates"])
    checked_in: set[int] = set()
    e = world["enterprise"]
    pages = [
        f"/enterprises/{e}",
        f"/enterprises/{e}/workers",
        f"/enterprises/{e}/conferences/{world['conference']}",
        f"/enterprises/{e}/ballots",
        f"/enterprises/{e}/notices",
    ]
    started = time.perf_counter()
    stop = started + seconds

    async def person(number: int) -> None:
        pace = random.Random(number)
        async with (
            httpx.AsyncClient(base_url=base, timeout=60) as hr,
            httpx.AsyncClient(base_url=base, timeout=60) as voter,
        ):
            await hr.get("/login")
            signed = await hr.post(
                "/login",
                data={"email": _email(number), "password": PASSWORD},
                headers={"x-csrftoken": hr.cookies.get("ld_csrf")},
            )
            assert signed.status_code == 303, signed.text[:300]
            csrf = {"x-csrftoken": hr.cookies.get("ld_csrf")}
            vote_page = await voter.get("/v")
            vote_token = _TOKEN.search(vote_page.text).group(1)
            documents = 0
            while time.perf_counter() < stop:
                kind = pace.choices([k for k, _ in _MIX], [w for _, w in _MIX])[0]
                if kind == "vote" and not codes:
                    kind = "page"
                began = time.perf_counter()
                if kind == "page":
                    response = await hr.get(pace.choice(pages))
                elif kind == "vote":
                    response = await voter.post(
                        "/v/cast",
                        data={
                            "code": codes.pop(),
                            f"q{world['question']}": str(world["option"]),
                            "_csrf_token": vote_token,
                        },
                    )
                elif kind == "checkin":
                    delegate_id, code = delegates[pace.randrange(len(delegates))]
                    base_path = f"/enterprises/{e}/conferences/{world['conference']}/checkin"
                    if delegate_id in checked_in:
                        checked_in.discard(delegate_id)
                        response = await hr.post(
                            f"{base_path}/undo",
                            data={"delegate_id": str(delegate_id)},
                            headers={**csrf, "hx-request": "true"},
                        )
                    else:
                        checked_in.add(delegate_id)
                        response = await hr.post(
                            base_path, data={"code": code}, headers={**csrf, "hx-request": "true"}
                        )
                else:
                    documents += 1
                    if documents % 5 == 0:
                        response = await hr.post(
                            f"/enterprises/{e}/notices/new",
                            data=world["notice_form"],
                            headers=csrf,
                        )
                    else:
                        response = await hr.get(
                            f"/enterprises/{e}/documents/{world['document']}/docx"
                        )
                took = (time.perf_counter() - began) * 1000
                samples.append((began - started, kind, took, response.status_code))
                await asyncio.sleep(pace.uniform(0.02, 0.08))

    async def watch() -> None:
        while time.perf_counter() < stop:
            rss.append((time.perf_counter() - started, _rss_kb(pid)))
            await asyncio.sleep(2)
        rss.append((time.perf_counter() - started, _rss_kb(pid)))

    await asyncio.gather(watch(), *(person(n) for n in range(clients)))
    return {"samples": samples, "rss": rss, "codes_left": len(codes)}


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else (values or [0])[0]


def run(engine: str, minutes: float, clients: int) -> None:
    seconds = minutes * 60
    # Enough codes that votes never run out at the mix's share of a fast run.
    voters = int(min(20000, max(1000, 1500 * minutes)))
    url = reset_postgres_database(DATABASE) if engine == "postgres" else None
    use_database(url)
    world = asyncio.run(_prepared(voters, clients))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "labour_democracy", "serve", "--port", str(port)],
        env={**os.environ},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        result = asyncio.run(_load(f"http://127.0.0.1:{port}", world, seconds, clients, server.pid))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    warm_up = 60.0 if minutes >= 5 else seconds / 5
    window = min(60.0, (seconds - warm_up) / 3)
    samples = result["samples"]
    first = [ms for at, _, ms, _ in samples if warm_up <= at < warm_up + window]
    last = [ms for at, _, ms, _ in samples if at >= seconds - window]
    rss_after_warm_up = next(kb for at, kb in result["rss"] if at >= warm_up)
    rss_end = result["rss"][-1][1]
    p95_first, p95_last = _p95(first), _p95(last)
    print(f"engine: {engine}")
    print(f"minutes: {minutes:g}")
    print(f"clients: {clients}")
    print(f"requests: {len(samples)}")
    for kind, _ in _MIX:
        print(f"requests_{kind}: {sum(1 for _, k, _, _ in samples if k == kind)}")
    print(f"server_errors: {sum(1 for *_, status in samples if status >= 500)}")
    print(f"refused_4xx: {sum(1 for *_, status in samples if 400 <= status < 500)}")
    print(f"votes_codes_left: {result['codes_left']}")
    print(f"rss_start_mb: {rss_after_warm_up / 1024:.1f}")
    print(f"rss_end_mb: {rss_end / 1024:.1f}")
    print(f"rss_growth_percent: {(rss_end - rss_after_warm_up) / rss_after_warm_up * 100:.1f}")
    print(f"p95_first_ms: {p95_first:.1f}")
    print(f"p95_last_ms: {p95_last:.1f}")
    print(f"p95_ratio: {p95_last / p95_first:.2f}")
    print(f"median_ms: {statistics.median(ms for _, _, ms, _ in samples):.1f}")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench soak")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args(argv)
    if args.engine == "postgres" and not postgres_reachable():
        raise SystemExit("PostgreSQL does not answer on 127.0.0.1:5432")
    run(args.engine, args.minutes, args.clients)
