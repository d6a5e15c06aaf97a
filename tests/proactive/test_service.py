from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from assistant.proactive.events import Event, EventType
from assistant.proactive.service import ProactiveService
from assistant.settings import Settings
from assistant.store.clock import FixedClock
from assistant.store.models import OutboxMessage, ProactiveMessage, ProcessedEvent
from assistant.store.store import Store
from assistant.store.types import OrderStatus, SubscriptionStatus
from tests.proactive.factory import (
    NOW,
    TZ,
    FakeRetriever,
    ShipmentSpec,
    add_customer,
    add_order,
    add_subscription,
)


def shipped(event_id: str = "evt-1", number: str = "47234", **fields: object) -> Event:
    values: dict[str, object] = {
        "id": event_id,
        "type": EventType.ORDER_SHIPPED,
        "occurred_at": NOW,
        "order_number": number,
    }
    values.update(fields)
    return Event.model_validate(values)


def outbox(store: Store) -> list[OutboxMessage]:
    with store.sessions() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def count(store: Store, model: type[object]) -> int:
    with store.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0  # type: ignore[arg-type]


def test_event_queues_one_outbox_message(store: Store, settings: Settings) -> None:
    customer = add_customer(store)
    add_order(store, customer, "47234", shipments=(ShipmentSpec(),))
    outcome = ProactiveService(store, settings).handle(shipped())
    assert outcome.duplicate is False and outcome.suppressed is None
    assert outcome.outbox_message_id is not None and outcome.outbox_message_id.startswith("pm_")
    [row] = outbox(store)
    assert row.kind == "order_shipped"
    assert row.channel == "email" and row.recipient == "jordan@example.com"
    assert row.status == "pending" and row.attempts == 0 and row.send_after is None
    assert row.payload["proactive_message_id"] == outcome.outbox_message_id
    assert row.payload["subject"] == "Your order #47234 has shipped"
    assert "ups.com" in row.payload["text"]
    with store.sessions() as session:
        message = session.get(ProactiveMessage, outcome.outbox_message_id)
        assert message is not None
        assert (message.outbox_id, message.order_number, message.customer_id) == (
            row.id,
            "47234",
            customer,
        )


def test_replayed_event_creates_exactly_one_message(store: Store, settings: Settings) -> None:
    customer = add_customer(store)
    add_order(store, customer, "47234", shipments=(ShipmentSpec(),))
    service = ProactiveService(store, settings)
    first = service.handle(shipped())
    again = service.handle(shipped())
    assert again.duplicate is True
    assert again.outbox_message_id == first.outbox_message_id
    assert len(outbox(store)) == 1
    assert count(store, ProcessedEvent) == 1


def test_concurrent_replays_create_one_message(store: Store, settings: Settings) -> None:
    customer = add_customer(store)
    add_order(store, customer, "47234", shipments=(ShipmentSpec(),))
    service = ProactiveService(store, settings)
    results = []
    barrier = threading.Barrier(4)

    def deliver() -> None:
        barrier.wait()
        results.append(service.handle(shipped()))

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(outbox(store)) == 1
    assert sum(not r.duplicate for r in results) == 1
    assert len({r.outbox_message_id for r in results}) == 1


def test_no_consent_suppresses_but_records_the_event(store: Store, settings: Settings) -> None:
    customer = add_customer(store, consent=False)
    add_order(store, customer, "47234", shipments=(ShipmentSpec(),))
    service = ProactiveService(store, settings)
    outcome = service.handle(shipped())
    assert (outcome.outbox_message_id, outcome.suppressed) == (None, "no_consent")
    replay = service.handle(shipped())
    assert replay.duplicate and replay.suppressed == "no_consent"
    assert outbox(store) == []


def test_unknown_and_cancelled_orders_are_suppressed(store: Store, settings: Settings) -> None:
    customer = add_customer(store)
    add_order(store, customer, "47000", status=OrderStatus.CANCELLED)
    service = ProactiveService(store, settings)
    assert service.handle(shipped("a", "99999")).suppressed == "unknown_order"
    assert service.handle(shipped("b", "not-a-number")).suppressed == "unknown_order"
    assert service.handle(shipped("c", "47000")).suppressed == "order_cancelled"
    assert outbox(store) == []


def test_quiet_hours_delay_the_message_not_drop_it(store: Store, settings: Settings) -> None:
    customer = add_customer(store)
    add_order(store, customer, "47234", shipments=(ShipmentSpec(),))
    late = FixedClock(datetime(2026, 1, 20, 22, 30, tzinfo=TZ), TZ)
    night_store = Store(store.engine, store.sessions, store.write_sessions, late)
    outcome = ProactiveService(night_store, settings).handle(shipped())
    assert outcome.outbox_message_id is not None
    [row] = outbox(store)
    assert row.send_after == datetime(2026, 1, 21, 8, 0, tzinfo=TZ).astimezone(UTC)


def test_setup_tips_are_scheduled_a_week_after_delivery(store: Store, settings: Settings) -> None:
    customer = add_customer(store)
    delivered = NOW - timedelta(hours=2)
    add_order(store, customer, "47234", status=OrderStatus.DELIVERED, delivered_at=delivered)
    event = Event(
        id="evt-d",
        type=EventType.ORDER_DELIVERED,
        occurred_at=delivered,
        order_number="47234",
    )
    retriever = FakeRetriever()
    outcome = ProactiveService(store, settings, retriever=retriever).handle(event)
    [row] = outbox(store)
    assert outcome.outbox_message_id is not None
    assert row.kind == "setup_tips"
    assert row.send_after == (delivered + timedelta(days=7)).astimezone(UTC)
    assert retriever.queries, "the setup guide was searched"


def test_renewal_event(store: Store, settings: Settings) -> None:
    customer = add_customer(store)
    sub = add_subscription(store, customer)
    paused = add_subscription(store, customer, status=SubscriptionStatus.CANCELLED)
    service = ProactiveService(store, settings)

    def renewal(event_id: str, sub_id: int) -> Event:
        return Event(
            id=event_id,
            type=EventType.RENEWAL_UPCOMING,
            occurred_at=NOW,
            subscription_id=sub_id,
        )

    assert service.handle(renewal("r1", sub)).outbox_message_id is not None
    assert service.handle(renewal("r2", paused)).suppressed == "subscription_not_active"
    assert service.handle(renewal("r3", 999)).suppressed == "unknown_subscription"
    [row] = outbox(store)
    assert "$34.99" in row.payload["text"]
    with store.sessions() as session:
        message = session.scalars(select(ProactiveMessage)).one()
        assert message.subscription_id == sub and message.sku == "RCC-PDR-12"
