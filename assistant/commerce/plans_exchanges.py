"""Exchange a delivered item for another variant of the same product (size, colour).

Inside the return window, same checks as a return (returnable, condition questions, not already
returned or exchanged), the wanted variant in stock. One confirmed action creates the exchange
order (the new variant, shipped free) and the return of the old item with its label; a price
difference is charged to, or refunded to, the original payment method.
"""

from __future__ import annotations

from datetime import timedelta

from assistant.commerce.errors import ActionNotAllowed
from assistant.commerce.mapping import payment
from assistant.commerce.plans import ActionContext, Plan, RecordRef, day, usd
from assistant.commerce.plans_returns import Picked, describe, exchange_count, issue
from assistant.commerce.reads import load_order
from assistant.commerce.requests import ExchangeItem
from assistant.commerce.returns_rules import (
    ZERO,
    check_answers,
    check_returnable,
    conditions_for,
    pick_line,
    remaining,
    require_open_window,
    resolve_reason,
    store_today,
)
from assistant.commerce.schemas import Change
from assistant.commerce.variants import describe_options, require_stock, take_stock, variant_swap
from assistant.store.models import Order, OrderLine
from assistant.store.pricing import money
from assistant.store.types import EmailStatus, OrderStatus


def exchange_item(ctx: ActionContext, req: ExchangeItem) -> Plan:
    order = load_order(ctx.session, ctx.customer, req.order_number)
    rules = ctx.shop.policy.returns
    if not rules.exchanges or rules.exchange_reason is None:
        raise ActionNotAllowed(
            "This store doesn't exchange items; I can start a return for a refund instead.",
            reason="exchanges_not_offered",
        )
    reason = resolve_reason(rules, rules.exchange_reason)
    require_open_window(ctx, order, "exchange")
    line = pick_line(order, req.sku, req.variant)
    remaining(ctx.session, line, 1)
    check_returnable(ctx.shop, line, reason)
    check_answers(conditions_for(ctx.shop, line.sku, reason), req.answers, line.name)
    _, target = variant_swap(ctx.shop, line, req.new_options)
    require_stock(ctx.session, target, line.name, 1)
    difference = money((target.price - line.unit_price) * (1 + order.tax_rate))
    card = payment(order).display
    if difference > 0:
        money_line = f"The new one costs more: {usd(difference)} (with tax) is charged to {card}."
    elif difference < 0:
        money_line = f"The new one costs less: {usd(-difference)} is refunded to {card}."
    else:
        money_line = "Same price: nothing is charged or refunded."
    new_desc = describe_options(target.options)
    drop_off_by = store_today(ctx) + timedelta(days=rules.drop_off_days)
    summary = (
        f"Exchange 1 × {line.name} ({describe_options(line.variant) or 'as ordered'}) from order "
        f"#{order.number} for {new_desc}. {money_line} The replacement ships free as a new "
        f"order; send the old one back with the prepaid {rules.label_carrier} label by "
        f"{day(drop_off_by)}."
    )
    number = f"{order.number}-EX{exchange_count(ctx, order) + 1}"

    def apply() -> RecordRef:
        unit = target.price
        tax = money(unit * order.tax_rate)
        exchange = Order(
            number=number,
            customer_id=order.customer_id,
            email=order.email,
            status=OrderStatus.PLACED,
            placed_at=ctx.now,
            processing_at=None,
            shipped_at=None,
            delivered_at=None,
            cancelled_at=None,
            returned_at=None,
            updated_at=ctx.now,
            currency=order.currency,
            shipping_method=ctx.shop.policy.shipping.default_method,
            subtotal=unit,
            shipping=ZERO,
            tax_rate=order.tax_rate,
            tax=tax,
            total=money(unit + tax),
            payment_brand=order.payment_brand,
            payment_last4=order.payment_last4,
            billing_address=dict(order.billing_address),
            shipping_address=dict(order.shipping_address),
            confirmation_email_status=EmailStatus.SENT,
            confirmation_email_at=ctx.now,
            subscription_id=None,
        )
        exchange.lines = [
            OrderLine(
                sku=target.sku,
                name=line.name,
                variant={k: v for k, v in target.options.items() if v != "Default Title"},
                quantity=1,
                unit_price=unit,
                line_total=unit,
            )
        ]
        ctx.session.add(exchange)
        take_stock(ctx.session, target, 1)
        refund = max(ZERO, -difference)
        record = issue(
            ctx,
            order,
            [Picked(line, 1)],
            reason,
            kind="exchange",
            refund_to="original_payment",
            answers=req.answers,
            amounts=(ZERO, ZERO, ZERO, ZERO, refund),
            exchange_order_number=number,
            method=card,
        )
        order.updated_at = ctx.now
        ctx.notify("exchange_started", {"order_number": number, "rma": record.rma})
        return RecordRef("return", record.rma)

    return Plan(
        summary,
        apply,
        [
            Change(field="exchange", before=describe(line, 1), after=new_desc),
            Change(field="new order", before=None, after=f"#{number}"),
        ],
        amount_change=difference,
    )
