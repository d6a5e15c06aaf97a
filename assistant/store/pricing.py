"""Order totals: subtotal, shipping (free over the threshold), sales tax, total."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from assistant.catalog import EXPRESS_SHIPPING, FREE_SHIPPING_THRESHOLD, STANDARD_SHIPPING

CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Totals:
    subtotal: Decimal
    shipping: Decimal
    tax: Decimal
    total: Decimal


def shipping_cost(subtotal: Decimal, method: str, *, free_shipping: bool = False) -> Decimal:
    if method == "express":
        return EXPRESS_SHIPPING
    if free_shipping or subtotal >= FREE_SHIPPING_THRESHOLD:
        return Decimal("0.00")
    return STANDARD_SHIPPING


def order_totals(
    line_totals: Iterable[Decimal], method: str, tax_rate: Decimal, *, free_shipping: bool = False
) -> Totals:
    """Tax is charged on the merchandise subtotal; Coffee Club orders ship free."""
    subtotal = money(sum(line_totals, Decimal("0")))
    shipping = shipping_cost(subtotal, method, free_shipping=free_shipping)
    tax = money(subtotal * tax_rate)
    return Totals(subtotal, shipping, tax, money(subtotal + shipping + tax))
