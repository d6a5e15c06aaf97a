from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from assistant.proactive.dispatch import LEASE, OutboxDispatcher, OutboxWorker, backoff
from assistant.proactive.schedule import QuietHours
from assistant.proactive.sender import OutboundMessage, SendResult
from assistant.store.clock import FixedClock
from assistant.store.models import OutboxMessage
from assistant.store.store import Store
from tests.proactive.factory import NOW, TZ, add_customer


class ScriptedSender:
    """Answers with the scripted results in turn (then success); records what it sent."""

    def __init__(self, *results: SendResult) -> None:
        self.results: Iterator[SendResult] = iter(results)
        self.sent: list[OutboundMessage] = []

    def send(self, message: OutboundMessage) -> SendResult:
        self.sent.append(message)
        return next(self.results, SendResult(True, status_code=200))


def queue(store: Store, *, send_after: datetime | None = None, kind: str = "order_shipped") -> int:
    customer = add_customer(store, f"Cust {kind} {send_after}", email=f"{kind}{send_after}@x.io")
    with store.write_sessions.begin() as session:
        row = OutboxMessage(
            customer_id=customer,
            channel="email",
            recipient="c@example.com",
            kind=kind,
            payload={"text": "hi"},
            status="pending",
            created_at=NOW - timedelta(minutes=5),
            sent_at=None,
            send_after=send_after,
        )
        session.add(row)
        session.flush()
        return row.id


def row(store: Store, outbox_id: int) -> OutboxMessage:
    with store.sessions() as session:
        found = session.get(OutboxMessage, outbox_id)
        assert found is not None
        return found


def test_due_message_is_sent_and_marked(store: Store) -> None:
    msg = queue(store)
    sender = ScriptedSender()
    report = OutboxDispatcher(store, sender).dispatch_due(NOW)
    assert (report.sent, report.retrying, report.failed) == (1, 0, 0)
    sent = row(store, msg)
    assert (sent.status, sent.attempts, sent.sent_at) == ("sent", 1, NOW)
    assert [m.id for m in sender.sent] == [msg]
    assert OutboxDispatcher(store, sender).dispatch_due(NOW).attempted == 0  # not sent twice


def test_message_waits_for_send_after(store: Store) -> None:
    later = NOW + timedelta(hours=10)
    msg = queue(store, send_after=later)
    sender = ScriptedSender()
    dispatcher = OutboxDispatcher(store, sender)
    assert dispatcher.dispatch_due(NOW).attempted == 0
    assert dispatcher.dispatch_due(later).sent == 1
    assert row(store, msg).status == "sent"


def test_retryable_failure_backs_off_then_fails_after_max_attempts(store: Store) -> None:
    msg = queue(store)
    down = SendResult(False, "HTTP 503", retryable=True, status_code=503)
    sender = ScriptedSender(down, down, down)
    dispatcher = OutboxDispatcher(store, sender, max_attempts=3)
    now = NOW
    report = dispatcher.dispatch_due(now)
    assert report.retrying == 1
    first = row(store, msg)
    assert (first.status, first.attempts, first.last_error) == ("pending", 1, "HTTP 503")
    assert first.send_after == now + backoff(1)
    assert dispatcher.dispatch_due(now).attempted == 0  # backing off
    now += backoff(1)
    assert dispatcher.dispatch_due(now).retrying == 1
    assert row(store, msg).send_after == now + timedelta(minutes=4)
    now += backoff(2)
    assert dispatcher.dispatch_due(now).failed == 1
    failed = row(store, msg)
    assert (failed.status, failed.attempts, failed.last_error) == ("failed", 3, "HTTP 503")


def test_permanent_failure_fails_at_once(store: Store) -> None:
    msg = queue(store)
    sender = ScriptedSender(SendResult(False, "HTTP 400", retryable=False, status_code=400))
    assert OutboxDispatcher(store, sender).dispatch_due(NOW).failed == 1
    assert (row(store, msg).status, row(store, msg).attempts) == ("failed", 1)


def test_retry_is_moved_out_of_quiet_hours(store: Store) -> None:
    msg = queue(store)
    evening = datetime(2026, 1, 20, 20, 59, 30, tzinfo=TZ)  # retry at 21:00:30
    sender = ScriptedSender(SendResult(False, "timed out"))
    OutboxDispatcher(store, sender, quiet_hours=QuietHours(21, 8, TZ)).dispatch_due(evening)
    assert row(store, msg).send_after == datetime(2026, 1, 21, 8, 0, tzinfo=TZ).astimezone(UTC)


def test_a_crashed_claim_is_taken_again_after_the_lease(store: Store) -> None:
    msg = queue(store)
    with store.write_sessions.begin() as session:
        stuck = session.get(OutboxMessage, msg)
        assert stuck is not None
        stuck.status, stuck.send_after = "sending", NOW + LEASE
    sender = ScriptedSender()
    dispatcher = OutboxDispatcher(store, sender)
    assert dispatcher.dispatch_due(NOW).attempted == 0
    assert dispatcher.dispatch_due(NOW + LEASE).sent == 1


def test_batches_in_creation_order(store: Store) -> None:
    ids = [queue(store, kind=f"k{i}") for i in range(3)]
    sender = ScriptedSender()
    report = OutboxDispatcher(store, sender, batch_size=2).dispatch_due(NOW)
    assert report.sent == 2
    assert [m.id for m in sender.sent] == ids[:2]


def test_naive_now_is_refused(store: Store) -> None:
    with pytest.raises(ValueError):
        OutboxDispatcher(store, ScriptedSender()).dispatch_due(datetime(2026, 1, 20))


def test_worker_dispatches_on_a_timer(store: Store) -> None:
    msg = queue(store)
    dispatcher = OutboxDispatcher(store, ScriptedSender())
    worker = OutboxWorker(dispatcher, FixedClock(NOW, TZ), interval=0.01)
    worker.start()
    try:
        for _ in range(200):
            if row(store, msg).status == "sent":
                break
            import time

            time.sleep(0.01)
    finally:
        worker.stop()
    assert row(store, msg).status == "sent"
    with store.sessions() as session:
        assert session.scalars(select(OutboxMessage.status)).all() == ["sent"]
