""" "the display shows E3": a code the customer quotes that no section found is about is
searched for on its own, so its section can answer (troubleshooting and product questions)."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.agent.tools import PassageOut
from assistant.planner.common import passages
from assistant.planner.kit import Step
from assistant.planner.question_words import identifiers, shown_words
from assistant.planner.shopview import ShopView
from assistant.retrieval.bm25 import tokenize

_SERIAL = re.compile(r"\b[A-Za-z]{1,4}\d*-\d{4,}\b")  # a serial number: no code shown
_TIME = re.compile(r"\b\d{1,2}(:\d{2})?\s?[ap]\.?m\b\.?", re.I)  # "at 7am", "5:30am": a time
# "like 150g", "a 128gb card", "10%": an amount, not a code shown
_AMOUNT = re.compile(
    r"\b\d+(\.\d+)?\s?(g|kg|mg|ml|l|oz|lb|lbs|gb|tb|mb|mm|cm|m|ft|in|w|v|mah|%)(?!\w)", re.I
)


def _codes_said(step: Step) -> set[str]:
    """The codes in the customer's words; a serial number ("CK17-031562"), a time of day
    ("made it at 7am") or an amount ("like 150g") is none."""
    return identifiers(_AMOUNT.sub(" ", _TIME.sub(" ", _SERIAL.sub(" ", step.ctx.text))))


@lru_cache(maxsize=8)
def _model_codes(shop: ShopView) -> frozenset[str]:
    """The codes in the store's model names, worked out once per store view (not per turn)."""
    return frozenset(c for i in shop.items() for c in identifiers(i.model))


def _quoted(step: Step, sku: str) -> set[str]:
    """The codes the customer quotes, not the product's own name or model code, nor another
    product's the message names ("will my <camera> go in…" about a bag: no code)."""
    shop = step.ctx.shop
    naming: set[str] = set()
    for named in {sku, *shop.mentions(step.ctx.text)}:
        item = shop.item(named)
        naming |= set(tokenize(f"{item.name} {item.model}")) if item else set()
    # "my <camera> batteries…": a code in any product's model name names it, no code shown
    naming |= _model_codes(shop)
    # "my velo 3s": the name's own number, in the plural
    return {c for c in _codes_said(step) - naming if not (c[-1] == "s" and c[:-1] in naming)}


def about_a_quoted_code(step: Step, sku: str, passage: PassageOut) -> bool:
    """``passage`` is the section about a code the customer quotes ("E3: Base connection")."""
    return bool(_quoted(step, sku) & identifiers(passage.section))


def code_query(step: Step, sku: str, main_q: str, shown: bool = False) -> str | None:
    """ "my kettle shows E3": when the main search found no section named after the code the
    customer quotes (not the product's own model code), a search for the code itself; with
    ``shown``, a word shown on the display ("…says HOT") too."""
    if not step.done.has("search_documents", query=main_q):
        return None
    item = step.ctx.shop.item(sku)
    naming = set(tokenize(f"{item.name} {item.model}")) if item else set()
    codes = _quoted(step, sku)
    # "HOT": no digit, a common word
    words = shown_words(step.ctx.text) - naming - codes if shown else set()
    if not (codes or words) or any(codes & identifiers(p.section) for p in passages(step, main_q)):
        return None
    if not codes:
        model = step.ctx.shop.model(sku) or sku
        return f"{model}: the display shows {' '.join(sorted(words)).upper()}"
    return f"{' '.join(sorted(codes)).upper()} error"  # scoped to the product already


def code_first(step: Step, code_q: str, found: list[PassageOut]) -> list[PassageOut]:
    """``found`` with the code search's passages that are about a quoted code first."""
    codes = _codes_said(step)
    hits = [p for p in passages(step, code_q) if codes & identifiers(p.section)]
    ids = {p.chunk_id for p in hits}
    return [*hits, *(p for p in found if p.chunk_id not in ids)]
