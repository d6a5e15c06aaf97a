"""The FastAPI app: ``create_app(settings)`` builds it (nothing happens at import).

Run it with uvicorn's factory mode (``assistant serve`` does the same from the settings)::

    uvicorn assistant.api.app:create_app --factory --host 127.0.0.1 --port 8000 --no-proxy-headers

(``assistant serve`` also adds the header timeout and the per-client connection cap, which
uvicorn's command line cannot: :mod:`assistant.api.connections`).

The lifespan builds :class:`~assistant.api.services.Services` once (the ``Assistant``, its
model warmed, and the conversation service) and closes it at shutdown. ``app.state`` holds
``settings``, ``services``, ``assistant`` (for routes that need only the assistant) and the
per-conversation rate limiter (and ``metrics``, see :mod:`assistant.metrics.asgi`). Middleware,
outermost first: request metrics, the client address (``X-Forwarded-For`` only from trusted
proxies), CORS (only the configured storefront origins), the request body limit (413, and 408
for a body that trickles in slower than ``body_timeout_seconds``), the per-IP rate limit on
``/v1/`` (429; the signed events webhook is exempt). Unset secrets are provisioned first
(:mod:`assistant.api.secrets`).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import importlib.util
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.responses import Response

from assistant.api.clients import ClientAddress
from assistant.api.errors import error_response, install_error_handlers
from assistant.api.limits import BodySizeLimit, IpRateLimit, SlidingWindowLimiter
from assistant.api.reload import GateMiddleware, IndexReloader, RequestGate
from assistant.api.routes import conversations, documents, health
from assistant.api.secrets import provision_secrets
from assistant.api.services import Services
from assistant.metrics.asgi import install_metrics
from assistant.retrieval.hybrid import HybridRetriever
from assistant.settings import Settings, get_settings
from assistant.store.ratelimits import StoreWindowLimiter, shared_limits_for

WIDGET_DIR = Path(__file__).resolve().parents[1] / "widget" / "static"
# Routers other modules provide; each is included when its module exists.
OPTIONAL_ROUTERS = ("events", "admin", "metrics", "demo", "returns")
UNLIMITED_PATHS = ("/v1/events",)  # HMAC-signed store and carrier webhooks


class JsonCORSMiddleware(CORSMiddleware):
    """Starlette's CORS, but a refused preflight gets the API's JSON error body."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code == 200:
            return response
        refused = error_response(
            400, "cors_refused", "This origin, method or header is not allowed."
        )
        refused.headers["Vary"] = response.headers.get("Vary", "Origin")
        return refused


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    services = await run_in_threadpool(Services.build, settings)
    app.state.services = services
    app.state.assistant = services.assistant
    poller: asyncio.Task[None] | None = None
    retriever = services.assistant.retriever
    if isinstance(retriever, HybridRetriever):
        reloader = IndexReloader(
            retriever,
            app.state.gate,
            poll_seconds=settings.index_poll_seconds,
            max_lag_seconds=settings.index_max_lag_seconds,
        )
        services.reloader = reloader
        poller = asyncio.create_task(reloader.run(), name="index-reloader")
    try:
        yield
    finally:
        if poller is not None:
            poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await poller
        del app.state.services, app.state.assistant
        await run_in_threadpool(services.close)


def _limiter(
    settings: Settings, limit: int, name: str
) -> SlidingWindowLimiter | StoreWindowLimiter:
    """Shared by all workers (counted in the database) on a server database; in memory on
    SQLite (assistant.store.ratelimits)."""
    if shared_limits_for(settings.database_url):
        return StoreWindowLimiter(settings.database_url, limit, name=name)
    return SlidingWindowLimiter(limit)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = provision_secrets(settings or get_settings())
    gate = RequestGate()
    middleware = [
        Middleware(ClientAddress, trusted_proxies=settings.trusted_proxies),
        Middleware(
            JsonCORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "X-Conversation-Token"],
            expose_headers=["Retry-After"],
        ),
        Middleware(
            BodySizeLimit,
            max_bytes=settings.max_request_bytes,
            timeout=settings.body_timeout_seconds,
        ),
        Middleware(
            IpRateLimit,
            limiter=_limiter(settings, settings.rate_limit_per_ip_per_minute, "ip"),
            prefixes=("/v1/",),
            exempt=UNLIMITED_PATHS,
        ),
        Middleware(GateMiddleware, gate=gate),  # innermost: index switches between requests
    ]
    app = FastAPI(
        title="aftercare",
        summary="Post-purchase support assistant: conversations, documents, events, admin.",
        version="0.1.0",
        lifespan=lifespan,
        middleware=middleware,
    )
    app.state.settings = settings
    app.state.gate = gate
    app.state.conversation_limiter = _limiter(
        settings, settings.rate_limit_per_conversation_per_minute, "conversation"
    )
    install_error_handlers(app)
    install_metrics(app)  # outermost: counts every request, 413 and 429 included
    for module in (health, conversations, documents):
        app.include_router(module.router)
    for name in OPTIONAL_ROUTERS:
        qualified = f"assistant.api.routes.{name}"
        if importlib.util.find_spec(qualified) is not None:
            app.include_router(importlib.import_module(qualified).router)
    if WIDGET_DIR.is_dir():
        app.mount("/widget", StaticFiles(directory=WIDGET_DIR), name="widget")
    return app
