""" "How long is each of them under warranty?" about a camera and a memory card bought together:
the coverage of every other product the message names that the customer owns, one line each,
after the first product's full terms."""

from __future__ import annotations

import re

from assistant.agent.messages import ModelTurn
from assistant.commerce.schemas import WarrantyCoverage
from assistant.planner import fmt
from assistant.planner.kit import Step
from assistant.planner.resolve import owned_products
from assistant.planner.slots import Slots

# the question is about every product named, not only the first
_EACH = re.compile(r"\b(each|both|all (of )?(them|those|these|three|two)|either|every one)\b", re.I)


def coverage_line(c: WarrantyCoverage) -> str:
    """One product's coverage in a sentence (the dates worked out from its delivery)."""
    if c.status == "none":
        return f"The {c.product_name} has no hardware warranty."
    start = fmt.short_day(c.starts_on) if c.starts_on else "delivery"
    end = fmt.dated(c.ends_on) if c.ends_on else "—"
    left = f"{c.days_remaining} days left" if c.status == "active" else f"status: {c.status}"
    return (
        f"Your {c.product_name} (order #{c.order_number}) has a {c.warranty_months}-month "
        f"warranty from delivery: it runs from {start} to {end} ({left})."
    )


def other_coverages(step: Step, slots: Slots, sku: str) -> tuple[ModelTurn | None, list[str]]:
    """The coverage lines of the other owned products named when ``each`` is asked; a tool call
    first when one is not looked up yet."""
    from assistant.planner.warranty import item_coverage

    if not _EACH.search(step.ctx.text):
        return None, []
    mine = {p.sku for p in owned_products(step) or []}
    lines: list[str] = []
    for other in dict.fromkeys(s for s in slots.skus if s != sku and s in mine):
        pending, coverage = item_coverage(step, other)
        if pending is not None:
            return pending, []
        if coverage is not None:
            lines.append(coverage_line(coverage))
    return None, lines
