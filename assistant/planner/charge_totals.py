"""A charge that is more than the price the customer had in mind ("paypal took $95.60 for the cam
and the plug but 59.99 + 29.99 is 89.98"): when one of the customer's orders has that total and
the items' price is the other amount quoted, the order's own items, shipping and tax add up to
it, so the charge is explained from the store's record, not handed over as a dispute."""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.agent.messages import ModelTurn
from assistant.commerce.schemas import OrderPublic
from assistant.planner import fmt
from assistant.planner.kit import Step, one, say
from assistant.planner.next_delivery import next_delivery

TAX_Q = "how is sales tax added to an order"
POLICY_SUPPORT = 0.5
AMOUNT = re.compile(r"(?<![\d.])\$?\s?(\d{1,5}\.\d{2})\b")  # "$53.61", "121.85"
# "like 90 bucks", "$90": an amount in round dollars, which a price is near
_ROUGH = re.compile(r"\b(\d{1,5}) ?(?:bucks|dollars|usd)\b|\$(\d{1,5})\b(?![.,]\d)", re.I)
ROUGHLY = Decimal("1.00")
# the amount charged is set against another one the customer expected
_EXPECTED = re.compile(
    r"\b(overcharg\w*|i thought|thought (it|that|the)|expected|should (be|have been)|but|"
    r"more than|extra|instead of|is only|was only|only (costs?|is)|"
    r"when (it|they|the \w+) (is|are|was|were|costs?))\b",
    re.I,
)


_CHARGED = re.compile(
    r"\b(charg\w*|took|billed|debited|statement|bank|paypal|amex|visa|mastercard|card)\b", re.I
)


# "not sure what it's for", "is this $36.95 on my visa from you guys?": what a charge is
WHAT_FOR = re.compile(
    r"\b(what('?s| is| was)? (it|this|that)( charge)? for|not sure what|don'?t recogni[sz]e|"
    r"no (idea|clue) what|dunno what|idk what|(don'?t|do not) know what|"
    r"(don'?t|do not|can'?t) remember (buying|ordering|placing)|"
    r"what (is|was) (this|that|the)( \$?[\d.,]+)? charge|"
    r"didn'?t order|"
    r"don'?t think i ordered|can'?t (think|work out|figure out|remember) what|"
    r"what ((it|this|that) (would|could|might)|(would|could|might) (it|this|that)) be for|"
    r"is (this|that)\b.{0,50}\bfrom (you|your)\b|"
    r"(haven'?t|have not|did not|never) (ordered|bought|placed)|what (is|was) (this|that)\s*\?)",
    re.I,
)


def asks_what_charge(text: str) -> bool:
    """ "is this $36.95 on my visa from jan 14 from you guys? cant think what it would be for":
    an exact amount charged, and what it is for asked."""
    return bool(AMOUNT.search(text) and _CHARGED.search(text) and WHAT_FOR.search(text))


def compares_amounts(text: str) -> bool:
    """Two amounts or more, one set against the other ("$38.10 … i thought it was 34.99?")."""
    exact, rough = set(AMOUNT.findall(text)), _rough(text)
    return bool(exact) and len(exact) + len(rough) >= 2 and bool(_EXPECTED.search(text))


def _rough(text: str) -> set[Decimal]:
    return {Decimal(a or b) for a, b in _ROUGH.findall(text)}


def charge_compared(text: str) -> bool:
    """A charge set against the amount expected ("my amex shows $38.10 … i thought the 2 bag
    thing was 34.99?"): a billing question, whatever the router read."""
    return compares_amounts(text) and bool(_CHARGED.search(text))


# "I cancelled my subscription months ago and there's an $18.99 charge": charged after it ended
_ENDED_BEFORE = re.compile(
    r"\b(i|we) (already |had |have )?(cancell?ed|stopped|ended|unsubscribed|closed)\b|"
    # "That order (43910) was cancelled the same night … a posted charge": charged all the same
    r"\b(order|it|that)( \(?#?\d+\)?)? (was|got|has been) (cancell?ed|canceled)\b",
    re.I,
)
_A_CHARGE = re.compile(r"\b(charg(e|ed)|billed|debited|took)\b", re.I)


def charged_after_ending(text: str) -> bool:
    """A charge the customer says came after they cancelled: a billing dispute."""
    return bool(
        _ENDED_BEFORE.search(text)
        and _A_CHARGE.search(text)
        and (AMOUNT.search(text) or _ROUGH.search(text))
    )


def _expected(order: OrderPublic, amounts: set[str], rough: set[Decimal]) -> bool:
    """The customer quotes the order's items' price, exactly or in round dollars."""
    prices = {order.subtotal, *(line.unit_price for line in order.lines)}
    prices |= {line.line_total for line in order.lines}
    return any(f"{p:.2f}" in amounts or any(abs(p - r) <= ROUGHLY for r in rough) for p in prices)


def explained_total(step: Step, text: str) -> ModelTurn | None:
    """The verified customer's latest order whose total is the amount charged and whose items
    cost an amount the customer quotes, added up; None when no order fits (a real dispute)."""
    amounts, rough = set(AMOUNT.findall(text)), _rough(text)
    if not step.ctx.state.verified or not compares_amounts(text):
        return None
    orders = step.done.value("list_orders")
    if orders is None:
        return one("list_orders")
    fits = [
        o
        for o in orders
        if f"{o.total:.2f}" in amounts and o.total != o.subtotal and _expected(o, amounts, rough)
    ]
    if not fits:
        return None
    order = max(fits, key=lambda o: o.placed_at)
    step.ctx.state.focus_order = order.number
    nextly = next_delivery(step, {line.sku for line in order.lines})  # "…and the next one?"
    if isinstance(nextly, ModelTurn):
        return nextly
    if not step.done.has("search_documents", query=TAX_Q):
        return one("search_documents", query=TAX_Q, doc_type="policy", k=2)
    from assistant.planner.also import WHOLE_MESSAGE  # also.py reads this module's callers
    from assistant.planner.answers import best_answer
    from assistant.planner.common import passages, source_label

    found = passages(step, TAX_Q)
    answer = best_answer(TAX_Q, found) if order.tax else None
    if answer is None or answer.support < POLICY_SUPPORT:
        answer = None
    policy = f"\n\n{answer.text}\n\n(From {source_label(answer.passage)}.)" if answer else ""
    step.ctx.notes.append(WHOLE_MESSAGE)  # its other question is answered here, or not asked
    return say(
        f"That {fmt.money(order.total)} is order #{order.number} ({fmt.day(order.placed_at)}), "
        f"paid with {order.payment.display}: "
        f"items {fmt.money(order.subtotal)}, shipping {fmt.money(order.shipping)}, tax "
        f"{fmt.money(order.tax)} come to {fmt.money(order.total)}. The difference from the "
        f"price is the {'tax' if not order.shipping else 'shipping and tax'}, not an extra "
        f"charge.{policy}{nextly}\n\nIf something still doesn't add up, tell me and I'll pass "
        "it to a billing specialist.",
        [answer.passage.chunk_id] if answer else [],  # the policy quoted is cited
    )
