"""Dates shown to the customer: a day of another year than the store's today carries its year
("under warranty until Thursday, October 21, 2027" is not read as this October)."""

from __future__ import annotations

from datetime import UTC, date

from assistant.planner import fmt


def test_a_day_of_this_year_has_no_year_and_another_years_has_one() -> None:
    with fmt.store_zone(UTC, date(2026, 1, 20)):
        assert fmt.day(date(2026, 3, 7)) == "Saturday, March 7"
        assert fmt.day(date(2027, 10, 21)) == "Thursday, October 21, 2027"
        assert fmt.short_day(date(2025, 12, 25)) == "December 25, 2025"
        assert fmt.window(date(2027, 1, 4), date(2027, 1, 6)) == "January 4–6, 2027"
        assert fmt.window(date(2026, 1, 26), date(2026, 1, 28)) == "January 26–28"


def test_without_the_stores_today_no_year_is_shown() -> None:
    assert fmt.day(date(2027, 10, 21)) == "Thursday, October 21"


def test_an_end_date_always_has_its_year() -> None:
    with fmt.store_zone(UTC, date(2026, 1, 20)):
        assert fmt.dated(date(2026, 12, 3)) == "December 3, 2026"
