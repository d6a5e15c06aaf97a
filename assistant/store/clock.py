"""The store's notion of "now": injectable so the demo data and the tests are deterministic.

A pinned clock (``store_now``) over a database seeded for another day would mix two calendars
(orders "shipped tomorrow", deliveries in the past marked upcoming): :func:`check_pinned_clock`
refuses that at start with a message that says what to do.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo

from assistant.settings import Settings


class Clock(Protocol):
    """Source of the current time (always timezone-aware) and the store's calendar."""

    @property
    def tz(self) -> tzinfo: ...

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock, in the store's timezone."""

    def __init__(self, tz: tzinfo) -> None:
        self._tz = tz

    @property
    def tz(self) -> tzinfo:
        return self._tz

    def now(self) -> datetime:
        return datetime.now(UTC).astimezone(self._tz)


class FixedClock:
    """A pinned clock for demos and tests; :meth:`advance` moves it forward."""

    def __init__(self, at: datetime, tz: tzinfo | None = None) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware datetime")
        self._tz = tz or at.tzinfo
        self._now = at.astimezone(self._tz)

    @property
    def tz(self) -> tzinfo:
        return self._tz

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now = self._now + delta


def today(clock: Clock) -> date:
    """The store's local calendar date."""
    return clock.now().astimezone(clock.tz).date()


def clock_from_settings(settings: Settings) -> Clock:
    """``FixedClock`` when ``store_now`` is set, else the real clock (store timezone)."""
    tz = ZoneInfo(settings.store_timezone)
    if settings.store_now is not None:
        return FixedClock(settings.store_now, tz)
    return SystemClock(tz)


class ClockMismatch(RuntimeError):
    """The pinned store clock and the demo data of an existing database disagree on the date."""


def check_pinned_clock(settings: Settings, seeded_at: str | None) -> None:
    """Raise :class:`ClockMismatch` if ``store_now`` is pinned to another store-local day than
    the one the database's demo data was generated for (``seeded_at``, ISO 8601)."""
    if settings.store_now is None or not seeded_at:
        return
    tz = ZoneInfo(settings.store_timezone)
    try:
        seeded = datetime.fromisoformat(seeded_at)
    except ValueError:
        return  # not a date we wrote: nothing to compare with
    if seeded.tzinfo is None:
        return
    pinned_day = settings.store_now.astimezone(tz).date()
    seeded_day = seeded.astimezone(tz).date()
    if pinned_day != seeded_day:
        raise ClockMismatch(
            f"The store clock is pinned to {pinned_day} (AFTERCARE_STORE_NOW) but the database "
            f"holds demo data generated for {seeded_day}: its orders, shipments and deliveries "
            f"would mix the two dates. Pin the clock to {seeded.isoformat()} or start from an "
            "empty database (delete it, or point AFTERCARE_DATABASE_URL at a new one)."
        )
