""" "the booklet talks about a brush but there was no brush in my box?? did they forget it": a
part the customer cannot find in the box. When the product's own list of what is in the box
names it, the reply quotes that line (which often says where it sits: "clipped into the back of
the body"), before anything is sent again; a part the list does not name is left to the
answer from the documents (the list may say it is not included)."""

from __future__ import annotations

import re

from assistant.agent.messages import ModelTurn
from assistant.agent.tools import PassageOut
from assistant.planner.common import passages, source_label
from assistant.planner.kit import Step, call, say
from assistant.planner.resolve import needs_owned, resolve_sku
from assistant.planner.slots import Slots
from assistant.retrieval.bm25 import tokenize

# "there was no brush in my box", "the cable wasn't in the box", "didn't come with a brush":
# the part missed, named
MISSING = re.compile(
    r"\b(no|without( a| an| the| any)?|missing( a| an| the)?) (?P<a>[a-z][\w-]*)( [a-z][\w-]*)? "
    r"(in|from) (my|the|our) (box|package|packaging|parcel)\b|"
    r"\b(?P<b>[a-z][\w-]*) (wasn'?t|was not|isn'?t|is not|weren'?t|were not) in (the|my) "
    r"(box|package)\b|"
    r"\b(box|package|parcel) (had|has|came with) (no|without( a| an| the)?) (?P<c>[a-z][\w-]*)|"
    r"\b(didn'?t|did not) (come|arrive) with (a|an|the|any) (?P<d>[a-z][\w-]*)|"
    r"\b(can'?t|cannot|couldn'?t) find (the|a|my|any) (little |small |tiny )?(?P<e>[a-z][\w-]*)"
    r"(?=[^.?!]{0,60}\b(box|come with|came with|included|supposed to come|meant to come)\b)",
    re.I,
)
# the documents' list of what comes with it
_BOX_SECTION = re.compile(r"\b(in the box|box contents|what'?s included|package contents)\b", re.I)
_NOT_THE_PART = frozenset(tokenize("box package packaging parcel"))


def missing_part(step: Step, slots: Slots) -> ModelTurn | None:
    """The box list's line for the part the customer says was not in the box, or None."""
    text = step.ctx.text
    missed = MISSING.search(text)
    if missed is None:
        return None
    if needs_owned(step):
        return call(("list_owned_products", {}))
    sku = resolve_sku(step, slots)
    if sku is None:
        return None
    model = step.ctx.shop.model(sku) or sku
    query = f"{model} in the box"
    if not step.done.has("search_documents", query=query):
        return call(("search_documents", {"query": query, "k": 5, "product_sku": sku}))
    thing = next((t for t in missed.group("a", "b", "c", "d", "e") if t), "")
    asked = set(tokenize(thing)) - _NOT_THE_PART
    found = _box_line(passages(step, query), asked)
    if found is None:
        return None
    line, passage = found
    step.ctx.state.focus_sku = sku  # "how often do i clean it?" next is about it
    return say(
        f"It should be there: the list of what comes in the box names it ({source_label(passage)})"
        f":\n{line}\n\nIf it really isn't there, tell me and I'll pass it to our team to send "
        "one.",
        [passage.chunk_id],
    )


def _box_line(found: list[PassageOut], asked: set[str]) -> tuple[str, PassageOut] | None:
    """The line of a box list that names a word the customer used for the part."""
    for passage in found:
        if not _BOX_SECTION.search(passage.section or ""):
            continue
        for line in passage.text.splitlines():
            words = set(tokenize(line))
            if asked & words and not re.search(r"\bnot included\b", line, re.I):
                return line.strip().lstrip("-•* ").strip(), passage
    return None
