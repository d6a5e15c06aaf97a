"""The store's return rules applied to one order: the window (whole days in the store's time
zone), which lines can still be returned, the condition questions, and the refund.

Every number and rule comes from ``policy.returns`` (``store.yaml``); nothing here knows a store.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from assistant.commerce.errors import ActionNotAllowed, InvalidInput
from assistant.commerce.plans import ActionContext, day
from assistant.commerce.shop import Shop
from assistant.store.models import Order, OrderLine
from assistant.store.models_returns import ReturnLine, ReturnRecord
from assistant.store.policy_returns import ReturnCondition, ReturnReason, Returns
from assistant.store.refund_lifecycle import refund_parts
from assistant.store.types import OrderStatus

ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class Window:
    delivered_on: date
    last_day: date
    days: int

    def open_on(self, today: date) -> bool:
        return today <= self.last_day


def long_day(value: date) -> str:
    return f"{day(value)}, {value.year}"


def return_window(ctx: ActionContext, order: Order) -> Window:
    """Delivered on day D (store time zone): returns may start through D + window_days."""
    if order.delivered_at is None:
        raise ActionNotAllowed(
            f"Order #{order.number} hasn't been delivered yet, so it can't be returned. "
            "Before it ships you can change or cancel it instead.",
            reason="not_delivered",
        )
    rules = ctx.shop.policy.returns
    delivered = order.delivered_at.astimezone(ctx.shop.policy.tz).date()
    return Window(delivered, delivered + timedelta(days=rules.window_days), rules.window_days)


def store_today(ctx: ActionContext) -> date:
    return ctx.now.astimezone(ctx.shop.policy.tz).date()


def require_open_window(ctx: ActionContext, order: Order, what: str = "return") -> Window:
    if order.status is OrderStatus.CANCELLED:
        raise ActionNotAllowed(f"Order #{order.number} was cancelled.", reason="order_cancelled")
    window = return_window(ctx, order)
    today = store_today(ctx)
    if not window.open_on(today):
        rules = ctx.shop.policy.returns
        late = rules.late_returns == "person_decides"
        raise ActionNotAllowed(
            f"The {what} window for order #{order.number} closed on "
            f"{long_day(window.last_day)}: it was delivered on {long_day(window.delivered_on)} "
            f"and our policy allows {window.days} days from delivery "
            f"({(today - window.delivered_on).days} days have passed)."
            + (" A support agent can review late returns." if late else ""),
            reason="return_window_closed",
            escalate=late,
        )
    return window


def pick_line(order: Order, sku: str, variant: dict[str, str]) -> OrderLine:
    """The order line for ``sku`` (and these option values when several lines match)."""
    wanted = {k.lower(): v.lower() for k, v in variant.items()}
    lines = [ln for ln in order.lines if ln.sku.upper() == sku.strip().upper()]
    if wanted:
        lines = [
            ln
            for ln in lines
            if all(
                {k.lower(): v.lower() for k, v in ln.variant.items()}.get(k) == v
                for k, v in wanted.items()
            )
        ]
    if not lines:
        raise InvalidInput(
            f"Order #{order.number} doesn't include {sku}.", field="sku", code="sku_not_in_order"
        )
    if len(lines) > 1:
        options = "; ".join(", ".join(ln.variant.values()) for ln in lines)
        raise InvalidInput(
            f"Order #{order.number} has several of those ({options}): which one?",
            field="variant",
            code="which_variant",
        )
    return lines[0]


def returned_quantity(session: Session, line: OrderLine) -> tuple[int, list[ReturnRecord]]:
    """Units of the line already on a return or exchange, and those records."""
    rows = session.execute(
        select(ReturnLine.quantity, ReturnRecord)
        .join(ReturnRecord, ReturnRecord.id == ReturnLine.return_id)
        .where(ReturnLine.order_line_id == line.id, ReturnRecord.status != "cancelled")
    ).all()
    return sum(q for q, _ in rows), [r for _, r in rows]


def remaining(session: Session, line: OrderLine, asked: int) -> int:
    """Check ``asked`` units can still go back; the units left after this request."""
    if asked < 1:
        raise InvalidInput("Return at least one item.", field="quantity")
    done, records = returned_quantity(session, line)
    left = line.quantity - done
    if left <= 0:
        record = records[-1]
        verb = "exchanged" if record.kind == "exchange" else "returned"
        raise ActionNotAllowed(
            f"The {line.name} from order #{line.order.number} was already {verb} "
            f"({record.rma}, started {long_day(record.created_at.date())}).",
            reason=f"already_{verb}",
        )
    if asked > left:
        raise InvalidInput(
            f"Only {left} of the {line.quantity} {line.name} on that order can still be returned.",
            field="quantity",
            code="quantity_too_high",
        )
    return left - asked


def check_returnable(shop: Shop, line: OrderLine, reason: ReturnReason) -> None:
    rules = shop.policy.returns
    facts = shop.sku(line.sku)
    product_type = facts.product_type if facts else ""
    product = shop.catalogue.product_by_sku(line.sku)
    tags = {t.lower() for t in (product.tags if product else [])}
    types = {t.lower() for t in rules.non_returnable_product_types}
    blocked = sorted(tags & {t.lower() for t in rules.non_returnable_tags})
    if product_type.lower() in types or blocked:
        why = f"{product_type} items" if product_type.lower() in types else f"'{blocked[0]}' items"
        raise ActionNotAllowed(
            f"{line.name} can't be returned: our returns policy lists {why} as non-returnable."
            + (" A support agent will look at the problem with it." if reason.our_error else ""),
            reason="not_returnable",
            escalate=reason.our_error,
        )


def conditions_for(shop: Shop, sku: str, reason: ReturnReason) -> list[ReturnCondition]:
    """The condition questions the policy asks before returning ``sku`` for ``reason``."""
    if reason.waives_conditions:
        return []
    facts = shop.sku(sku)
    product = shop.catalogue.product_by_sku(sku)
    tags = list(product.tags) if product else []
    product_type = facts.product_type if facts else ""
    return [c for c in shop.policy.returns.conditions if c.applies_to(sku, product_type, tags)]


def check_answers(conditions: list[ReturnCondition], answers: dict[str, bool], name: str) -> None:
    for condition in conditions:
        answer = answers.get(condition.key)
        if answer is None:
            raise InvalidInput(
                f"{condition.question} ({name})",
                field=f"answers.{condition.key}",
                code="condition_unanswered",
            )
        if answer == condition.blocking_answer:
            review = condition.outcome == "person_decides"
            raise ActionNotAllowed(
                f"{name}: {condition.rule}",
                reason="condition_review" if review else "condition_not_met",
                escalate=review,
            )


def resolve_reason(rules: Returns, code: str | None) -> ReturnReason:
    chosen = code or rules.default_reason
    reason = rules.reason(chosen) if chosen else None
    if reason is None:
        labels = ", ".join(f"{r.code} ({r.label})" for r in rules.reasons) or "none configured"
        raise InvalidInput(
            f"Unknown return reason {chosen!r}; the store's reasons: {labels}.",
            field="reason",
            code="unknown_reason",
        )
    return reason


@dataclass(frozen=True, slots=True)
class RefundQuote:
    items: Decimal
    tax: Decimal
    shipping: Decimal
    fee: Decimal

    @property
    def total(self) -> Decimal:
        return max(ZERO, self.items + self.tax + self.shipping - self.fee)


def shipping_already_refunded(session: Session, order: Order) -> bool:
    refunded = session.scalar(
        select(func.coalesce(func.sum(ReturnRecord.shipping_refund), 0)).where(
            ReturnRecord.order_id == order.id, ReturnRecord.status != "cancelled"
        )
    )
    return Decimal(refunded or 0) > 0


def quote(
    ctx: ActionContext,
    order: Order,
    amounts: list[Decimal],
    reason: ReturnReason,
    *,
    whole_order: bool,
) -> RefundQuote:
    """Items, their share of the tax, the shipping refund (policy rule) and the return fee."""
    return RefundQuote(
        *refund_parts(
            ctx.shop.policy,
            order,
            sum(amounts, ZERO),
            reason,
            whole_order=whole_order,
            shipping_refunded=shipping_already_refunded(ctx.session, order),
        )
    )


def refund_method(ctx: ActionContext, order: Order, refund_to: str) -> str:
    if refund_to == "store_credit":
        if not ctx.shop.policy.returns.store_credit:
            raise InvalidInput(
                "Refunds go back to the original payment method; this store doesn't offer "
                "store credit.",
                field="refund_to",
                code="store_credit_not_offered",
            )
        return "store credit"
    from assistant.commerce.mapping import payment

    return payment(order).display


def check_handover_value(ctx: ActionContext, total: Decimal) -> None:
    limit = ctx.shop.policy.handover.order_value
    if total > limit:
        raise ActionNotAllowed(
            f"A refund of ${total:,.2f} is above ${limit:,.2f}, the amount up to which I can "
            "arrange returns myself; a support agent will set this one up with you.",
            reason="above_handover_value",
            escalate=True,
        )


def refund_timing(rules: Returns, method: str) -> str:
    days = rules.refund_business_days
    when = f"within {days[0]}–{days[1]} business days" if days else "soon"
    return (
        f"Once it arrives and is inspected (usually {rules.inspection_business_days} business "
        f"days), the refund goes to {method} {when}."
    )


def new_reference(session: Session, prefix: str, column: InstrumentedAttribute[str]) -> str:
    """A fresh, unguessable reference (``RMA-…``, ``RF-…``) not yet used in ``column``."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    while True:
        ref = prefix + "".join(secrets.choice(alphabet) for _ in range(8))
        if session.scalar(select(func.count()).where(column == ref)) == 0:
            return ref
