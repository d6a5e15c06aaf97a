"""A measurement in a question, looked up in a table the store publishes: "my foot is 24.4 cm,
which size?" reads the size chart's row, not the fit guide's advice to use the size chart.

Table rows are indexed as "Title: column: value; column: value." (``ingest/loaders/sheets``);
the row wanted is the one whose column in the customer's unit is nearest at or above the
measurement (between sizes, the larger one)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.agent.tools import PassageOut

_MEASURE = re.compile(
    r"(?<![\w.])(\d{1,3}(?:[.,]\d{1,2})?)\s*(cm|mm|in|inch(?:es)?|\"|kg|lbs?|g|oz)(?!\w)", re.I
)
_UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "cm": ("cm", "centimet"),
    "mm": ("mm", "millimet"),
    "in": ("in", "inch"),
    "kg": ("kg", "kilo"),
    "lb": ("lb", "pound"),
    "g": ("g", "gram"),
    "oz": ("oz", "ounce"),
}
_SIZE_QUESTION = re.compile(r"\b(size|sizes|fit|which|what|order|get|buy)\b", re.I)
TOLERANCE = 0.05
_ROW = re.compile(r"Row (\d+)\b")


@dataclass(frozen=True, slots=True)
class Measurement:
    value: float
    unit: str

    decimals: int = 0

    @property
    def query(self) -> str:
        """One search for the rows around the measurement: its own value and three
        steps either side (a step is the precision the customer gave: 0.1 for "24.4 cm")."""
        step = 10.0**-self.decimals
        values = " ".join(
            f"{self.value + k * step:.{self.decimals}f}" for k in (0, -1, 1, -2, 2, -3, 3)
        )
        return f"size chart {self.unit} {values}"


@dataclass(frozen=True, slots=True)
class Row:
    passage: PassageOut
    cells: tuple[tuple[str, str], ...]
    column: str  # the column that matched the measurement


def measurement(question: str) -> Measurement | None:
    """The measurement a sizing question gives, if any ("24.4 cm", "9.5 inches")."""
    if not _SIZE_QUESTION.search(question):
        return None
    found = _MEASURE.search(question)
    if found is None:
        return None
    unit = found.group(2).lower().rstrip("es") if found.group(2) != '"' else "in"
    unit = {"inch": "in", "inc": "in", "lbs": "lb", "lb": "lb"}.get(unit, unit)
    number = found.group(1).replace(",", ".")
    decimals = len(number.split(".")[1]) if "." in number else 0
    return Measurement(float(number), unit, decimals)


def _cells(text: str) -> list[tuple[str, str]]:
    body = text.split(":", 1)[1] if text.count(":") > 1 else text  # drop "Title:"
    cells = []
    for part in body.strip().rstrip(".").split(";"):
        name, sep, value = part.partition(":")
        if sep:
            cells.append((name.strip(), value.strip()))
    return cells


def _number(value: str) -> float | None:
    try:
        return float(value.replace(",", "."))
    except ValueError:
        return None


def lookup(measure: Measurement, found: Sequence[PassageOut]) -> Row | None:
    """The table row for ``measure`` among ``found``: exact, else the nearest above."""
    words = _UNIT_WORDS.get(measure.unit, (measure.unit,))
    best: tuple[float, Row] | None = None
    below: set[int] = set()  # rows (by number) whose value is under the measurement
    for passage in found:
        cells = _cells(passage.text)
        if len(cells) < 2:
            continue
        for name, value in cells:
            tokens = name.lower().replace("_", " ").split()
            number = _number(value)
            if number is None or not any(t.startswith(w) for t in tokens for w in words):
                continue
            gap = number - measure.value
            if gap < -TOLERANCE:
                below.add(_row_number(passage))
                continue
            if best is None or gap < best[0]:
                best = (gap, Row(passage, tuple(cells), name))
    if best is None:
        return None
    gap, row = best
    # only a row known to be the next one up: its neighbour below must be in sight too
    if gap > TOLERANCE and _row_number(row.passage) - 1 not in below:
        return None
    return row


def _row_number(passage: PassageOut) -> int:
    number = _ROW.match(passage.section)
    return int(number.group(1)) if number else -10


def describe(measure: Measurement, row: Row) -> str:
    (first, size), *rest = [c for c in row.cells]
    others = ", ".join(f"{n} {v}" for n, v in rest if n != row.column)
    return (
        f"For {measure.value:g} {measure.unit}, the nearest size at or above your measurement "
        f"in the chart is size {size} ({first}); {others}. If you are between sizes, "
        "go for the larger one."
    )
