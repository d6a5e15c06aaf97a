from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, text

from assistant.settings import Settings
from assistant.store.clock import FixedClock
from assistant.store.demo import seed_demo
from assistant.store.demo_spec import demo_products
from assistant.store.models import (
    Customer,
    Order,
    Product,
    Shipment,
    Subscription,
    WarrantyRegistration,
)
from assistant.store.policy import load_policy
from assistant.store.store import Store, open_store

TZ = ZoneInfo("America/New_York")
NOW = datetime(2026, 1, 20, 10, 0, tzinfo=TZ)
pytestmark = pytest.mark.integration


def _open(path: Path, now: datetime = NOW, seed: int = 20260120) -> Store:
    settings = Settings(database_url=f"sqlite:///{path}", store_now=now, demo_seed=seed)
    return open_store(settings, clock=FixedClock(now, TZ))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return _open(tmp_path_factory.mktemp("demo") / "demo.db")


def _dump(store: Store) -> str:
    digest = hashlib.sha256()
    with store.engine.connect() as connection:
        for table in (
            "customers",
            "addresses",
            "orders",
            "order_lines",
            "shipments",
            "subscriptions",
            "subscription_events",
            "warranty_registrations",
            "escalation_tickets",
            "feedback",
            "outbox",
        ):
            for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY id")):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def test_figures(store: Store) -> None:
    with store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Customer)) >= 200
        assert session.scalar(select(func.count()).select_from(Order)) >= 1000
        assert session.scalar(select(func.count()).select_from(Subscription)) >= 100
        assert session.scalar(select(func.count()).select_from(WarrantyRegistration)) >= 50
        assert session.scalar(select(func.count()).select_from(Customer).where(Customer.vip))
        statuses = Counter(s.value for s in session.scalars(select(Order.status)))
        total = sum(statuses.values())
        assert statuses["delivered"] / total > 0.8
        assert statuses["shipped"] >= 20 and statuses["placed"] + statuses["processing"] >= 5
        assert 0.015 < statuses["cancelled"] / total < 0.05
        assert 0.015 < statuses["returned"] / total < 0.05
        oldest = session.scalar(select(func.min(Order.placed_at)))
        assert oldest is not None and NOW - oldest > timedelta(days=300)
        events = session.scalars(select(Shipment.events)).all()
        assert sum(any(e["status"] == "exception" for e in ev) for ev in events) >= 3
        stuck = session.scalar(
            select(func.count())
            .select_from(Shipment)
            .where(Shipment.status != "delivered", Shipment.last_event_at < NOW - timedelta(days=5))
        )
        assert stuck is not None and stuck >= 5
        products = {p.sku: p for p in session.scalars(select(Product))}
        assert {p.sku for p in demo_products()} == set(products)
        assert all(
            products[p.sku].price == p.price
            and products[p.sku].warranty_months == p.warranty_months
            for p in demo_products()
        )


def test_reference_customers(store: Store) -> None:
    with store.sessions() as session:

        def order(number: str) -> Order:
            return session.scalars(select(Order).where(Order.number == number)).one()

        jordan = order("47234")
        assert jordan.email == "jordan.rivera@example.com" and jordan.status == "placed"
        assert NOW - jordan.placed_at == timedelta(minutes=5)
        assert jordan.total == Decimal("143.50")
        assert jordan.shipping_address["line1"] == "123 Main St"
        sam = order("47102")
        assert sam.placed_at.astimezone(TZ).date() == date(2026, 1, 18)
        assert sam.delivered_at is not None
        assert sam.delivered_at.astimezone(TZ).date() == date(2026, 1, 19)
        assert sam.lines[0].sku == "AUR-SWP-100"
        taylor = order("46511")
        assert taylor.status == "delivered" and taylor.lines[0].sku == "LUM-Z8-BODY"
        assert taylor.delivered_at is not None
        assert 34 <= (NOW - taylor.delivered_at).days <= 36
        assert (
            session.scalar(
                select(func.count())
                .select_from(Order)
                .where(Order.customer_id == taylor.customer_id)
            )
            == 1
        )
        alex = session.scalars(
            select(Subscription).join(Customer).where(Customer.email == "alex.kim@example.com")
        ).one()
        assert alex.next_delivery_date == date(2026, 2, 15)
        assert order("46890").placed_at.astimezone(TZ).date() == date(2025, 11, 15)


def test_same_seed_and_clock_give_identical_data(store: Store, tmp_path: Path) -> None:
    again = _open(tmp_path / "again.db")
    try:
        assert _dump(again) == _dump(store)
    finally:
        again.close()


def test_reseeding_is_a_no_op(store: Store) -> None:
    before = _dump(store)
    policy = load_policy(Settings().store_policy_path)
    assert seed_demo(store.write_sessions, store.clock, 20260120, policy) is False
    assert _dump(store) == before


def test_real_clock_keeps_offsets(tmp_path: Path) -> None:
    later = datetime(2026, 6, 3, 16, 20, tzinfo=TZ)
    store = _open(tmp_path / "later.db", now=later)
    try:
        with store.sessions() as session:
            jordan = session.scalars(select(Order).where(Order.number == "47234")).one()
            assert later - jordan.placed_at == timedelta(minutes=5)
            sub = session.scalars(
                select(Subscription).where(Subscription.first_order_number == "46890")
            ).one()
            assert sub.next_delivery_date == later.date() + timedelta(days=26)
    finally:
        store.close()
