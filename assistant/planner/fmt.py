"""Formatting of facts for customer-facing text (money, dates, windows, lists)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

STORE_TZ = ZoneInfo("America/New_York")


def money(amount: Decimal | float | int) -> str:
    return f"${Decimal(str(amount)):,.2f}"


def day(d: date | datetime) -> str:
    if isinstance(d, datetime):
        d = d.astimezone(STORE_TZ).date()
    return f"{d:%A}, {d:%B} {d.day}"


def short_day(d: date | datetime) -> str:
    if isinstance(d, datetime):
        d = d.astimezone(STORE_TZ).date()
    return f"{d:%B} {d.day}"


def window(start: date, end: date) -> str:
    if start == end:
        return day(start)
    if start.month == end.month:
        return f"{start:%B} {start.day}–{end.day}"
    return f"{short_day(start)} – {short_day(end)}"


def ago(then: datetime, now: datetime) -> str:
    minutes = int((now - then).total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''} ago"
    hours = minutes // 60
    if hours < 24:
        return f"{hours} hour{'s' if hours != 1 else ''} ago"
    return f"on {day(then)}"


def clock_time(at: datetime) -> str:
    local = at.astimezone(STORE_TZ)
    return local.strftime("%I:%M %p").lstrip("0") + " ET"


def bullets(lines: Iterable[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def mask_email(email: str) -> str:
    name, _, domain = email.partition("@")
    return f"{name[:1]}***@{domain}"


def value(text: str | None) -> str:
    """A changed value for display: ISO dates become "March 15"."""
    if not text:
        return "—"
    try:
        return short_day(date.fromisoformat(text))
    except ValueError:
        return text
