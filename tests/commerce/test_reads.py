from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from conftest import login
from sqlalchemy import select

from assistant.commerce.errors import (
    InvalidInput,
    OrderNotFound,
    ShipmentNotFound,
    SubscriptionNotFound,
)
from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.store.models import Order, Shipment


def test_jordan_order_reads_exactly(backend: SqlCommerceBackend, jordan: VerifiedCustomer) -> None:
    order = backend.get_order(jordan, "#47234")
    assert (order.subtotal, order.shipping, order.tax, order.total) == (
        Decimal("131.80"),
        Decimal("0.00"),
        Decimal("11.70"),
        Decimal("143.50"),
    )
    shoes, socks = order.lines
    assert shoes.variant == {"size": "8", "colour": "navy blue"}
    assert shoes.unit_price == Decimal("114.95")
    assert socks.variant["size"] == "medium" and socks.unit_price == Decimal("16.85")
    assert order.shipping_address.one_line() == "123 Main St, Brooklyn, NY 11201"
    assert order.confirmation_email_status == "queued"
    assert order.ship_window is not None
    assert (order.ship_window.start, order.ship_window.end) == (
        date(2026, 1, 21),
        date(2026, 1, 22),
    )
    assert set(order.allowed_actions) >= {"cancel_order", "add_items", "change_shipping_address"}
    with pytest.raises(ShipmentNotFound):
        backend.get_shipments(jordan, "47234")


def test_sam_delivered_with_tracking(backend: SqlCommerceBackend, sam: VerifiedCustomer) -> None:
    order = backend.get_order(sam, "47102")
    assert order.status == "delivered"
    assert order.placed_at.astimezone(order.placed_at.tzinfo).date() == date(2026, 1, 18)
    assert order.lines[0].variant == {"colour": "midnight black"}
    (shipment,) = backend.get_shipments(sam, "47102")
    assert shipment.status == "delivered" and not shipment.stuck
    assert shipment.delivered_at is not None
    assert [e.status for e in shipment.events][-1] == "delivered"
    assert "register_warranty" in order.allowed_actions


def test_alex_subscription(backend: SqlCommerceBackend, alex: VerifiedCustomer) -> None:
    (sub,) = backend.list_subscriptions(alex)
    assert (sub.sku, sub.quantity, sub.frequency, sub.price, sub.status) == (
        "RCC-PDR-12",
        2,
        "monthly",
        Decimal("34.99"),
        "active",
    )
    assert sub.next_delivery_date == sub.next_charge_date == date(2026, 2, 15)
    assert sub.change_cutoff == date(2026, 2, 13)
    assert sub.first_order_number == "46890"


def test_taylor_camera_and_coverage(backend: SqlCommerceBackend, taylor: VerifiedCustomer) -> None:
    (order,) = backend.list_orders(taylor)
    assert order.number == "46511" and order.status == "delivered"
    assert [ln.sku for ln in order.lines] == ["LUM-Z8-BODY"]
    cover = backend.warranty_coverage(taylor, "46511", "LUM-Z8-BODY")
    assert cover.status == "active" and cover.warranty_months == 24
    # "a kettle delivered on March 10, 2025 is covered until March 10, 2027": the same day
    assert cover.starts_on == date(2025, 12, 16) and cover.ends_on == date(2027, 12, 16)
    assert cover.days_remaining == (date(2027, 12, 16) - date(2026, 1, 20)).days
    assert "sensor, shutter and autofocus faults" in cover.covered
    assert cover.extended_warranty is not None and cover.extended_warranty.available
    owned = {p.sku for p in backend.owned_products(taylor)}
    assert owned == {"LUM-Z8-BODY"}
    stats = backend.accessory_stats("LUM-Z8-BODY", exclude_owned_by=taylor, limit=20)
    assert "LUM-Z8-BODY" not in {s.sku for s in stats}


def test_coverage_for_product_without_terms_uses_default(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer
) -> None:
    cover = backend.warranty_coverage(jordan, "47234", "STR-VELO3-W")
    assert cover.status == "not_started" and cover.covered


def test_cross_customer_reads_are_not_found(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer, alex: VerifiedCustomer
) -> None:
    for read in (backend.get_order, backend.get_shipments):
        with pytest.raises(OrderNotFound):
            read(jordan, "47102")
    with pytest.raises(OrderNotFound):
        backend.warranty_coverage(jordan, "46511", "LUM-Z8-BODY")
    sub_id = backend.list_subscriptions(alex)[0].id
    with pytest.raises(SubscriptionNotFound):
        backend.get_subscription(jordan, sub_id)
    assert backend.list_subscriptions(jordan) == []
    assert {o.number for o in backend.list_orders(jordan)} == {"47234"}


def test_bad_inputs_on_reads(backend: SqlCommerceBackend, jordan: VerifiedCustomer) -> None:
    with pytest.raises(InvalidInput):
        backend.get_order(jordan, "47234; drop table orders")
    with pytest.raises(InvalidInput):
        backend.warranty_coverage(jordan, "47234", "NOPE")
    with pytest.raises(InvalidInput):
        backend.get_subscription(jordan, -3)


def test_delayed_and_stuck_shipments_are_flagged(backend: SqlCommerceBackend) -> None:
    with backend.store.sessions() as session:
        rows = session.execute(
            select(Order.number, Order.email).join(Shipment).where(Order.status == "shipped")
        ).all()
    flags = {"delayed": 0, "stuck": 0}
    for number, email in rows:
        me = backend.verify_by_order(f"c-{number}", number, email)
        (shipment,) = backend.get_shipments(me, number)
        flags["delayed"] += shipment.delayed
        flags["stuck"] += shipment.stuck
        if shipment.stuck:
            assert shipment.days_since_last_event >= 5
        if shipment.delayed:
            assert any("Weather delay" in e.description for e in shipment.events)
    assert flags["delayed"] >= 3 and flags["stuck"] >= 5


def test_profile(backend: SqlCommerceBackend) -> None:
    me = login(backend, "jordan.rivera@example.com")
    profile = backend.customer_profile(me)
    assert profile.name == "Jordan Rivera" and profile.default_address is not None
