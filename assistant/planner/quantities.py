"""Quantities written the way a document or a customer writes them, read as one token each:
"one litre", "1 liter", "1.0 L" and "1l" all become ``1-litre``, so that "and only one
litre?" finds the line "about 4 minutes for 1.0 L". Only a number directly followed by a
unit is rewritten; every other word is left as it is."""

from __future__ import annotations

import re

_NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "half a": "0.5",
    "a half": "0.5",
}
_UNITS: dict[str, tuple[str, ...]] = {
    "litre": ("l", "ltr", "litre", "litres", "liter", "liters"),
    "ml": ("ml", "millilitre", "millilitres", "milliliter", "milliliters"),
    "cup": ("cup", "cups"),
    "minute": ("min", "mins", "minute", "minutes"),
    "hour": ("h", "hr", "hrs", "hour", "hours"),
    "second": ("s", "sec", "secs", "second", "seconds"),
    "day": ("day", "days"),
    "gram": ("g", "gram", "grams"),
    "kg": ("kg", "kilo", "kilos", "kilogram", "kilograms"),
    "oz": ("oz", "ounce", "ounces"),
}
_UNIT_OF = {spelling: unit for unit, spellings in _UNITS.items() for spelling in spellings}
_NUMBER = r"\d+(?:[.,]\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_QUANTITY = re.compile(
    rf"(?<![\w.])({_NUMBER})\s?-?\s?({'|'.join(sorted(_UNIT_OF, key=len, reverse=True))})(?!\w)",
    re.I,
)


def _number(text: str) -> str:
    value = _NUMBER_WORDS.get(text.lower(), text).replace(",", ".")
    if "." in value:
        value = value.rstrip("0").rstrip(".")
    return value or "0"


def canonical_quantities(text: str) -> str:
    """``text`` with each "number unit" written as ``number-unit`` in one spelling."""

    def one(match: re.Match[str]) -> str:
        return f"{_number(match.group(1))}-{_UNIT_OF[match.group(2).lower()]}"

    return _QUANTITY.sub(one, text)
