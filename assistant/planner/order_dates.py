"""When the customer says they ordered: "I ordered on January 15", "my december order", "ich
habe am 15. Januar bestellt". Month names of the languages the assistant reads (language, not
store data); the order is then the one placed that day or month."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from assistant.commerce.schemas import OrderPublic

_MONTHS: tuple[tuple[str, ...], ...] = (
    ("january", "jan", "enero", "januar", "janvier", "gennaio", "janeiro", "januari"),
    ("february", "feb", "febrero", "februar", "février", "fevrier", "febbraio", "fevereiro"),
    ("march", "mar", "marzo", "märz", "maerz", "mars", "março", "marco", "maart"),
    ("april", "apr", "abril", "avril", "aprile"),
    ("may", "mayo", "mai", "maggio", "maio", "mei"),
    ("june", "jun", "junio", "juni", "juin", "giugno", "junho"),
    ("july", "jul", "julio", "juli", "juillet", "luglio", "julho"),
    ("august", "aug", "agosto", "août", "aout", "augustus"),
    ("september", "sep", "sept", "septiembre", "septembre", "settembre", "setembro"),
    ("october", "oct", "octubre", "oktober", "octobre", "ottobre", "outubro"),
    ("november", "nov", "noviembre", "novembre", "novembro"),
    ("december", "dec", "diciembre", "dezember", "décembre", "decembre", "dicembre", "dezembro"),
)
_MONTH_OF = {name: n for n, names in enumerate(_MONTHS, start=1) for name in names}
# a month's name in any of the languages, as a pattern (longest first)
MONTH_NAME = "|".join(sorted(map(re.escape, _MONTH_OF), key=len, reverse=True))
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+|de\s+)?({MONTH_NAME})\b", re.I
)
_MONTH_DAY = re.compile(rf"\b({MONTH_NAME})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*[:\d])", re.I)
_MONTH_ORDER = re.compile(
    rf"\b(?:(?:in|from|on|during|of)\s+|(?:my|the|that|this|our)\s+)({MONTH_NAME})\b", re.I
)
# the date is when the customer ordered, not when a parcel was due
_ORDERED = re.compile(
    r"\b(order\w*|bought|buy|placed|purchas\w*|bestellt|bestellung|pedido|pedí|compr\w*|"
    r"command\w*|ordine|ordinato|encomend\w*|besteld|bestelling)\b",
    re.I,
)


def month_of(word: str) -> int | None:
    """The month a word names ("feb", "Februar", "février" → 2), or None."""
    return _MONTH_OF.get(word.lower())


@dataclass(frozen=True, slots=True)
class PlacedOn:
    month: int
    day: int | None = None

    def matches(self, placed_at: datetime, tz: tzinfo) -> bool:
        local = placed_at.astimezone(tz)
        return local.month == self.month and self.day in (None, local.day)


def _day_and_month(text: str) -> tuple[int, int] | None:
    """ "15 January", "jan 15th", "am 15. Januar": the day and the month a text names."""
    if m := _DAY_MONTH.search(text):
        return int(m.group(1)), _MONTH_OF[m.group(2).lower()]
    if m := _MONTH_DAY.search(text):
        return int(m.group(2)), _MONTH_OF[m.group(1).lower()]
    return None


def placed_on(text: str) -> PlacedOn | None:
    """The day (or month) the message says the order was placed, if it says one."""
    if not _ORDERED.search(text):
        return None
    if (told := _day_and_month(text)) is not None:
        day, month = told
    elif m := _MONTH_ORDER.search(text):
        word = m.group(1).lower()
        if word in ("may", "mar", "jun", "jul", "dec", "sep", "mai", "mei"):
            return None  # "in may be", "the mar…": too many other readings alone
        return PlacedOn(_MONTH_OF[word])
    else:
        return None
    return PlacedOn(month, day) if 1 <= day <= 31 else None


def day_said(text: str, today: date) -> date | None:
    """The day of the month the message names ("dated January 7", "on the 7th of jan"), taken
    as the latest such day up to ``today``; None when it names none."""
    if (told := _day_and_month(text)) is None:
        return None
    return _dated(*told, today)


def days_said(text: str, today: date) -> list[date]:
    """Every day the message names ("$54.43 on jan 10 … ANOTHER $54.43 on jan 13"), in order."""
    told = [(m.start(), int(m.group(1)), m.group(2)) for m in _DAY_MONTH.finditer(text)]
    told += [(m.start(), int(m.group(2)), m.group(1)) for m in _MONTH_DAY.finditer(text)]
    dated = (_dated(day, _MONTH_OF[month.lower()], today) for _, day, month in sorted(told))
    return [d for d in dated if d is not None]


def _dated(day: int, month: int, today: date) -> date | None:
    """The latest date with that day and month up to ``today``."""
    for year in (today.year, today.year - 1):
        try:
            said = date(year, month, day)
        except ValueError:
            return None
        if said <= today:
            return said
    return None


NEAR_DAYS = 5  # a charge is captured when its order ships, a few days after it is placed


def placed_near(orders: list[OrderPublic], said: date | None, tz: tzinfo) -> list[OrderPublic]:
    """The ``orders`` placed within a few days of the day ``said`` (all when none is said)."""
    if said is None:
        return orders
    return [o for o in orders if abs((o.placed_at.astimezone(tz).date() - said).days) <= NEAR_DAYS]
