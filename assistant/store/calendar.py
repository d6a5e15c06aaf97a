"""Calendar arithmetic shared by the demo data and the services: months, cycles, business days."""

from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta

from assistant.store.policy import Frequency


def add_months(day: date, months: int, keep_day: int | None = None) -> date:
    """Same day ``months`` later (or day ``keep_day`` of that month), clamped to the end of a
    shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, min(keep_day or day.day, last))


def month_end(day: date) -> bool:
    """Whether ``day`` is the last day of its month (a later day may have been clamped to it)."""
    return day.day == _calendar.monthrange(day.year, day.month)[1]


def next_cycle(
    day: date, frequency: Frequency, cycles: int = 1, keep_day: int | None = None
) -> date:
    """The delivery date ``cycles`` deliveries after ``day``: whole days, or calendar months on
    the day of the month the deliveries keep (``keep_day``, else ``day``'s own: a January 31
    plan comes on February 28, then March 31), clamped to the end of a shorter month."""
    if frequency.days is not None:
        return day + timedelta(days=frequency.days * cycles)
    return add_months(day, (frequency.months or 0) * cycles, keep_day)


def add_business_days(day: date, days: int) -> date:
    """``days`` business days (Monday–Friday) after ``day``."""
    current = day
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current
