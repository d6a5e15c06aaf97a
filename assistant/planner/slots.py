"""Slot extraction from a customer's message: order numbers (in the store's format, never a
ZIP beside a street address), emails, products (by SKU, model name or catalogue words, see
:mod:`~assistant.planner.vocabulary`), sizes, colours, frequencies, pause lengths, ratings,
serial numbers, relative dates. Deterministic and fast; products are resolved against what
the customer owns by :mod:`assistant.planner.resolve`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from assistant.catalog import PRODUCTS, SERIAL_FORMATS, product
from assistant.planner.vocabulary import ProductVocabulary

_STREET = re.compile(
    r"\b\d+[a-z]?\s+(?:[a-z0-9.'-]+\s+){0,4}(?:st|street|ave|avenue|rd|road|blvd|boulevard|ln|lane|"
    r"dr|drive|way|ct|court|pl|place|pkwy|parkway|ter|terrace|hwy|highway|sq|square)\b\.?",
    re.I,
)


@cache
def _order_re(pattern: str) -> re.Pattern[str]:
    """Order numbers in the store's format: after "#" or "order (number)", or standing alone."""
    return re.compile(
        rf"(?:#|\border\s*(?:number|no\.?|num|nr)?\s*[:#]?\s*)({pattern})(?![\w-])"
        rf"|(?<![\w#-])({pattern})(?![\w-])",
        re.I,
    )


_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_SIZE = re.compile(r"\bsize\s*(\d{1,2}(?:\.5)?|small|medium|large|s|m|l)\b", re.I)
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "a": 1, "an": 1, "1": 1, "2": 2, "3": 3}
_PAUSE = re.compile(
    r"\b(one|two|three|an?|[123])\s+(?:more\s+)?(deliver(?:y|ies)|shipments?|cycles?|months?|"
    r"montsh|monts|mnths|mths|mos|bags?|orders?|weeks?)\b",
    re.I,
)
# "pause it for 2 instead": a bare count after pausing is the number of deliveries
_PAUSE_FOR = re.compile(
    r"\b(?:pause|hold)\b.{0,20}?\bfor\s+(one|two|three|[123])\b(?!\s*[%$.,\d])", re.I
)
_RATING = re.compile(r"\b([1-5])\s*(?:/\s*5|out of 5|stars?)\b", re.I)
_NPS = re.compile(r"\b(10|[0-9])\s*(?:/\s*10|out of 10)\b", re.I)

_COLOURS = sorted(
    {c for p in PRODUCTS for c in p.variants.get("colour", ())}, key=len, reverse=True
)
_WORD_SIZES = sorted(
    {
        s
        for p in PRODUCTS
        for s in p.variants.get("size", ())
        if not any(c.isdigit() for c in s) and len(s) > 2
    },
    key=len,
    reverse=True,
)
_FREQUENCIES = (
    (re.compile(r"every (2|two) weeks|bi-?weekly|fortnight", re.I), "every-2-weeks"),
    (re.compile(r"every (6|six) weeks", re.I), "every-6-weeks"),
    (re.compile(r"every (2|two) months|bi-?monthly|every other month", re.I), "every-2-months"),
    (re.compile(r"\bmonthly\b|every month|once a month", re.I), "monthly"),
)
_GRINDS = ("whole bean", "drip", "espresso", "french press")


@dataclass(slots=True)
class Slots:
    order_number: str | None = None
    email: str | None = None
    skus: list[str] = field(default_factory=list)
    size: str | None = None
    colour: str | None = None
    frequency: str | None = None
    cycles: int | None = None
    csat: int | None = None
    nps: int | None = None
    serial: str | None = None
    grind: str | None = None
    mentions_email: bool = False


@cache
def vocabulary() -> ProductVocabulary:
    return ProductVocabulary(PRODUCTS)


def product_mentions(text: str) -> list[str]:
    return vocabulary().mentions(text)


def product_model(sku: str | None) -> str:
    """The product's model name as customers and documents call it ("" if unknown)."""
    if not sku:
        return ""
    try:
        return product(sku).model
    except KeyError:
        return ""


def extract_slots(text: str, order_pattern: str = r"\d{5}") -> Slots:
    slots = Slots()
    email = _EMAIL.search(text)
    if email:
        slots.email = email.group(0).lower()
    without_email = _EMAIL.sub(" ", text)
    for sku, (pattern, _where) in SERIAL_FORMATS.items():
        serial = re.search(rf"\b{pattern}\b", text.upper())
        if serial:
            slots.serial = serial.group(0)
            slots.skus.append(sku)
            break
    scrubbed = (
        re.sub(r"\b[A-Z]{2,4}\d*-?\d{5,}\b", " ", without_email.upper())
        if slots.serial
        else without_email
    )
    scrubbed = re.sub(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b", " ", scrubbed)  # "NY 11217" is a ZIP
    address = _STREET.search(scrubbed)
    for order in _order_re(order_pattern).finditer(scrubbed):
        if order.group(2) and address is not None:
            continue  # a bare number beside a street address is its ZIP or house number
        slots.order_number = (order.group(1) or order.group(2)).lstrip("#").upper()
        break
    for sku in product_mentions(without_email):
        if sku not in slots.skus:
            slots.skus.append(sku)
    size = _SIZE.search(text)
    lowered = text.lower()
    if size:
        slots.size = size.group(1).lower()
    else:  # "medium white": a worded size of the catalogue's options stands alone
        slots.size = next(
            (s for s in _WORD_SIZES if re.search(rf"\b{re.escape(s)}\b", lowered)), None
        )
    slots.colour = next((c for c in _COLOURS if c in lowered), None)
    slots.frequency = next((f for pattern, f in _FREQUENCIES if pattern.search(text)), None)
    pause = _PAUSE.search(text) or _PAUSE_FOR.search(text)
    if pause:
        slots.cycles = _WORD_NUMBERS.get(pause.group(1).lower())
    rating = _RATING.search(text)
    if rating:
        slots.csat = int(rating.group(1))
    nps = _NPS.search(text)
    if nps:
        slots.nps = int(nps.group(1))
    slots.grind = next((g for g in _GRINDS if g in lowered), None)
    slots.mentions_email = bool(
        re.search(r"\b(e-?mail|confirmation|receipt|inbox|spam folder)\b", text, re.I)
    )
    return slots
