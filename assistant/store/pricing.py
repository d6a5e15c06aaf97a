"""Order totals: subtotal, shipping (by the store's policy), sales tax, total."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from assistant.store.policy import Shipping

CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Totals:
    subtotal: Decimal
    shipping: Decimal
    tax: Decimal
    total: Decimal


def order_totals(
    line_totals: Iterable[Decimal],
    method: str,
    tax_rate: Decimal,
    shipping: Shipping,
    *,
    free_shipping: bool = False,
) -> Totals:
    """Tax is charged on the merchandise subtotal; shipping follows the store's ``shipping``
    policy (``free_shipping``: e.g. subscription orders that always ship free)."""
    subtotal = money(sum(line_totals, Decimal("0")))
    cost = shipping.cost(subtotal, method, free_shipping=free_shipping)
    tax = money(subtotal * tax_rate)
    return Totals(subtotal, cost, tax, money(subtotal + cost + tax))
