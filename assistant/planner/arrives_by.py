""" "will it make it to LA by saturday? need it for a shoot": the order's own delivery estimate
set against the day the customer names, with the shipping method's business days. The estimate
is the store's; the verdict only compares dates (before the window: unlikely; inside it:
possible, not guaranteed; after it: it should be there)."""

from __future__ import annotations

import re

from assistant.commerce.schemas import OrderPublic
from assistant.planner import fmt, move_date
from assistant.planner.kit import Step

# "by saturday", "before the 24th", "in time for friday", "make it by…"
_BY = re.compile(r"\b(by|before|in time for|no later than)\b", re.I)


def arrives_by(step: Step, order: OrderPublic) -> str:
    """One sentence on whether the day asked is within the order's estimate; "" when the
    message names no day to arrive by, or the order has no estimate."""
    text, eta = step.ctx.text, order.estimated_delivery
    by = _BY.search(text)
    if eta is None or by is None:
        return ""
    asked = move_date.named_day(text[by.start() :], step.ctx.today, None)
    if asked is None or asked < step.ctx.today:
        return ""
    from assistant.planner.also import WHOLE_MESSAGE  # (also.py reads orders through tracking)

    step.ctx.notes.append(WHOLE_MESSAGE)  # the day asked is answered here
    days = _transit(step, order)
    how = f" by {order.shipping_method} shipping{days}" if order.shipping_method else ""
    window = fmt.window(eta.start, eta.end)
    if asked < eta.start:
        return f"It isn't likely to arrive by {fmt.day(asked)}: it is due {window}{how}."
    if asked < eta.end:
        return (
            f"{fmt.day(asked)} is inside its delivery estimate ({window}{how}), so it may "
            "arrive by then, but that isn't guaranteed."
        )
    return f"It should arrive by {fmt.day(asked)}: it is due {window}{how}."


def _transit(step: Step, order: OrderPublic) -> str:
    method = next(
        (
            m
            for m in step.ctx.shop.policy.shipping.methods
            if order.shipping_method and order.shipping_method.lower() in (m.code, m.name.lower())
        ),
        None,
    )
    if method is None:
        return ""
    lo, hi = method.transit_business_days
    return f", {lo}–{hi} business days after it ships" if lo != hi else f", {hi} business days"
