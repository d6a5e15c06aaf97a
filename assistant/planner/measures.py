"""A measurement in a question, looked up in a table the store publishes: "my foot is 24.4 cm,
which size?" reads the size chart's row, not the fit guide's advice to use the size chart.

Table rows are indexed as "Title: column: value; column: value." (``ingest/loaders/sheets``);
the row wanted is the one whose column in the customer's unit holds the measurement (a range
such as "96-104") or is nearest at or above it (between sizes, the larger one). Rows another
word of the question rules out are skipped: a chart with men's and women's rows, or Regular and
Wide, is read in the rows the customer named. Two measurements in one unit ("left 24.2 cm,
right 24.5 cm") are sized for the larger."""

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
    "uk": ("uk",),
    "eu": ("eu",),
    "us": ("us",),
}
_EUROPEAN = re.compile(r"\b(europ\w*|eu)\b", re.I)  # "european", "européenne", "europäisch"
# "size 40", "a 39 in european shoe size"
_EUROPEAN_SIZE = re.compile(
    r"\bsize\s*(\d{2}(?:[.,]5)?)(?![\w.,]\d)|\b(\d{2}(?:[.,]5)?)\b(?=[^.?!\d]{0,25}\bsize\b)|"
    r"\b(\d{2}(?:[.,]5)?) (?:in )?(?:europ\w*|eu)\b",  # "shes a 39 in european"
    re.I,
)
# A size in a sizing system ("UK 6", "EU 39", "size 38 EU", "a women's 10"): the chart's column
# for that system; a gendered size with no system named is read in the US column.
_SYSTEM = re.compile(
    r"\b(uk|eu|us)\s*(?:size\s*)?(\d{1,2}(?:[.,]5)?)(?![\w.,]\d)|"
    r"\b(?:size\s*)?(\d{1,2}(?:[.,]5)?)\s*(uk|eu)\b|"
    r"\b(?:women'?s|womens|men'?s|mens|ladies)\s*(?:size\s*)?(\d{1,2}(?:[.,]5)?)(?![\w.,]\d)",
    re.I,
)
# a shoe size with no system, in a question about sizes ("…wrong size? i'm a 9.5", "she wears
# a 7", "size 8.5"): read in the US column, as a gendered size is
_SIZE_WORD = re.compile(r"\bsize[sd]?\b", re.I)
_BARE_SIZE = re.compile(
    r"\b(?:(?:i'?m|i am|in|wear|wears|she'?s|he'?s)\s+an?|size)\s+(\d{1,2}(?:[.,]5)?)"
    r"(?![\w%]|[.,]\d|\s*(?:cm|mm|in\b|inch|kg|lbs?\b|g\b|oz|miles?|km|hours?|days?|weeks?|months?|years?))",
    re.I,
)
_IN_A_PHRASE = re.compile(r"\s+(?!long\b|wide\b|across\b)[a-z]", re.I)
_SIZE_QUESTION = re.compile(r"\b(size|sizes|fit|which|what|order|get|buy)\b", re.I)
TOLERANCE = 0.05
_ROW = re.compile(r"Row (\d+)\b")


_SIZE_VALUE = re.compile(r"\d{1,2}(?:\.5)?|X{0,3}[SML]|XX?L|[SML]/[SML]", re.I)
_RANGE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(?:-|–|to)\s*(\d+(?:[.,]\d+)?)\s*$")
_QUALIFIER = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Measurement:
    value: float
    unit: str

    decimals: int = 0
    words: frozenset[str] = frozenset()  # the question's words, to pick the rows it names
    system: bool = False  # a size in a sizing system ("UK 6"), not a length or a weight

    @property
    def query(self) -> str:
        """One search for the rows around the measurement: its own value and three
        steps either side (a step is the precision the customer gave: 0.1 for "24.4 cm"; a
        half size for a size)."""
        if self.system:
            sizes = " ".join(f"{self.value + k * 0.5:g}" for k in (0, -1, 1, -2, 2))
            return f"size chart {self.unit} {sizes}"
        places = max(self.decimals, 1)  # "25 cm": charts list 24.8 and 25.2, not 25
        step = 10.0**-places
        values = " ".join(f"{self.value + k * step:.{places}f}" for k in (0, -1, 1, -2, 2, -3, 3))
        return f"size chart {self.unit} {values}"

    @property
    def row_query(self) -> str:
        """A search within one chart for the row that holds the size ("uk 6")."""
        return f"{self.unit} {self.value:g}"

    def query_for(self, products: Sequence[str]) -> str:
        """:attr:`query` for the rows of the named products (a chart has a row per size, fit
        and colour, each tagged to its own variant), with the words naming a fit or width."""
        names = [re.split(r"\s+[-–]\s+", name)[0] for name in products]  # "Boot - Men's"
        fits = sorted(w for w in self.words if w in _RIVALS)
        return " ".join([*dict.fromkeys(names), *fits, self.query])


@dataclass(frozen=True, slots=True)
class Row:
    passage: PassageOut
    cells: tuple[tuple[str, str], ...]
    column: str  # the column that matched the measurement


