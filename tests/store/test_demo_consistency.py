"""The demo store is internally consistent: carrier scans in time order, a delivery order for
every past Coffee Club delivery, and order lines whose totals are quantity × unit price."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from assistant.settings import Settings
from assistant.store.calendar import next_cycle
from assistant.store.clock import FixedClock
from assistant.store.models import Order, OrderLine, Shipment, Subscription
from assistant.store.policy import load_policy
from assistant.store.store import Store, open_store
from assistant.store.types import SubscriptionStatus

TZ = ZoneInfo("America/New_York")
NOW = datetime(2026, 1, 20, 10, 0, tzinfo=TZ)
pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path: Path = tmp_path_factory.mktemp("consistency") / "demo.db"
    settings = Settings(environment="test", database_url=f"sqlite:///{path}", store_now=NOW)
    return open_store(settings, clock=FixedClock(NOW, TZ))


def test_every_shipment_scans_in_time_order(store: Store) -> None:
    with store.sessions() as session:
        shipments = session.scalars(select(Shipment)).all()
    assert len(shipments) > 1000
    for shipment in shipments:
        times = [datetime.fromisoformat(e["at"]) for e in shipment.events]
        assert times == sorted(times), (shipment.tracking_number, shipment.events)
        assert shipment.last_event_at == times[-1]
        assert times[-1] <= NOW


def test_every_order_line_total_is_quantity_times_unit_price(store: Store) -> None:
    with store.sessions() as session:
        lines = session.scalars(select(OrderLine)).all()
        orders = session.scalars(select(Order).options(selectinload(Order.lines))).all()
    wrong = [(ln.order_id, ln.sku) for ln in lines if ln.quantity * ln.unit_price != ln.line_total]
    assert wrong == []
    for order in orders:  # and the order's subtotal is its lines'
        assert order.subtotal == sum(ln.line_total for ln in order.lines), order.number


def test_every_active_subscription_has_its_past_deliveries(store: Store) -> None:
    policy = load_policy(Settings(environment="test").store_policy_path)
    assert policy.subscriptions is not None
    today = NOW.date()
    with store.sessions() as session:
        subs = session.scalars(
            select(Subscription)
            .where(Subscription.status == SubscriptionStatus.ACTIVE)
            .options(selectinload(Subscription.events))
        ).all()
        assert len(subs) > 50
        for sub in subs:
            frequency = policy.subscriptions.frequencies[sub.frequency]
            skipped = {e.details.get("skipped") for e in sub.events if e.kind == "skip"}
            expected = []
            day = next_cycle(sub.started_at.astimezone(TZ).date(), frequency)
            while day <= today and datetime.combine(day, time(6), tzinfo=TZ) <= NOW:
                if day.isoformat() not in skipped:
                    expected.append(day)
                day = next_cycle(day, frequency)
            assert sub.next_delivery_date == day, sub.id  # the first one still to come
            deliveries = session.scalars(
                select(Order)
                .where(Order.subscription_id == sub.id)
                .where(Order.number != sub.first_order_number)
                .order_by(Order.placed_at)
            ).all()
            assert [o.placed_at.astimezone(TZ).date() for o in deliveries] == expected, sub.id
            for order in deliveries:  # the plan as it is now, for its price
                (line,) = order.lines
                assert (line.sku, line.line_total, order.customer_id) == (
                    sub.sku,
                    sub.price,
                    sub.customer_id,
                )


def test_alex_gets_his_december_and_january_coffee(store: Store) -> None:
    with store.sessions() as session:
        sub = session.scalars(
            select(Subscription).where(Subscription.first_order_number == "46890")
        ).one()
        placed = session.scalars(
            select(Order.placed_at).where(Order.subscription_id == sub.id).order_by(Order.id)
        ).all()
    assert sorted(p.astimezone(TZ).date().isoformat() for p in placed) == [
        "2025-11-15",
        "2025-12-15",
        "2026-01-15",
    ]
