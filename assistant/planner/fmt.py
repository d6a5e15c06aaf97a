"""Formatting of facts for customer-facing text (money, dates, windows, lists).

Moments are shown in the store's time zone (its policy file's ``timezone``): the planner sets
it for the turn with :func:`store_zone` (a context variable, so concurrent turns of different
stores do not mix); UTC when nothing set it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal

_ZONE: ContextVar[tzinfo] = ContextVar("store_zone", default=UTC)
_TODAY: ContextVar[date | None] = ContextVar("store_today", default=None)


@contextmanager
def store_zone(tz: tzinfo, today: date | None = None) -> Iterator[None]:
    """Show moments in ``tz`` inside the block (one planner step); a day of another year than
    ``today`` (the store's) is shown with its year ("Thursday, October 21, 2027")."""
    token, day_token = _ZONE.set(tz), _TODAY.set(today)
    try:
        yield
    finally:
        _ZONE.reset(token)
        _TODAY.reset(day_token)


def _year(d: date) -> str:
    today = _TODAY.get()
    return f", {d.year}" if today is not None and d.year != today.year else ""


def money(amount: Decimal | float | int) -> str:
    return f"${Decimal(str(amount)):,.2f}"


def day(d: date | datetime) -> str:
    if isinstance(d, datetime):
        d = d.astimezone(_ZONE.get()).date()
    return f"{d:%A}, {d:%B} {d.day}{_year(d)}"


def dated(d: date) -> str:
    """With its year always ("December 3, 2026"): an end date the customer may keep."""
    return f"{d:%B} {d.day}, {d.year}"


def short_day(d: date | datetime) -> str:
    if isinstance(d, datetime):
        d = d.astimezone(_ZONE.get()).date()
    return f"{d:%B} {d.day}{_year(d)}"


def window(start: date, end: date) -> str:
    if start == end:
        return day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%B} {start.day}–{end.day}{_year(end)}"
    return f"{short_day(start)} – {short_day(end)}"


def term(months: int) -> str:
    """ "12-month", "60-month (5-year)": a warranty's length as a customer counts it too."""
    years = f" ({months // 12}-year)" if months >= 24 and months % 12 == 0 else ""
    return f"{months}-month{years}"


def either(items: Sequence[str]) -> str:
    """ "a, b or c"; "a" alone."""
    *some, last = items
    return f"{', '.join(some)} or {last}" if some else last


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
    local = at.astimezone(_ZONE.get())
    return local.strftime("%I:%M %p").lstrip("0") + " " + _zone_label(local)


def day_end(d: date) -> str:
    """The last minute of the store's day ``d``: "11:59 PM ET on Wednesday, February 18"."""
    zone = _ZONE.get()
    local = datetime(d.year, d.month, d.day, 23, 59, tzinfo=zone)
    return f"{clock_time(local)} on {day(d)}"


def _zone_label(local: datetime) -> str:
    """US zones by their everyday name ("ET", "MT"), others by their abbreviation."""
    name = local.tzname() or ""
    if len(name) == 3 and name[1] in "SD" and name.endswith("T") and name[0] in "ECMP":
        return name[0] + "T"
    return name


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
