"""When the customer says they ordered: a day or a month, in the languages read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from assistant.planner.order_dates import PlacedOn, placed_on


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("where is my package? I ordered on January 15", PlacedOn(1, 15)),
        ("Ich habe am 15. Januar bestellt", PlacedOn(1, 15)),
        ("mi pedido del 3 de enero no llega", PlacedOn(1, 3)),
        ("the order from Dec 3rd", PlacedOn(12, 3)),
        ("what was in my december order", PlacedOn(12)),
        ("will it arrive by jan 20", None),  # a delivery date, nothing about ordering
        ("I may order more later", None),
        ("ordered 2 bags on 12/5", None),  # numeric dates are read differently by country
    ],
)
def test_the_day_the_customer_ordered(text: str, expected: PlacedOn | None) -> None:
    assert placed_on(text) == expected


def test_the_day_is_the_stores_day() -> None:
    eastern = timezone(timedelta(hours=-5))
    late = datetime(2026, 1, 16, 2, 30, tzinfo=UTC)  # still January 15 in the store's zone
    assert PlacedOn(1, 15).matches(late, eastern)
    assert not PlacedOn(1, 16).matches(late, eastern)
    assert PlacedOn(1).matches(late, eastern)
