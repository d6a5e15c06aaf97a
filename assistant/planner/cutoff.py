""" "whats the latest i can skip a delivery? mine is set for friday feb 6": the last day for
changes to a delivery on the day the customer names, worked out from the store's cutoff rule
(its ``change_cutoff_days``), with the documents' own line about the cutoff. No account is
needed: the day is the customer's, the rule is the store's. A day asked about right after that
answer ("and if i forget and do it on the 28th?") is measured against the same delivery."""

from __future__ import annotations

import re
from datetime import date

from assistant.agent.messages import ModelTurn
from assistant.intents import Intent
from assistant.planner import fmt, move_date
from assistant.planner.account_words import names_what_it_delivers
from assistant.planner.also import WHOLE_MESSAGE
from assistant.planner.answers import best_answer
from assistant.planner.common import passages, with_documents_line
from assistant.planner.kit import Step, one, say
from assistant.planner.request_kinds import SUBSCRIPTION_INTENTS
from assistant.planner.slots import corrected

_LATEST = re.compile(
    r"\b(latest|last (day|moment|minute|chance|date)|deadline|cut-?off|by when|until when|"
    r"how late|how long (do|have) i (got|have))\b",
    re.I,
)
_CHANGE = re.compile(
    r"\b(skip\w*|pause\w*|(ex)?chang\w*|swap\w*|switch\w*|cancel\w*|mov\w*|edit\w*|decid\w*)\b"
)
_QUERY = "last moment to make changes before a delivery: cutoff"
_ANSWERED = "the last day to skip, pause or change it is"  # how cutoff_answer says it
_TOO_LATE, _IN_TIME = "is too late for the delivery on", "is still in time: changes to the delivery"
# "and if i forget and do it on the 28th?", "what about the 28th?", "is the 28th too late?"
_SUPPOSED = re.compile(r"\b(if|what about|how about|too late|still (ok|okay|fine|in time))\b", re.I)


def _named_day(step: Step) -> date | None:
    """The delivery day the whole message names; the corrected one when it corrects itself
    ("it comes friday the 30th. wait no sorry its thursday the 29th")."""
    ctx = step.ctx
    text = ctx.full_text or ctx.text
    day = move_date.named_day(corrected(text), ctx.today, None)
    return day or move_date.named_day(text, ctx.today, None)


_NEXT_ONE = re.compile(  # "…the last day i can still change stuff for that delivery"
    r"\bnext (delivery|shipment|box|bag|one|order|envío|envio|lieferung)\b|"
    r"\b(that|this) (delivery|shipment|box)\b",
    re.I,
)


_STILL = re.compile(r"\b(can|could) (i|we) still\b[^.?!]*\b(delivery|shipment|box)\b", re.I)


def asks_latest(text: str) -> bool:
    """ "is there a deadline", "by when": the last moment for a change is asked."""
    return bool(_LATEST.search(text))


def asks_a_cutoff(text: str, today: date) -> bool:
    """ "by when do i have to decide so it counts for the box on the 30th", "until when do I
    have to make the change so the next delivery comes like that?", "can i still change that
    for the delivery on the 27th": by when a change to a delivery (on a day ``text`` names, or
    the plan's next one) must be made."""
    asked = _new_question(text) or bool(_STILL.search(text) and _CHANGE.search(text.lower()))
    return asked and (
        bool(_NEXT_ONE.search(text))
        or move_date.named_day(corrected(text), today, None) is not None
    )


def asks_next_cutoff(text: str) -> bool:
    """By when a change must be made for the plan's next delivery, no day named."""
    return _new_question(text) and bool(_NEXT_ONE.search(text))


def asks_cutoff(step: Step) -> bool:
    """The message asks by when a change to a delivery on a day it names must be made, or
    asks about a day right after that answer."""
    if step.ctx.shop.policy.subscriptions is None:
        return False
    day, delivery = _days(step)
    return day is not None and (_new_question(_asked(step)) or delivery is not None)


def _new_question(text: str) -> bool:
    return bool(_LATEST.search(text) and _CHANGE.search(text.lower()))


