"""The outbox dispatcher: ``OutboxDispatcher(store, sender).dispatch_due(now)``.

Due messages are ``pending`` ones whose ``send_after`` is empty or past. They are claimed first
(status ``sending`` with a lease in ``send_after``, so two dispatchers never send the same row
and a crashed one's claim expires), then sent outside any transaction, then marked:

- success: ``sent``, ``sent_at``; ``attempts`` + 1
- failure worth retrying: back to ``pending`` with ``send_after`` = now + backoff (1, 4, 16 …
  minutes, moved out of quiet hours); after ``max_attempts`` tries: ``failed``
- failure not worth retrying (e.g. HTTP 400): ``failed`` at once

``last_error`` keeps the latest failure. :class:`OutboxWorker` runs it on a timer in a thread.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select

from assistant.proactive.schedule import QuietHours
from assistant.proactive.sender import OutboundMessage, Sender, SendResult
from assistant.store.clock import Clock
from assistant.store.models import OutboxMessage
from assistant.store.store import Store

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
BASE_BACKOFF = timedelta(minutes=1)


@dataclass(slots=True)
class DispatchReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0

    @property
    def attempted(self) -> int:
        return self.sent + self.retrying + self.failed


def backoff(attempts: int) -> timedelta:
    """Wait before the next try after ``attempts`` tries: 1, 4, 16, 64 … minutes."""
    return BASE_BACKOFF * (1 << (2 * max(0, attempts - 1)))


class OutboxDispatcher:
    def __init__(
        self,
        store: Store,
        sender: Sender,
        *,
        quiet_hours: QuietHours | None = None,
        max_attempts: int = 5,
        batch_size: int = 50,
    ) -> None:
        if max_attempts < 1 or batch_size < 1:
            raise ValueError("max_attempts and batch_size must be positive")
        self._store = store
        self._sender = sender
        self._quiet = quiet_hours
        self._max_attempts = max_attempts
        self._batch_size = batch_size

    def dispatch_due(self, now: datetime) -> DispatchReport:
        """Send every message due at ``now`` (one batch); returns what happened."""
        if now.tzinfo is None:
            raise ValueError("dispatch_due needs a timezone-aware datetime")
        report = DispatchReport()
        for message in self._claim(now):
            result = self._sender.send(message)
            self._mark(message.id, result, now, report)
        return report

    def _claim(self, now: datetime) -> list[OutboundMessage]:
        due = or_(
            and_(
                OutboxMessage.status == "pending",
                or_(OutboxMessage.send_after.is_(None), OutboxMessage.send_after <= now),
            ),
            and_(OutboxMessage.status == "sending", OutboxMessage.send_after <= now),
        )
        with self._store.write_sessions.begin() as session:
            rows = session.scalars(
                select(OutboxMessage)
                .where(due)
                .order_by(OutboxMessage.created_at, OutboxMessage.id)
                .limit(self._batch_size)
            ).all()
            claimed = []
            for row in rows:
                row.status, row.send_after = "sending", now + LEASE
                claimed.append(
                    OutboundMessage(
                        id=row.id,
                        channel=row.channel,
                        recipient=row.recipient,
                        kind=row.kind,
                        payload=dict(row.payload),
                        created_at=row.created_at,
                    )
                )
        return claimed

    def _mark(
        self, outbox_id: int, result: SendResult, now: datetime, report: DispatchReport
    ) -> None:
        with self._store.write_sessions.begin() as session:
            row = session.get(OutboxMessage, outbox_id)
            if row is None:
                return
            row.attempts = (row.attempts or 0) + 1
            if result.ok:
                row.status, row.sent_at, row.send_after, row.last_error = "sent", now, None, None
                report.sent += 1
                return
            row.last_error = (result.error or "failed")[:200]
            if result.retryable and row.attempts < self._max_attempts:
                retry_at = now + backoff(row.attempts)
                row.status = "pending"
                row.send_after = self._quiet.release(retry_at) if self._quiet else retry_at
                report.retrying += 1
            else:
                row.status, row.send_after = "failed", None
                report.failed += 1
                logger.warning(
                    "outbox: message %d failed after %d attempt(s): %s",
                    outbox_id,
                    row.attempts,
                    row.last_error,
                )


class OutboxWorker:
    """Calls ``dispatch_due(clock.now())`` every ``interval`` seconds in a daemon thread until
    :meth:`stop`. Meant for the API's lifespan: ``start()`` at start-up, ``stop()`` at shutdown."""

    def __init__(self, dispatcher: OutboxDispatcher, clock: Clock, interval: float = 30.0) -> None:
        if interval <= 0:
            raise ValueError("interval must be positive")
        self._dispatcher = dispatcher
        self._clock = clock
        self._interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="outbox-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._dispatcher.dispatch_due(self._clock.now())
            except Exception:  # keep the worker alive; the next tick retries
                logger.exception("outbox: dispatch failed")
            self._stop.wait(self._interval)
