"""A minimal HTTP/1.1 keep-alive client for benchmarks that need hundreds of concurrent clients.

httpx spends a millisecond or more of CPU per request; with 250 simulated clients on a 2-core
machine the load generator then uses more CPU than the server it measures, and its own event
loop's delays end up in the latencies. This client writes the request bytes and reads the
status line, the headers and a Content-Length body: enough for the app's HTML answers.
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlencode


class Connection:
    def __init__(self, host: str, port: int, headers: dict[str, str] | None = None) -> None:
        self.host, self.port = host, port
        self.headers = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def request(
        self, method: str, path: str, form: dict[str, str] | None = None, **headers: str
    ) -> tuple[int, str]:
        """Send one request and return (status, body); reconnects once if the server had
        closed the idle connection."""
        for attempt in (1, 2):
            try:
                return await self._exchange(method, path, form, headers)
            except (ConnectionError, asyncio.IncompleteReadError):
                await self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _exchange(self, method, path, form, headers) -> tuple[int, str]:
        if self._streams is None:
            self._streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self._streams
        body = urlencode(form).encode() if form is not None else b""
        extra = "".join(f"{name.replace('_', '-')}: {value}\r\n" for name, value in headers.items())
        if form is not None:
            extra += "content-type: application/x-www-form-urlencoded\r\n"
        head = (
            f"{method} {path} HTTP/1.1\r\nhost: {self.host}:{self.port}\r\n"
            f"content-length: {len(body)}\r\n{self.headers}{extra}\r\n"
        )
        writer.write(head.encode() + body)
        await writer.drain()
        status_line = await reader.readuntil(b"\r\n")
        status = int(status_line.split()[1])
        length = 0
        while (line := await reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding":
                raise RuntimeError("chunked answers are not supported by this client")
        return status, (await reader.readexactly(length)).decode()

    async def close(self) -> None:
        if self._streams is not None:
            self._streams[1].close()
            self._streams = None
