"""Several requests in one message: "what's the status of my order and can you add socks",
"when does my warranty end, and how do I reset them?". The message is split at clause
boundaries (question marks, sentence ends, "and also", ", and how/what/can…") and each clause
is routed on its own, so a model can answer every request, not only the one the whole message
leans towards."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from assistant.intents import Intent

# "i also got a spare battery, do i need…": one clause; "…ok. also, is it…": two
_CLAUSES = re.compile(
    r"\s*(?:\band also\b|(?<!\bi )(?<!\bwe )(?<!\bthey )(?<!\bhe )(?<!\bshe )\balso\b|"
    r"\bplus\b|;|\?\s+|[.!]\s+(?=[A-Za-z])|"
    # "…n the grinder (grinder is for the office lol) when is my next…": an aside closes a request
    r"\)\s+(?=(?:when|where|wheres|what|whats|how|can|could|is|are|do|does|will)\s)|"
    r"(?:^|[.!:,]?(?<!jan|feb|mar|apr|may|jun|jul|aug|sep|ept|oct|nov|dec|ary|rch|ril|une|uly|"
    r"ust|ber)\s+)\(?[1-9][.)]\s+(?=[A-Za-z])|"  # "two things. 1) … 2) …", not "feb 9. if…"
    r",?\s+and\s+(?=(?:can|could|how|what|whats|what's|when|where|which|who|why|is|are|do|does|"
    r"will|should|please|pls|plz)\b)|"
    r",?\s+and\s+(?=(?:can|could|would|will)\s+(?:you|u)\b))\s*",
    re.I,
)
MAX_CLAUSES = 6  # routed; a greeting and a remark may come first ("hi, couple things. 1) …")
_QUESTION_WORDS = "can|could|how|what|when|where|which|why|is|are|do|does|will|should"
MIN_WORDS = 3  # a clause shorter than this is never a request of its own


@dataclass(frozen=True, slots=True)
class RoutedClause:
    text: str
    intent: Intent
    confidence: float


# "3 things re my order: 1 where are they, … 2 is it dumb to… 3 can i…": a list announced, its
# numbers typed bare
_ANNOUNCED_BARE = re.compile(
    r"\b(\d|two|three|four|couple( of)?|few)\s+(quick\s+)?(things|questions|qs|q's)\b[^:]*:\s*"
    r"(?=1\s+[a-z])",
    re.I,
)
_STARTS = (  # what a listed request starts with: "1 where are they", not "1 bag of decaf"
    r"(?:can|could|how|what|whats|when|where|wheres|which|why|is|are|do|does|did|will|would|"
    r"should|i|im|my|if|please|pls|any|has|have)\b"
)


@lru_cache(maxsize=9)
def _numbered_item(n: int) -> re.Pattern[str]:
    """The list's ``n``-th number typed bare, before what the item asks."""
    return re.compile(rf"(?<![\w$.,]){n}\s+(?={_STARTS})", re.I)


def _bare_list(text: str) -> str:
    """``text`` with a bare-numbered list announced ("…: 1 where… 2 is it…") numbered "1)",
    "2)" as customers also type it; unchanged when its numbers do not follow on."""
    lead = _ANNOUNCED_BARE.search(text)
    if lead is None:
        return text
    out, at, n = text[: lead.end()], lead.end(), 1
    while (m := _numbered_item(n).search(text, at)) is not None:
        out += f"{text[at : m.start()]}{n}) "
        at, n = m.end(), n + 1
    return out + text[at:] if n > 2 else text


def split_clauses(text: str) -> list[str]:
    """The message's clauses in order, without their joining words and punctuation."""
    text = _bare_list(text)
    found: list[str] = []
    parts = [c.strip(" ,.!") for c in _CLAUSES.split(text) if c and c.strip(" ,.!?")]
    for c in (_NUMBERED.sub("", c) for c in parts):
        start = text.find(found[-1]) if found else -1
        end = text.find(c, start) if start >= 0 else -1
        if end >= 0 and _OR_ELSE.match(c):  # "how do I fix that? or should I just move it":
            found[-1] = text[start : end + len(c)]  # the other side of the same question
        else:
            found.append(c)
    return [part for c in found for part in _listed(c, _ends_asking(text, c))]


_OR_ELSE = re.compile(r"^\W*or\b", re.I)
_NUMBERED = re.compile(r"^\(?[1-9][.)]\s+(?=[A-Za-z])")  # "…vinegar? 3) unrelated but…"


def _ends_asking(text: str, clause: str) -> bool:
    """Whether ``clause`` ends in a question mark, its own or the one the split took away."""
    at = text.find(clause)
    return clause.endswith("?") or (
        at >= 0 and text[at + len(clause) :].lstrip(" ,.!").startswith("?")
    )


_QUESTION_WORD = re.compile(rf"^(?:{_QUESTION_WORDS}|whats|what's|who|would)\b", re.I)
_COMMA_AND = re.compile(r",\s+and\s+(?=\S)")


def _listed(clause: str, ends_asking: bool) -> list[str]:
    """ "where is my order, and once it gets here, will the plug turn the lamp back on?": a
    question, then ", and" another one that ends asking, two clauses (only after a clause that
    asks, so "if it breaks, can I return it" and an address's commas stay whole)."""
    asked = asked_part(clause)
    comma = _COMMA_AND.search(clause, len(clause) - len(asked))
    if not _QUESTION_WORD.match(asked) or comma is None:
        return [clause]
    head, tail = clause[: comma.start()], clause[comma.end() :]
    if len(head.split()) < MIN_WORDS or len(tail.split()) < MIN_WORDS or not ends_asking:
        return [clause]
    return [head, tail]


_ASKED_AFTER = re.compile(rf":\s*((?:{_QUESTION_WORDS})\b.*)", re.I)


def is_asked(text: str, clause: str) -> bool:
    """Whether ``clause`` asks though it does not open with a question word: it ends in a
    question mark in ``text`` ("my cart is $96, so is express free too since it's over $75?")
    or asks after a lead-in ("two things: how high do I fill it")."""
    asked = _ends_asking(text, clause)
    lead = _ASKED_AFTER.search(clause)  # a short lead-in, no question before its colon
    return asked or (
        lead is not None and 0 < lead.start() <= 40 and "?" not in clause[: lead.start()]
    )


def asked_part(clause: str) -> str:
    """The question of a clause after its lead-in ("…2 q's about the socks: are they wool" ->
    "are they wool"); the clause itself when it has none."""
    found = _ASKED_AFTER.search(clause)
    return clause[found.start(1) :] if found else clause


def route_clauses(route: Callable[[str], Any], text: str) -> list[RoutedClause]:
    """Each clause of a message of two or more, routed on its own ([] for one clause)."""
    # "Hi! Two things. Could you pause…": a greeting or a lead-in takes no request's place
    clauses = [c for c in split_clauses(text) if len(c.split()) >= MIN_WORDS][:MAX_CLAUSES]
    if len(clauses) < 2:
        return []
    # "…so later I might switch to whole bean: is there anything different about grinding
    # decaf?": the question after the lead-in says what is asked; the clause keeps its scene
    asked = [asked_part(c) for c in clauses]
    return [
        RoutedClause(c, (r := route(a)).intent, r.confidence)
        for c, a in zip(clauses, asked, strict=True)
    ]
