"""Subscription orders in the demo store: the plan line, and one order per past delivery.

A plan is sold as one line: quantity 1 at the plan's price per delivery ("2 bags per delivery"
for $34.99), the bags in the line's variant, so that every line total is quantity × unit price.

Each delivery date a subscription has passed since its first order (one cycle after another at
its frequency; not a skipped date, not after a cancellation or a pause) is an order of its own:
charged that morning, roasted and shipped the same day, arriving 3–5 business days later. These
orders are numbered from ``DELIVERY_NUMBERS_START`` in date order and drawn from a random
generator of their own, so the rest of the demo data does not change with them.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.store.calendar import next_cycle
from assistant.store.clock import Clock, today
from assistant.store.demo_build import LineSpec, Payment, ShipPlan, apply_shipment, build_shipment
from assistant.store.demo_build import new_order as _new_order
from assistant.store.demo_spec import demo_product, plan_price
from assistant.store.models import Order, Subscription
from assistant.store.policy import Frequency, StorePolicy
from assistant.store.types import OrderStatus

DELIVERY_NUMBERS_START = 48001
CHARGE_HOUR = 6  # the card is charged that morning
SHIP_HOUR = 16  # roasted during the day, handed to the carrier in the afternoon


def plan_line(policy: StorePolicy, sku: str, grind: str, bags: int) -> LineSpec:
    """One delivery of a subscription plan as an order line."""
    name = f"{demo_product(sku).name} ({bags} {'bag' if bags == 1 else 'bags'} per delivery)"
    return LineSpec(
        sku,
        1,
        {"grind": grind, "bags": str(bags)},
        line_total=plan_price(policy, bags),
        name=name,
    )


class _Due(NamedTuple):
    charged_at: datetime
    subscription: Subscription
    first: Order


def past_delivery_dates(
    subscription: Subscription, frequency: Frequency, clock: Clock
) -> list[date]:
    """The delivery dates this subscription has passed, as described in the module docstring."""
    tz = clock.tz
    start = subscription.started_at.astimezone(tz).date()
    stop = today(clock)
    if subscription.cancelled_at is not None:
        stop = min(stop, subscription.cancelled_at.astimezone(tz).date() - timedelta(days=1))
    skipped: set[str] = set()
    for event in subscription.events:
        if event.kind == "skip":
            skipped.add(str(event.details.get("skipped", "")))
        elif event.kind == "pause":
            stop = min(stop, event.at.astimezone(tz).date() - timedelta(days=1))
    days: list[date] = []
    day = next_cycle(start, frequency)
    while day <= stop:
        charged = datetime.combine(day, time(CHARGE_HOUR), tzinfo=tz)
        if day.isoformat() not in skipped and charged <= clock.now():
            days.append(day)
        day = next_cycle(day, frequency)
    return days


def add_deliveries(
    session: Session, clock: Clock, policy: StorePolicy, *, seed: int
) -> list[Order]:
    """An order for every past delivery of every subscription in the store."""
    frequencies = policy.subscriptions.frequencies if policy.subscriptions else {}
    due: list[_Due] = []
    for sub in session.scalars(select(Subscription).order_by(Subscription.id)):
        first = session.scalars(select(Order).where(Order.number == sub.first_order_number)).one()
        frequency = frequencies[sub.frequency]
        for day in past_delivery_dates(sub, frequency, clock):
            at = datetime.combine(day, time(CHARGE_HOUR), tzinfo=clock.tz)
            due.append(_Due(at, sub, first))
    due.sort(key=lambda d: (d.charged_at, d.subscription.id))
    rng = random.Random(seed)
    orders = [
        _delivery(rng, clock, policy, str(DELIVERY_NUMBERS_START + n), item)
        for n, item in enumerate(due)
    ]
    session.add_all(orders)
    session.flush()
    return orders


def _delivery(
    rng: random.Random, clock: Clock, policy: StorePolicy, number: str, due: _Due
) -> Order:
    sub, first = due.subscription, due.first
    order = _new_order(
        number=number,
        customer_id=sub.customer_id,
        email=first.email,
        placed_at=due.charged_at,
        lines=[plan_line(policy, sub.sku, sub.grind, sub.quantity)],
        ship_to=dict(first.shipping_address),
        tax_rate=first.tax_rate,
        payment=Payment(first.payment_brand, first.payment_last4),
        shipping=policy.shipping,
        free_shipping=True,
    )
    order.subscription_id = sub.id
    shipped_at = due.charged_at.replace(hour=SHIP_HOUR) + timedelta(minutes=rng.randint(0, 90))
    if shipped_at > clock.now():
        order.status = OrderStatus.PROCESSING
        order.processing_at = order.updated_at = due.charged_at + timedelta(hours=2)
        return order
    carrier = first.shipments[0].carrier if first.shipments else "USPS"
    where = f"{first.shipping_address.get('city', '')}, {first.shipping_address.get('region', '')}"
    plan = ShipPlan(carrier, False, shipped_at, rng.randint(3, 5), where)
    shipment = build_shipment(rng, plan, clock.now(), clock.tz, delivery_hour=rng.uniform(10, 19))
    apply_shipment(order, shipment, shipped_at)
    return order
