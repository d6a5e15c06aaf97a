"""Whether a message clearly asks for a change to the plan, an order or a registration, not
only about one: a clause routed surely with a change verb, or a new place to deliver to."""

from __future__ import annotations

import re

from assistant.agent.context import TurnContext
from assistant.intents import Intent
from assistant.planner.request_kinds import SUBSCRIPTION_INTENTS

CLEAR_CLAUSE = 0.9  # a clause routed this surely says what it asks
_CHANGES = SUBSCRIPTION_INTENTS | {Intent.ORDER_CANCEL, Intent.WARRANTY_REGISTRATION}
_CHANGE_VERB = re.compile(
    r"\b(skip\w*|pause\w*|cancel\w*|regist\w*|swap\w*|switch\w*|stop)\b", re.I
)
ADDRESS_CHANGE = re.compile(
    r"\b(change|update|correct|fix|redirect)\b.{0,40}\b(address|where)\b|"
    r"\b(new|different|wrong) (delivery |shipping )?address\b|\b(i'?m|we'?re|i am) moving\b|"
    r"\b(go|goes|be sent|ship\w*|sen[dt]|deliver\w*|come|arrive)\b.{0,30}\bto\b.{0,60}\binstead\b|"
    r"\binstead of (my |the |our )?(home|house|apartment|flat|place|office|work)\b|"
    r"\b(go|goes|be sent|ship\w*|sen[dt]|deliver\w*|come|arrive)\b.{0,20}\bto (the|my|our) new "
    r"(place|home|house|apartment|flat|address)\b",
    re.I,
)  # "…to go to my office instead of home", "…go to the new place": where it is delivered


def asks_a_change(ctx: TurnContext) -> bool:
    """One of the message's clauses clearly asks for a change to the plan, an order or a
    registration (a parcel word elsewhere in the message says why, not what is asked), or the
    message asks for the parcel to go elsewhere ("…on its way with ups. send it to my office")."""
    if ADDRESS_CHANGE.search(ctx.text) and Intent.ORDER_CHANGE in [i for i, _ in ctx.ranked[:3]]:
        return True
    return ctx.intent in _CHANGES and any(
        c.intent in _CHANGES and c.confidence >= CLEAR_CLAUSE and _CHANGE_VERB.search(c.text)
        for c in ctx.clauses
    )


# "…so can you skip the decaf that's supposed to come in march": asked in so many words
_ASKED_PLAINLY = re.compile(
    r"\b((can|could|would|will) you|please|pls|plz|i'?d like to|i want to|i need to|let'?s)"
    r"\s+(\w+\s+){0,2}?(?P<verb>skip|pause)\b",
    re.I,
)
_VERB_INTENT = {"skip": Intent.SUBSCRIPTION_SKIP, "pause": Intent.SUBSCRIPTION_PAUSE}


def asked_plainly(ctx: TurnContext) -> bool:
    """The router's unsure guess is a skip or a pause, and the message asks for exactly that
    in so many words ("can you skip the decaf…", "please pause it")."""
    return asks_plainly_for(ctx.text, ctx.intent)


def asks_plainly_for(text: str, intent: Intent) -> bool:
    """``text`` asks for the skip or the pause ``intent`` is in so many words."""
    asked = _ASKED_PLAINLY.search(text)
    return asked is not None and _VERB_INTENT[asked.group("verb").lower()] is intent
