""" "can you switch my coffee back on?", "restart my club early, one on tuesday": a subscription
to start again. What happens depends on its state in the store: a paused one resumes on a day
the customer picks (or by itself on its resume date); a cancelled one cannot be switched back
on, and the store's documents say what to do instead; an active one is running already."""

from __future__ import annotations

import re
from datetime import timedelta

from assistant.agent.context import TurnContext
from assistant.agent.messages import ModelTurn
from assistant.commerce.schemas import SubscriptionPublic
from assistant.planner import fmt, move_date
from assistant.planner.account_words import about_subscription, names_what_it_delivers
from assistant.planner.also import WHOLE_MESSAGE
from assistant.planner.answers import best_answer
from assistant.planner.common import passages, verification_gate, with_documents_line
from assistant.planner.kit import Step, one, say
from assistant.planner.slots import Slots

_BACK_ON = re.compile(
    r"\b((turn|switch|start|put|get|set)\w* (it|them|that|this|my|the)\b[\w' ]{0,30}? ba(c)?k on|"
    r"(re-?activat|reinstat|re-?start|resum|un-?paus)\w*|"
    r"start (it|them|my [\w ]{1,25}?) (up )?again)\b",
    re.I,
)
# a delivery that came again and again: "used to come every month", "it just stopped"
_RECURRING = re.compile(
    r"\b(used to (come|get|arrive|ship)|every (month|week|\d+ weeks?|other week)|monthly|"
    r"(it|they) (just )?stopped( coming)?)\b",
    re.I,
)
_IF_I = re.compile(r"\bif (i|we)\b", re.I)
_MUST_I = re.compile(r"\b(do|will|would|should) (i|we) (have|need) to\b", re.I)
# a pause asked for ("it just stopped" tells what happened, not what to do)
# ("been on pause", "it's paused" tell its state, not what to do)
_HOLD = re.compile(
    r"\b((hold|pause|skip|suspend) (it|them|my|the|for|\d)|stop (it|them|my|the|sending))\b",
    re.I,
)
# the documents' answer about a cancelled subscription (how to come back)
_QUESTION = "can a cancelled subscription be reactivated or restarted, or start a new one"


def asks_back_on(ctx: TurnContext) -> bool:
    """The message asks to start a subscription again (not "hold it for three deliveries and
    start it again after that": a pause)."""
    # "I cancelled my club. can you switch it back on?"; a later request of several is its own
    text = ctx.text if ctx.parts else ctx.full_text or ctx.text
    if ctx.shop.policy.subscriptions is None or not _BACK_ON.search(text) or _HOLD.search(text):
        return False
    if ctx.state.pending is not None or _MUST_I.search(text) or _IF_I.search(text):
        return False  # "before I say yes: do I have to restart it myself?": about the pause;
        # "if i cancel it now, can i turn the same plan back on in august?": the rules asked
    return (
        about_subscription(text, ctx.shop)
        or names_what_it_delivers(text, ctx.shop)
        or bool(_RECURRING.search(text))
        or ctx.state.focus_subscription is not None  # "…switch my old one back on?" after it
    )


def _chosen(subs: list[SubscriptionPublic], slots: Slots) -> SubscriptionPublic | None:
    """The named one, else a paused one, else an active one, else the last cancelled."""
    named = [s for s in subs if s.sku in slots.skus] or subs
    for status in ("paused", "active", "cancelled"):
        found = [s for s in named if s.status == status]
        if found:
            return max(found, key=lambda s: s.cancelled_at or s.started_at)
    return named[0] if named else None


def back_on(step: Step, slots: Slots) -> ModelTurn:
    gate = verification_gate(step, slots)
    if gate is not None:
        return gate
    subs: list[SubscriptionPublic] | None = step.done.value("list_subscriptions")
    if subs is None:
        return one("list_subscriptions")
    shop, ctx = step.ctx.shop, step.ctx
    sub = _chosen(subs, slots)
    name = shop.subscription_name
    if sub is None:
        return say(f"I don't see a {name} on your account.")
    from assistant.planner.subscriptions import describe

    ctx.state.focus_subscription = sub.id
    ctx.notes.append(WHOLE_MESSAGE)  # "…it just stopped. can you switch it back on?": one ask
    if sub.status == "cancelled":
        query = f"{name}: {_QUESTION}"
        if not step.done.has("search_documents", query=query):
            return one("search_documents", query=query, k=4)
        when = f" on {fmt.day(sub.cancelled_at)}" if sub.cancelled_at else ""
        what = describe(step, sub).removesuffix(f"; status {sub.status}")
        text = f"Your {name} ({what}) was cancelled{when}."
        answer = best_answer(_QUESTION, passages(step, query), max_units=2)
        line, passage = (answer.text, answer.passage) if answer else (None, None)
        return with_documents_line(text, line, passage)
    if sub.status == "active":
        return say(f"Your {name} is running: {describe(step, sub)}.")
    window = shop.change_date_window
    target = move_date.named_day(ctx.text, ctx.today, sub.next_delivery_date)
    if window is not None and target is not None:  # "…one to ship tuesday jan 27"
        outcome = step.done.get("propose_date_change")
        if outcome is None:
            ctx.state.awaiting_date = sub.id  # "no, make it the wednesday" changes the day
            ctx.state.proposed_date = target.isoformat()
            return one(
                "propose_date_change", subscription_id=sub.id, delivery_date=target.isoformat()
            )
        intro = f"Your {name}: {describe(step, sub)}."
        if not outcome.ok:
            return say(f"{intro}\n\nI can't do that: {outcome.error} {move_date.ASK_DAY}")
        return say(
            f'{intro}\n\n{outcome.value.summary}\n\n{move_date.CONFIRM_MOVE} Reply "yes" to '
            'confirm or "no" to leave it as it is.'
        )
    text = f"Your {name} is paused: {describe(step, sub)}. It resumes by itself then."
    if window is None:
        return say(text)
    ctx.state.awaiting_date = sub.id
    first = fmt.day(ctx.today + timedelta(days=window.min_days))
    last = fmt.day(ctx.today + timedelta(days=window.max_days))
    return say(
        f"{text}\n\nI can also end the pause sooner. {move_date.ASK_DAY} Any day from {first} "
        f"to {last} works."
    )
