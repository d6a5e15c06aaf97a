"""A table inside an answer: its header alone answers nothing, so the rows come with it.

Tables reach the planner as lines of cells joined by " | " (header first). Rows quoted on their
own bring their header. When an answer holds a header line, the rows the question points at
follow it: those with a cell holding a
number of the question ("my sister wears a 7": the row whose women's column says "5–7"),
preferring the columns whose header shares a word with the question; a short table without
such a number comes whole."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.planner.question_words import matches

MAX_ROWS = 8  # a longer table is not pasted whole
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")
_RANGE = re.compile(r"^\D*?(\d+(?:\.\d+)?)\s*(?:-|–|to)\s*(\d+(?:\.\d+)?)\D*$")
_WORD = re.compile(r"[a-z]+")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("|")]


def _holds(cell: str, value: float) -> bool:
    ranged = _RANGE.match(cell)
    if ranged:
        return float(ranged.group(1)) <= value <= float(ranged.group(2))
    return any(float(n) == value for n in _NUMBER.findall(cell))


def _rows_for(header: str, rows: Sequence[str], question: str) -> list[str]:
    numbers = [float(n) for n in _NUMBER.findall(question)]
    asked = set(_WORD.findall(question.lower()))
    if not numbers:  # the rows the question names by their first cell ("the Dark Roast"), or all
        named_rows = [r for r in rows if (key := _key(r)) and key <= asked]
        return named_rows or (list(rows) if len(rows) <= MAX_ROWS else [])
    named = {
        k
        for k, name in enumerate(_cells(header))
        if asked & {w for w in _WORD.findall(name.lower()) if len(w) > 2}
    }
    holding = []  # (row, the columns whose cell holds a number of the question)
    for row in rows:
        cells = _cells(row)
        columns = {k for k, cell in enumerate(cells) if any(_holds(cell, v) for v in numbers)}
        if columns:
            holding.append((row, columns))
    in_named = [row for row, columns in holding if named & columns]
    return in_named or [row for row, _ in holding]


def row_named(key: Sequence[str], words: Sequence[str]) -> bool:
    """A row whose first cell's words (``key``, tokenized) name what is asked, or hold the
    quantity asked ("18 g espresso" for "…for an 18g double shot")."""
    quantity = any(t[:1].isdigit() and "-" in t and t in words for t in key)
    return quantity or all(matches([t], words) for t in key)


def _key(row: str) -> set[str]:
    """The words of a row's first cell ("House Dark Blend"), short words left out."""
    return {w for w in _WORD.findall(_cells(row)[0].lower()) if len(w) > 2}


def _header_of(row: str, units: Sequence[str]) -> str | None:
    """The header line of the table ``row`` belongs to (None for a header or a lone line)."""
    if "|" not in row or row not in units:
        return None
    start = units.index(row)
    while start > 0 and "|" in units[start - 1]:
        start -= 1
    return units[start] if units[start] != row else None


def _rows_of(header: str, units: Sequence[str]) -> list[str]:
    start = units.index(header) + 1
    end = start
    while end < len(units) and "|" in units[end]:
        end += 1
    return list(units[start:end])


def with_table_rows(lines: Sequence[str], units: Sequence[str], question: str) -> list[str]:
    """``lines`` with, after each table header among them, the rows the question points at,
    and before rows quoted without their header, the header (a row's cells mean nothing
    without the column names)."""
    out: list[str] = []
    for line in lines:
        header = _header_of(line, units)
        if header is not None and header not in out and header not in lines:
            out += [header, line]
            numbers = [float(n) for n in _NUMBER.findall(question)]
            if numbers and not any(_holds(c, v) for c in _cells(line) for v in numbers):
                # "…the small socks but my shoes are a 10": the row named, and the 10's
                rows = _rows_for(header, _rows_of(header, units), question)
                out.extend(r for r in rows if r not in lines)
            continue
        out.append(line)
        if "|" not in line or line not in units:
            continue
        start, rows = units.index(line), _rows_of(line, units)
        if not rows or (start > 0 and "|" in units[start - 1]):
            continue  # not a header: a row, or a line with no rows after it
        out.extend(r for r in _rows_for(line, rows, question) if r not in lines)
    return list(dict.fromkeys(out))
