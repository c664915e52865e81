"""The access log (one JSON line per request) and the request id.

Each line names the route's pattern (`/vote/{code}`, never the address: a ballot code or a
check-in code travels in some paths), the method, the status, the duration and the request id;
never the query string, a cookie, a header or a body. The request id comes from the reverse
proxy's `X-Request-ID` when it looks like one (so both logs can be joined), else it is made
here; it is sent back in `X-Request-ID` and named in every application error logged during the
request (web/errors.py).

Lines go to standard error from a writer thread of their own, so a slow terminal or journal
never blocks the event loop. The request only appends its line to a buffer; the thread writes
what has gathered every 0.2 seconds. (A queue that woke the thread for every line cost each
request a thread switch: ~1 ms of a conference check-in's 5 ms of CPU.)
"""

from __future__ import annotations

import atexit
import json
import logging
import re
import secrets
import sys
import threading
import time
from collections import deque
from contextvars import ContextVar
from typing import TextIO

from litestar.types import Message, Receive, Scope, Send

access_log = logging.getLogger("labour_democracy_access")
request_id: ContextVar[str] = ContextVar("request_id", default="-")

_GIVEN_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
FLUSH_SECONDS = 0.2
_writer: BatchedWriter | None = None


class BatchedWriter(logging.Handler):
    """Keeps each line in memory (a deque append, no lock shared with the request); a daemon
    thread writes the lines gathered so far every FLUSH_SECONDS, in one write. Closing writes
    the rest."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream
        self.lines: deque[str] = deque()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="access-log", daemon=True)
        self._thread.start()

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

    def _run(self) -> None:
        while not self._stop.wait(FLUSH_SECONDS):
            self.flush()

    def flush(self) -> None:
        batch = []
        while self.lines:
            batch.append(self.lines.popleft())
        if batch:
            try:
                self.stream.write("\n".join(batch) + "\n")
                self.stream.flush()
            except (OSError, ValueError):  # the stream closed: nothing left to log to
                pass

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.flush()
        super().close()


def _start() -> None:
    """One writer thread per process, set up on first use."""
    global _writer
    if _writer is not None:
        return
    _writer = BatchedWriter(sys.stderr)
    atexit.register(_writer.close)
    access_log.addHandler(_writer)
    access_log.setLevel(logging.INFO)
    access_log.propagate = False


def _incoming_id(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            given = value.decode("latin-1")
            if _GIVEN_ID.fullmatch(given):
                return given
    return secrets.token_hex(8)


def route_of(scope: Scope) -> str:
    """The matched route's pattern; an address that matched none is not logged as typed."""
    return scope.get("path_template") or "(no route)"


async def observe(app, scope: Scope, receive: Receive, send: Send, on_start) -> None:
    """Run `app` for one HTTP request: set the request id, let `on_start` add headers to the
    response, and log the access line when the response is done."""
    _start()
    rid = _incoming_id(scope)
    token = request_id.set(rid)
    started = time.perf_counter()
    status = 500

    async def send_observed(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
            message["headers"] = [*message.get("headers", []), (b"x-request-id", rid.encode())]
            on_start(message, scope)
        await send(message)

    try:
        await app(scope, receive, send_observed)
    finally:
        access_log.info(
            json.dumps(
                {
                    "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "request_id": rid,
                    "method": scope.get("method"),
                    "route": route_of(scope),
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
                separators=(",", ":"),
            )
        )
        request_id.reset(token)
