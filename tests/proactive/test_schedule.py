from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assistant.proactive.schedule import QuietHours
from tests.proactive.factory import TZ

QUIET = QuietHours(21, 8, TZ)


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 1, day, hour, minute, tzinfo=TZ)


@pytest.mark.parametrize(
    ("at", "quiet"),
    [
        (local(20, 20, 59), False),
        (local(20, 21), True),
        (local(20, 23, 30), True),
        (local(21, 0, 5), True),
        (local(21, 7, 59), True),
        (local(21, 8), False),
        (local(21, 12), False),
    ],
)
def test_overnight_window(at: datetime, quiet: bool) -> None:
    assert QUIET.is_quiet(at) is quiet


def test_evening_message_waits_until_next_morning() -> None:
    assert QUIET.release(local(20, 22, 15)) == local(21, 8).astimezone(UTC)
    assert QUIET.send_after(local(20, 22, 15)) == local(21, 8).astimezone(UTC)


def test_early_morning_message_waits_until_eight_the_same_day() -> None:
    assert QUIET.release(local(21, 3)) == local(21, 8).astimezone(UTC)


def test_daytime_message_goes_at_once() -> None:
    assert QUIET.send_after(local(20, 10)) is None
    assert QUIET.release(local(20, 10)) == local(20, 10)


def test_quiet_hours_are_store_local_not_utc() -> None:
    # 02:30 UTC is 21:30 in New York (quiet) but daytime elsewhere
    at = datetime(2026, 1, 21, 2, 30, tzinfo=UTC)
    assert QUIET.is_quiet(at)
    assert QUIET.release(at) == local(21, 8).astimezone(UTC)


def test_same_day_window_and_no_window() -> None:
    afternoon = QuietHours(12, 14, TZ)
    assert afternoon.is_quiet(local(20, 13))
    assert not afternoon.is_quiet(local(20, 14))
    assert afternoon.release(local(20, 13)) == local(20, 14).astimezone(UTC)
    assert not QuietHours(8, 8, TZ).is_quiet(local(20, 3))


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        QUIET.is_quiet(datetime(2026, 1, 20, 22))
