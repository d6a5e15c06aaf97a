"""The customers of the reference conversations, from the spec's ``reference`` section.

Their orders, shipments and subscriptions sit at fixed offsets from the seeding clock's "now"
(see the pack's ``demo.yaml`` for what they are with the reference clock), so a conversation
script's ``now`` always finds them in the same state.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from assistant.store.clock import Clock, today
from assistant.store.demo_build import (
    LineSpec,
    Payment,
    ShipPlan,
    apply_shipment,
    build_shipment,
    new_order,
)
from assistant.store.demo_cards import keep_cards
from assistant.store.demo_data import STATE_TAX, address
from assistant.store.demo_deliveries import plan_line
from assistant.store.demo_returns import past_return, policy_reason
from assistant.store.demo_spec import (
    Offset,
    RefLine,
    RefOrder,
    RefReturn,
    demo_spec,
    plan_price,
)
from assistant.store.models import Address, Customer, Order, Subscription
from assistant.store.policy import StorePolicy
from assistant.store.types import EmailStatus, SubscriptionStatus


def _delta(offset: Offset) -> timedelta:
    return timedelta(days=offset.days, hours=offset.hours, minutes=offset.minutes)


def _customer(
    session: Session, now: datetime, name: str, email: str, phone: str, ship_to: dict[str, str]
) -> Customer:
    customer = Customer(
        email=email,
        name=name,
        phone=phone,
        vip=False,
        marketing_consent=False,
        notification_consent=True,
        created_at=now - timedelta(days=420),
    )
    customer.addresses.append(
        Address(
            label="home",
            name=ship_to["name"],
            line1=ship_to["line1"],
            line2=None,
            city=ship_to["city"],
            region=ship_to["region"],
            postal_code=ship_to["postal_code"],
            country="US",
            is_default=True,
        )
    )
    session.add(customer)
    session.flush()
    return customer


def _shipped(
    rng: random.Random,
    order: Order,
    clock: Clock,
    carrier: str,
    express: bool,
    shipped_at: datetime,
    arrive: datetime,
) -> None:
    destination = f"{order.shipping_address['city']}, {order.shipping_address['region']}"
    plan = ShipPlan(carrier, express, shipped_at, 1 if express else 4, destination)
    shipment = build_shipment(rng, plan, clock.now(), clock.tz, arrive=arrive)
    apply_shipment(order, shipment, shipped_at)


def add_reference_customers(session: Session, clock: Clock, policy: StorePolicy) -> None:
    reference = demo_spec().reference
    rng = random.Random(reference.seed)
    returns_rng = random.Random(reference.seed + 1)  # RMA and refund references
    now = clock.now()
    for spec in reference.customers:
        ship_to = address(
            spec.name,
            spec.address.line1,
            spec.address.city,
            spec.address.region,
            spec.address.postal_code,
        )
        customer = _customer(session, now, spec.name, spec.email, spec.phone, ship_to)
        keep_cards(session, customer, spec.cards_on_file())
        for order_spec in spec.orders:
            order = _reference_order(session, rng, clock, policy, customer, ship_to, order_spec)
            if order_spec.returned is not None:
                _returned(session, returns_rng, clock, policy, order, order_spec.returned)
    session.flush()


def _returned(
    session: Session,
    rng: random.Random,
    clock: Clock,
    policy: StorePolicy,
    order: Order,
    returned: RefReturn,
) -> None:
    session.flush()  # the order's and its lines' ids
    now = clock.now()
    skus = set(returned.skus) or {ln.sku for ln in order.lines}
    times = (
        now + _delta(returned.created),
        now + _delta(returned.received) if returned.received else None,
        now + _delta(returned.issued) if returned.issued else None,
    )
    lines = [ln for ln in order.lines if ln.sku in skus]
    reason = policy_reason(policy, returned.reason)
    past_return(session, rng, policy, clock.tz, order, lines, reason, times)


def _line(policy: StorePolicy, line: RefLine) -> LineSpec:
    if line.plan is not None:
        option = next(iter(line.variant.values()))
        return plan_line(policy, line.sku, option, line.plan)
    return LineSpec(line.sku, line.quantity, dict(line.variant))


def _reference_order(
    session: Session,
    rng: random.Random,
    clock: Clock,
    policy: StorePolicy,
    customer: Customer,
    ship_to: dict[str, str],
    spec: RefOrder,
) -> Order:
    now = clock.now()
    placed = now + _delta(spec.placed)
    order = new_order(
        shipping=policy.shipping,
        number=spec.number,
        customer_id=customer.id,
        email=customer.email,
        placed_at=placed,
        ship_to=ship_to,
        tax_rate=STATE_TAX[ship_to["region"]],
        payment=Payment(spec.payment.brand, spec.payment.last4),
        method=spec.method,
        free_shipping=spec.free_shipping,
        lines=[_line(policy, line) for line in spec.lines],
    )
    if spec.confirmation_email == "queued":
        order.confirmation_email_status = EmailStatus.QUEUED
        order.confirmation_email_at = None
    if spec.shipment is not None:
        express = spec.method == "express"
        _shipped(
            rng,
            order,
            clock,
            spec.shipment.carrier,
            express,
            placed + _delta(spec.shipment.shipped),
            now + _delta(spec.shipment.delivered),
        )
    if spec.subscription is not None:
        plan = next(line for line in spec.lines if line.plan is not None)
        subscription = Subscription(
            customer_id=customer.id,
            sku=plan.sku,
            grind=next(iter(plan.variant.values())),
            quantity=plan.plan,
            frequency=spec.subscription.frequency,
            price=plan_price(policy, plan.plan or 1),
            status=SubscriptionStatus.ACTIVE,
            next_delivery_date=today(clock)
            + timedelta(days=spec.subscription.next_delivery_in_days),
            paused_until=None,
            started_at=placed,
            cancelled_at=None,
            first_order_number=spec.number,
        )
        session.add(subscription)
        session.flush()
        order.subscription_id = subscription.id
    session.add(order)
    return order
