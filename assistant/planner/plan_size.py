"""A question about the subscription plan's size ("can i add a decaf bag to that one n how much
wld it be then"): the plan's guide, searched store-wide with the plan's name, and the store's own
price for the plan one bag bigger than the customer's, with the day a change must be saved by."""

from __future__ import annotations

from assistant.agent.messages import ModelTurn
from assistant.planner import fmt
from assistant.planner.answered import answer_text, answered
from assistant.planner.clarify import clarify
from assistant.planner.common import passages
from assistant.planner.kit import Step, call, say
from assistant.planner.plan_price import plan_price_line
from assistant.planner.questions import (
    SUPPORTED,
    answer_from,
    search_call,
)


def plan_size(step: Step) -> ModelTurn:
    """A question about the subscription plan's size, searched store-wide with the plan's name
    (not in the pages of the product it names: "a decaf bag" is a bag more of the plan)."""
    text, state, shop = step.ctx.text, step.ctx.state, step.ctx.shop
    query = f"{shop.subscription_name}: {text}"
    if state.verified and step.done.value("list_subscriptions") is None:
        return call(("list_subscriptions", {}))  # the plan in focus, or their only one
    if not step.done.has("search_documents", query=query):
        return call(search_call(query))
    plans = list(step.done.value("list_subscriptions") or [])
    sub = next((s for s in plans if s.id == state.focus_subscription), None) or (
        plans[0] if len(plans) == 1 else None
    )
    price = plan_price_line(text, shop.policy.subscriptions, sub.quantity if sub else None)
    answer = answer_from(step, text, passages(step, query))
    if answer is None or answer.support < SUPPORTED / 2:
        return say(price) if price else clarify(step, answer)
    if not price:
        return answered(step, answer)
    until = ""
    if sub is not None and sub.next_delivery_date is not None:
        last = shop.last_change_day(sub.next_delivery_date)
        due = fmt.day(sub.next_delivery_date)
        until = f" Saved by {fmt.day(last)}, it applies to the delivery on {due}."
    step.ctx.state.topic = answer.passage.section.rsplit(" > ", 1)[-1]
    return say(f"{price}{until}\n\n{answer_text(answer)}", answer.chunk_ids)
