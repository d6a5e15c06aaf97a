""" "24.4 cm, which size?": the row of the store's size chart for a measurement the customer
gives, searched for across the chart (every variant's row, any product)."""

from __future__ import annotations

import re

from assistant.agent.messages import ModelTurn
from assistant.planner.common import passages, source_label
from assistant.planner.kit import Step, call, say
from assistant.planner.measures import describe, is_table_row, lookup, measurement

CHART_K = 8  # size-chart rows around a measurement (the search tool returns 8 at most)
_BETWEEN_SIZES = re.compile(
    r"\b(size (up|down)|up or down|between (two )?sizes|in between sizes|half (a )?size "
    r"(up|down|bigger|smaller))\b",
    re.I,
)


def size_chart_answer(step: Step, text: str, sku: str | None) -> ModelTurn | None:
    """ "24.4 cm, which size?": the size chart's row for the products the question names (a
    search first); None without a measurement or without the row."""
    measure = measurement(text)
    if measure is None or _BETWEEN_SIZES.search(text):
        return None  # "…a 7 but sometimes a 7.5, size up or down?": the guide's advice
    shop = step.ctx.shop
    named = [s for s in (*shop.mentions(text), sku) if s]
    chart = measure.query_for([i.name for s in named if (i := shop.item(s)) is not None])
    if not step.done.has("search_documents", query=chart):
        return call(("search_documents", {"query": chart, "k": CHART_K}))  # every variant's row
    row = lookup(measure, passages(step, chart))
    table = next((p.source for p in passages(step, chart) if is_table_row(p, measure)), None)
    if row is None and measure.system and table is not None:  # "UK 6": the chart's other rows
        rows_q = measure.row_query
        if not step.done.has("search_documents", query=rows_q, source=table):
            return call(("search_documents", {"query": rows_q, "source": table, "k": CHART_K}))
        row = lookup(measure, passages(step, rows_q))
    if row is None:
        return None
    return say(
        f"{describe(measure, row)}\n\n(From {source_label(row.passage)}.)",
        [row.passage.chunk_id],
    )


_ASKS_A_SIZE = re.compile(r"\b(which|what) (\w+ ){0,2}size\b", re.I)


_SYSTEM_NAMED = re.compile(r"\b(m[ae]n'?s|wom[ae]n'?s|ladies|kids?|uk|eu|us|europ\w*)\b", re.I)
_NUMBER = re.compile(r"(?<![\d.,])\d{1,2}(?:[.,]5)?(?![\d.,]*\d)")


def told_size(step: Step, text: str) -> str:
    """ "which US size should I get?" after "she wears a 39 in European size" in the same
    message: the question with the size it was told beside it; ``text`` when it has its own.
    "and her daughter? 37.5" after that question: the question again with the new size."""
    other = _another_size(step, text)
    if other is not None:
        return other
    whole = step.ctx.full_text
    if not whole or measurement(text) is not None or measurement(whole) is None:
        return text
    return whole if _ASKS_A_SIZE.search(text) else text


def _another_size(step: Step, text: str) -> str | None:
    """The question a follow-up is read with (``text``), its size replaced by the bare number
    the follow-up gives; None when the follow-up gives none or a measurement of its own."""
    focus = next((n[6:] for n in step.ctx.notes if n.startswith("focus:")), None)
    told = _NUMBER.findall(focus) if focus else []
    if (
        focus is None
        or len(told) != 1
        or measurement(focus) is not None
        or _SYSTEM_NAMED.search(focus)  # "oh wait, he's a men's 7": another column, not a size
    ):
        return None
    asked = text[: len(text) - len(focus)] if text.endswith(focus) else text
    before = measurement(asked)
    if before is None or not before.system:
        return None
    old = f"{before.value:g}"
    if not re.search(rf"(?<![\d.]){re.escape(old)}(?![\d.]*\d)", asked):
        return None
    return re.sub(rf"(?<![\d.]){re.escape(old)}(?![\d.]*\d)", told[0], asked, count=1)
