"""Split a passage into answer units: numbered steps, bullet lines, table rows and sentences,
in document order. Ingestion embeds each unit into the embedding cache, so the assistant's answer
extraction scores a passage's sentences against a question without embedding them per turn."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
STEP = re.compile(r"^\s*(\d{1,2})[.)]\s+")
_BULLET = re.compile(r"^\s*[-*•]\s+")
TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")  # |---|---|


def units_of_text(text: str) -> list[str]:
    return [unit for unit, _ in units_with_kind(text)]


def units_with_kind(text: str) -> list[tuple[str, bool]]:
    """(unit, is a numbered step) for each unit of ``text``; headings are left out."""
    out: list[tuple[str, bool]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or TABLE_RULE.match(line):
            continue  # headings and a Markdown table's rule line answer nothing
        if STEP.match(line) or _BULLET.match(line) or line.startswith("|"):
            out.append((line, bool(STEP.match(line))))
            continue
        out.extend((s.strip(), False) for s in _SENTENCE_END.split(line) if s.strip())
    return out
