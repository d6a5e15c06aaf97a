"""The store's extended warranty plan as offered for one item: what it adds, for how much and
until when it can be bought."""

from __future__ import annotations

from assistant.commerce.schemas import WarrantyCoverage
from assistant.planner import fmt
from assistant.planner.kit import Step


def extended_text(step: Step, coverage: WarrantyCoverage | None, sku: str) -> str:
    """What the store's extended plan adds for ``sku``, its price and until when it can be
    bought (from the customer's own delivery when known), or that it is not offered."""
    shop = step.ctx.shop
    warranty = shop.policy.warranty
    name = warranty.extended_name or "An extended warranty"
    days = warranty.registration_window_days
    offer = coverage.extended_warranty if coverage is not None else None
    if offer is None:
        terms = shop.extended_offer(sku)
        if terms is None:
            return f"{name} isn't offered for the {shop.model(sku) or sku}."
        return (
            f"{name} adds {terms.extra_months} months of coverage for {fmt.money(terms.price)}; "
            f"it must be bought within {days} days of delivery and needs warranty registration."
        )
    if not offer.available:
        return (
            f"{name} can only be bought within {days} days of delivery, and that "
            f"window closed on {fmt.short_day(offer.buy_by)}."
        )
    includes = f", including {warranty.extended_includes}" if warranty.extended_includes else ""
    return (
        f"{name} adds {offer.extra_months} months for {fmt.money(offer.price)}{includes}; "
        f"you can buy it until {fmt.short_day(offer.buy_by)} (warranty registration is "
        "required first)."
    )
