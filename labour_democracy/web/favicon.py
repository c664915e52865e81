"""`/favicon.ico`: browsers ask for it on every site whatever the page says; answering 404
fills the access log with errors a new administrator takes for a fault. Public, cached."""

from __future__ import annotations

from functools import cache

from litestar import Response, get

from labour_democracy.settings import PACKAGE_DIR


@cache
def _icon() -> bytes:
    return (PACKAGE_DIR / "static" / "favicon.ico").read_bytes()


@get("/favicon.ico", opt={"public": True}, include_in_schema=False, sync_to_thread=False)
def favicon() -> Response[bytes]:
    return Response(
        _icon(),
        media_type="image/x-icon",
        headers={"cache-control": "public, max-age=604800"},
    )


ROUTES = [favicon]
