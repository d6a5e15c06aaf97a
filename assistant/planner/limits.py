"""An amount the customer states measured against the limit the answer's lines give: "the battery
is at 40%, can I update?" and "charge the battery to at least 50%" say 40% is below it; "a 1500
watt space heater, that's ok right?" and "loads above 1800 W" say 1500 W is within it. Worked out
in code from the two numbers, said only when one limit in the customer's unit is found."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

_NUMBER = r"(?<![\d.,])(\d{1,5}(?:[.,]\d{1,2})?)"
# the units an amount can be told in and compared: percent, watts, volts, degrees, mAh
_UNIT = r"(%|percent\b|°\s*[CF]\b|watts?\b|W\b|volts?\b|V\b|mAh\b)"
_TOLD = re.compile(rf"{_NUMBER}\s*{_UNIT}", re.I)
# "at least 50%", "50% or more", "refuses … below 50%": the least allowed
_AT_LEAST = re.compile(
    rf"\b(?:at least|minimum(?: of)?|min\.?|below|under|less than)\s+{_NUMBER}\s*{_UNIT}|"
    rf"{_NUMBER}\s*{_UNIT}\s+(?:or more|minimum)\b",
    re.I,
)
# "up to 1800 W", "do not exceed 15 A / 1800 W", "loads above 1800 W": the most allowed
_AT_MOST = re.compile(
    rf"\b(?:up to|maximum(?: of)?|max\.?|no more than|exceed(?:ing)?|above|over|more than)\s+"
    rf"(?:the\s+)?(?:rated\s+)?(?:\d+\s*A\s*/\s*)?{_NUMBER}\s*{_UNIT}|"
    rf"{_NUMBER}\s*{_UNIT}\s+(?:max(?:imum)?)\b",
    re.I,
)
_UNIT_NAMES = {"percent": "%", "watt": "w", "watts": "w", "volt": "v", "volts": "v"}


def _unit(raw: str) -> str:
    unit = raw.lower().replace(" ", "")
    return _UNIT_NAMES.get(unit, unit)


def _amount(raw: str) -> Decimal:
    return Decimal(raw.replace(",", "."))


def _shown(value: Decimal, unit: str) -> str:
    number = f"{value.normalize():f}"
    return f"{number}%" if unit == "%" else f"{number} {unit.upper()}"


def _limits(lines: Sequence[str], unit: str) -> set[tuple[str, Decimal]]:
    found: set[tuple[str, Decimal]] = set()
    for line in lines:
        for side, pattern in (("least", _AT_LEAST), ("most", _AT_MOST)):
            for m in pattern.finditer(line):
                number, told = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
                if _unit(told) == unit:
                    found.add((side, _amount(number)))
    return found


def told_amounts(text: str, whole: bool = False) -> list[tuple[Decimal, str]]:
    """The amounts ``text`` gives in the units compared ("40%" -> (40, "%"), "1875 W" -> (1875,
    "w")); not "100%", a whole asked about ("is it 100% caffeine-free?"), unless ``whole``."""
    return [
        (_amount(m.group(1)), _unit(m.group(2)))
        for m in _TOLD.finditer(text)
        if whole or m.group(1) != "100"
    ]


def verdict(question: str, lines: Sequence[str]) -> str | None:
    """ "40% is below the 50% minimum." for an amount the ``question`` states and the one limit
    in its unit the answer's ``lines`` give; None when it states none, or the lines give no
    single limit in that unit."""
    told = told_amounts(question)
    if len({u for _, u in told}) != 1:
        return None
    value, unit = told[0]
    limits = _limits(lines, unit)
    if len(limits) != 1:
        return None
    side, limit = limits.pop()
    said, bound = _shown(value, unit), _shown(limit, unit)
    if side == "least":
        ok = value >= limit
        where = "meets" if ok else "is below"
        return f"{said} {where} the minimum of {bound}."
    ok = value <= limit
    where = "is within" if ok else "is over"
    return f"{said} {where} the {bound} limit."
