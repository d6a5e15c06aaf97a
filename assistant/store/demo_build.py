"""Builders shared by the demo generator and the reference customers: orders and shipments."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal

from assistant.store.calendar import add_business_days
from assistant.store.demo_data import CARRIER_SERVICES, HUBS
from assistant.store.demo_spec import demo_product as product
from assistant.store.demo_spec import demo_spec
from assistant.store.models import Order, OrderLine, Shipment
from assistant.store.policy import Shipping
from assistant.store.pricing import money, order_totals
from assistant.store.types import EmailStatus, OrderStatus, ShipmentStatus

WEATHER_DELAY_BUSINESS_DAYS = 2


@dataclass(frozen=True, slots=True)
class LineSpec:
    sku: str
    quantity: int = 1
    variant: dict[str, str] = field(default_factory=dict)
    line_total: Decimal | None = None  # e.g. a subscription plan's price; default price × qty
    name: str | None = None  # default: the product's name


@dataclass(frozen=True, slots=True)
class Payment:
    brand: str
    last4: str


def new_order(
    *,
    number: str,
    customer_id: int,
    email: str,
    placed_at: datetime,
    lines: list[LineSpec],
    ship_to: dict[str, str],
    tax_rate: Decimal,
    payment: Payment,
    shipping: Shipping,
    method: str = "standard",
    free_shipping: bool = False,
) -> Order:
    """A placed order with priced lines and totals (status fields are set by the caller)."""
    order_lines = []
    for spec in lines:
        item = product(spec.sku)
        unit_price = item.price
        if spec.line_total is not None:  # a priced bundle: its unit price is the bundle's
            unit_price = money(spec.line_total / spec.quantity)
            if unit_price * spec.quantity != spec.line_total:
                raise ValueError(f"{spec.line_total} is not {spec.quantity} × a price in cents")
        order_lines.append(
            OrderLine(
                sku=spec.sku,
                name=spec.name or item.name,
                variant=dict(spec.variant),
                quantity=spec.quantity,
                unit_price=unit_price,
                line_total=money(unit_price * spec.quantity),
            )
        )
    totals = order_totals(
        (ln.line_total for ln in order_lines),
        method,
        tax_rate,
        shipping,
        free_shipping=free_shipping,
    )
    return Order(
        number=number,
        customer_id=customer_id,
        email=email,
        status=OrderStatus.PLACED,
        placed_at=placed_at,
        updated_at=placed_at,
        currency="USD",
        shipping_method=method,
        subtotal=totals.subtotal,
        shipping=totals.shipping,
        tax_rate=tax_rate,
        tax=totals.tax,
        total=totals.total,
        payment_brand=payment.brand,
        payment_last4=payment.last4,
        billing_address=dict(ship_to),
        shipping_address=dict(ship_to),
        confirmation_email_status=EmailStatus.DELIVERED,
        confirmation_email_at=placed_at + timedelta(minutes=4),
        lines=order_lines,
    )


@dataclass(frozen=True, slots=True)
class ShipPlan:
    carrier: str
    express: bool
    shipped_at: datetime
    transit_business_days: int
    destination: str
    delayed: bool = False
    stuck: bool = False


def planned_delivery(plan: ShipPlan, tz: tzinfo, hour: float = 15.5) -> datetime:
    days = plan.transit_business_days + (WEATHER_DELAY_BUSINESS_DAYS if plan.delayed else 0)
    day = add_business_days(plan.shipped_at.astimezone(tz).date(), days)
    return _at(day, hour, tz)


def _at(day: date, hour: float, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=tz) + timedelta(hours=hour)


def _event(at: datetime, status: ShipmentStatus, text: str, where: str) -> dict[str, str]:
    return {"at": at.isoformat(), "status": status.value, "description": text, "location": where}


def tracking_number(rng: random.Random, carrier: str) -> str:
    if carrier == "UPS":
        return "1Z" + "".join(rng.choices("0123456789ABCDEFGHJKLMNPRSTUVWXYZ", k=16))
    if carrier == "USPS":
        return "9400" + "".join(rng.choices("0123456789", k=18))
    return "".join(rng.choices("0123456789", k=12))


def build_shipment(
    rng: random.Random,
    plan: ShipPlan,
    now: datetime,
    tz: tzinfo,
    *,
    delivery_hour: float = 15.5,
    arrive: datetime | None = None,
) -> Shipment:
    """A shipment whose carrier events up to ``now`` follow the plan (delays, stuck parcels)."""
    ship_day = plan.shipped_at.astimezone(tz).date()
    lo, hi = (1, 2) if plan.express else (3, 5)
    hub1, hub2 = rng.sample(HUBS[plan.carrier], 2)
    arrive = arrive or planned_delivery(plan, tz, delivery_hour)
    span = arrive - plan.shipped_at
    events = [
        _event(
            plan.shipped_at - timedelta(hours=3),
            ShipmentStatus.LABEL_CREATED,
            "Shipping label created",
            demo_spec().warehouse,
        ),
        _event(
            plan.shipped_at,
            ShipmentStatus.IN_TRANSIT,
            f"Picked up by {plan.carrier}",
            demo_spec().warehouse,
        ),
        _event(
            plan.shipped_at + span * 0.2,
            ShipmentStatus.IN_TRANSIT,
            f"Arrived at {plan.carrier} facility",
            hub1,
        ),
    ]
    if not plan.stuck:
        events.append(
            _event(
                plan.shipped_at + span * 0.35,
                ShipmentStatus.IN_TRANSIT,
                f"Departed {plan.carrier} facility",
                hub1,
            )
        )
        if plan.delayed:
            new_from = add_business_days(ship_day, lo + WEATHER_DELAY_BUSINESS_DAYS)
            new_to = add_business_days(ship_day, hi + WEATHER_DELAY_BUSINESS_DAYS)
            events.append(
                _event(
                    plan.shipped_at + span * 0.45,
                    ShipmentStatus.EXCEPTION,
                    f"Weather delay: severe winter weather near {hub2}. New estimated delivery "
                    f"{new_from:%b} {new_from.day}–{new_to:%b} {new_to.day}",
                    hub2,
                )
            )
        at_hub2 = plan.shipped_at + span * 0.6
        # the last leg: destination facility, then out for delivery; on a short trip the
        # usual 9 h and 6.5 h before delivery are scaled down so the scans stay in order
        last_leg = arrive - at_hub2
        events += [
            _event(at_hub2, ShipmentStatus.IN_TRANSIT, f"Arrived at {plan.carrier} facility", hub2),
            _event(
                arrive - min(timedelta(hours=9), last_leg * 0.6),
                ShipmentStatus.IN_TRANSIT,
                "Arrived at destination facility",
                plan.destination,
            ),
            _event(
                arrive - min(timedelta(hours=6, minutes=30), last_leg * 0.4),
                ShipmentStatus.OUT_FOR_DELIVERY,
                "Out for delivery",
                plan.destination,
            ),
            _event(
                arrive, ShipmentStatus.DELIVERED, "Delivered, left at front door", plan.destination
            ),
        ]
    visible = [e for e in events if datetime.fromisoformat(e["at"]) <= now]
    delay = WEATHER_DELAY_BUSINESS_DAYS if plan.delayed else 0
    service = CARRIER_SERVICES[plan.carrier][1 if plan.express else 0]
    return Shipment(
        carrier=plan.carrier,
        service=service,
        tracking_number=tracking_number(rng, plan.carrier),
        status=ShipmentStatus(visible[-1]["status"]),
        events=visible,
        estimated_from=add_business_days(ship_day, lo + delay),
        estimated_to=add_business_days(ship_day, hi + delay),
        last_event_at=datetime.fromisoformat(visible[-1]["at"]),
    )


def apply_shipment(order: Order, shipment: Shipment, shipped_at: datetime) -> None:
    """Set the order's status and timestamps from its shipment's events."""
    order.processing_at = order.placed_at + (shipped_at - order.placed_at) * 0.3
    order.shipped_at = shipped_at
    order.shipments.append(shipment)
    if shipment.status is ShipmentStatus.DELIVERED:
        order.status = OrderStatus.DELIVERED
        order.delivered_at = shipment.last_event_at
    else:
        order.status = OrderStatus.SHIPPED
    order.updated_at = shipment.last_event_at


def serial_number(rng: random.Random, sku: str) -> str:
    """A serial number in the spec's format for ``sku`` (``KeyError`` if it has none)."""
    fmt = demo_spec().serials[sku]
    alphabet = "0123456789ABCDEF" if fmt.alphabet == "hex" else "0123456789"
    return fmt.prefix + "".join(rng.choices(alphabet, k=fmt.length))
