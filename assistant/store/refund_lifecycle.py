"""How a return and its refund progress, by the store's policy (shared by the returns desk of
:mod:`assistant.commerce.returns_desk` and the demo generator's past returns).

    return  label_sent ──received──▶ received ──refund issued──▶ refunded
    refund  awaiting_return ───────▶ processing ───────────────▶ issued

When the parcel arrives, the refund is expected after the policy's inspection business days
plus its refund business days (``returns.refund_business_days``: from, to); once issued, after
the refund business days from the day it was sent. Days count in the store's time zone.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from decimal import Decimal

from assistant.store.calendar import add_business_days
from assistant.store.models import Order
from assistant.store.models_returns import Refund, ReturnRecord
from assistant.store.policy import StorePolicy
from assistant.store.policy_returns import ReturnReason, Returns
from assistant.store.pricing import money

ZERO = Decimal("0.00")


def expected_window(rules: Returns, start: date, after: int = 0) -> tuple[date | None, date | None]:
    """When the money should show: ``after`` business days, then the policy's refund days."""
    days = rules.refund_business_days
    if days is None:
        return None, None
    return add_business_days(start, after + days[0]), add_business_days(start, after + days[1])


def mark_received(
    record: ReturnRecord, refunds: list[Refund], rules: Returns, at: datetime, tz: tzinfo
) -> None:
    """The parcel reached the store: its refunds start processing, with expected dates."""
    record.status, record.received_at = "received", at
    day = at.astimezone(tz).date()
    for refund in refunds:
        if refund.status == "awaiting_return":
            refund.status = "processing"
            refund.expected_from, refund.expected_to = expected_window(
                rules, day, rules.inspection_business_days
            )


def mark_refunded(
    record: ReturnRecord, refunds: list[Refund], rules: Returns, at: datetime, tz: tzinfo
) -> None:
    """The inspected return's refunds were sent to the customer's payment method."""
    record.status = "refunded"
    day = at.astimezone(tz).date()
    for refund in refunds:
        if refund.status == "processing":
            refund.status, refund.issued_at = "issued", at
            refund.expected_from, refund.expected_to = expected_window(rules, day)


def refund_parts(
    policy: StorePolicy,
    order: Order,
    items: Decimal,
    reason: ReturnReason,
    *,
    whole_order: bool,
    shipping_refunded: bool,
) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """Items, their tax, the shipping refund (the policy's rule, once per order) and the
    reason's fee."""
    items = money(items)
    rule = policy.returns.shipping_refund
    refund_shipping = (
        rule == "always"
        or (rule == "our_error" and reason.our_error)
        or (rule == "our_error_whole_order" and reason.our_error and whole_order)
    ) and not shipping_refunded
    shipping = order.shipping if refund_shipping else ZERO
    if policy.tax.included_in_prices:
        tax = ZERO
    else:
        taxed = items + (shipping if policy.tax.basis == "subtotal_and_shipping" else ZERO)
        tax = min(money(taxed * order.tax_rate), order.tax)
    return items, tax, shipping, policy.returns.fee(reason)
