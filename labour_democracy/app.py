"""create_app(): the one place where the web application is wired together."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar, Router
from litestar.datastructures import CacheControlHeader
from litestar.di import Provide
from litestar.logging import LoggingConfig
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.plugins.flash import FlashConfig, FlashPlugin
from litestar.plugins.htmx import HTMXPlugin
from litestar.static_files import create_static_files_router

from labour_democracy import db
from labour_democracy.modules import MODULES, install
from labour_democracy.settings import PACKAGE_DIR, get_settings
from labour_democracy.web import favicon, health
from labour_democracy.web.access_log import observe
from labour_democracy.web.auth import (
    ActorMiddleware,
    access_guard,
    provide_actor,
    provide_context,
    secure_cookies,
    session_config,
)
from labour_democracy.web.csrf import SessionCSRFMiddleware
from labour_democracy.web.errors import EXCEPTION_HANDLERS
from labour_democracy.web.headers import add_security_headers
from labour_democracy.web.params import check_request_limits
from labour_democracy.web.templating import template_config


def module_routes() -> list:
    """Every installed module's pages (kept out of the OpenAPI schema) and JSON API routes."""
    pages = [route for module in MODULES for route in module.routes]
    api = [route for module in MODULES for route in module.api_routes]
    return [Router(path="/", route_handlers=pages, include_in_schema=False), *api]


class Application(Litestar):
    """The app, with the request id, the access log and the security headers around every
    HTTP response, those Litestar answers before routing (an unknown address) included."""

    production = False

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[override]
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        production = self.production
        await observe(
            super().__call__,
            scope,
            receive,
            send,
            lambda message, scope: add_security_headers(message, scope, production),
        )


def create_app() -> Litestar:
    settings = get_settings()
    install()

    @asynccontextmanager
    async def lifespan(_: Litestar) -> AsyncIterator[None]:
        async with db.connection_pool(settings):
            # What start-up built (modules, routes, locale data) lives as long as the process;
            # left to the collector, each full collection walks it all again and stalls every
            # request in flight for about 100 ms (the p95 of the conference check-in benchmark).
            gc.collect()
            gc.freeze()
            yield

    templates = template_config()
    app = Application(
        route_handlers=[
            *module_routes(),
            *health.ROUTES,
            *favicon.ROUTES,
            create_static_files_router(
                path="/static",
                directories=[PACKAGE_DIR / "static"],
                opt={"public": True},
                cache_control=CacheControlHeader(max_age=86400, public=True),
            ),
        ],
        lifespan=[lifespan],
        guards=[access_guard],
        before_request=check_request_limits,
        dependencies={
            "context": Provide(provide_context, sync_to_thread=False),
            "actor": Provide(provide_actor, sync_to_thread=False),
        },
        # CSRF tokens are bound to the server-side session (web/csrf.py), so the check runs
        # after the session is read.
        middleware=[
            session_config(settings).middleware,
            ActorMiddleware(),
            SessionCSRFMiddleware(settings.key("csrf"), secure_cookies(settings)),
        ],
        template_config=templates,
        plugins=[HTMXPlugin(), FlashPlugin(config=FlashConfig(template_config=templates))],
        exception_handlers=EXCEPTION_HANDLERS,
        openapi_config=OpenAPIConfig(
            title="labour-democracy API",
            version="1",
            path="/schema",
            render_plugins=[SwaggerRenderPlugin()],
        ),
        logging_config=LoggingConfig(
            root={"level": "INFO", "handlers": ["queue_listener"]},
            loggers={"labour_democracy": {"level": "INFO"}},
            log_exceptions="never",
        ),
        debug=False,
    )
    app.production = settings.production
    return app


# SQL and its parameters never reach the logs (ballot hashes included).
for noisy in ("piccolo", "aiosqlite", "asyncpg"):
    logging.getLogger(noisy).setLevel(logging.WARNING)
