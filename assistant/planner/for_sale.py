""" "do you sell something to clean it?", "do you sell new ones?": when the documents' answer
names a product the store sells that the customer does not own (or the question names one: "do
you sell a grinder"), the first one follows the answer with its catalogue name and price (the
catalogue's price, never a document's)."""

from __future__ import annotations

import re

from assistant.planner import fmt
from assistant.planner.kit import Step
from assistant.planner.phrase_match import sentence_around
from assistant.planner.plan_price import plan_price_line
from assistant.planner.resolve import owned_products
from assistant.planner.shopview import ShopView
from assistant.planner.vocabulary import words

SELL = re.compile(
    r"\b((do|does) (you|u|y'?all|the store|your store) (guys )?(sell|carry|have|stock|offer)|"
    r"(can|could) i (buy|order|get) (one|them|it|new|a|an|some|replacement|spare)|"
    r"where (can|do|could) i (buy|get|order)|(sell|carry) (new|replacement|spare)s?|"
    r"(which|what) (\w+ ){0,2}(do|should|would) (i|we) (buy|order))\b",  # "which ones do i buy"
    re.I,
)


_UNFIT = re.compile(
    r"\b((do|does|will|would|can)( not|n'?t)|cannot|won'?t) (fit|work|be used)\b|"
    r"\bnot (compatible|supported|recogni[sz]ed|suitable)\b",
    re.I,
)


def price_lines(step: Step, answer_text: str) -> str:
    """The line naming what the answer names that the store sells, with its price; "" when the
    customer did not ask whether the store sells it, or the answer names nothing for sale.
    "how much would 3 bags be?": the price of the subscription plan asked about."""
    sell = SELL.search(step.ctx.text)
    if sell is None:
        return plan_price_line(step.ctx.text, step.ctx.shop.policy.subscriptions)
    mine = {p.sku for p in owned_products(step) or []}
    shop = step.ctx.shop
    vocab = shop.vocabulary
    spans = vocab.spans(answer_text)
    # "the CR2032 coin battery … a leaking battery": that noun is another model's all along
    other = {sku for at, _, sku in spans if _another_model(answer_text[:at], sku, shop)}
    focus = step.ctx.state.focus_sku  # "The camera records…" in the indoor cam's manual: itself
    other |= {
        sku
        for at, end, sku in spans
        if (focus and sku != focus and vocab.could_be(focus, answer_text[at:end]))
        or _UNFIT.search(sentence_around(answer_text, at))  # "Full-size SD cards do not fit"
    }
    said = set(shop.mentions(step.ctx.text))  # "…toward the lens side": a word, not a product
    other |= (vocab.by_kind_only(answer_text) | vocab.by_a_part_word(answer_text)) - said
    tail = step.ctx.text[sell.end() :]  # "…a grinder"; not "a spare battery for the rs 2 remote"
    if _ONE.match(tail) and not shop.mentions(tail):  # "i want a spare battery…, where do i get
        tail = re.split(r"[.!?]", step.ctx.text[: sell.start()])[-1] + tail  # one": named before
    parts = vocab.by_a_part_word(tail)  # "…sell the replacement burrs": the grinder's part
    named = [s for s in shop.mentions(tail) if s not in parts]
    kinds = vocab.by_kind_only(tail)
    asked = [s for s in named if not (s in kinds and len(named) > 1)]
    # "do you sell a grinder": the one asked, owned or not ("new ones": the answer's, not owned)
    asked = [s for s in asked if s not in mine] or asked
    sold = next(
        (s for s in [*asked, *(s for _, _, s in spans if s not in other | mine)] if shop.item(s)),
        None,
    )
    item = shop.item(sold)
    return f"We sell the {item.name} for {fmt.money(item.price)}." if item else ""


# "…where do i get one": the thing is named before the question
_ONE = re.compile(r"^\W*(one|ones|them|it|some|those|these)\b", re.I)


def _another_model(before: str, sku: str, shop: ShopView) -> bool:
    """ "the CR2032 coin battery": a model code just before the noun that is not this product's
    names another product, one the store does not sell."""
    own = set(words(f"{shop.name(sku)} {shop.model(sku)}"))
    near = words(before)[-2:]
    return any(
        any(c.isdigit() for c in w) and any(c.isalpha() for c in w) and w not in own for w in near
    )
