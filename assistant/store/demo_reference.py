"""The customers of the five reference conversations, at fixed offsets from "now".

With the clock at 2026-01-20T10:00:00-05:00: Jordan's order #47234 was placed 5 minutes ago;
Sam's #47102 was placed January 18 and delivered January 19; Alex's Coffee Club subscription
(first order #46890, November 15) next delivers and charges February 15; Taylor's camera #46511
was delivered December 16. The fifth conversation is a product question with no account.
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
from assistant.store.demo_catalogue import plan_price
from assistant.store.demo_data import STATE_TAX, address
from assistant.store.demo_deliveries import plan_line
from assistant.store.models import Address, Customer, Order, Subscription
from assistant.store.policy import StorePolicy
from assistant.store.types import EmailStatus, SubscriptionStatus

REFERENCE_ORDER_NUMBERS = frozenset({"47234", "47102", "46890", "46511"})
REFERENCE_EMAILS = frozenset(
    {
        "jordan.rivera@example.com",
        "sam.patel@example.com",
        "alex.kim@example.com",
        "taylor.brooks@example.com",
    }
)


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
    shipping = policy.shipping
    rng = random.Random(47234)
    now = clock.now()

    jordan_to = address("Jordan Rivera", "123 Main St", "Brooklyn", "NY", "11201")
    jordan = _customer(
        session, now, "Jordan Rivera", "jordan.rivera@example.com", "+1-718-555-0142", jordan_to
    )
    order = new_order(
        shipping=shipping,
        number="47234",
        customer_id=jordan.id,
        email=jordan.email,
        placed_at=now - timedelta(minutes=5),
        ship_to=jordan_to,
        tax_rate=STATE_TAX["NY"],
        payment=Payment("Visa", "4242"),
        lines=[
            LineSpec("STR-VELO3-W", 1, {"size": "8", "colour": "navy blue"}),
            LineSpec("STR-SOCK-3P", 1, {"size": "medium", "colour": "white"}),
        ],
    )
    order.confirmation_email_status = EmailStatus.QUEUED
    order.confirmation_email_at = None
    session.add(order)

    sam_to = address("Sam Patel", "48 Grove St Apt 3", "Jersey City", "NJ", "07302")
    sam = _customer(session, now, "Sam Patel", "sam.patel@example.com", "+1-201-555-0187", sam_to)
    placed = now - timedelta(days=1, hours=19, minutes=48)  # Jan 18, 2:12 pm
    order = new_order(
        shipping=shipping,
        number="47102",
        customer_id=sam.id,
        email=sam.email,
        placed_at=placed,
        ship_to=sam_to,
        tax_rate=STATE_TAX["NJ"],
        payment=Payment("Mastercard", "5510"),
        method="express",
        lines=[LineSpec("AUR-SWP-100", 1, {"colour": "midnight black"})],
    )
    _shipped(
        rng,
        order,
        clock,
        "UPS",
        True,
        placed + timedelta(hours=4),
        now - timedelta(hours=20, minutes=20),
    )  # delivered Jan 19, 1:40 pm
    session.add(order)

    alex_to = address("Alex Kim", "2210 NW Glisan St", "Portland", "OR", "97210")
    alex = _customer(session, now, "Alex Kim", "alex.kim@example.com", "+1-503-555-0119", alex_to)
    placed = now - timedelta(days=66)  # Nov 15
    two_bags = plan_price(policy, 2)
    order = new_order(
        shipping=shipping,
        number="46890",
        customer_id=alex.id,
        email=alex.email,
        placed_at=placed,
        ship_to=alex_to,
        tax_rate=STATE_TAX["OR"],
        payment=Payment("Visa", "1881"),
        free_shipping=True,
        lines=[plan_line(policy, "RCC-PDR-12", "whole bean", 2)],
    )
    _shipped(
        rng,
        order,
        clock,
        "USPS",
        False,
        placed + timedelta(hours=3),
        now - timedelta(days=63, hours=-4),
    )
    subscription = Subscription(
        customer_id=alex.id,
        sku="RCC-PDR-12",
        grind="whole bean",
        quantity=2,
        frequency="monthly",
        price=two_bags,
        status=SubscriptionStatus.ACTIVE,
        next_delivery_date=today(clock) + timedelta(days=26),
        paused_until=None,
        started_at=placed,
        cancelled_at=None,
        first_order_number="46890",
    )
    session.add(subscription)
    session.flush()
    order.subscription_id = subscription.id
    session.add(order)

    taylor_to = address("Taylor Brooks", "905 S Lamar Blvd", "Austin", "TX", "78704")
    taylor = _customer(
        session, now, "Taylor Brooks", "taylor.brooks@example.com", "+1-512-555-0163", taylor_to
    )
    placed = now - timedelta(days=39)  # Dec 12
    order = new_order(
        shipping=shipping,
        number="46511",
        customer_id=taylor.id,
        email=taylor.email,
        placed_at=placed,
        ship_to=taylor_to,
        tax_rate=STATE_TAX["TX"],
        payment=Payment("American Express", "1009"),
        lines=[LineSpec("LUM-Z8-BODY", 1, {})],
    )
    _shipped(
        rng,
        order,
        clock,
        "FedEx",
        False,
        placed + timedelta(days=1, hours=2),
        now - timedelta(days=35, hours=-4),
    )  # delivered Dec 16
    session.add(order)
    session.flush()
