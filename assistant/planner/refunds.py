"""Refund status ("did my refund go through?", "when will I get my money?") from the store's
refund records, and what the customer is told once a return or exchange is confirmed."""

from __future__ import annotations

from datetime import date

from assistant.agent.messages import ModelTurn
from assistant.commerce.schemas import RefundPublic, ReturnPublic
from assistant.planner import fmt
from assistant.planner.common import verification_gate
from assistant.planner.kit import Step, one, say
from assistant.planner.resolve import NEEDS_OWNED, needs_owned, owned_products, resolve_sku
from assistant.planner.slots import Slots


def refund_status(step: Step, slots: Slots) -> ModelTurn:
    gate = verification_gate(step, slots)
    if gate is not None:
        return gate
    refunds: list[RefundPublic] | None = step.done.value("get_refund_status")
    if refunds is None:
        return one("get_refund_status")
    if slots.order_number:
        refunds = [r for r in refunds if r.order_number == slots.order_number] or refunds
    elif slots.skus and len(refunds) > 1:  # "my refund for the ear cushions"
        if needs_owned(step):
            return one(NEEDS_OWNED)
        wanted = {*slots.skus, resolve_sku(step, slots)}  # "my camera": the one they own
        orders = {p.order_number for p in owned_products(step) or [] if p.sku in wanted}
        refunds = [r for r in refunds if r.order_number in orders] or refunds
    if not refunds:
        return say(
            "I don't see a refund on your account yet. If you'd like to return something, "
            "tell me which item and I'll set it up."
        )
    return say("\n".join(describe_refund(r, step.ctx.now.date()) for r in refunds[:3]))


def describe_refund(refund: RefundPublic, today: date) -> str:
    """One refund in a sentence or two: where it stands, with the store's dates."""
    about = f"order #{refund.order_number}" + (f" (return {refund.rma})" if refund.rma else "")
    amount = fmt.money(refund.amount)
    received = (
        f"we received the return on {fmt.day(refund.received_at)}"
        if refund.received_at is not None
        else ""
    )
    if refund.status == "issued" and refund.issued_at is not None:
        text = (
            f"Your refund of {amount} for {about} was issued on {fmt.day(refund.issued_at)} "
            f"to {refund.method}" + (f" ({received})." if received else ".")
        )
        if refund.expected_to is not None and refund.expected_to >= today:
            return text + (
                f" It should show on your statement by {fmt.day(refund.expected_to)}; banks can "
                "take a few more days."
            )
        if refund.expected_to is not None:
            return text + " It should already show on your statement."
        return text + " Banks can take a few more days to show it."
    if refund.status == "processing":
        when = ""
        if refund.expected_from and refund.expected_to:
            when = f", expected {fmt.window(refund.expected_from, refund.expected_to)}"
        if received:
            return (
                f"Good news: {received}. Your refund of {amount} for {about} is being processed "
                f"to {refund.method}{when}."
            )
        return f"Your refund of {amount} for {about} is being processed to {refund.method}{when}."
    return (
        f"We haven't received the return for {about} yet, so your refund of {amount} is waiting "
        f"for it: once the package arrives and is inspected, it goes to {refund.method}."
    )


def done_text(record: ReturnPublic) -> str:
    """What the customer is told once a return or exchange is confirmed."""
    items = "; ".join(f"{ln.quantity} × {ln.name}" for ln in record.lines)
    lines = [f"Return {record.rma}: {items}."]
    if record.exchange_order_number:
        lines.append(
            f"Your replacement is on new order #{record.exchange_order_number} and ships free."
        )
    if record.refund_total:
        lines.append(f"Refund {fmt.money(record.refund_total)}: {record.refund_timing}")
    lines.append(
        f"Print your prepaid {record.carrier} label here: {record.label_url}\n"
        f"Drop the package off by {fmt.day(record.drop_off_by)}. We've emailed you the label too."
    )
    return "\n".join(lines)
