from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.settings import Settings
from assistant.store.policy import PolicyError, StorePolicy, load_policy, parse_policy
from assistant.store.types import OrderStatus

DEMO = Path(Settings().store_policy_path)


def _demo_data() -> dict[str, Any]:
    data = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_demo_policy_loads() -> None:
    policy = load_policy(DEMO)
    assert isinstance(policy, StorePolicy)
    assert policy.currency == "USD" and policy.returns.window_days == 30
    assert policy.shipping.cost(Decimal("80.00"), "standard") == Decimal("0.00")
    assert policy.shipping.cost(Decimal("20.00"), "standard") == Decimal("5.99")
    assert policy.shipping.cost(Decimal("500.00"), "express") == Decimal("14.99")
    assert policy.tax.rate("ny") == Decimal("0.08875") and policy.tax.rate("ZZ") == 0
    assert policy.orders.cancellable_states == [OrderStatus.PLACED]
    assert policy.subscriptions is not None and policy.subscriptions.change_cutoff_days == 2
    assert policy.warranty.months_for("kitchen") == 24
    assert policy.warranty.months_for("anything-else") == policy.warranty.default_months
    assert policy.handover.order_value == Decimal("1000.00")


def _error(data: dict[str, Any]) -> str:
    with pytest.raises(PolicyError) as err:
        parse_policy(data)
    return str(err.value)


def test_errors_name_the_field() -> None:
    data = _demo_data()
    data["shipping"]["methods"][1]["price"] = "cheap"
    assert _error(data).startswith("store.yaml: shipping.methods[1].price: ")


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.pop("currency"), "store.yaml: currency: Field required"),
        (lambda d: d.update(timezone="Mars/Base"), "store.yaml: timezone: "),
        (lambda d: d["returns"].update(window_days=-1), "store.yaml: returns.window_days: "),
        (lambda d: d["orders"].update(number_pattern="(["), "store.yaml: orders.number_pattern"),
        (lambda d: d["orders"].update(number_example="X1"), "store.yaml: orders: "),
        (lambda d: d["shipping"].update(default_method="drone"), "store.yaml: shipping: "),
        (lambda d: d.update(colour="red"), "store.yaml: colour: Extra inputs"),
        (
            lambda d: d["orders"].update(cancellable_states=["lost"]),
            "store.yaml: orders.cancellable_states[0]: ",
        ),
    ],
)
def test_each_kind_of_mistake_is_reported(change: Any, where: str) -> None:
    data = _demo_data()
    change(data)
    assert where in _error(data)


def test_a_missing_or_broken_file_is_a_policy_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read"):
        load_policy(tmp_path / "nope.yaml")
    broken = tmp_path / "store.yaml"
    broken.write_text("name: [unclosed", encoding="utf-8")
    with pytest.raises(PolicyError, match="not valid YAML"):
        load_policy(broken)
    broken.write_text("- a list", encoding="utf-8")
    with pytest.raises(PolicyError, match="top level"):
        load_policy(broken)
