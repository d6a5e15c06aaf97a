"""A question that asks two measured things at once: "how much coffee to water and how long do
i leave it?". The line that scored best answers one of them ("Steep for 16–18 hours"); the
other ("You need 100 g coffee… 800 g cold filtered water") is often a line of the same passage
that scored lower. Each kind of thing asked (an amount, a duration, a temperature, how often)
that no chosen line gives is completed from the passage's first line that gives it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.planner import asked_kinds as kinds
from assistant.planner.question_words import content_words

# "how much coffee", "how many scoops", "what ratio": an amount of something, not a price
# ("how much is it", "how much does it cost") nor a time ("how much time")
HOW_MUCH_OF = re.compile(
    r"\bhow (much|many) (?!(is|are|was|does|do|did|would|will|time|longer|money|it|they)\b)"
    r"[a-z]+|\b(what|which) (ratio|dose|amount|quantity)\b|\bhow (much|many) to\b",
    re.I,
)
AMOUNT = re.compile(
    r"\b\d+([.,]\d+)?\s*(g|grams?|kg|ml|l|liters?|litres?|oz|ounces?|cups?|tbsp|tablespoons?|"
    r"tsp|teaspoons?|scoops?|lb|pounds?)\b|\b1\s*:\s*\d+\b",
    re.I,
)
HOW_HOT = re.compile(r"\bhow (hot|warm|cold)\b|\bwhat temp\w*", re.I)  # not "80 degrees out"
# "…how many days does that hold before it's full, and then what, does it just stop?": what
# happens next, which a line of the form "When the card is full, …" says
WHAT_THEN = re.compile(
    r"\b(and then what|then what|what happens (then|next|after that)|does it (just )?"
    r"(stop|keep going|carry on|overwrite|delete))\b",
    re.I,
)
CONSEQUENCE = re.compile(r"^(When|Once|If|After)\b[^.,]{3,80},", re.I)
_KINDS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (HOW_MUCH_OF, AMOUNT),
    (kinds.HOW_LONG, kinds.DURATION),
    (kinds.HOW_OFTEN, kinds.RATE),
    (HOW_HOT, kinds.TEMPERATURE),
    (WHAT_THEN, CONSEQUENCE),
)
_STEP = re.compile(r"^\d+[.)]\s")
MIN_ASKS = 2  # one kind asked is the best line's job; two are where one gets lost


def complete(question: str, lines: list[str], units: Sequence[tuple[str, bool]]) -> list[str]:
    """``lines`` with, for each kind of measure the question asks that none of them gives, the
    passage's first line giving it (before the answer when it comes before it there)."""
    asked = [(ask, gives) for ask, gives in _KINDS if ask.search(question)]
    if len(asked) < MIN_ASKS:
        return lines
    texts = [u for u, _ in units]
    first = min((texts.index(line) for line in lines if line in texts), default=len(texts))
    out = list(lines)
    for _ask, gives in asked:
        if any(gives.search(line) for line in out):
            continue
        asked_words = set(content_words(question))
        found = next(
            (
                t
                for t in texts
                if gives.search(t)
                and t not in out
                # a case's line says what the question is about ("…full…")
                and (gives is not CONSEQUENCE or asked_words & set(content_words(t)))
            ),
            None,
        )
        if found is None:
            continue
        if texts.index(found) < first:
            out.insert(0, found)
        else:  # before the steps the answer brought along, if any: the answers first
            steps = [i for i, line in enumerate(out) if _STEP.match(line)]
            out.insert(steps[0] if steps and steps[0] > 0 else len(out), found)
    return out


# "how long do i leave it", "how long do i wait": what the measure is of is the answer's topic
_OF_IT = frozenset({"leave", "wait", "take", "keep", "let", "sit", "need", "go", "stay", "last"})


def given(clause: str, said: str) -> bool:
    """ "…and how long do i leave it?" after an answer that gives a duration: the clause asks
    only the kind of measure ``said`` already gives, of nothing it names."""
    for ask, gives in _KINDS:
        found = ask.search(clause)
        if found is None or not gives.search(said):
            continue
        rest = content_words(clause[: found.start()] + clause[found.end() :])
        if all(w in _OF_IT for w in rest):
            return True
    return False
