"""The verified customer's own warranty on an item they own, for answers that add it ("…is it
covered?", "and if that doesnt fix it?"): the calls that look it up, and its one-line dates."""

from __future__ import annotations

from assistant.agent.messages import ModelTurn
from assistant.commerce.schemas import WarrantyCoverage
from assistant.planner import fmt
from assistant.planner.kit import Step, one
from assistant.planner.resolve import NEEDS_OWNED, needs_owned, orders_for
from assistant.planner.warranty import item_coverage


def owners_coverage(step: Step, sku: str) -> tuple[ModelTurn | None, WarrantyCoverage | None]:
    """The call still needed (what they own, then the coverage), or the coverage of ``sku`` on
    the customer's own order; (None, None) when not verified or not theirs."""
    if not step.ctx.state.verified:
        return None, None
    if needs_owned(step):
        return one(NEEDS_OWNED), None
    if not orders_for(step, sku):
        return None, None
    return item_coverage(step, sku)


def coverage_line(cover: WarrantyCoverage) -> str | None:
    """ "your … (order #…) has a 12-month warranty that runs until May 26, 2026", or that it
    ended, or that it starts on delivery; None for an item with no warranty."""
    own = f"your {cover.product_name} (order #{cover.order_number})"
    months = f"{fmt.term(cover.warranty_months)} warranty"
    if cover.status == "active" and cover.ends_on is not None:
        return f"{own} has a {months} that runs until {fmt.dated(cover.ends_on)}"
    if cover.status == "expired" and cover.ends_on is not None:
        return f"{own} is out of warranty: its {months} ended on {fmt.dated(cover.ends_on)}"
    if cover.status == "not_started":
        return f"{own} has a {months} that starts when it is delivered"
    return None


def coverage_sentence(cover: WarrantyCoverage | None) -> str:
    """:func:`coverage_line` of an active or ended warranty as a sentence of its own; ""
    otherwise."""
    line = coverage_line(cover) if cover and cover.status in ("active", "expired") else None
    return f"{line[0].upper()}{line[1:]}." if line else ""