def _days(step: Step) -> tuple[date | None, date | None]:
    """The day asked about, and the delivery of the cutoff just answered when the message asks
    about another day of it ("and if i only get around to it on the 12th?"; its own words, not
    a follow-up read together with the question before), else None."""
    ctx = step.ctx
    delivery = None if _new_question(_asked(step)) else _earlier_delivery(step)
    if delivery is None:
        return _named_day(step), None
    return move_date.named_day(_own_words(step), ctx.today, None), delivery


def _asked(step: Step) -> str:
    """What this message asks: its clause, or its own words when a follow-up was read with the
    question before it."""
    return step.ctx.text if step.ctx.full_text else _own_words(step)


def _own_words(step: Step) -> str:
    said = step.ctx.state.asked
    return said[-1] if said else step.ctx.text


def cutoff_topic(step: Step) -> Intent | None:
    """The subscription topic of a message that asks about the cutoff, however unsure the
    router: its likeliest subscription guess, or the topic of the cutoff just answered."""
    if not asks_cutoff(step):
        return None
    ranked = [i for i, _ in step.ctx.ranked[:3] if i in SUBSCRIPTION_INTENTS]
    active = step.ctx.state.active_intent
    if _days(step)[1] is not None:  # the cutoff this assistant just worked out
        return active if active in SUBSCRIPTION_INTENTS else Intent.SUBSCRIPTION_SWAP
    if ranked:
        return ranked[0]
    # "whats the deadline to swap the grind if my club bag ships tuesday the 10th of feb"
    plan = names_what_it_delivers(step.ctx.text, step.ctx.shop)
    return Intent.SUBSCRIPTION_SWAP if plan else None


def _earlier_delivery(step: Step) -> date | None:
    """The delivery day of the cutoff just answered, when this message asks about another day
    ("and if i forget and do it on the 28th?"); None otherwise."""
    ctx, text = step.ctx, _own_words(step)
    said = ctx.state.replies
    if not said or not _SUPPOSED.search(text):
        return None
    if not any(words in said[-1] for words in (_ANSWERED, _TOO_LATE, _IN_TIME)):
        return None
    if "?" not in text or len(text.split()) > _MAX_SUPPOSED_WORDS:
        return None
    told = _DELIVERY_ON.search(said[-1])  # the day as that answer gave it
    return move_date.named_day(told.group(1), ctx.today, None) if told else None


_MAX_SUPPOSED_WORDS = 16
_DELIVERY_ON = re.compile(r"\bdelivery on (\w+, \w+ \d{1,2})\b")


def cutoff_answer(step: Step) -> ModelTurn:
    ctx = step.ctx
    day, delivery = _days(step)
    if day is None:  # asks_cutoff said there is one
        return say("Which delivery date is it?")
    ctx.notes.append(WHOLE_MESSAGE)  # "…i might be at my moms that week": no other question
    # "…it comes friday the 30th": the day told, answered here, not a question of its own
    ctx.queue = [c for c in ctx.queue if move_date.named_day(c.text, ctx.today, None) is None]
    if not step.done.has("search_documents", query=_QUERY):
        return one("search_documents", query=_QUERY, k=4)
    days = ctx.shop.change_cutoff_days
    if delivery is not None and day != delivery:
        text = _on_a_day(step, day, delivery)
    else:
        last = ctx.shop.last_change_day(day)
        text = (
            f"For a delivery on {fmt.day(day)}, {_ANSWERED} {fmt.day(last)} ({days} days before)."
        )
    answer = best_answer(_QUERY, passages(step, _QUERY), max_units=1)
    line, passage = (answer.text, answer.passage) if answer else (None, None)
    return with_documents_line(text, line, passage)


def _on_a_day(step: Step, day: date, delivery: date) -> str:
    """A change made on ``day`` to the delivery on ``delivery``: in time, or too late."""
    last = step.ctx.shop.last_change_day(delivery)
    if day <= last:
        return f"{fmt.day(day)} {_IN_TIME} on {fmt.day(delivery)} are open until {fmt.day(last)}."
    return (
        f"{fmt.day(day)} {_TOO_LATE} {fmt.day(delivery)} (the last day was {fmt.day(last)}): "
        "that delivery goes out as it is, and a change made then applies to the delivery after it."
    )
