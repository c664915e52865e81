"""CI: Schemathesis against the running app's OpenAPI, on one engine; exit 1 on a server error.

    .venv/bin/python .ci/api_fuzz.py DATABASE_URL [--max-examples N] [--max-time SECONDS]

Migrates the given database (a fresh one: the run creates, changes and deletes records),
loads the demo, serves the app on a free port, signs in as the demo administrator through the
login form (the API uses the same session cookie and CSRF token as the pages), and runs
`schemathesis run /schema/openapi.json` with the checks `not_a_server_error` and
`response_schema_conformance`, bounded by --max-examples per operation and --max-time overall.
The report (JUnit XML, and cassettes of failures) goes to test-artifacts/.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ADMIN = "admin@demo.vn"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the app stopped before answering (exit {server.returncode})")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the app did not answer on port {port} within {seconds:.0f}s")


def sign_in(base: str, password: str) -> tuple[str, str]:
    """The Cookie header of a signed-in session and the CSRF token that goes with it."""
    with httpx.Client(base_url=base, timeout=30) as client:
        client.get("/login")
        response = client.post(
            "/login",
            data={"email": ADMIN, "password": password},
            headers={"x-csrftoken": client.cookies.get("ld_csrf", "")},
        )
        if response.status_code != 303:
            raise SystemExit(f"sign-in as {ADMIN} failed: {response.status_code}")
        client.get("/")  # the token as it stands once signed in
        check = client.get("/api/v1/enterprises", headers={"accept": "application/json"})
        if check.status_code != 200:
            raise SystemExit(f"the API refused the signed-in session: {check.status_code}")
        cookies = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
        return cookies, client.cookies.get("ld_csrf", "")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("database_url")
    parser.add_argument("--name", default="api")
    parser.add_argument("--max-examples", type=int, default=25)
    parser.add_argument("--max-time", type=int, default=150, help="seconds, whole run")
    parser.add_argument("--report-dir", default=str(ROOT / "test-artifacts"))
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="ld-api-fuzz-"))
    env = {
        **os.environ,
        "LD_DATABASE_URL": args.database_url,
        "LD_DATA_DIR": str(work / "data"),
        "LD_SECRET_KEY": "ci-schemathesis-secret-key-not-for-production",
    }
    env.pop("LD_PRODUCTION", None)
    cli = [str(BIN / "labour-democracy")]
    subprocess.run([*cli, "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*cli, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    from labour_democracy.core.demo import DEMO_PASSWORD

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(Path(args.report_dir) / f"schemathesis-{args.name}-server.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [*cli, "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for(port, server)
        cookies, token = sign_in(base, DEMO_PASSWORD)
        command = [
            str(BIN / "schemathesis"),
            "run",
            f"{base}/schema/openapi.json",
            "--checks",
            "not_a_server_error,response_schema_conformance",
            "--max-examples",
            str(args.max_examples),
            "--max-time",
            str(args.max_time),
            "--request-timeout",
            "20",
            "--workers",
            "1",
            "--seed",
            "20261206",
            "--header",
            f"Cookie: {cookies}",
            "--header",
            f"x-csrftoken: {token}",
            "--header",
            "accept: application/json",
            "--report",
            "junit",
            "--report-dir",
            args.report_dir,
            "--report-junit-path",
            str(Path(args.report_dir) / f"schemathesis-{args.name}.xml"),
            "--output-sanitize",
            "true",
        ]
        # Run from the scratch directory: schemathesis keeps a .schemathesis/ cache in its cwd.
        status = subprocess.run(command, env=env, cwd=work, check=False).returncode
        if server.poll() is not None:
            print(f"the app exited during the run (exit {server.returncode})", file=sys.stderr)
            return 1
        return status
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()


if __name__ == "__main__":
    sys.exit(main())
