"""Refund status ("did my refund go through?", "when will I get my money?") from the store's
refund records, and what the customer is told once a return or exchange is confirmed."""

from __future__ import annotations

import re
from datetime import date

from assistant.agent.context import TurnContext
from assistant.agent.messages import ModelTurn
from assistant.commerce.schemas import OrderPublic, RefundPublic, ReturnPublic
from assistant.intents import Intent
from assistant.planner import fmt
from assistant.planner.common import policy_lines, verification_gate
from assistant.planner.kit import Step, one, say
from assistant.planner.return_words import WANTS_REFUND
from assistant.planner.slots import Slots

# "my amex got replaced in december after my wallet was stolen, new number": the refund's card
CARD_CHANGED = re.compile(
    r"\b(card|visa|mastercard|amex|american express)\b[^.?!]{0,60}\b(expired|expires|replaced|"
    r"cancell?ed|stolen|lost|closed|reissued|new number|different number)\b|"
    r"\b(new|replacement|different) (card|number)\b|"
    r"\b(expired|replaced|stolen|lost|cancell?ed|closed|old|dead) (card|visa|mastercard|amex)\b",
    re.I,
)
CARD_CHANGED_Q = "refund to a card that has expired or been replaced"


# "can't you just send it to my paypal instead then?", "¿me lo pueden dar como crédito en la
# tienda?": the refund elsewhere than where it was paid, which the payments policy answers
REFUND_ELSEWHERE = re.compile(
    r"\b(send|put|refund|pay|credit|give|move)\w* (it|that|the (money|refund)|them|me)( back)? "
    r"(to|into|on|onto|as) (my|a|the|another|other|different|some)( new| different| other)? "
    r"(paypal|card|credit card|"
    r"debit card|bank|bank account|checking|account|visa|mastercard|amex|apple pay|store credit|"
    r"gift card)\b|\bas (a )?(store credit|gift card)\b",
    re.I,
)
_REFUND_MISREAD = frozenset(
    {Intent.ORDER_CHANGE, Intent.RETURNS_REFUNDS, Intent.ORDER_STATUS, Intent.COMPLAINT}
)


# an unsure guess that a refund asked for in so many words overrules ("…STILL SEALED in the box.
# your site says a month?? … I want my money back today")
_REFUND_UNSURE = frozenset(
    {Intent.ORDER_STATUS, Intent.TRACKING, Intent.PRODUCT_QUESTION, Intent.OUT_OF_SCOPE}
)


def read_refund(ctx: TurnContext) -> bool:
    """A refund asked to go elsewhere than where it was paid (the payments policy's question), or
    a refund asked for where the router was unsure what the message is."""
    if ctx.intent in _REFUND_MISREAD and REFUND_ELSEWHERE.search(ctx.text):
        ctx.intent, ctx.confidence = Intent.PAYMENT_METHODS, max(ctx.confidence, 0.8)
        return True
    if (
        ctx.intent in _REFUND_UNSURE
        and ctx.confidence < ctx.settings.router_threshold
        and WANTS_REFUND.search(ctx.text)
    ):
        ctx.intent, ctx.confidence = Intent.RETURNS_REFUNDS, ctx.settings.router_threshold
        return True
    return False


def refund_status(step: Step, slots: Slots) -> ModelTurn:
    gate = verification_gate(step, slots)
    if gate is not None:
        return gate
    refunds: list[RefundPublic] | None = step.done.value("get_refund_status")
    if refunds is None:
        return one("get_refund_status")
    if slots.order_number:
        refunds = [r for r in refunds if r.order_number == slots.order_number] or refunds
    elif len(refunds) > 1:  # "my refund for the ear cushions", "my camera return"
        orders: list[OrderPublic] | None = step.done.value("list_orders")
        if orders is None:
            return one("list_orders")  # returned items are no longer "owned": the orders' lines
        wanted = set(slots.skus)
        about = {
            o.number
            for o in orders
            if any(ln.sku in wanted or _named(step, ln.sku) for ln in o.lines)
        }
        refunds = [r for r in refunds if r.order_number in about] or refunds
    days = step.ctx.shop.policy.returns.refund_business_days
    if not refunds:
        return say(
            "I don't see a refund on your account yet. If you'd like to return something, "
            "tell me which item and I'll set it up."
        )
    text = "\n".join(describe_refund(r, step.ctx.now.date(), days) for r in refunds[:3])
    if not CARD_CHANGED.search(step.ctx.text):
        return say(text)
    # "my amex got replaced in december, new number. did the money go to a dead card??"
    pending, told, cited = policy_lines(step, CARD_CHANGED_Q)
    if pending is not None:
        return pending
    return say(f"{text}\n\n{told}" if told else text, cited)


def describe_refund(refund: RefundPublic, today: date, days: tuple[int, int] | None = None) -> str:
    """One refund in a sentence or two: where it stands, with the store's dates; ``days``: the
    policy's business days from inspection to the refund."""
    about = f"order #{refund.order_number}" + (f" (return {refund.rma})" if refund.rma else "")
    amount = fmt.money(refund.amount)
    received = (
        f"we received the return on {fmt.day(refund.received_at)}"
        if refund.received_at is not None
        else ""
    )
    if refund.status == "issued" and refund.issued_at is not None:
        text = (
            f"Yes, {about} was refunded: {amount} was issued on {fmt.day(refund.issued_at)} "
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
        f"for it: once the package arrives and is inspected, it goes to {refund.method}"
        + (f" within {days[0]}–{days[1]} business days." if days else ".")
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


def _named(step: Step, sku: str) -> bool:
    """The customer's words name this product of theirs: "my camera return" and their "Indoor
    Cam 2K" share the stem "cam"."""
    item = step.ctx.shop.item(sku)
    if item is None:
        return False
    said = [w for w in re.findall(r"[a-z]{3,}", step.ctx.text.lower()) if w not in _NOT_NAMES]
    own = [w for w in re.findall(r"[a-z]{3,}", item.name.lower())]
    return any(a.startswith(b) or b.startswith(a) for a in said for b in own)


_NOT_NAMES = frozenset("the and for what whats where status return refund money my".split())
