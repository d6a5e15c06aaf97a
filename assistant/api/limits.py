"""Request limits: body size (413), body read time (408) and sliding-window rate limits per
client IP and per conversation (429 with ``Retry-After``), all answered with the API's JSON
error body. Header, keep-alive and per-client connection limits act below the app, in the HTTP
server (:mod:`assistant.api.connections`).

The limiters are in memory, so with several workers each enforces its own share; put a shared
limiter (the proxy, or Redis) in front when scaling out.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from typing import Protocol

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.api.errors import RateLimited, error_response


class Limiter(Protocol):
    """Counts hits per key: in memory, or shared by the workers (``StoreWindowLimiter``)."""

    def hit(self, key: str) -> float | None: ...


class SlidingWindowLimiter:
    """At most ``limit`` hits per key within any ``window`` seconds."""

    def __init__(
        self,
        limit: int,
        window: float = 60.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 100_000,
    ) -> None:
        self.limit, self.window = limit, window
        self._clock = clock
        self._max_keys = max_keys
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> float | None:
        """Count one hit; ``None`` if allowed, else the seconds until one would be."""
        now = self._clock()
        with self._lock:
            hits = self._hits.get(key)
            if hits is None:
                if len(self._hits) >= self._max_keys:
                    self._forget_idle(now)
                hits = self._hits[key] = deque()
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return hits[0] + self.window - now
            hits.append(now)
            return None

    def _forget_idle(self, now: float) -> None:
        idle = [k for k, v in self._hits.items() if not v or v[-1] <= now - self.window]
        for key in idle:
            del self._hits[key]


class BodySizeLimit:
    """Reads the request body (at most ``max_bytes``) before the app sees it; a larger body,
    declared or streamed, gets 413 and the app is never called. A body that has not fully
    arrived ``timeout`` seconds after the headers gets 408 and the connection is closed."""

    def __init__(self, app: ASGIApp, max_bytes: int, timeout: float | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._declared(scope) > self.max_bytes:
            await self._too_large(scope, receive, send)
            return
        chunks: list[bytes] = []
        size, more = 0, True
        loop = asyncio.get_running_loop()
        deadline = None if self.timeout is None else loop.time() + self.timeout
        while more:
            try:
                left = None if deadline is None else max(deadline - loop.time(), 0.0)
                message = await asyncio.wait_for(receive(), left)
            except TimeoutError:
                await self._too_slow(scope, receive, send)
                return
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._too_large(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()  # e.g. http.disconnect while streaming a response
            replayed = True
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        await self.app(scope, replay, send)

    @staticmethod
    def _declared(scope: Scope) -> int:
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    return int(value)
                except ValueError:
                    return 0
        return 0

    async def _too_slow(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(
            408,
            "request_timeout",
            f"The request body did not arrive within {self.timeout:g} seconds.",
            headers={"Connection": "close"},
        )
        await response(scope, receive, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(
            413,
            "request_too_large",
            f"The request body is larger than {self.max_bytes} bytes.",
            headers={"Connection": "close"},
        )
        await response(scope, receive, send)


class IpRateLimit:
    """Rate limit per client IP on paths under ``prefixes`` (except ``exempt`` ones)."""

    def __init__(
        self,
        app: ASGIApp,
        limiter: Limiter,
        prefixes: Sequence[str] = ("/v1/",),
        exempt: Sequence[str] = (),
    ) -> None:
        self.app = app
        self.limiter = limiter
        self.prefixes = tuple(prefixes)
        self.exempt = tuple(exempt)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if (
            scope["type"] == "http"
            and scope.get("method") != "OPTIONS"
            and path.startswith(self.prefixes)
            and not path.startswith(self.exempt)
        ):
            client = scope.get("client")
            retry_after = self.limiter.hit(client[0] if client else "unknown")
            if retry_after is not None:
                limited = RateLimited(retry_after)
                response = error_response(
                    limited.status, limited.code, limited.message, headers=limited.headers
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
