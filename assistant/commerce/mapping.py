"""Store records → public schemas, plus the derived facts (windows, allowed actions, coverage)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Literal

from assistant.commerce.schemas import (
    AddressPublic,
    DateWindow,
    ExtendedWarrantyOffer,
    OrderLinePublic,
    OrderPublic,
    PaymentSummary,
    ShipmentEventPublic,
    ShipmentPublic,
    SubscriptionEventPublic,
    SubscriptionPublic,
    WarrantyCoverage,
    WarrantyRegistrationPublic,
)
from assistant.commerce.shop import Shop
from assistant.store.calendar import add_business_days, add_months
from assistant.store.models import Order, Shipment, Subscription, WarrantyRegistration
from assistant.store.types import OrderStatus, ShipmentStatus, SubscriptionStatus


def local_date(at: datetime, tz: tzinfo) -> date:
    return at.astimezone(tz).date()


def payment(order: Order) -> PaymentSummary:
    if order.payment_last4:
        display = f"{order.payment_brand} ending {order.payment_last4}"
    else:
        display = order.payment_brand
    return PaymentSummary(
        brand=order.payment_brand, last4=order.payment_last4 or None, display=display
    )


def ship_window(order: Order, tz: tzinfo, shop: Shop) -> DateWindow | None:
    if order.status not in (OrderStatus.PLACED, OrderStatus.PROCESSING):
        return None
    placed = local_date(order.placed_at, tz)
    lo, hi = shop.policy.shipping.handling_business_days
    return DateWindow(start=add_business_days(placed, lo), end=add_business_days(placed, hi))


def _transit(order: Order, shop: Shop) -> tuple[int, int]:
    shipping = shop.policy.shipping
    try:
        return shipping.method(order.shipping_method).transit_business_days
    except KeyError:
        return shipping.method(shipping.default_method).transit_business_days


def estimated_delivery(order: Order, tz: tzinfo, shop: Shop) -> DateWindow | None:
    window = ship_window(order, tz, shop)
    lo, hi = _transit(order, shop)
    if window is not None:
        return DateWindow(
            start=add_business_days(window.start, lo), end=add_business_days(window.end, hi)
        )
    if order.status is OrderStatus.SHIPPED and order.shipments:
        last = order.shipments[-1]
        return DateWindow(start=last.estimated_from, end=last.estimated_to)
    if order.delivered_at is not None:
        day = local_date(order.delivered_at, tz)
        return DateWindow(start=day, end=day)
    return None


def allowed_order_actions(order: Order, shop: Shop) -> list[str]:
    rules = shop.policy.orders
    actions = ["resend_confirmation"]
    if order.status in rules.address_change_states:
        actions.append("change_shipping_address")
    if order.status in rules.editable_states:
        actions.append("add_items")
    if order.status in rules.cancellable_states:
        actions.append("cancel_order")
    if order.status is OrderStatus.DELIVERED and any(
        shop.serial_format(ln.sku) is not None for ln in order.lines
    ):
        actions.append("register_warranty")
    return actions


def order_public(order: Order, tz: tzinfo, shop: Shop) -> OrderPublic:
    return OrderPublic(
        number=order.number,
        status=order.status.value,
        placed_at=order.placed_at,
        processing_at=order.processing_at,
        shipped_at=order.shipped_at,
        delivered_at=order.delivered_at,
        cancelled_at=order.cancelled_at,
        returned_at=order.returned_at,
        lines=[
            OrderLinePublic(
                sku=ln.sku,
                name=ln.name,
                variant=dict(ln.variant),
                quantity=ln.quantity,
                unit_price=ln.unit_price,
                line_total=ln.line_total,
            )
            for ln in order.lines
        ],
        currency=order.currency,
        subtotal=order.subtotal,
        shipping=order.shipping,
        tax=order.tax,
        total=order.total,
        shipping_method=order.shipping_method,
        payment=payment(order),
        shipping_address=AddressPublic(**order.shipping_address),
        billing_address=AddressPublic(**order.billing_address),
        email=order.email,
        confirmation_email_status=order.confirmation_email_status.value,
        ship_window=ship_window(order, tz, shop),
        estimated_delivery=estimated_delivery(order, tz, shop),
        tracking_numbers=[s.tracking_number for s in order.shipments],
        allowed_actions=allowed_order_actions(order, shop),
    )


def shipment_public(
    order_number: str, shipment: Shipment, now: datetime, shop: Shop
) -> ShipmentPublic:
    events = [
        ShipmentEventPublic(
            at=datetime.fromisoformat(e["at"]),
            status=e["status"],
            description=e["description"],
            location=e["location"],
        )
        for e in shipment.events
    ]
    delivered = shipment.status is ShipmentStatus.DELIVERED
    silent = now - shipment.last_event_at
    return ShipmentPublic(
        order_number=order_number,
        carrier=shipment.carrier,
        service=shipment.service,
        tracking_number=shipment.tracking_number,
        status=shipment.status.value,
        events=events,
        estimated_delivery=DateWindow(start=shipment.estimated_from, end=shipment.estimated_to),
        delivered_at=shipment.last_event_at if delivered else None,
        delayed=any(e.status == ShipmentStatus.EXCEPTION.value for e in events),
        stuck=not delivered and silent >= timedelta(days=shop.policy.shipping.stuck_after_days),
        days_since_last_event=silent.days,
    )


def effective_status(sub: Subscription, today: date) -> SubscriptionStatus:
    """A pause ends by itself on ``paused_until``."""
    if (
        sub.status is SubscriptionStatus.PAUSED
        and sub.paused_until is not None
        and sub.paused_until <= today
    ):
        return SubscriptionStatus.ACTIVE
    return sub.status


def subscription_public(sub: Subscription, today: date, shop: Shop) -> SubscriptionPublic:
    status = effective_status(sub, today)
    next_day = sub.next_delivery_date if status is not SubscriptionStatus.CANCELLED else None
    history = [
        SubscriptionEventPublic(kind=e.kind, at=e.at, details=_details(e.details))
        for e in sub.events
    ]
    return SubscriptionPublic(
        id=sub.id,
        sku=sub.sku,
        product_name=shop.name(sub.sku),
        grind=sub.grind,
        quantity=sub.quantity,
        frequency=sub.frequency,
        frequency_label=shop.frequency_label(sub.frequency),
        price=sub.price,
        status=status.value,
        next_delivery_date=next_day,
        next_charge_date=next_day,
        change_cutoff=next_day - timedelta(days=shop.change_cutoff_days) if next_day else None,
        paused_until=sub.paused_until if status is SubscriptionStatus.PAUSED else None,
        started_at=sub.started_at,
        cancelled_at=sub.cancelled_at,
        first_order_number=sub.first_order_number,
        history=history,
    )


def _details(raw: dict[str, Any]) -> dict[str, str | int]:
    return {k: v if isinstance(v, int) else str(v) for k, v in raw.items()}


def serials_on(order: Order, sku: str, shop: Shop) -> int:
    """How many serial numbers the order's items of ``sku`` carry: each item bought, times the
    serials per item the store's format says (a 2-pack of plugs has two)."""
    fmt = shop.serial_format(sku)
    return sum(ln.quantity for ln in order.lines if ln.sku == sku) * (fmt.per_item if fmt else 1)


