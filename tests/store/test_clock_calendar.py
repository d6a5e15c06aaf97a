from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from assistant.settings import Settings
from assistant.store.calendar import add_business_days, add_months, next_cycle
from assistant.store.clock import FixedClock, SystemClock, clock_from_settings, today
from assistant.store.policy import Frequency, load_policy
from assistant.store.pricing import order_totals

SHIPPING = load_policy(Settings().store_policy_path).shipping


def test_clock_from_settings() -> None:
    pinned = clock_from_settings(Settings(store_now=datetime(2026, 1, 20, 15, tzinfo=UTC)))
    assert isinstance(pinned, FixedClock)
    assert today(pinned) == date(2026, 1, 20)
    assert pinned.now().utcoffset() == timedelta(hours=-5)
    assert isinstance(clock_from_settings(Settings(store_now=None)), SystemClock)


def test_fixed_clock_requires_aware_time_and_advances() -> None:
    with pytest.raises(ValueError):
        FixedClock(datetime(2026, 1, 20))
    clock = FixedClock(datetime(2026, 1, 20, 23, 30, tzinfo=ZoneInfo("America/New_York")))
    clock.advance(timedelta(hours=1))
    assert today(clock) == date(2026, 1, 21)


def test_impossible_store_now_is_rejected() -> None:
    with pytest.raises(ValueError):
        Settings(store_now="2026-02-30T10:00:00-05:00")  # type: ignore[arg-type]


def test_calendar_arithmetic() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    monthly, fortnightly = Frequency(label="m", months=1), Frequency(label="f", days=14)
    assert next_cycle(date(2026, 2, 15), monthly, 2) == date(2026, 4, 15)
    assert next_cycle(date(2026, 2, 15), fortnightly) == date(2026, 3, 1)
    assert add_business_days(date(2026, 1, 23), 1) == date(2026, 1, 26)  # Fri → Mon
    with pytest.raises(ValueError):
        Frequency(label="hourly")


def test_pricing_matches_jordans_order() -> None:
    totals = order_totals(
        [Decimal("114.95"), Decimal("16.85")], "standard", Decimal("0.08875"), SHIPPING
    )
    assert (totals.subtotal, totals.shipping, totals.tax, totals.total) == (
        Decimal("131.80"),
        Decimal("0.00"),
        Decimal("11.70"),
        Decimal("143.50"),
    )
    small = order_totals([Decimal("19.99")], "standard", Decimal("0"), SHIPPING)
    assert small.shipping == Decimal("5.99")
