"""A statement and the question about it, read as one clause: "my cold brew tastes watery
though I mix it 1 to 1. What should I change?", "…white crusty stuff on the plate. how often am
i supposed to do this". Used by :mod:`assistant.planner.several` before it splits a message into
requests."""

from __future__ import annotations

import re

from assistant.agent.clauses import RoutedClause, asked_part, is_asked, split_clauses
from assistant.planner.asked_kinds import IF_I
from assistant.planner.question_words import (
    ASKS_US,
    QUESTION,
    THAT_ASKED,
    asks_about_the_told,
    content_words,
)
from assistant.planner.request_kinds import ACTIONS
from assistant.planner.shopview import ShopView

SPLIT_CONFIDENCE = 0.6  # a clause routed at least this confidently is a request of its own
MIN_WORDS = 3
DOCUMENT_QUESTION = 0.75  # how sure a question clause is about itself: answer it, don't ask
ASKS = re.compile(
    # "few quick qs about my plan: when is my next bag coming": asked after a colon
    r"\?|(^|:\s*)\W*((and|hey|hi|hello|ok|okay|so|also|oh|um|hmm)\W+)?(can|could|how|what|whats|"
    r"what's|"
    r"when|where|wheres|where's|which|who|why|is|are|do|does|"
    r"will|should|would|did (you|u|my|i|we|it|they|your))\b|"  # not "did the reset, …"
    r"\b(how (long|much|many|often|do|to)|what size|which|"
    r"(am|are) (i|we) (supposed|meant) to|(should|can|do) (i|we) (need to )?\w+ (it|them)|"
    r"(will|would|do|does|can|could|is|are) (these|those|they|it|this|that) \w+|"
    r"(can|could|may|should|will|would|does) (she|he) \w+)\b|"  # "…can she send them back"
    # "the cam i ordered yesterday, has it shipped": asked after a comma ("i have it on…" tells)
    r"(^|[,:;]\s*)(has|have|did|was|were) (these|those|they|it|this|that) \w+\b|"
    # "the espresso tastes super sour, what am i doing wrong (18g in…)": asked after a comma
    r"[,:;]\s*(what|how|why|where) (am|are|is|do|does|did|should|can) (i|we|it|they|the|my)\b|"
    r"([,:;–—]|\s-)\s*(do|does|did|can|could|should|will|would|must) (i|we|you)\b|"  # ", do i"
    # "my friend only has a french press, will the coffee i picked work in that"
    r"[,:;]\s*(will|would|can|could|does|is) (the|my|your|our) (\w+ ){1,3}(work|fit|go|do|be)\b|"
    # "…my shoes are a 10 — wait are small socks even right for that"
    r"([–—]|\s-)\s*((wait|hmm|oh|so|but|and)\W+)?(is|are|does|do|will|would) (\w+ ){1,2}"
    r"(even |actually |really )?(right|ok|okay|fine|correct|the right)\b|"
    r"\b(where'?s|wheres|when'?s|whens) (my|the|our)\b",  # "quick pls wheres my order…"
    re.I,
)


def asks(text: str) -> bool:
    """The clause asks, or its part after a lead-in does ("Two things about my kettle order:
    where on earth is it")."""
    return bool(ASKS.search(text) or ASKS.search(asked_part(text)))


UNSURE = 0.5  # a clause routed less surely than this does not say alone what it asks
# a question whose only subject is "it" ("how do i make it chill without turning it off")
_IT_ALONE = re.compile(
    r"^\W*(how|what|why|can|could|should|is|does|do)\b(?=.*\b(it|they|them)\b)", re.I
)


def _it_about_the_scene(c: RoutedClause, before: RoutedClause, shop: ShopView) -> bool:
    """ "…my homely cam pings me 40 times a day. how do i make it chill": a question the router
    cannot place whose only subject is "it", after a statement naming one product ("is it still
    under warranty?" says what it asks; "…white flakey bits in the kettle. is it broken or am i
    doing something wrong": unsure after a statement that asks nothing itself)."""
    return (
        bool(_IT_ALONE.search(c.text))
        and (c.confidence < UNSURE or before.confidence < UNSURE <= c.confidence < SPLIT_CONFIDENCE)
        and not shop.mentions(c.text)
        and len(shop.mentions(before.text)) == 1
    )


