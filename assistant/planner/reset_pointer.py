""" "I changed the Wi-Fi password … how do I get it working again?" answered by "If you changed
the Wi-Fi name or password, reset the plug and set it up again": the line whose condition is what
the customer told sends them to a reset, so the reset's own steps follow it (from the same
product's documents), instead of leaving them to find that section."""

from __future__ import annotations

import re

from assistant.agent.messages import ModelTurn
from assistant.planner.answers import Answer
from assistant.planner.common import passages, shown_text, source_label, steps_of
from assistant.planner.kit import Step, call
from assistant.planner.sections import told_case
from assistant.retrieval.bm25 import tokenize

_RESETS = re.compile(r"\breset (the|your|it|them)\b", re.I)
_NUMBERED = re.compile(r"^\s*(\d+[.)]|[-•*])\s*")


def pointed_reset(step: Step, answer: Answer) -> ModelTurn | tuple[str, str] | None:
    """The reset procedure (its text and chunk) when a line of ``answer`` whose condition the
    customer told says to reset the product; the search for it first; None otherwise."""
    sku = step.ctx.state.focus_sku
    if sku is None or sku not in answer.passage.skus:
        return None
    told = set(tokenize(step.ctx.text))
    lines = (_NUMBERED.sub("", ln) for ln in answer.text.splitlines())
    if not any(_RESETS.search(ln) and told_case(ln, told) for ln in lines):
        return None
    query = f"{step.ctx.shop.model(sku) or sku} reset"
    if not step.done.has("search_documents", query=query):
        return call(("search_documents", {"query": query, "product_sku": sku, "k": 3}))
    how = next(
        (
            p
            for p in passages(step, query)
            if sku in p.skus
            and "reset" in p.section.lower()
            and steps_of(p)
            and p.chunk_id not in answer.chunk_ids
        ),
        None,
    )
    if how is None:
        return None
    return f"How to reset it ({source_label(how)}):\n{shown_text(how.text)}", how.chunk_id


# "2. Use the heel lock (see Lacing techniques).", "Descale the kettle (section 7)": a line that
# sends the reader to a section, by its heading or its number
_SEE = re.compile(
    r"\((see (?P<heading>[A-Z][^)]{2,60})|(see )?section (?P<number>\d{1,2}))\)", re.I
)
_GENERIC_STEP = frozenset(tokenize("use try the a an your it them see for with"))


def pointed_section(step: Step, answer: Answer) -> ModelTurn | tuple[str, str] | None:
    """The part of the section a line of ``answer`` points to ("Use the heel lock (see Lacing
    techniques)"), when the customer's words meet that line: its text and chunk, the search
    for it first, or None."""
    sku = step.ctx.state.focus_sku
    if sku is None or sku not in answer.passage.skus:
        return None
    told = set(tokenize(step.ctx.text))
    for line in answer.text.splitlines():
        seen = _SEE.search(line)
        if seen is None:
            continue
        pointed = set(tokenize(_NUMBERED.sub("", line[: seen.start()]))) - _GENERIC_STEP
        if not pointed & told:
            continue
        number = seen.group("number")
        heading = (seen.group("heading") or "").strip()
        query = f"{step.ctx.shop.model(sku) or sku}: {heading} {' '.join(sorted(pointed))}"
        if not step.done.has("search_documents", query=query):
            return call(("search_documents", {"query": query, "product_sku": sku, "k": 4}))
        found = [
            p
            for p in passages(step, query)
            if (
                p.section.startswith(f"{number}. ") and p.source == answer.passage.source
                if number
                else heading.lower() in p.section.lower()
            )
            and p.chunk_id not in answer.chunk_ids
            and pointed & set(tokenize(p.text))
        ]
        if not found:
            return None
        best = max(found, key=lambda p: len(pointed & set(tokenize(p.section))))
        name = best.section.rsplit(" > ", 1)[-1]
        return f"{name} ({source_label(best)}):\n{shown_text(best.text)}", best.chunk_id
    return None
