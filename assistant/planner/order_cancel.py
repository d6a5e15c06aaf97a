"""Cancelling an order: previewed while the store's rules allow it, else what they allow instead
(a return once it arrives), a hand-over while it is being packed, a billing specialist for a
charge on an order already cancelled."""

from __future__ import annotations

import re

from assistant.agent.messages import ModelTurn
from assistant.commerce.schemas import Preview
from assistant.planner.common import escalate
from assistant.planner.kit import Step, one, say
from assistant.planner.orders import order_in_question
from assistant.planner.slots import Slots


def _return_instead(step: Step) -> str:
    """What the store's returns policy allows instead of a cancellation."""
    days = step.ctx.shop.policy.returns.window_days
    return f"you can return it within {days} days of delivery for a refund"


def _not_cancellable(step: Step, number: str, status: str) -> str:
    where = " (being packed in our warehouse)" if status == "processing" else ""
    return (
        f"Order #{number} is already {status}{where}, so it can't be cancelled any more. "
        f"Instead, {_return_instead(step)}."
    )


def order_cancel(step: Step, slots: Slots) -> ModelTurn:
    pending, order = order_in_question(step, slots)
    if pending is not None or order is None:
        return pending or say("I couldn't find that order.")
    if order.status == "cancelled" and _MONEY_BACK.search(step.ctx.full_text or step.ctx.text):
        # "I cancelled it in November but the charge is still on my card": a billing specialist
        return escalate(
            step,
            "billing_dispute",
            f"Order #{order.number} was cancelled but the customer reports a charge for it: "
            f"{step.ctx.text}",
        )
    outcome = step.done.get("propose_order_cancel")
    beside = any(proposed for _, proposed in step.ctx.parts)  # another change waits its yes
    if beside and order.status not in step.ctx.shop.policy.orders.cancellable_states:
        # "…can you stop that one? and if you cant then definitely skip the february one":
        # the store's rules answer it; no second preview, no hand-over beside the one asked
        return say(_not_cancellable(step, order.number, order.status))
    if outcome is None:
        return one("propose_order_cancel", order_number=order.number, reason=step.ctx.text[:500])
    if not outcome.ok:
        if order.status in ("shipped", "delivered"):
            return say(
                f"Order #{order.number} has already {order.status}, so it can't be "
                f"cancelled any more. Instead, {_return_instead(step)}: I can explain "
                "how, or connect you with a person."
            )
        if outcome.escalate or order.status == "processing":
            handed = escalate(
                step,
                "order_change_after_fulfilment",
                f"Customer wants to cancel order #{order.number}, already {order.status}: "
                f"{step.ctx.text}",
            )
            if handed.is_final:
                handed.text = (
                    f"Order #{order.number} is already {order.status} (being packed in our "
                    "warehouse), so I can't cancel it from here. If it ships anyway, "
                    f"{_return_instead(step)}.\n\n{handed.text}"
                )
            return handed
        return say(f"Order #{order.number} can't be cancelled: {outcome.error}")
    preview: Preview = outcome.value
    return say(
        f'{preview.summary}\n\nShall I cancel order #{order.number}? Reply "yes" to '
        'confirm or "no" to keep it.'
    )


_MONEY_BACK = re.compile(
    r"\b(charge[ds]?|posted|statement|money back|refund\w*|still (on|showing)|took the money|"
    r"debited|billed)\b",
    re.I,
)
