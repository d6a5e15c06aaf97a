"""Rate limits that every worker process shares: each counted request is a row of
``rate_limit_hits`` (key, time), and a hit is allowed while fewer than ``limit`` rows of its key
lie within the last ``window`` seconds — the same sliding window as the in-memory
:class:`~assistant.api.limits.SlidingWindowLimiter`, with the same ``hit`` contract.

The check and the insert run in one transaction that holds a lock on the key (a PostgreSQL
advisory transaction lock; on SQLite the transaction takes the write lock as it begins), so two
workers can never both take the last slot. Old rows are deleted now and then by whichever hit
comes along. The engine is opened on the first hit (the HTTP middleware is built before the
app's store).
"""

from __future__ import annotations

import random
import threading
import time
import zlib
from collections.abc import Callable

from sqlalchemy import Engine, delete, func, insert, select, text
from sqlalchemy.engine import make_url

from assistant.store.db import make_engine, write_engine
from assistant.store.models_conversations import RateLimitHit

LIMITER_POOL = 4  # connections per limiter and process (a hit holds one for a few statements)
PRUNE_EVERY = 200  # on average, one hit in this many deletes the expired rows of every key


def shared_limits_for(database_url: str) -> bool:
    """Whether limits should be counted in the database: yes on a server database (workers
    may run on several processes or hosts); a SQLite store keeps them in memory."""
    return make_url(database_url).get_backend_name() != "sqlite"


class StoreWindowLimiter:
    """At most ``limit`` hits per key within any ``window`` seconds, across processes."""

    def __init__(
        self,
        database_url: str,
        limit: int,
        window: float = 60.0,
        *,
        name: str = "limit",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.limit, self.window = limit, window
        self._url = database_url
        self._name = name
        self._clock = clock
        self._engine: Engine | None = None
        self._guard = threading.Lock()

    def _bind(self) -> Engine:
        with self._guard:
            if self._engine is None:
                self._engine = write_engine(make_engine(self._url, pool_size=LIMITER_POOL))
            return self._engine

    def hit(self, key: str) -> float | None:
        """Count one hit; ``None`` if allowed, else the seconds until one would be."""
        engine = self._bind()
        stored = f"{self._name}:{key}"[:200]
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:k)"),
                    {"k": zlib.crc32(stored.encode())},
                )
            now = self._clock()  # read under the lock: no hit stamped later can precede it
            since = now - self.window
            count, oldest = connection.execute(
                select(func.count(), func.min(RateLimitHit.at)).where(
                    RateLimitHit.key == stored, RateLimitHit.at > since
                )
            ).one()
            if count >= self.limit:
                return max(float(oldest) + self.window - now, 0.0)
            connection.execute(insert(RateLimitHit).values(key=stored, at=now))
            if random.random() < 1 / PRUNE_EVERY:
                connection.execute(
                    delete(RateLimitHit).where(
                        RateLimitHit.key.startswith(f"{self._name}:"), RateLimitHit.at <= since
                    )
                )
        return None

    def close(self) -> None:
        with self._guard:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None
