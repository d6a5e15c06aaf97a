"""Before a return about an order above the hand-over value goes to a person: what the store's
rules say about it first (its window, what a refund brings back), from the policy's own return
questions."""

from __future__ import annotations

from assistant.agent.messages import ModelTurn
from assistant.commerce.schemas import OrderPublic
from assistant.intents import Intent
from assistant.planner.kit import Step, one, say
from assistant.planner.return_fee import reason_in, terms_before_handover
from assistant.planner.return_items import named_lines
from assistant.planner.returns import is_return_request, returns_refunds
from assistant.planner.slots import Slots


def high_value_why(step: Step, slots: Slots, number: str) -> ModelTurn | None:
    """Before a return request about an order above the hand-over value goes to a person: what
    the store's rules say about it (e.g. when its window closed), or ``None``."""
    if step.ctx.intent is not Intent.RETURNS_REFUNDS or not is_return_request(step.ctx.text, slots):
        return None
    got = step.done.get("get_order", order_number=number)
    if got is None:
        return one("get_order", order_number=number)
    order: OrderPublic | None = got.value if got.ok else None
    if order is None or not order.lines:
        return None
    lines = [ln.sku for ln in order.lines]
    skus = named_lines(step.ctx.shop, slots.skus, lines) or lines[:1]
    checked = step.done.get("return_questions")
    if checked is None:
        reason = reason_in(step.ctx.shop.policy.returns, step.ctx.text)  # "it's defective"
        items = [{"sku": s} for s in skus]
        return one("return_questions", order_number=number, items=items, reason=reason)
    if not checked.ok:
        return say(checked.error or "")
    picked = [ln for ln in order.lines if ln.sku in skus]
    return terms_before_handover(step, number, picked[0] if len(picked) == 1 else None)


def window_disputed(step: Step, slots: Slots) -> ModelTurn:
    """ "…now your returns page says i'm too late?? this is ridiculous, i want my money back": the
    window, as the return's answer gives it (when it closed, from the delivery), before a person
    reviews the return; not a bare hand-over for frustration."""
    step.ctx.intent = Intent.RETURNS_REFUNDS
    return returns_refunds(step, slots)
