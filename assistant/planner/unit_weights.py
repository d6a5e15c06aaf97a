"""How much each reason counts when the planner picks the line that answers a question.

:func:`assistant.planner.answers.best_answer` describes every candidate line (a sentence, a
step, a table row of a retrieved passage) by the features below; the line with the highest
weighted sum is the answer. The weights are data about the method, not about a store."""

from __future__ import annotations

from collections.abc import Mapping

WEIGHTS: dict[str, float] = {
    "lexical": 1.0,  # the question's words in the line or its heading, idf-weighted share
    "rank": 1.0,  # 1 / (2 + the passage's rank in the search)
    "owned": 0.5,  # the passage is about the customer's product
    "code": 1.0,  # +0.5 the section names the model code asked, -0.5 it does not
    "mismatch": -0.4,  # a fault question and a how-to section, or the other way round
    "code_in_line": 0.5,  # the line names the model code asked
    "focus": 1.0,  # share of a follow-up's new words in the line
    "meta": -0.5,  # "This guide covers…"
    "verdict": 0.3,  # "may I…?" and a line that says yes or no
    "kind": 0.6,  # the kind of thing asked: a duration, a temperature, a place…
    "measure": 0.3,  # more for the very unit asked ("how long is it good opened": in weeks)
    "semantic": 2.0,  # the question's cosine to the line, when they share a word
    "semantic_unmatched": 1.5,  # the same when they share none
    "row_key": 0.6,  # a table row whose first cell is what the question names
    "how_to_step": 0.3,  # a how-to question and a numbered step
}


def weigh(features: Mapping[str, float]) -> float:
    """The line's score: its features times their weights."""
    return sum(WEIGHTS[name] * value for name, value in features.items())
