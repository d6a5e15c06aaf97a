""" "was that my decaf? and when is the next one supposed to come?": beside an order's record or
a charge explained, the next delivery of the subscription it belongs to, from the account (never
a document's example dates)."""

from __future__ import annotations

from collections.abc import Collection

from assistant.agent.messages import ModelTurn
from assistant.planner.account_words import asks_own_next
from assistant.planner.kit import Step, one


def next_delivery(step: Step, skus: Collection[str]) -> ModelTurn | str:
    """The line with the subscription's next delivery ("" when the message does not ask for it
    or there is none), or the call that reads the subscriptions first."""
    if not step.ctx.state.verified or not asks_own_next(step.ctx.full_text or step.ctx.text):
        return ""
    subs = step.done.value("list_subscriptions")
    if subs is None:
        return one("list_subscriptions")
    live = [s for s in subs if s.status != "cancelled"]
    sub = next((s for s in live if s.sku in skus), live[0] if len(live) == 1 else None)
    if sub is None:
        return ""
    from assistant.planner.subscriptions import describe

    return f"\n\nYour {step.ctx.shop.subscription_name}: {describe(step, sub)}."
