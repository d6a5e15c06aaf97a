"""Quiet hours, in store-local time: a notice that falls inside them waits until they end.

``QuietHours(21, 8, tz)`` is quiet from 21:00 to 08:00 the next morning; ``start == end`` means
no quiet hours. Times are timezone-aware; results are in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from assistant.settings import Settings


@dataclass(frozen=True, slots=True)
class QuietHours:
    start: int  # local hour, 0–23
    end: int
    tz: tzinfo

    @classmethod
    def from_settings(cls, settings: Settings) -> QuietHours:
        return cls(
            settings.quiet_hours_start,
            settings.quiet_hours_end,
            ZoneInfo(settings.store_timezone),
        )

    def is_quiet(self, at: datetime) -> bool:
        hour = _aware(at).astimezone(self.tz).hour
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= hour < self.end
        return hour >= self.start or hour < self.end

    def release(self, at: datetime) -> datetime:
        """``at`` itself if it is outside quiet hours, else the moment they end (UTC)."""
        at = _aware(at)
        if not self.is_quiet(at):
            return at.astimezone(UTC)
        local = at.astimezone(self.tz)
        day = local.date()
        if local.hour >= self.end:  # evening part of an overnight window: ends tomorrow
            day += timedelta(days=1)
        end = datetime.combine(day, time(self.end), tzinfo=self.tz)
        return end.astimezone(UTC)

    def send_after(self, at: datetime) -> datetime | None:
        """What to store in ``outbox.send_after`` for a notice due at ``at`` that is created
        at ``at``: ``None`` (send at once) outside quiet hours, else their end."""
        return None if not self.is_quiet(at) else self.release(at)


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise ValueError("quiet hours need a timezone-aware datetime")
    return at