def _two_requests(a: RoutedClause, b: RoutedClause) -> bool:
    """Two clauses each routed surely, to different intents."""
    sure = min(a.confidence, b.confidence) >= DOCUMENT_QUESTION
    return sure and a.intent is not b.intent


def scenes_asked(clauses: list[RoutedClause], shop: ShopView) -> list[RoutedClause]:
    """A statement followed by a question that names nothing ("my cold brew tastes watery
    though I mix it 1 to 1. What should I change?") is one question, about the statement, in a
    message that asks nothing else."""
    asks_elsewhere = any(
        ASKS.search(c.text)
        and len(content_words(c.text)) >= 2
        and not (c.intent in ACTIONS and c.confidence >= SPLIT_CONFIDENCE)  # "can u skip…"
        for c in clauses
    )  # "…did i do something wrong?? how am i supposed to wash these": asked
    out: list[RoutedClause] = []
    statement = ""  # the last one: what "this" in "how often should i do this" is
    for c in clauses:
        before = out[-1] if out else None
        if (
            before is not None
            and len(out) >= 2
            and THAT_ASKED.search(c.text)
            and before.confidence < UNSURE <= out[-2].confidence
            and not ASKS.search(before.text)
        ):  # "…sitting in newark since sunday. we live in texas. should i be worried?": about
            # the request before the remark
            told = out[-2]
            asked = f"{told.text}. {before.text}. {c.text.rstrip('?')}?"
            out[-2:] = [RoutedClause(asked, told.intent, told.confidence)]
        elif (
            before is not None
            and ASKS.search(c.text)
            and not ASKS_US.search(c.text)  # "can you do something?": a request to us
            and (
                THAT_ASKED.search(c.text)
                or (
                    _it_about_the_scene(c, before, shop)
                    if asks_elsewhere
                    # not "i forgot my password. how long is the warranty on them": two requests
                    # each sure of itself
                    else len(content_words(c.text)) < 2 and not _two_requests(before, c)
                )
            )
            and not ASKS.search(before.text)
            and len(before.text.split()) >= MIN_WORDS
        ):  # "…my homely cam pings me 40 times a day. how do i make it chill": about the cam
            asked = f"{before.text}. {c.text.rstrip('?')}?"  # still a question, as one clause
            out[-1] = RoutedClause(asked, before.intent, before.confidence)
        elif (  # "…white crusty stuff on the plate. how often am i supposed to do this"
            statement
            and asks_about_the_told(c.text)  # not "…take one thing out of it, can i do that"
            and asks(c.text)
            and not shop.mentions(c.text)
        ):
            out.append(RoutedClause(f"{statement}. {c.text}", c.intent, c.confidence))
        else:
            out.append(c)
        statement = statement if ASKS.search(c.text) else c.text
    return out


_A_CHANGE = re.compile(
    r"\b(cancel\w*|paus\w*|skip\w*|return\w*|send\w* (it|them) back|exchang\w*|swap\w*|"
    r"switch\w*|chang\w*|mov(e|ing)|upgrad\w*|downgrad\w*|unsubscrib\w*|clos(e|ing) my)\b",
    re.I,
)


def statements(text: str, clauses: list[str] | None = None) -> list[str]:
    """The clauses of ``text`` that tell rather than ask ("Got a stovetop moka pot for the
    boat."): the scene its questions are asked in."""
    found = split_clauses(text) if clauses is None else clauses
    return [c for c in found if not (QUESTION.search(c) or is_asked(text, c))]


def told_scene(full_text: str, clause: str) -> str | None:
    """The supposition ``clause`` asked in the scene the rest of its message told ("thinking
    about cancelling my <program>. … and if i change my mind later can i get the same plan
    back?"), when the message was split into requests and has statements; else None."""
    if not full_text or full_text.strip() == clause.strip() or not IF_I.search(clause):
        return None  # only a supposition ("and if i change my mind…") needs its premise
    told = [
        c
        for c in statements(full_text)
        if c.strip() not in clause
        and len(content_words(c)) >= 2
        and _A_CHANGE.search(c)  # "thinking about cancelling…", not "the screen has a bubble"
    ]
    return f"{' '.join(told)}. {clause}" if told else None
