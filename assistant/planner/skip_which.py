""" "its the february one i wont be here for": a skip asked for a delivery after the next one.
The store skips only the next delivery, so the answer says which one that is, when the one
asked about comes, and until when it can be skipped once the next one has shipped (the store's
change cutoff before it). Nothing is proposed: the next delivery is the one the customer wants."""

from __future__ import annotations

import re

from assistant.commerce.schemas import SubscriptionPublic
from assistant.planner import fmt
from assistant.planner.kit import Step
from assistant.planner.order_dates import MONTH_NAME, month_of
from assistant.store.calendar import next_cycle

# "the february one", "the feb delivery", "skip march", "skip my coffee in february": a month
# named as a delivery's (not "im not back till feb 2": when the customer is away)
_MONTH = re.compile(
    rf"\b(?P<m>{MONTH_NAME})(?:'s)? (?:one|delivery|deliveries|box|bag|coffee|shipment)\b|"
    rf"\b(?:skip (?:the )?|(?:in|for|during) )(?P<n>{MONTH_NAME})\b(?! \d)",
    re.I,
)
_LOOKAHEAD = 6  # deliveries searched for the month named


def later_delivery(step: Step, sub: SubscriptionPublic) -> str | None:
    """What to say when the skip asked is of a later delivery than the next one; None when the
    message names no later one, or more than one."""
    frequency = step.ctx.shop.frequencies().get(sub.frequency)
    next_day = sub.next_delivery_date
    if frequency is None or next_day is None:
        return None
    text = step.ctx.text
    following = [next_cycle(next_day, frequency, n) for n in range(1, _LOOKAHEAD + 1)]
    months = {month_of(m.group("m") or m.group("n")) for m in _MONTH.finditer(text)}
    months.discard(next_day.month)  # "i need the january bag": the next one, kept
    later = [d for d in following if d.month in months]
    if len(months) != 1 or not later:
        return None
    wanted = later[0]
    shop = step.ctx.shop
    return (
        f"I can only skip the next delivery, which is on {fmt.day(next_day)}, and I haven't "
        f"changed it. The one after it comes on {fmt.day(wanted)}"
        + (
            f": once the {fmt.short_day(next_day)} delivery has shipped it becomes the next "
            f"one, and you can skip it until {fmt.day(shop.last_change_day(wanted))} "
            f"({shop.change_cutoff_days} days before)."
            if wanted == following[0]
            else ". Skipping works one delivery at a time, so you can skip it when it is the "
            f"next one, until {fmt.day(shop.last_change_day(wanted))}."
        )
    )
