"""Planners for order actions and warranty registration (rules in each docstring)."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import func, select

from assistant.commerce import validation
from assistant.commerce.errors import ActionNotAllowed, InvalidInput
from assistant.commerce.mapping import local_date, payment, serials_on
from assistant.commerce.plans import ActionContext, Plan, RecordRef, day, usd
from assistant.commerce.reads import load_order
from assistant.commerce.requests import (
    AddItems,
    CancelOrder,
    ChangeShippingAddress,
    RegisterWarranty,
    ResendConfirmation,
)
from assistant.commerce.schemas import AddressPublic, Change
from assistant.store.models import Order, OrderLine, WarrantyRegistration
from assistant.store.pricing import money, order_totals
from assistant.store.types import EmailStatus, OrderStatus

RESEND_COOLDOWN = timedelta(minutes=10)


def _closed(order: Order) -> None:
    if order.status is OrderStatus.CANCELLED:
        raise ActionNotAllowed(f"Order #{order.number} was cancelled.", reason="order_cancelled")
    if order.status is OrderStatus.RETURNED:
        raise ActionNotAllowed(f"Order #{order.number} was returned.", reason="order_closed")


def _require(order: Order, states: list[OrderStatus], what: str) -> None:
    """The order's status must be one of the store's ``states`` for this change."""
    _closed(order)
    if order.status in states:
        return
    if order.status in (OrderStatus.SHIPPED, OrderStatus.DELIVERED):
        raise ActionNotAllowed(
            f"Order #{order.number} has already shipped, so {what} is no longer possible here. "
            "A support agent can look at options with the carrier.",
            reason="already_shipped",
            escalate=True,
        )
    raise ActionNotAllowed(
        f"Order #{order.number} is already being prepared for shipping, so {what} is no "
        "longer possible here. A support agent may still be able to help.",
        reason="processing_started",
        escalate=True,
    )


def resend_confirmation(ctx: ActionContext, req: ResendConfirmation) -> Plan:
    """Any order; only to the email on the order; at most once every 10 minutes."""
    order = load_order(ctx.session, ctx.customer, req.order_number)
    if (
        order.confirmation_email_status is EmailStatus.RESENT
        and order.confirmation_email_at
        and ctx.now - order.confirmation_email_at < RESEND_COOLDOWN
    ):
        raise ActionNotAllowed(
            "We resent that confirmation a few minutes ago; please check your "
            "spam or promotions folder.",
            reason="recently_resent",
        )

    def apply() -> RecordRef:
        order.confirmation_email_status = EmailStatus.RESENT
        order.confirmation_email_at = order.updated_at = ctx.now
        ctx.notify("order_confirmation", {"order_number": order.number}, recipient=order.email)
        return RecordRef("order", order.number)

    return Plan(
        f"Resend the confirmation for order #{order.number} to {order.email}"
        + (f", from {sender}." if (sender := ctx.shop.policy.support.orders_email) else "."),
        apply,
        [
            Change(
                field="confirmation_email",
                before=order.confirmation_email_status.value,
                after=f"resent to {order.email}",
            )
        ],
    )


def change_shipping_address(ctx: ActionContext, req: ChangeShippingAddress) -> Plan:
    """Only before the order ships (placed or processing); US addresses only."""
    order = load_order(ctx.session, ctx.customer, req.order_number)
    _require(order, ctx.shop.policy.orders.address_change_states, "changing the address")
    new = validation.address(req.address)
    old = AddressPublic(**order.shipping_address)
    if new == old:
        raise InvalidInput(
            "That is already the shipping address.", field="address", code="no_change"
        )

    def apply() -> RecordRef:
        order.shipping_address = new.model_dump()
        order.updated_at = ctx.now
        ctx.notify(
            "order_address_changed", {"order_number": order.number, "address": new.one_line()}
        )
        return RecordRef("order", order.number)

    return Plan(
        f"Ship order #{order.number} to {new.one_line()} instead of {old.one_line()}. "
        "Totals and delivery estimate are unchanged.",
        apply,
        [Change(field="shipping_address", before=old.one_line(), after=new.one_line())],
    )


def add_items(ctx: ActionContext, req: AddItems) -> Plan:
    """Only while the order is "placed" (not once processing started)."""
    order = load_order(ctx.session, ctx.customer, req.order_number)
    _require(order, ctx.shop.policy.orders.editable_states, "adding items")
    if not 1 <= len(req.items) <= 10:
        raise InvalidInput("Add between 1 and 10 items at a time.", field="items")
    items = [validation.item(ctx.shop, raw) for raw in req.items]
    new_lines = [
        OrderLine(
            sku=p.sku,
            name=p.name,
            variant=variant,
            quantity=qty,
            unit_price=p.price,
            line_total=money(p.price * qty),
        )
        for p, qty, variant in items
    ]
    totals = order_totals(
        [ln.line_total for ln in [*order.lines, *new_lines]],
        order.shipping_method,
        order.tax_rate,
        ctx.shop.policy.shipping,
    )
    delta = totals.total - order.total
    described = "; ".join(
        f"{ln.quantity} × {ln.name}"
        + (f" ({', '.join(f'{k} {v}' for k, v in ln.variant.items())})" if ln.variant else "")
        + f" at {usd(ln.unit_price)}"
        for ln in new_lines
    )

    def apply() -> RecordRef:
        order.lines.extend(new_lines)
        order.subtotal, order.shipping = totals.subtotal, totals.shipping
        order.tax, order.total, order.updated_at = totals.tax, totals.total, ctx.now
        ctx.notify("order_updated", {"order_number": order.number, "total": str(totals.total)})
        return RecordRef("order", order.number)

    return Plan(
        f"Add {described} to order #{order.number}. New total {usd(totals.total)} "
        f"(+{usd(delta)} including tax and shipping), charged to {payment(order).display}.",
        apply,
        [
            Change(
                field="items",
                before=f"{len(order.lines)} line(s)",
                after=f"{len(order.lines) + len(new_lines)} line(s)",
            ),
            Change(field="total", before=usd(order.total), after=usd(totals.total)),
        ],
        amount_change=delta,
    )


def cancel_order(ctx: ActionContext, req: CancelOrder) -> Plan:
    """Only while the order is "placed" (usually about the first hour)."""
    order = load_order(ctx.session, ctx.customer, req.order_number)
    _require(order, ctx.shop.policy.orders.cancellable_states, "cancelling")
    reason = validation.free_text(req.reason, "reason", 500)

    def apply() -> RecordRef:
        order.status = OrderStatus.CANCELLED
        order.cancelled_at = order.updated_at = ctx.now
        ctx.notify("order_cancelled", {"order_number": order.number, "reason": reason or ""})
        return RecordRef("order", order.number)

    return Plan(
        f"Cancel order #{order.number} ({len(order.lines)} item(s), {usd(order.total)}). "
        f"Nothing will ship, and the {usd(order.total)} charge on {payment(order).display} is "
        "released; it can take 3–5 business days to drop off your statement.",
        apply,
        [Change(field="status", before=order.status.value, after="cancelled")],
        amount_change=-order.total,
    )


def register_warranty(ctx: ActionContext, req: RegisterWarranty) -> Plan:
    """Delivered orders, registrable products (with a serial), within 60 days of delivery,
    serial in the product's format and not registered before."""
    order = load_order(ctx.session, ctx.customer, req.order_number)
    item = validation.known_product(ctx.shop, req.sku)
    line_qty = serials_on(order, item.sku, ctx.shop)
    if line_qty == 0:
        raise InvalidInput(
            f"Order #{order.number} doesn't include {item.name}.",
            field="sku",
            code="sku_not_in_order",
        )
    if ctx.shop.serial_format(item.sku) is None:
        raise ActionNotAllowed(
            f"{item.name} doesn't need registration: your order is your proof of purchase.",
            reason="registration_not_needed",
        )
    _closed(order)
    if order.delivered_at is None:
        raise ActionNotAllowed(
            "You can register once the order is delivered; the warranty "
            "starts on the delivery date.",
            reason="not_delivered",
        )
    delivered = local_date(order.delivered_at, ctx.tz)
    window = ctx.shop.policy.warranty.registration_window_days
    deadline = delivered + timedelta(days=window)
    if ctx.today > deadline:
        raise ActionNotAllowed(
            f"Registration closed on {day(deadline)} ({window} days after "
            "delivery). Your standard warranty still applies with your order "
            "as proof of purchase.",
            reason="registration_window_closed",
        )
    serial = validation.serial(ctx.shop, item.sku, req.serial_number)
    taken = ctx.session.scalar(
        select(func.count())
        .select_from(WarrantyRegistration)
        .where(WarrantyRegistration.sku == item.sku, WarrantyRegistration.serial_number == serial)
    )
    if taken:
        raise ActionNotAllowed(
            "That serial number is already registered. A support agent can "
            "help if you think this is a mistake.",
            reason="serial_already_registered",
            escalate=True,
        )
    done = (
        ctx.session.scalar(
            select(func.count())
            .select_from(WarrantyRegistration)
            .where(WarrantyRegistration.order_id == order.id, WarrantyRegistration.sku == item.sku)
        )
        or 0
    )
    if done >= line_qty:
        raise ActionNotAllowed(
            f"The {item.name} on order #{order.number} is already registered.",
            reason="already_registered",
        )

    def apply() -> RecordRef:
        while True:
            reg_id = f"WR-{secrets.randbelow(900000) + 100000}"
            if (
                ctx.session.scalar(
                    select(WarrantyRegistration.id).where(
                        WarrantyRegistration.registration_id == reg_id
                    )
                )
                is None
            ):
                break
        ctx.session.add(
            WarrantyRegistration(
                registration_id=reg_id,
                customer_id=ctx.customer.customer_id,
                order_id=order.id,
                sku=item.sku,
                serial_number=serial,
                registered_at=ctx.now,
            )
        )
        ctx.notify("warranty_registered", {"registration_id": reg_id, "sku": item.sku})
        return RecordRef("registration", reg_id)

    return Plan(
        f"Register {item.name} (serial {serial}) from order #{order.number}. The "
        f"{item.warranty_months}-month warranty runs from delivery on {day(delivered)}; "
        "you'll get a confirmation email with your registration ID.",
        apply,
        [Change(field="warranty_registration", before=None, after=serial)],
    )
