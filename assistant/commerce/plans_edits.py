"""Edits of an order that has not started processing (the policy's ``orders.editable_states``):
another variant of an item, an item removed (its refund previewed), another payment method
on file. Cancelling with the customer's reason is ``plans_orders.cancel_order``."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from assistant.commerce.errors import ActionNotAllowed, InvalidInput
from assistant.commerce.mapping import payment
from assistant.commerce.plans import ActionContext, Plan, RecordRef, usd
from assistant.commerce.plans_returns import describe
from assistant.commerce.reads import load_order
from assistant.commerce.requests import ChangeOrderItem, ChangePaymentMethod, RemoveOrderItem
from assistant.commerce.returns_rules import new_reference, pick_line
from assistant.commerce.schemas import Change
from assistant.commerce.variants import describe_options, require_stock, take_stock, variant_swap
from assistant.store.calendar import add_business_days
from assistant.store.models import Order
from assistant.store.models_returns import PaymentMethod, Refund
from assistant.store.pricing import Totals, money, order_totals


def _editable(ctx: ActionContext, order: Order, what: str) -> None:
    states = ctx.shop.policy.orders.editable_states
    if order.status in states:
        return
    allowed = " or ".join(s.value for s in states)
    raise ActionNotAllowed(
        f"Order #{order.number} is {order.status.value}, so {what} is no longer possible here "
        f"(orders can be edited only while {allowed}). A support agent may still be able to help.",
        reason="order_not_editable",
        escalate=order.status.value == "processing",
    )


def _totals(ctx: ActionContext, order: Order, line_totals: list[Decimal]) -> Totals:
    return order_totals(
        line_totals, order.shipping_method, order.tax_rate, ctx.shop.policy.shipping
    )


def _set_totals(ctx: ActionContext, order: Order, totals: Totals) -> None:
    order.subtotal, order.shipping = totals.subtotal, totals.shipping
    order.tax, order.total, order.updated_at = totals.tax, totals.total, ctx.now


def change_order_item(ctx: ActionContext, req: ChangeOrderItem) -> Plan:
    order = load_order(ctx.session, ctx.customer, req.order_number)
    _editable(ctx, order, "changing an item")
    line = pick_line(order, req.sku, req.variant)
    _, target = variant_swap(ctx.shop, line, req.new_options)
    require_stock(ctx.session, target, line.name, line.quantity)
    new_total = money(target.price * line.quantity)
    totals = _totals(
        ctx, order, [new_total if ln.id == line.id else ln.line_total for ln in order.lines]
    )
    delta = totals.total - order.total
    before = describe(line, line.quantity)
    after = describe_options(target.options)

    def apply() -> RecordRef:
        line.sku = target.sku
        line.variant = {k: v for k, v in target.options.items() if v != "Default Title"}
        line.unit_price, line.line_total = target.price, new_total
        take_stock(ctx.session, target, line.quantity)
        _set_totals(ctx, order, totals)
        ctx.notify("order_updated", {"order_number": order.number, "total": str(totals.total)})
        return RecordRef("order", order.number)

    money_line = (
        f"New total {usd(totals.total)} ({'+' if delta >= 0 else ''}{usd(delta)})"
        if delta
        else "The total stays the same"
    )
    return Plan(
        f"Change {before} on order #{order.number} to {after}. {money_line}, on "
        f"{payment(order).display}.",
        apply,
        [
            Change(field="item", before=before, after=after),
            Change(field="total", before=usd(order.total), after=usd(totals.total)),
        ],
        amount_change=delta,
    )


def remove_order_item(ctx: ActionContext, req: RemoveOrderItem) -> Plan:
    order = load_order(ctx.session, ctx.customer, req.order_number)
    _editable(ctx, order, "removing an item")
    line = pick_line(order, req.sku, req.variant)
    quantity = line.quantity if req.quantity is None else req.quantity
    if not 1 <= quantity <= line.quantity:
        raise InvalidInput(
            f"The order has {line.quantity} of those; remove between 1 and {line.quantity}.",
            field="quantity",
        )
    if quantity == line.quantity and len(order.lines) == 1:
        raise InvalidInput(
            "That is everything on the order: cancel the order instead.",
            field="sku",
            code="would_empty_order",
        )
    left = line.quantity - quantity
    totals = _totals(
        ctx,
        order,
        [
            money(ln.unit_price * left) if ln.id == line.id else ln.line_total
            for ln in order.lines
            if ln.id != line.id or left
        ],
    )
    refund = order.total - totals.total
    card = payment(order).display
    days = ctx.shop.policy.returns.refund_business_days or (3, 5)
    removed = describe(line, quantity)

    def apply() -> RecordRef:
        if left:
            line.quantity, line.line_total = left, money(line.unit_price * left)
        else:
            order.lines.remove(line)
            ctx.session.delete(line)
        _set_totals(ctx, order, totals)
        if refund > 0:
            ctx.session.add(
                Refund(
                    reference=new_reference(ctx.session, "RF-", Refund.reference),
                    customer_id=ctx.customer.customer_id,
                    order_id=order.id,
                    return_id=None,
                    amount=refund,
                    destination="original_payment",
                    method=card,
                    status="processing",
                    expected_from=add_business_days(ctx.today, days[0]),
                    expected_to=add_business_days(ctx.today, days[1]),
                    created_at=ctx.now,
                    issued_at=None,
                )
            )
        ctx.notify("order_updated", {"order_number": order.number, "total": str(totals.total)})
        return RecordRef("order", order.number)

    return Plan(
        f"Remove {removed} from order #{order.number}. New total {usd(totals.total)}; "
        f"{usd(refund)} is refunded to {card} within {days[0]}–{days[1]} business days.",
        apply,
        [
            Change(field="items", before=describe(line, line.quantity), after=f"{left} left"),
            Change(field="total", before=usd(order.total), after=usd(totals.total)),
        ],
        amount_change=-refund,
    )


def change_payment_method(ctx: ActionContext, req: ChangePaymentMethod) -> Plan:
    order = load_order(ctx.session, ctx.customer, req.order_number)
    _editable(ctx, order, "changing the payment method")
    methods = ctx.session.scalars(
        select(PaymentMethod).where(PaymentMethod.customer_id == ctx.customer.customer_id)
    ).all()
    last4 = req.last4.strip()[-4:]
    chosen = next((m for m in methods if m.last4 == last4), None)
    if chosen is None:
        on_file = ", ".join(f"{m.brand} ending {m.last4}" for m in methods) or "none"
        raise InvalidInput(
            f"There's no payment method ending {last4} on your account (on file: {on_file}). "
            "New cards can be added in your account.",
            field="last4",
            code="payment_method_not_on_file",
        )
    before = payment(order).display
    if (chosen.brand, chosen.last4) == (order.payment_brand, order.payment_last4):
        raise InvalidInput(
            f"Order #{order.number} is already paid with {before}.", field="last4", code="no_change"
        )
    after = f"{chosen.brand} ending {chosen.last4}"

    def apply() -> RecordRef:
        order.payment_brand, order.payment_last4 = chosen.brand, chosen.last4
        order.updated_at = ctx.now
        ctx.notify("order_updated", {"order_number": order.number, "payment": after})
        return RecordRef("order", order.number)

    return Plan(
        f"Charge order #{order.number} ({usd(order.total)}) to {after} instead of {before}; "
        f"the hold on {before} is released.",
        apply,
        [Change(field="payment_method", before=before, after=after)],
    )
