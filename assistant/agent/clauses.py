"""Several requests in one message: "what's the status of my order and can you add socks",
"when does my warranty end, and how do I reset them?". The message is split at clause
boundaries (question marks, sentence ends, "and also", ", and how/what/can…") and each clause
is routed on its own, so a model can answer every request, not only the one the whole message
leans towards."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.intents import Intent

_CLAUSES = re.compile(
    r"\s*(?:\band also\b|\balso\b|\bplus\b|;|\?\s+|[.!]\s+(?=[A-Za-z])|"
    r"(?:^|[.!:,]?\s+)\(?[1-9][.)]\s+(?=[A-Za-z])|"  # "two things. 1) … 2) …"
    r",?\s+and\s+(?=(?:can|could|how|what|whats|what's|when|where|which|who|why|is|are|do|does|"
    r"will|should|please|pls|plz)\b)|"
    r",?\s+and\s+(?=(?:can|could|would|will)\s+(?:you|u)\b))\s*",
    re.I,
)
MAX_CLAUSES = 4


@dataclass(frozen=True, slots=True)
class RoutedClause:
    text: str
    intent: Intent
    confidence: float


def split_clauses(text: str) -> list[str]:
    """The message's clauses in order, without their joining words and punctuation."""
    return [c.strip(" ,.!") for c in _CLAUSES.split(text) if c and c.strip(" ,.!?")]


def route_clauses(route: Callable[[str], Any], text: str) -> list[RoutedClause]:
    """Each clause of a message of two or more, routed on its own ([] for one clause)."""
    clauses = split_clauses(text)[:MAX_CLAUSES]
    if len(clauses) < 2:
        return []
    return [RoutedClause(c, (r := route(c)).intent, r.confidence) for c in clauses]
