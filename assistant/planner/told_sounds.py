"""A sound told is read like a light told: "pressed start and it just beeps twice" is the
guide's line whose condition is two beeps ("2 beeps when you press START/STOP: the water is
already at or above the target"), matched by the count and length it states, which embedding
similarity does not read ("beeps twice" scores like any line about beeps)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.agent.tools import PassageOut
from assistant.planner.told_lines import conditioned_lines, light_line, light_state

_COUNTS = {"a": 1, "one": 1, "single": 1, "once": 1, "two": 2, "double": 2, "twice": 2}
_COUNTS |= {"three": 3, "triple": 3, "thrice": 3, "four": 4, "five": 5}
_SOUND = r"(?:beep|chime|tone)"
_NUMBER = r"(\d|a|one|single|two|double|three|triple|four|five)"
# "2 beeps", "two short beeps", "a long beep", "double beep"
_COUNTED = re.compile(rf"\b{_NUMBER}\s+(?:(short|long)\s+)?{_SOUND}s?\b", re.I)
# "beeps twice", "beeped 3 times", "chimes once"
_TIMES = re.compile(
    rf"\b{_SOUND}(?:s|ed|ing)?\s+(?:(?:like|about|maybe)\s+)?(once|twice|thrice|"
    rf"(\d|one|two|three|four|five)\s+times)\b",
    re.I,
)
_LENGTH = re.compile(r"\b(short|long)\b", re.I)


def sound_state(text: str) -> tuple[int, str | None] | None:
    """How many beeps (chimes, tones) the text tells and, when it says, whether short or long;
    None when it tells no counted sound."""
    m = _COUNTED.search(text)
    if m is not None:
        count, length = m.group(1).lower(), (m.group(2) or "").lower() or None
    else:
        m = _TIMES.search(text)
        if m is None:
            return None
        count, length = (m.group(2) or m.group(1)).lower(), None
        near = _LENGTH.search(text[max(0, m.start() - 12) : m.end()])
        length = near.group(1).lower() if near else None
    number = int(count) if count.isdigit() else _COUNTS[count]
    return number, length


def _fits(cond: str, told: tuple[int, str | None]) -> bool:
    said = sound_state(cond)
    if said is None or said[0] != told[0]:
        return False
    return said[1] is None or told[1] is None or said[1] == told[1]


def sound_line(found: Iterable[PassageOut], shown: str, sku: str, text: str) -> PassageOut | None:
    """The one line of ``found`` (of product ``sku``, not in the text ``shown``) whose
    condition is the sound told, as a passage of that line; None when none or two differ."""
    told = sound_state(text)
    if told is None:
        return None
    fits: dict[str, PassageOut] = {}
    for p, line, cond in conditioned_lines(found, shown, sku):
        if _fits(cond, told):
            fits.setdefault(line, p)
    if len(fits) != 1:
        return None
    line, passage = fits.popitem()
    return passage.model_copy(update={"text": line})


def signal_line(found: Iterable[PassageOut], shown: str, sku: str, text: str) -> PassageOut | None:
    """The guide's line for the light or the sound the customer tells, else None."""
    found = list(found)
    return light_line(found, shown, sku, text) or sound_line(found, shown, sku, text)


_STEP = re.compile(r"^\s*\d+\.\s")
_PATTERNS = frozenset({"flash", "steady"})


def light_fix(found: Iterable[PassageOut], text: str) -> PassageOut | None:
    """ "…just keeps flashing orange": the fix whose steps name that light ("4. If the LED
    flashes amber, move the headphones to a room…"); None when no colour and pattern is told."""
    told = light_state(text)
    wanted = told - {"fast", "slow", "none"}
    if not told & _PATTERNS or not wanted - _PATTERNS:
        return None
    for passage in found:
        steps = (line for line in passage.text.splitlines() if _STEP.match(line))
        if any(light_state(line) >= wanted for line in steps):
            return passage
    return None
