"""Planners for returns and exchanges of delivered items (rules in ``returns_rules``).

A return: inside the window, returnable product types, the policy's condition questions
answered, not already returned; the refund is the items, their tax, the shipping when the policy
refunds it, minus the reason's fee, to the original payment method (or store credit when the
store offers it). Confirming issues an RMA and a label and records the return and its refund.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import func, select

from assistant.commerce.errors import ActionNotAllowed, InvalidInput
from assistant.commerce.plans import ActionContext, Plan, RecordRef, day, usd
from assistant.commerce.reads import load_order
from assistant.commerce.requests import ReturnItems
from assistant.commerce.returns_rules import (
    check_answers,
    check_handover_value,
    check_returnable,
    conditions_for,
    new_reference,
    pick_line,
    quote,
    refund_method,
    refund_timing,
    remaining,
    require_open_window,
    resolve_reason,
    returned_quantity,
    store_today,
)
from assistant.commerce.schemas import Change
from assistant.returns.provider import LabelAddress, LabelRequest
from assistant.store.models import Order, OrderLine
from assistant.store.models_returns import Refund, ReturnLine, ReturnRecord
from assistant.store.policy_returns import ReturnReason
from assistant.store.types import OrderStatus

MAX_ITEMS = 20


def describe(line: OrderLine, quantity: int) -> str:
    options = ", ".join(v for v in line.variant.values() if v and v != "Default Title")
    return f"{quantity} × {line.name}" + (f" ({options})" if options else "")


@dataclass(frozen=True, slots=True)
class Picked:
    line: OrderLine
    quantity: int


def pick_items(ctx: ActionContext, order: Order, req: ReturnItems) -> list[Picked]:
    if not 1 <= len(req.items) <= MAX_ITEMS:
        raise InvalidInput(f"Return between 1 and {MAX_ITEMS} items at a time.", field="items")
    picked: dict[int, Picked] = {}
    for item in req.items:
        line = pick_line(order, item.sku, item.variant)
        if line.id in picked:
            raise InvalidInput(
                f"{line.name} is listed twice; give its quantity once.",
                field="items",
                code="duplicate_item",
            )
        picked[line.id] = Picked(line, item.quantity)
    return list(picked.values())


def whole_order_after(ctx: ActionContext, order: Order, picked: list[Picked]) -> bool:
    asked = {p.line.id: p.quantity for p in picked}
    for line in order.lines:
        done, _ = returned_quantity(ctx.session, line)
        if done + asked.get(line.id, 0) < line.quantity:
            return False
    return True


def ship_from(order: Order) -> LabelAddress:
    a = order.shipping_address
    return LabelAddress(
        name=a["name"],
        line1=a["line1"],
        line2=a.get("line2") or "",
        city=a["city"],
        region=a["region"],
        postal_code=a["postal_code"],
        country=a.get("country") or "US",
    )


def issue(
    ctx: ActionContext,
    order: Order,
    picked: list[Picked],
    reason: ReturnReason,
    *,
    kind: str,
    refund_to: str,
    answers: dict[str, bool],
    amounts: tuple[Decimal, Decimal, Decimal, Decimal, Decimal],
    exchange_order_number: str | None = None,
    method: str,
) -> ReturnRecord:
    """Write the return, its lines and its refund, and issue the label (inside ``apply``)."""
    rules = ctx.shop.policy.returns
    if ctx.returns is None or rules.ship_to is None:
        raise ActionNotAllowed(
            "Return labels can't be issued here right now; a support agent will send yours.",
            reason="labels_unavailable",
            escalate=True,
        )
    items, tax, shipping, fee, total = amounts
    rma = new_reference(ctx.session, "RMA-", ReturnRecord.rma)
    drop_off_by = store_today(ctx) + timedelta(days=rules.drop_off_days)
    label = ctx.returns.issue_label(
        LabelRequest(
            rma=rma,
            order_number=order.number,
            carrier=rules.label_carrier,
            ship_from=ship_from(order),
            ship_to=LabelAddress(**rules.ship_to.model_dump()),
            items=[f"{describe(p.line, p.quantity)} ({p.line.sku})" for p in picked],
            drop_off_by=drop_off_by,
        )
    )
    record = ReturnRecord(
        rma=rma,
        customer_id=ctx.customer.customer_id,
        order_id=order.id,
        kind=kind,
        reason=reason.code,
        status="label_sent",
        refund_to=refund_to,
        items_amount=items,
        tax_amount=tax,
        shipping_refund=shipping,
        fee=fee,
        refund_total=total,
        answers=dict(answers),
        note=None,
        exchange_order_number=exchange_order_number,
        carrier=label.carrier,
        label_file=label.file,
        drop_off_by=drop_off_by,
        created_at=ctx.now,
    )
    record.lines = [ReturnLine.of(p.line, p.quantity) for p in picked]
    ctx.session.add(record)
    ctx.session.flush()
    if total > 0:
        ctx.session.add(
            Refund(
                reference=new_reference(ctx.session, "RF-", Refund.reference),
                customer_id=ctx.customer.customer_id,
                order_id=order.id,
                return_id=record.id,
                amount=total,
                destination=refund_to,
                method=method,
                status="awaiting_return",
                expected_from=None,
                expected_to=None,
                created_at=ctx.now,
                issued_at=None,
            )
        )
    ctx.notify("return_label", {"rma": rma, "order_number": order.number})
    return record


def return_items(ctx: ActionContext, req: ReturnItems) -> Plan:
    """Delivered orders inside the window; see the module docstring for the rules."""
    order = load_order(ctx.session, ctx.customer, req.order_number)
    rules = ctx.shop.policy.returns
    reason = resolve_reason(rules, req.reason)
    require_open_window(ctx, order)
    picked = pick_items(ctx, order, req)
    for p in picked:
        remaining(ctx.session, p.line, p.quantity)
        check_returnable(ctx.shop, p.line, reason)
    for p in picked:  # a condition that stops the return first, then who decides
        check_answers(conditions_for(ctx.shop, p.line.sku, reason), req.answers, p.line.name)
    if reason.person_decides:
        raise ActionNotAllowed(
            f'Returns because of "{reason.label}" are reviewed by a support agent before a label '
            "is issued (our returns policy).",
            reason="person_decides",
            escalate=True,
        )
    whole = whole_order_after(ctx, order, picked)
    q = quote(
        ctx, order, [p.line.unit_price * p.quantity for p in picked], reason, whole_order=whole
    )
    check_handover_value(ctx, q.total)
    method = refund_method(ctx, order, req.refund_to)
    drop_off_by = store_today(ctx) + timedelta(days=rules.drop_off_days)
    described = "; ".join(describe(p.line, p.quantity) for p in picked)
    parts = [f"items {usd(q.items)}", f"tax {usd(q.tax)}"]
    if q.shipping:
        parts.append(f"original shipping {usd(q.shipping)}")
    if q.fee:
        parts.append(f"minus the {usd(q.fee)} return shipping fee")
    elif any(f.amount for f in ctx.shop.policy.returns.fees):  # others pay one: say so
        parts.append("return shipping free")
    summary = (
        f"Return {described} from order #{order.number} (reason: {reason.label}). "
        f"Refund {usd(q.total)} ({', '.join(parts)}) to {method}. "
        f"{refund_timing(rules, method)} You'll get a prepaid {rules.label_carrier} return "
        f"label to print; drop the package off by {day(drop_off_by)}."
    )

    def apply() -> RecordRef:
        record = issue(
            ctx,
            order,
            picked,
            reason,
            kind="return",
            refund_to=req.refund_to,
            answers=req.answers,
            amounts=(q.items, q.tax, q.shipping, q.fee, q.total),
            method=method,
        )
        if whole:
            order.status, order.returned_at = OrderStatus.RETURNED, ctx.now
        order.updated_at = ctx.now
        return RecordRef("return", record.rma)

    return Plan(
        summary,
        apply,
        [
            Change(field="return", before=None, after=described),
            Change(field="refund", before=None, after=f"{usd(q.total)} to {method}"),
        ],
        amount_change=-q.total,
    )


def exchange_count(ctx: ActionContext, order: Order) -> int:
    return (
        ctx.session.scalar(
            select(func.count())
            .select_from(ReturnRecord)
            .where(ReturnRecord.order_id == order.id, ReturnRecord.kind == "exchange")
        )
        or 0
    )
