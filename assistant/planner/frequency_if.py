""" "my club comes monthly and the next one is feb 9. if i change it to every 2 months, when do
the ones after that come?": what a change of frequency would do to the day the customer names,
worked out with the store's rule (the next delivery stays, the new frequency counts from it) and
its frequencies. No account is needed: the day is the customer's, the rule is the store's."""

from __future__ import annotations

import re

from assistant.agent.messages import ModelTurn
from assistant.intents import Intent
from assistant.planner import fmt, move_date
from assistant.planner.also import WHOLE_MESSAGE
from assistant.planner.kit import Step, say
from assistant.planner.slots import Slots
from assistant.store.calendar import next_cycle

# "if i change it…", "what if i switched…", "would the feb one move?": a change supposed
_SUPPOSED = re.compile(
    r"\b(if (i|we)|what if|suppose|say i|would (it|that|the \w+( one)?|mine) (move|change|shift)|"
    r"when (do|would|will) the (ones?|deliveries|next ones?) after)\b",
    re.I,
)
_MOVES = re.compile(r"^\W*(\w+\W+){0,4}(move|moves|shift|change)\W*$", re.I)
FOLLOWING = 2  # deliveries shown after the next one


def frequency_if(step: Step, slots: Slots) -> ModelTurn | None:
    """The dates a supposed change of frequency gives, from the delivery day the message names;
    None when it supposes none or names no day."""
    ctx = step.ctx
    frequency = ctx.shop.frequencies().get(slots.frequency or "")
    if frequency is None or not _SUPPOSED.search(ctx.text):
        return None
    day = move_date.named_day(ctx.full_text or ctx.text, ctx.today, None)
    if day is None:
        return None
    ctx.notes.append(WHOLE_MESSAGE)  # the dates are the whole answer
    # "…does the feb one move?": answered here, not a question for the documents
    ctx.queue = [c for c in ctx.queue if not _MOVES.search(c.text)]
    after = [next_cycle(day, frequency, n) for n in range(1, FOLLOWING + 1)]
    last = fmt.day(ctx.shop.last_change_day(day))
    return say(
        f"If you change to {frequency.label}, your next delivery stays on {fmt.day(day)} and the "
        f"new frequency counts from it: the deliveries after it come on "
        f"{' and '.join(fmt.day(d) for d in after)}. The change has to be made by {last} "
        f"({ctx.shop.change_cutoff_days} days before the delivery).\n\n"
        "If you'd like me to change it, send me your order number and the email address you "
        "used for it."
    )


# "and if i skip that one, when would the one after be?": a skip supposed
_SKIP = re.compile(r"\bskip(ping|ped)?\b", re.I)
_NOT_SKIPPING = re.compile(r"\b(instead of|rather than|not) skipp?ing\b", re.I)
# what the preview of the change says: the dates, the price
_WHEN_OR_PRICE = re.compile(
    r"\b(when|what date|which day|still come|still get|move|price|cost|charge[ds]?|pay)\b", re.I
)


def supposed_change(step: Step, slots: Slots) -> Intent | None:
    """The change a verified customer supposes on their own plan and asks the dates or price of
    ("and if i skip that one, when would the one after be?", "what if instead of skipping i just
    switch to every month, would feb 9 still come?"): its preview answers it, and a yes then
    makes it. None when nothing of the kind is supposed."""
    ctx = step.ctx
    if not ctx.state.verified or not _SUPPOSED.search(ctx.text):
        return None
    if not _WHEN_OR_PRICE.search(ctx.text):
        return None
    if slots.frequency in ctx.shop.frequencies():
        return Intent.SUBSCRIPTION_FREQUENCY
    if _SKIP.search(ctx.text) and not _NOT_SKIPPING.search(ctx.text):
        return Intent.SUBSCRIPTION_SKIP
    return None
