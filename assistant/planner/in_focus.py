"""Products a message names that stand for the one in focus: what it is used for ("i boiled it
… for my coffee"), or an accessory of another make tried with it ("can i borrow the sd card
from my camera bag?" about an indoor camera)."""

from __future__ import annotations

import re

from assistant.planner.kit import Step
from assistant.planner.slots import Slots

_FOR_ITS_USE = re.compile(r"\bfor (my|the|our|her|his|their)\s*$", re.I)
_IT = re.compile(r"\b(it|them)\b", re.I)


def what_it_is_for(step: Step) -> bool:
    """ "i boiled it 5 min ago for my coffee. how do i keep it hot": the products named only by
    what they are, as what "it" (the one in focus) is used for."""
    text, vocab = step.ctx.text, step.ctx.shop.vocabulary
    kinds, spans = vocab.by_kind_only(text) | vocab.by_brand_only(text), vocab.spans(text)
    return (
        bool(spans)
        and _IT.search(text) is not None
        and all(sku in kinds and _FOR_ITS_USE.search(text[:start]) for start, _, sku in spans)
    )


# "can i just borrow the sd card from my camera bag", "where do i get one of those cards?"
_USE_WITH = re.compile(
    r"\b(use|borrow|put|take|swap|stick|pop|reuse)\b|"
    r"\bwhere (do|can|could) (i|we) (get|buy|find)\b",
    re.I,
)


def used_with_it(step: Step, slots: Slots) -> bool:
    """Accessories of another make named only by what they are, asked to be used with (or got
    for) the product in focus: that product's documents say whether they fit it."""
    shop, focus, text = step.ctx.shop, step.ctx.state.focus_sku, step.ctx.text
    if focus is None or shop.is_accessory(focus) or not _USE_WITH.search(text):
        return False
    kinds = shop.vocabulary.by_kind_only(text)
    return bool(slots.skus) and all(
        s in kinds and shop.is_accessory(s) and not shop.same_brand(s, focus) for s in slots.skus
    )
