"""Slot extraction from a customer's message: order numbers, emails, products (by SKU, model
name or everyday alias), sizes, colours, frequencies, pause lengths, ratings, serial numbers,
relative dates. Deterministic and fast; products are resolved against what the customer owns
by :mod:`assistant.planner.resolve`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.catalog import PRODUCTS, SERIAL_FORMATS

_ORDER = re.compile(r"(?:#|\border\s*(?:number|no\.?|num)?\s*#?\s*)(\d{5})\b|\b(\d{5})\b", re.I)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_SIZE = re.compile(r"\bsize\s*(\d{1,2}(?:\.5)?|small|medium|large|s|m|l)\b", re.I)
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "a": 1, "an": 1, "1": 1, "2": 2, "3": 3}
_PAUSE = re.compile(
    r"\b(one|two|three|an?|[123])\s+(?:more\s+)?(deliver(?:y|ies)|shipments?|cycles?|months?|"
    r"bags?|orders?)\b",
    re.I,
)
_RATING = re.compile(r"\b([1-5])\s*(?:/\s*5|out of 5|stars?)\b", re.I)
_NPS = re.compile(r"\b(10|[0-9])\s*(?:/\s*10|out of 10)\b", re.I)

# Everyday words customers use for our products, mapped to SKUs (most specific first).
ALIASES: tuple[tuple[str, str], ...] = (
    (r"soundwave|sound wave|head ?phones?|headset|earphones|cans\b", "AUR-SWP-100"),
    (r"(travel |hard )?case\b", "AUR-SWP-CASE"),
    (r"ear ?(cushions?|pads?)", "AUR-SWP-PADS"),
    (r"\bz8\b|lumora(?! bp| gp| rs)|camera body|mirrorless|\bcamera\b", "LUM-Z8-BODY"),
    (r"bp-?f2|spare battery|camera battery|\bbattery\b", "LUM-BP-F2"),
    (r"kestrel|memory card|sd card|\bcard\b", "KST-SD128-V90"),
    (r"sling|camera bag|\bbag\b(?! of)", "TRP-SLING-10"),
    (r"cleaning kit|clearview|sensor clean", "CLV-KIT-PRO"),
    (r"screen protector|gp-?z8|tempered glass", "LUM-GP-Z8"),
    (r"remote( shutter)?|rs-?2\b", "LUM-RS-2"),
    (r"dark roast|premium dark", "RCC-PDR-12"),
    (r"morning light|breakfast blend", "RCC-MLB-12"),
    (r"ethiopia|yirgacheffe|single origin", "RCC-ETH-12"),
    (r"decaf", "RCC-DEC-12"),
    (r"velo|running shoes?|\bshoes?\b|sneakers?|trainers", "STR-VELO3-W"),
    (r"socks?", "STR-SOCK-3P"),
    (r"smart ?plugs?|\bplugs?\b", "HMY-PLUG-2P"),
    (r"indoor cam|security cam|homely cam|\bcam\b", "HMY-CAM-2K"),
    (r"kettle", "CUI-KTL-17"),
    (r"grinder", "CUI-GRD-40"),
)
_ALIAS_RES = tuple((re.compile(p, re.I), sku) for p, sku in ALIASES)
_COLOURS = sorted(
    {c for p in PRODUCTS for c in p.variants.get("colour", ())}, key=len, reverse=True
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


def product_mentions(text: str) -> list[str]:
    found: list[str] = []
    lowered = text.lower()
    for product in PRODUCTS:
        if product.sku.lower() in lowered and product.sku not in found:
            found.append(product.sku)
    for pattern, sku in _ALIAS_RES:
        if pattern.search(text) and sku not in found:
            found.append(sku)
    return found


def extract_slots(text: str) -> Slots:
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
    order = _ORDER.search(scrubbed)
    if order:
        slots.order_number = order.group(1) or order.group(2)
    for sku in product_mentions(without_email):
        if sku not in slots.skus:
            slots.skus.append(sku)
    size = _SIZE.search(text)
    if size:
        slots.size = size.group(1).lower()
    lowered = text.lower()
    slots.colour = next((c for c in _COLOURS if c in lowered), None)
    slots.frequency = next((f for pattern, f in _FREQUENCIES if pattern.search(text)), None)
    pause = _PAUSE.search(text)
    if pause:
        slots.cycles = _WORD_NUMBERS.get(pause.group(1).lower())
    rating = _RATING.search(text)
    if rating:
        slots.csat = int(rating.group(1))
    nps = _NPS.search(text)
    if nps:
        slots.nps = int(nps.group(1))
    slots.grind = next((g for g in _GRINDS if g in lowered), None)
    slots.mentions_email = bool(re.search(r"\b(e-?mail|confirmation|receipt)\b", text, re.I))
    return slots
