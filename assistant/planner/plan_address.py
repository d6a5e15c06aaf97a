"""A change to a subscription's address: no tool makes it, so the store's documents say where
the customer changes it."""

from __future__ import annotations

from assistant.agent.messages import ModelTurn
from assistant.planner import fmt
from assistant.planner.answers import best_answer
from assistant.planner.common import passages, source_label
from assistant.planner.cutoff import asks_latest
from assistant.planner.kit import Step, one, say
from assistant.planner.slots import Slots
from assistant.planner.subscriptions import find_subscription


def address_change(step: Step, slots: Slots) -> ModelTurn:
    """ "change the address on my subscription to …": no tool changes a subscription's address,
    so what the store's documents say about it (where the customer changes it)."""
    pending, sub = find_subscription(step, slots)
    if pending is not None or sub is None:
        return pending or say("I couldn't find your subscription.")
    name = step.ctx.shop.subscription_name
    query = f"{name}: change the shipping address of the subscription"
    if not step.done.has("search_documents", query=query):
        return one("search_documents", query=query, k=5)
    asked = f"how do I change the shipping address of my {name}"
    answer = best_answer(asked, passages(step, query))
    how = "" if answer is None else f"\n\n{answer.text.strip()}\n({source_label(answer.passage)})"
    # "…and is there a deadline": the next delivery's own cutoff, from the store's calendar
    until, day = "", sub.next_delivery_date
    if day is not None and asks_latest(step.ctx.text):
        last = step.ctx.shop.last_change_day(day)
        until = (
            f"\n\nA new address saved by {fmt.day_end(last)} applies to your next delivery on "
            f"{fmt.day(day)}; saved later, it applies from the delivery after that."
        )
    return say(
        f"I can't change the address of your {name} here in chat.{how}{until}",
        [answer.passage.chunk_id] if answer else [],
    )