def measurement(question: str) -> Measurement | None:
    """The measurement a sizing question gives, if any ("24.4 cm", "9.5 inches")."""
    if not _SIZE_QUESTION.search(question):
        return None
    found: list[Measurement] = []
    words = frozenset(_norm(w) for w in question.split())
    sized = _size_in_a_system(question, words)
    if sized is not None:  # "UK size 6 in trainers": a size, not six inches
        return sized
    for match in _MEASURE.finditer(question):
        if match.group(2).lower() == "in" and _IN_A_PHRASE.match(question, match.end()):
            continue  # "a 7.5 in Nikes": the preposition
        unit = match.group(2).lower().rstrip("es") if match.group(2) != '"' else "in"
        unit = {"inch": "in", "inc": "in", "lbs": "lb", "lb": "lb"}.get(unit, unit)
        number = match.group(1).replace(",", ".")
        decimals = len(number.split(".")[1]) if "." in number else 0
        found.append(Measurement(float(number), unit, decimals, words))
    if not found:
        return None
    same_unit = [m for m in found if m.unit == found[0].unit]
    return max(same_unit, key=lambda m: m.value)  # two feet: the larger one


def _size_in_a_system(question: str, words: frozenset[str]) -> Measurement | None:
    match = _SYSTEM.search(question)
    bare = _BARE_SIZE.search(question) if _SIZE_WORD.search(question) else None
    if match is None and bare is not None and _EUROPEAN.search(question):
        bare = None  # "I am european, i wear size 40": the EU column, below
    if match is None and bare is not None:  # "did i get the wrong size? im a 9.5": the US one
        value = float(bare.group(1).replace(",", "."))
        return Measurement(value, "us", 1 if value % 1 else 0, words, system=True)
    if match is None:
        european = _EUROPEAN_SIZE.search(question) if _EUROPEAN.search(question) else None
        if european is None:  # "I am european, i wear size 40": the EU column
            return None
        told = european.group(1) or european.group(2) or european.group(3)
        value = float(told.replace(",", "."))
        return Measurement(value, "eu", 1 if value % 1 else 0, words, system=True)
    system, number = (
        (match.group(1), match.group(2))
        if match.group(2)
        else (match.group(4), match.group(3))
        if match.group(3)
        else ("us", match.group(5))
    )
    value = float(number.replace(",", "."))
    return Measurement(value, system.lower(), 1 if value % 1 else 0, words, system=True)


def _norm(word: str) -> str:
    """ "Women's", "womens", "women’s" -> "womens"."""
    return _QUALIFIER.sub("", word.lower())


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


def _span(value: str) -> tuple[float, float] | None:
    """A cell's number, or its range ("96-104", "41 to 51"), as (low, high)."""
    single = _number(value)
    if single is not None:
        return single, single
    found = _RANGE.match(value)
    if found is None:
        return None
    low, high = (float(g.replace(",", ".")) for g in found.groups())
    return (low, high) if low <= high else None


def _ruled_out(cells: Sequence[tuple[str, str]], measure: Measurement) -> bool:
    """A row the question's words exclude: it names "women's" and this row is "Men's" (a
    short word-valued cell, such as fit or width, that another row of the chart differs in)."""
    for _name, value in cells:
        if not value.strip() or len(value) > 20 or any(c.isdigit() for c in value):
            continue
        key = _norm(value.split()[0])  # "Regular (D)" -> "regular", "Men's" -> "mens"
        rivals = _RIVALS.get(key)
        if rivals and rivals & measure.words and key not in measure.words:
            return True
    return False


# values of one column that exclude each other, as customers name them
_RIVALS: dict[str, frozenset[str]] = {
    "mens": frozenset({"womens", "women", "ladies", "kids", "youth"}),
    "womens": frozenset({"mens", "men", "kids", "youth"}),
    "regular": frozenset({"wide", "narrow", "long", "short"}),
    "wide": frozenset({"regular", "narrow"}),
    "long": frozenset({"regular", "short"}),
    "short": frozenset({"regular", "long"}),
}


def is_table_row(passage: PassageOut, measure: Measurement) -> bool:
    """A row of a table with a column in the measurement's unit or sizing system."""
    words = _UNIT_WORDS.get(measure.unit, (measure.unit,))
    return any(
        t.startswith(w)
        for name, _ in _cells(passage.text)
        for t in name.lower().replace("_", " ").split()
        for w in words
    )


def lookup(measure: Measurement, found: Sequence[PassageOut]) -> Row | None:
    """The table row for ``measure`` among ``found``: exact, else the nearest above."""
    words = _UNIT_WORDS.get(measure.unit, (measure.unit,))
    best: tuple[float, Row] | None = None
    below: set[int] = set()  # rows (by number) whose value is under the measurement
    for passage in found:
        cells = _cells(passage.text)
        if len(cells) < 2 or _ruled_out(cells, measure):
            continue
        for name, value in cells:
            tokens = name.lower().replace("_", " ").split()
            span = _span(value)
            if span is None or not any(t.startswith(w) for t in tokens for w in words):
                continue
            low, high = span
            if low - TOLERANCE <= measure.value <= high + TOLERANCE:
                gap = 0.0  # inside the row's range: this is the row
            else:
                gap = low - measure.value
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
    cells = list(row.cells)
    sized = [c for c in cells if _SIZE_VALUE.fullmatch(c[1].strip())]
    (first, size) = sized[0] if sized else cells[0]
    product = next((v for n, v in cells if n.lower() in ("product", "name", "title")), "")
    rest = [(n, v) for n, v in cells if (n, v) != (first, size) and v != product]
    others = ", ".join(f"{n} {v}" for n, v in rest if n != row.column and n.lower() != "sku")
    where = f" for the {product}" if product else ""
    if measure.system:
        return (
            f"In the size chart{where}, {measure.unit.upper()} {measure.value:g} is size "
            f"{size} ({first}); {others}."
        )
    return (
        f"For {measure.value:g} {measure.unit}, the nearest size at or above your measurement "
        f"in the chart{where} is size {size} ({first}); {others}. If you are between sizes, "
        "go for the larger one."
    )
