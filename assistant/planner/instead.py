"""The request a message makes in place of an action: the one named when a waiting action is
dropped ("no, pause it instead"), or when the message refuses the action it would otherwise be
read as ("hmm actually dont skip, pause it two deliveries" with nothing waiting)."""

from __future__ import annotations

import re

from assistant.agent.action_naming import instead_of, normalise
from assistant.agent.action_words import ACTION_WORDS
from assistant.agent.confirm import NOT_THAT_ONE
from assistant.agent.context import TurnContext
from assistant.intents import Intent

# Each action's intent: the request made instead of a dropped one, the topic while one waits.
INSTEAD: dict[str, Intent] = {
    "skip_next_delivery": Intent.SUBSCRIPTION_SKIP,
    "pause_subscription": Intent.SUBSCRIPTION_PAUSE,
    "cancel_subscription": Intent.SUBSCRIPTION_CANCEL,
    "change_frequency": Intent.SUBSCRIPTION_FREQUENCY,
    "change_next_date": Intent.SUBSCRIPTION_FREQUENCY,
    "swap_product": Intent.SUBSCRIPTION_SWAP,
    "resend_confirmation": Intent.RECEIPT,
    "cancel_order": Intent.ORDER_CANCEL,
    "change_shipping_address": Intent.ORDER_CHANGE,
    "add_items": Intent.ORDER_CHANGE,
    "register_warranty": Intent.WARRANTY_REGISTRATION,
    "return_items": Intent.RETURNS_REFUNDS,
    "exchange_item": Intent.RETURNS_REFUNDS,
    "change_order_item": Intent.ORDER_CHANGE,
    "remove_order_item": Intent.ORDER_CHANGE,
    "change_payment_method": Intent.ORDER_CHANGE,
}  # a clearer new request than this is not a follow-up


def requested_instead(ctx: TurnContext) -> list[Intent]:
    """The intent of the action asked for in place of another, if any (at most one when the
    message refuses its own action and names exactly one other)."""
    dropped = [INSTEAD[n[8:]] for n in ctx.notes if n.startswith("instead:") and n[8:] in INSTEAD]
    if dropped:
        return dropped
    again = [INSTEAD[n[8:]] for n in ctx.notes if n.startswith("dropped:") and n[8:] in INSTEAD]
    if again and NOT_THAT_ONE.search(normalise(ctx.text)):  # "wait no, not that one. … its the
        return again[:1]  # february one": the same kind of change, for another one
    mine = next((a for a, i in INSTEAD.items() if i is ctx.intent), None)
    verb = ACTION_WORDS[mine][0] if mine else None
    if mine is None or not re.search(rf"\b(don'?t|do not|not|never)\s+{verb}", ctx.text, re.I):
        return []
    other = instead_of(ctx.text, mine)
    return [INSTEAD[a] for a in other if a in INSTEAD] if len(other) == 1 else []