def coverage(
    order: Order,
    sku: str,
    today: date,
    tz: tzinfo,
    registrations: Sequence[WarrantyRegistration],
    shop: Shop,
    units: int = 1,
) -> WarrantyCoverage:
    """``registrations``: those of this item on the order; ``units``: how many serial numbers
    the order's items carry (two plugs of one 2-pack), all registered = registered."""
    terms = shop.warranty_terms(sku)
    months = shop.warranty_months(sku)
    start = local_date(order.delivered_at, tz) if order.delivered_at else None
    # "a kettle delivered on March 10, 2025 is covered until March 10, 2027" (warranty terms)
    end = add_months(start, months) if start and months else None
    status: Literal["active", "expired", "not_started", "none"]
    if months == 0:
        status, covered, not_covered = "none", [], []
    else:
        covered, not_covered = list(terms.covered), list(terms.not_covered)
        if start is None or end is None:
            status = "not_started"
        else:
            status = "active" if today <= end else "expired"
    offer = None
    extended = shop.extended_offer(sku)
    if extended is not None and start is not None:
        buy_by = start + timedelta(days=shop.policy.warranty.registration_window_days)
        offer = ExtendedWarrantyOffer(
            extra_months=extended.extra_months,
            price=extended.price,
            buy_by=buy_by,
            available=today <= buy_by,
        )
    return WarrantyCoverage(
        sku=sku,
        product_name=shop.name(sku),
        order_number=order.number,
        warranty_months=months,
        status=status,
        starts_on=start,
        ends_on=end,
        days_remaining=max(0, (end - today).days) if end and status == "active" else 0,
        covered=covered,
        not_covered=not_covered,
        registered=len(registrations) >= units,
        registration_id=registrations[0].registration_id if registrations else None,
        registered_serials=[r.serial_number for r in registrations],
        extended_warranty=offer,
    )


def registration_public(
    reg: WarrantyRegistration, order: Order, today: date, tz: tzinfo, shop: Shop
) -> WarrantyRegistrationPublic:
    return WarrantyRegistrationPublic(
        registration_id=reg.registration_id,
        order_number=order.number,
        sku=reg.sku,
        product_name=shop.name(reg.sku),
        serial_number=reg.serial_number,
        registered_at=reg.registered_at,
        coverage=coverage(order, reg.sku, today, tz, [reg], shop),
    )
