"""A subscription plan's price comes from the store's plans, for the quantity asked about."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.planner.plan_price import plan_price_line
from assistant.store.policy import SubscriptionPlan, Subscriptions
from tests.support import pack_view


def _subscriptions() -> Subscriptions:
    subscriptions = pack_view().policy.subscriptions
    assert subscriptions is not None and subscriptions.unit
    return subscriptions


def test_the_plan_of_the_quantity_asked_with_its_price_per_unit() -> None:
    subscriptions = _subscriptions()
    plan = max(subscriptions.plans, key=lambda p: p.quantity)
    unit = subscriptions.unit
    line = plan_price_line(f"how much would {plan.quantity} {unit}s be each time?", subscriptions)
    assert line.startswith(f"{plan.name}: ${plan.price:.2f} per delivery")
    each = (plan.price / plan.quantity).quantize(Decimal("0.01"))
    assert f"about ${each:.2f} a {unit}" in line


def test_a_quantity_no_plan_has_lists_the_plans() -> None:
    subscriptions = _subscriptions()
    line = plan_price_line(f"what would i pay for 9 {subscriptions.unit}s?", subscriptions)
    assert line.startswith("Our plans per delivery:")
    assert all(p.name in line for p in subscriptions.plans)


@pytest.mark.parametrize(
    "text",
    [
        "can i get 3 bags every month?",  # no price asked
        "how much is shipping?",  # no quantity of the unit
        "how much coffee is in 2 scoops",
    ],
)
def test_no_line_without_a_price_of_a_quantity(text: str) -> None:
    assert plan_price_line(text, _subscriptions()) == ""


def test_no_plans_no_line() -> None:
    bare = Subscriptions.model_validate(
        {**_subscriptions().model_dump(), "plans": [], "unit": "box"}
    )
    assert plan_price_line("how much are 2 boxes?", bare) == ""  # no plans at all
    one = bare.model_copy(
        update={
            "plans": [SubscriptionPlan(name="One box", quantity=1, price=Decimal("9.50"))],
            "ship_free": False,
        }
    )
    assert plan_price_line("how much is one box?", one) == "One box: $9.50 per delivery."
