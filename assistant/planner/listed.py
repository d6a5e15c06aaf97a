"""The customer's own list of requests: "Two things. …" counted, and a question that goes on the
request before it ("…switch them to whole bean, and whats the last day to change it")."""

from __future__ import annotations

import re

from assistant.agent.clauses import RoutedClause
from assistant.agent.context import TurnContext
from assistant.planner.request_kinds import ACTIONS
from assistant.planner.scenes import SPLIT_CONFIDENCE, asks, scenes_asked

_AND = re.compile(r"\band\W*$", re.I)


def after_and(text: str, clause: RoutedClause) -> bool:
    """ "…to whole bean now, and whats the last day": the clause goes on the one before it."""
    at = text.find(clause.text[:20])
    return at > 0 and bool(_AND.search(text[max(0, at - 8) : at]))


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5}


def merged_as_announced(ctx: TurnContext, announced: re.Pattern[str]) -> bool:
    """The message announces how many things it asks ("two things", "3 quick ones") and its
    statements read with the questions after them make that many requests."""
    said = announced.search(ctx.text)
    word = said.group(1).lower() if said and said.group(1) else ""
    count = int(word) if word.isdigit() else _COUNTS.get(word)
    if count is None:
        return False
    merged = scenes_asked(ctx.clauses, ctx.shop)
    asked = [
        c
        for c in merged
        if asks(c.text) or (c.intent in ACTIONS and c.confidence >= SPLIT_CONFIDENCE)
    ]
    return len(asked) == count
