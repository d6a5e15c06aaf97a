"""The store's notion of "now": injectable so the demo data and the tests are deterministic."""

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
