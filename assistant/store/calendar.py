"""Calendar arithmetic shared by the demo data and the services: months, cycles, business days."""

from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta

from assistant.store.policy import Frequency


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later, clamped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def next_cycle(day: date, frequency: Frequency, cycles: int = 1) -> date:
    """The delivery date ``cycles`` deliveries after ``day``: whole days, or calendar months
    (clamped to the end of a shorter month)."""
    if frequency.days is not None:
        return day + timedelta(days=frequency.days * cycles)
    return add_months(day, (frequency.months or 0) * cycles)


def add_business_days(day: date, days: int) -> date:
    """``days`` business days (Monday–Friday) after ``day``."""
    current = day
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current
