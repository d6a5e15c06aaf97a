"""Failed verifications counted across conversations: per order number, per email and per
client address, in the database (table ``verification_throttle``) so that the count holds across
workers and restarts.

Each key collects failures; the ``limit``-th failure within ``window`` locks the key for a
back-off that doubles with every lock (``lockout``, ``2 × lockout``, … up to ``max_lockout``). While
any key of an attempt is locked the attempt is refused before anything is checked, so a correct
guess made during a lock verifies nothing. A success clears the order's and the email's keys (the
customer proved them), never the client's. Keys are ``kind:sha256(value)``: no email or address
is stored in clear.

The client address of the current request comes from :data:`current_client` (the HTTP layer sets
it from the connection, or a trusted proxy's ``X-Forwarded-For``); it is ``None`` outside a
request (the chat CLI, tests).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from assistant.settings import Settings
from assistant.store.models_conversations import VerificationThrottle
from assistant.store.store import Store

current_client: ContextVar[str | None] = ContextVar("verification_client", default=None)
Kind = Literal["order", "email", "client"]


@dataclass(frozen=True, slots=True)
class ThrottleKey:
    kind: Kind
    value: str

    @property
    def stored(self) -> str:
        digest = hashlib.sha256(f"{self.kind}\x00{self.value}".encode()).hexdigest()
        return f"{self.kind}:{digest}"


class Throttle:
    def __init__(self, store: Store, settings: Settings) -> None:
        self._store = store
        self._limits: dict[Kind, int] = {
            "order": settings.verification_failures_per_order,
            "email": settings.verification_failures_per_email,
            "client": settings.verification_failures_per_client,
        }
        self._window = timedelta(seconds=settings.verification_failure_window_seconds)
        self._lockout = timedelta(seconds=settings.verification_lockout_seconds)
        self._max_lockout = timedelta(seconds=settings.verification_max_lockout_seconds)

    @staticmethod
    def keys(
        *, order: str | None = None, email: str | None = None, client: str | None = None
    ) -> list[ThrottleKey]:
        """The keys of one attempt; the client defaults to the current request's."""
        client = client if client is not None else current_client.get()
        pairs: list[tuple[Kind, str | None]] = [
            ("order", order),
            ("email", email.lower() if email else None),
            ("client", client),
        ]
        return [ThrottleKey(kind, value) for kind, value in pairs if value]

    def locked_until(self, keys: Sequence[ThrottleKey]) -> datetime | None:
        """The latest lock among ``keys`` still running now, if any."""
        if not keys:
            return None
        now = self._store.clock.now()
        with self._store.sessions() as session:
            rows = session.scalars(
                select(VerificationThrottle).where(
                    VerificationThrottle.key.in_([k.stored for k in keys])
                )
            ).all()
        running = [r.locked_until for r in rows if r.locked_until and r.locked_until > now]
        return max(running, default=None)

    def record_failure(self, keys: Sequence[ThrottleKey]) -> datetime | None:
        """Count one failure on every key; the latest lock running afterwards, if any."""
        for attempt in range(2):  # a concurrent first failure of the same key: count again
            try:
                return self._record(keys)
            except IntegrityError:
                if attempt:
                    raise
        return None  # unreachable

    def clear(self, keys: Sequence[ThrottleKey]) -> None:
        stored = [k.stored for k in keys if k.kind != "client"]
        if not stored:
            return
        with self._store.write_sessions.begin() as session:
            for row in session.scalars(
                select(VerificationThrottle).where(VerificationThrottle.key.in_(stored))
            ):
                if row.locked_until is None or row.locked_until <= self._store.clock.now():
                    row.failures, row.locks = 0, 0

    def _record(self, keys: Sequence[ThrottleKey]) -> datetime | None:
        now = self._store.clock.now()
        latest: datetime | None = None
        with self._store.write_sessions.begin() as session:
            for key in keys:
                row = session.scalars(
                    select(VerificationThrottle)
                    .where(VerificationThrottle.key == key.stored)
                    .with_for_update()
                ).first()
                if row is None:
                    row = VerificationThrottle(key=key.stored, failures=0, locks=0, updated_at=now)
                    session.add(row)
                    session.flush()
                if row.locked_until is not None and row.locked_until > now:
                    latest = max(latest or row.locked_until, row.locked_until)
                    continue
                quiet_since = max(row.updated_at, row.locked_until or row.updated_at)
                if quiet_since <= now - self._window:  # quiet for a window: start afresh
                    row.failures, row.locks = 0, 0
                row.failures += 1
                row.updated_at = now
                if row.failures >= self._limits[key.kind]:
                    row.locks += 1
                    backoff = min(self._lockout * 2 ** min(row.locks - 1, 20), self._max_lockout)
                    row.failures, row.locked_until = 0, now + backoff
                    latest = max(latest or row.locked_until, row.locked_until)
        return latest
