"""The address printed in QR codes and links (LD_BASE_URL) against the address a page was opened
at: a page that prints codes warns when they would send phones elsewhere."""

from __future__ import annotations

from urllib.parse import urlsplit

from litestar import Request

from labour_democracy.settings import get_settings


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    port = parts.port or default
    return parts.scheme, f"{(parts.hostname or '').lower()}:{port}"


def printed_base_url(request: Request) -> str | None:
    """LD_BASE_URL when it is not the address this page was opened at, else None."""
    configured = get_settings().base_url
    return configured if _origin(configured) != _origin(str(request.base_url)) else None
