"""A `kill -9` of the server in the middle of a burst of votes loses no acknowledged vote."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time

import httpx

from labour_democracy.voting import codes as keyed
from labour_democracy.voting.tables import Vote
from tests.voting.conftest import make_ballot, option_ids

_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')
_RECEIPT = re.compile(r'class="receipt"[^>]*>([0-9A-Z]{5}-[0-9A-Z]{5})<')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_server(port: int) -> subprocess.Popen:
    # The server reads the same LD_* settings as the suite (database, secret key).
    server = subprocess.Popen(
        [sys.executable, "-m", "labour_democracy", "serve", "--port", str(port)],
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Start-up imports every module: seconds on an idle machine, far more on a loaded one.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise AssertionError("the server did not start")


async def test_killing_the_server_mid_burst_loses_no_acknowledged_vote():
    setup = await make_ballot(workers=400)
    question = setup.question_ids[0]
    yes = (await option_ids(question))["for"]
    port = _free_port()
    server = _start_server(port)
    acknowledged: list[str] = []
    enough = asyncio.Event()
    queue: asyncio.Queue[str] = asyncio.Queue()
    for issued in setup.codes:
        queue.put_nowait(issued.code)

    async def voter() -> None:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            token = _TOKEN.search((await client.get("/v")).text).group(1)
            while not queue.empty():
                code = queue.get_nowait()
                try:
                    response = await client.post(
                        "/v/cast",
                        data={"code": code, f"q{question}": str(yes), "_csrf_token": token},
                    )
                except httpx.HTTPError:
                    return  # the server is gone
                if response.status_code == 200 and _RECEIPT.search(response.text):
                    acknowledged.append(code)
                    if len(acknowledged) >= 60:
                        enough.set()

    async def killer() -> None:
        await enough.wait()
        os.kill(server.pid, signal.SIGKILL)

    try:
        await asyncio.wait_for(asyncio.gather(killer(), *(voter() for _ in range(20))), 60)
    finally:
        server.kill()
        server.wait()
    assert 60 <= len(acknowledged) < len(setup.codes), "the kill did not land mid-burst"
    stored = {row["nullifier"] for row in await Vote.select(Vote.nullifier)}
    lost = [c for c in acknowledged if keyed.nullifier(keyed.code_hash(c)) not in stored]
    assert lost == []
