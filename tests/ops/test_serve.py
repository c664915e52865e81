"""`labour-democracy serve --workers N`: several processes on PostgreSQL, refused on SQLite."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from tests.test_cli import COMMAND


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_several_workers_are_refused_on_sqlite(tmp_path):
    env = {**os.environ, "LD_DATABASE_URL": f"sqlite:///{tmp_path / 'one.sqlite3'}"}
    done = subprocess.run(
        [COMMAND, "serve", "--workers", "2", "--port", str(_free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "--workers above 1 needs PostgreSQL" in done.stderr


@pytest.mark.skipif(
    not os.environ.get("LD_TEST_DATABASE_URL"), reason="several workers need PostgreSQL"
)
def test_two_workers_serve_on_postgresql(tmp_path):
    port = _free_port()
    server = subprocess.Popen(
        [COMMAND, "serve", "--workers", "2", "--port", str(port)],
        env={**os.environ, "LD_DATA_DIR": str(tmp_path)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        answers = []
        while time.monotonic() < deadline and len(answers) < 20:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as r:
                    answers.append(r.status)
            except OSError:
                time.sleep(0.2)
        assert answers and set(answers) == {200}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    assert output.count("Started server process") == 2, output
