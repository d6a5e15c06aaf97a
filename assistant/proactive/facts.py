"""What a notice is about, read from the store into typed facts (no ORM object leaves here).

``load_facts`` returns :class:`Facts`, or :class:`Suppressed` with a reason when the event
cannot lead to a message: the order or subscription is unknown, the customer has not consented
to notifications, the order was cancelled or returned, the subscription is not active, the
product has no warranty.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from assistant.commerce import validation
from assistant.commerce.errors import InvalidInput
from assistant.commerce.mapping import effective_status
from assistant.commerce.shop import sku_facts
from assistant.proactive.events import Event
from assistant.store.calendar import add_business_days
from assistant.store.models import Customer, Order, OrderLine, Subscription
from assistant.store.policy import StorePolicy
from assistant.store.types import OrderStatus, SubscriptionStatus


@dataclass(frozen=True, slots=True)
class Suppressed:
    reason: str


@dataclass(frozen=True, slots=True)
class Recipient:
    customer_id: int
    first_name: str
    email: str


@dataclass(frozen=True, slots=True)
class ExtendedOffer:
    months: int
    price: Decimal
    within_days: int  # of delivery


@dataclass(frozen=True, slots=True)
class LineFact:
    sku: str
    name: str
    model: str
    quantity: int
    unit_price: Decimal
    warranty_months: int | None = None  # None: not a product of the store's catalogue
    serial_where: str | None = None  # where the serial number is, if it needs registration
    extended: ExtendedOffer | None = None


@dataclass(frozen=True, slots=True)
class ShipmentFact:
    carrier: str
    service: str
    tracking_number: str
    status: str
    estimated_from: date
    estimated_to: date
    last_note: str | None  # the latest carrier event's description


@dataclass(frozen=True, slots=True)
class OrderFacts:
    number: str
    status: str
    placed_on: date  # store-local
    ship_by: date
    delivered_at: datetime | None
    lines: tuple[LineFact, ...]
    shipments: tuple[ShipmentFact, ...]


@dataclass(frozen=True, slots=True)
class SubscriptionFacts:
    id: int
    sku: str
    product_model: str
    quantity: int
    grind: str
    frequency_label: str
    price: Decimal
    next_delivery_date: date | None


@dataclass(frozen=True, slots=True)
class Facts:
    recipient: Recipient
    order: OrderFacts | None = None
    subscription: SubscriptionFacts | None = None


def load_facts(
    session: Session, event: Event, tz: tzinfo, policy: StorePolicy
) -> Facts | Suppressed:
    if event.type.needs_subscription:
        return _subscription_facts(session, event, tz, policy)
    return _order_facts(session, event, tz, policy)


def _line(session: Session, line: OrderLine, policy: StorePolicy) -> LineFact:
    facts = sku_facts(session, line.sku)
    if facts is None:
        return LineFact(line.sku, line.name, line.name, line.quantity, line.unit_price)
    warranty = policy.warranty
    serial = warranty.serial_format(line.sku, facts.product_type)
    offer = warranty.offer(line.sku, facts.product_type)
    return LineFact(
        sku=line.sku,
        name=line.name,
        model=facts.model,
        quantity=line.quantity,
        unit_price=line.unit_price,
        warranty_months=facts.warranty_months,
        serial_where=serial.where if serial else None,
        extended=ExtendedOffer(offer.extra_months, offer.price, warranty.registration_window_days)
        if offer
        else None,
    )


def _recipient(customer: Customer) -> Recipient | Suppressed:
    if not customer.notification_consent:
        return Suppressed("no_consent")
    first = customer.name.split()[0] if customer.name.strip() else "there"
    return Recipient(customer.id, first, customer.email)


def _order_facts(
    session: Session, event: Event, tz: tzinfo, policy: StorePolicy
) -> Facts | Suppressed:
    try:
        number = validation.order_lookup(event.order_number or "")
    except InvalidInput:
        return Suppressed("unknown_order")
    order = session.scalars(
        select(Order)
        .where(Order.number == number)
        .options(selectinload(Order.lines), selectinload(Order.shipments))
    ).first()
    if order is None:
        return Suppressed("unknown_order")
    if order.status in (OrderStatus.CANCELLED, OrderStatus.RETURNED):
        return Suppressed(f"order_{order.status.value}")
    customer = session.get(Customer, order.customer_id)
    if customer is None:
        return Suppressed("unknown_customer")
    recipient = _recipient(customer)
    if isinstance(recipient, Suppressed):
        return recipient
    placed = order.placed_at.astimezone(tz).date()
    facts = OrderFacts(
        number=order.number,
        status=order.status.value,
        placed_on=placed,
        ship_by=add_business_days(placed, policy.shipping.handling_business_days[1]),
        delivered_at=order.delivered_at,
        lines=tuple(_line(session, ln, policy) for ln in order.lines),
        shipments=tuple(
            ShipmentFact(
                carrier=s.carrier,
                service=s.service,
                tracking_number=s.tracking_number,
                status=s.status.value,
                estimated_from=s.estimated_from,
                estimated_to=s.estimated_to,
                last_note=str(s.events[-1].get("description")) if s.events else None,
            )
            for s in order.shipments
        ),
    )
    return Facts(recipient=recipient, order=facts)


def _subscription_facts(
    session: Session, event: Event, tz: tzinfo, policy: StorePolicy
) -> Facts | Suppressed:
    sub = session.get(Subscription, event.subscription_id)
    if sub is None:
        return Suppressed("unknown_subscription")
    if (
        effective_status(sub, event.occurred_at.astimezone(tz).date())
        is not SubscriptionStatus.ACTIVE
    ):
        return Suppressed("subscription_not_active")
    customer = session.get(Customer, sub.customer_id)
    if customer is None:
        return Suppressed("unknown_customer")
    recipient = _recipient(customer)
    if isinstance(recipient, Suppressed):
        return recipient
    item = sku_facts(session, sub.sku)
    frequencies = policy.subscriptions.frequencies if policy.subscriptions else {}
    frequency = frequencies.get(sub.frequency)
    facts = SubscriptionFacts(
        id=sub.id,
        sku=sub.sku,
        product_model=item.model if item else sub.sku,
        quantity=sub.quantity,
        grind=sub.grind,
        frequency_label=frequency.label if frequency else sub.frequency,
        price=sub.price,
        next_delivery_date=sub.next_delivery_date,
    )
    return Facts(recipient=recipient, subscription=facts)
