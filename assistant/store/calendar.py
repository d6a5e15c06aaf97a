"""Calendar arithmetic shared by the demo data and the services: months, cycles, business days."""

from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta

from assistant.catalog import COFFEE_FREQUENCIES

_FREQUENCY_DAYS = {"every-2-weeks": 14, "every-6-weeks": 42}
_FREQUENCY_MONTHS = {"monthly": 1, "every-2-months": 2}


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later, clamped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def next_cycle(day: date, frequency: str, cycles: int = 1) -> date:
    """The delivery date ``cycles`` deliveries after ``day`` for a Coffee Club frequency."""
    if frequency not in COFFEE_FREQUENCIES:
        raise ValueError(f"unknown frequency {frequency!r}")
    if frequency in _FREQUENCY_DAYS:
        return day + timedelta(days=_FREQUENCY_DAYS[frequency] * cycles)
    return add_months(day, _FREQUENCY_MONTHS[frequency] * cycles)


def add_business_days(day: date, days: int) -> date:
    """``days`` business days (Monday–Friday) after ``day``."""
    current = day
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current
