"""A question right after the plan's status that is about that plan's next delivery, not about
a parcel: "and how long does it take to actually get to me after that" (the documents' transit
line for the plan's deliveries), "until when can i still switch the grind for that delivery?"
(the plan's cutoff, shown with its status). The router reads both as tracking; the customer's
last shipped order is not what they ask about."""

from __future__ import annotations

import re

from assistant.agent.messages import ModelTurn
from assistant.planner.answered import answer_text
from assistant.planner.common import passages
from assistant.planner.cutoff import asks_a_cutoff
from assistant.planner.kit import Step, call, say
from assistant.planner.questions import answer_from, search_call
from assistant.planner.reading import SHIPPED_ALREADY
from assistant.planner.slots import Slots

# words that point back at what the last reply named ("after that", "that delivery", "it")
_BACK = re.compile(r"\b(after that|that (one|delivery|shipment|box|order)|it|that|then)\b", re.I)

_AN_ORDER = re.compile(r"\b(orders?|ordered|package|parcel|tracking)\b", re.I)
# "how long does it take to get to me", "how many days until it arrives"
_TRANSIT = re.compile(
    r"\bhow (long|many (business )?days|fast|quick(ly)?|soon)\b.{0,40}\b(get|arriv\w*|come|"
    r"take|ship\w*|deliver\w*|here)\b|\btransit\b",
    re.I,
)


def about_plan_shown(step: Step, slots: Slots) -> bool:
    """The message points back at the plan whose status one of the last two replies showed,
    and names no order, parcel or product the plan does not deliver, nor a delivery already
    sent."""
    ctx = step.ctx
    said = ctx.state.replies
    return (
        ctx.state.focus_subscription is not None
        and bool(said)
        and any(s.startswith(f"Your {ctx.shop.subscription_name}:") for s in said[-2:])
        and not slots.order_number
        and not SHIPPED_ALREADY.search(ctx.text)
        and not _AN_ORDER.search(ctx.text)  # "where's the grinder i ordered, is it shipped?"
        and all(ctx.shop.subscribable(s) for s in slots.skus)
        and bool(_BACK.search(ctx.text))
    )


def plan_delivery_question(step: Step, slots: Slots) -> ModelTurn:
    """The plan's status again when its cutoff is asked (the status says it); else the
    documents' answer about the plan's deliveries, and the status when they have none."""
    from assistant.planner import subscriptions

    ctx = step.ctx
    if asks_a_cutoff(ctx.text, ctx.today):
        return subscriptions.status(step, slots)
    topic = " (shipping: business days until it arrives)" if _TRANSIT.search(ctx.text) else ""
    query = f"{ctx.shop.subscription_name}: {ctx.text}{topic}"
    if not step.done.has("search_documents", query=query):
        return call(search_call(query))
    answer = answer_from(step, ctx.text, passages(step, query))
    if answer is None:
        return subscriptions.status(step, slots)
    return say(answer_text(answer), answer.chunk_ids)
