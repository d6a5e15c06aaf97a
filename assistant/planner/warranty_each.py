""" "How long is each of them under warranty?" about a camera and a memory card bought together:
the coverage of every other product the message names that the customer owns, one line each,
after the first product's full terms."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.agent.messages import ModelTurn
from assistant.planner.kit import Step
from assistant.planner.resolve import owned_products

# the question is about every product named, not only the first
_EACH = re.compile(r"\b(each|both|all (of )?(them|those|these|three|two)|either|every one)\b", re.I)


def other_coverages(
    step: Step, named: Sequence[str], sku: str
) -> tuple[ModelTurn | None, list[str]]:
    """The coverage sentences of the other owned products ``named`` when ``each`` is asked; a
    tool call first when one is not looked up yet."""
    from assistant.planner.own_warranty import coverage_sentence  # both build on warranty
    from assistant.planner.warranty import item_coverage

    if not _EACH.search(step.ctx.text):
        return None, []
    mine = {p.sku for p in owned_products(step) or []}
    lines: list[str] = []
    for other in dict.fromkeys(s for s in named if s != sku and s in mine):
        pending, coverage = item_coverage(step, other)
        if pending is not None:
            return pending, []
        if said := coverage_sentence(coverage):
            lines.append(said)
    return None, lines
