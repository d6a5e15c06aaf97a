""" "how much would 3 bags be each time?": what a subscription plan costs, from the store's own
plans (its policy file), never a document's example: the plan of the quantity named, its price
per delivery and per unit; every plan when the quantity named is none of them."""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.agent.confirm import NUMBER_WORDS
from assistant.planner import fmt
from assistant.store.policy import Subscriptions

_PRICE_ASKED = re.compile(
    r"\b(how much|price|prices|cost|costs|pay|charged?|what would (it|that|i) (be|cost|pay))\b",
    re.I,
)


# "want to go down to 2 bags", "change my plan to 2 bags instead of 3": the new plan's price
_SIZE_CHANGE = re.compile(
    r"\b(go(ing)? (down|up)|drop(ping)?|cut(ting)? (back|down)|switch\w*|chang\w*|reduc\w*|"
    r"downgrad\w*|upgrad\w*|instead of)\b",
    re.I,
)


def plan_price_line(
    text: str, subscriptions: Subscriptions | None, current: int | None = None
) -> str:
    """The price line for the plan ``text`` asks about; "" when it asks no price of a number of
    the subscription's unit ("3 bags"), or of one more than the ``current`` plan has ("can i add
    a decaf bag… how much would it be"), or the store has no plans."""
    asked = _PRICE_ASKED.search(text) or _SIZE_CHANGE.search(text)
    if subscriptions is None or not subscriptions.plans or not asked:
        return ""
    unit = subscriptions.unit
    if not unit:
        return ""
    unit_word = rf"{re.escape(unit)}(?:e?s)?\b"
    number = rf"(\d{{1,2}}|{'|'.join(NUMBER_WORDS)})"
    # "3 bags a month is too much… go down to 2 bags": the plan asked for, after "to"
    named = re.search(rf"\b(?:to|just|only)\s+{number}\s+{unit_word}", text, re.I) or re.search(
        rf"\b{number}\s+(?:more\s+|extra\s+)?{unit_word}", text, re.I
    )
    more = re.search(
        rf"\b(add|adding|another|one more|extra)\s+(an? )?(\w+\s+)?{unit_word}", text, re.I
    )
    if named is not None:
        count = int(NUMBER_WORDS.get(named.group(1).lower(), named.group(1)))
    elif more is not None and current is not None:
        count = current + 1
    else:
        return ""
    plans = sorted(subscriptions.plans, key=lambda p: p.quantity)
    plan = next((p for p in plans if p.quantity == count), None)
    free = ", shipping included" if subscriptions.ship_free else ""
    if plan is None:
        listed = "; ".join(f"{p.name}: {fmt.money(p.price)}" for p in plans)
        return f"Our plans per delivery: {listed}{free}."
    each = (plan.price / Decimal(plan.quantity)).quantize(Decimal("0.01"))
    per_unit = f", about {fmt.money(each)} a {unit}" if plan.quantity > 1 else ""
    return f"{plan.name}: {fmt.money(plan.price)} per delivery{per_unit}{free}."
