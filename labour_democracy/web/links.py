"""Whether the person may open an address of the app: a link is drawn only where it leads
somewhere the person may go (an overdue step links HR to the step's page, and shows the
federation officer, who may not open it, its title alone instead of a 403)."""

from __future__ import annotations

from urllib.parse import urlsplit

from litestar import Request
from litestar.exceptions import NotFoundException

from labour_democracy.core.permissions import VIEW
from labour_democracy.core.scope import EnterpriseContext


def opens(request: Request, context: EnterpriseContext, url: str) -> bool:
    """True when the route behind `url` allows one of the actor's roles in this enterprise."""
    path = urlsplit(url).path
    try:
        handler = request.app.asgi_router.handle_routing(path, "GET")[1]
    except NotFoundException:
        return False
    if handler.opt.get("public"):
        return True
    return context.can(handler.opt.get("permission") or VIEW)
