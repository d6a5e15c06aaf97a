"""Hot index reload: the service follows the index store's ``CURRENT`` version, whoever built it
(the ``ingest`` CLI or the admin re-ingest endpoint).

:class:`IndexReloader` polls ``CURRENT`` every ``index_poll_seconds`` (a background task of the
app's lifespan). When it names another version than the one served, the reloader opens it in a
worker thread and validates it (complete, same embedding model, one vector per passage, not
empty); then :class:`RequestGate` holds new requests back, lets running ones finish (at most
``DRAIN_SECONDS``), the retriever switches, the gate opens, and the old version is closed. A
version that fails validation is logged and not retried until ``CURRENT`` changes again.

:meth:`IndexReloader.status` is what ``/readyz`` reports: the served and the current version, and
whether the served one has lagged behind ``CURRENT`` for more than ``index_max_lag_seconds``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.retrieval.hybrid import HybridRetriever, LoadedIndex
from ingest.versions import IndexStore

log = logging.getLogger("assistant.api")
DRAIN_SECONDS = 2.0


class RequestGate:
    """Counts the requests in the app; :meth:`exclusive` waits until none runs (or a time
    limit passes) and keeps new ones waiting until it is done."""

    def __init__(self) -> None:
        self._active = 0
        self._open = asyncio.Event()
        self._open.set()
        self._idle = asyncio.Event()
        self._idle.set()

    async def enter(self) -> None:
        while not self._open.is_set():
            await self._open.wait()
        self._active += 1
        self._idle.clear()

    def leave(self) -> None:
        self._active -= 1
        if self._active == 0:
            self._idle.set()

    @contextlib.asynccontextmanager
    async def exclusive(self, drain_seconds: float = DRAIN_SECONDS) -> AsyncIterator[None]:
        self._open.clear()
        try:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._idle.wait(), drain_seconds)
            yield
        finally:
            self._open.set()


class GateMiddleware:
    def __init__(self, app: ASGIApp, gate: RequestGate) -> None:
        self.app = app
        self.gate = gate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.gate.enter()
        try:
            await self.app(scope, receive, send)
        finally:
            self.gate.leave()


class InvalidIndex(ValueError):
    """A new index version that may not be served."""


@dataclass(frozen=True, slots=True)
class IndexStatus:
    served: str
    current: str | None
    lag_seconds: float
    fresh: bool  # the served version is current, or has lagged less than the allowed time


def validate(index: LoadedIndex, store: IndexStore, model_id: str | None) -> None:
    manifest = store.manifest(index.version)
    if model_id is not None and manifest.embedder != model_id:
        raise InvalidIndex(f"{index.version} was embedded by {manifest.embedder}, not {model_id}")
    if not index.chunks:
        raise InvalidIndex(f"{index.version} has no passages")
    if len(index.chunks) != manifest.chunk_count or index.matrix.shape[0] != len(index.chunks):
        raise InvalidIndex(f"{index.version} does not match its manifest")


class IndexReloader:
    def __init__(
        self,
        retriever: HybridRetriever,
        gate: RequestGate,
        *,
        poll_seconds: float,
        max_lag_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.retriever = retriever
        self.gate = gate
        self.poll_seconds = poll_seconds
        self.max_lag_seconds = max_lag_seconds
        self.clock = clock  # monotonic seconds; tests replace it
        self._behind_since: float | None = None
        self._rejected: str | None = None
        self._lock = asyncio.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None

    def status(self) -> IndexStatus:
        current = self.retriever.store.current_name()
        served = self.retriever.version
        if current is None or current == served:
            self._behind_since = None
            return IndexStatus(served, current, 0.0, True)
        now = self.clock()
        if self._behind_since is None:
            self._behind_since = now
        lag = now - self._behind_since
        return IndexStatus(served, current, lag, lag <= self.max_lag_seconds)

    async def reload(self) -> bool:
        """Switch to ``CURRENT`` if it is another valid version; True if it switched."""
        async with self._lock:
            store = self.retriever.store
            current = await run_in_threadpool(store.current_name)
            if current is None or current in (self.retriever.version, self._rejected):
                return False
            try:
                fresh = await run_in_threadpool(self._open, store)
            except Exception:  # any broken version: keep serving the old one
                self._rejected = current
                log.error("index %s not served", current, exc_info=True)
                return False
            async with self.gate.exclusive():
                old = self.retriever.swap(fresh)
            await run_in_threadpool(old.close)
            log.info("serving index %s (was %s)", fresh.version, old.version)
            return True

    def _open(self, store: IndexStore) -> LoadedIndex:
        fresh = LoadedIndex(store, getattr(self.retriever, "chroma_url", None))
        try:
            validate(fresh, store, getattr(self.retriever.embedder, "model_id", None))
        except BaseException:
            fresh.close()
            raise
        return fresh

    def reload_from_thread(self, timeout: float = 300.0) -> bool:
        """:meth:`reload` from a worker thread (the admin re-ingestion's)."""
        if self._loop is None:  # the poller has not started: switch at once
            return self.retriever.refresh()
        return asyncio.run_coroutine_threadsafe(self.reload(), self._loop).result(timeout)

    async def run(self) -> None:
        """Poll until cancelled (the app's lifespan runs it as a task)."""
        self._loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(self.poll_seconds)
            try:
                await self.reload()
            except Exception:  # the poller must survive anything and try again
                log.exception("index reload failed")
