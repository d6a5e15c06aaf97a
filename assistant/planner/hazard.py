"""A fault that can hurt someone: a battery that has swollen, a product that smokes, sparks,
melts or smells of burning. What the documents say to do at once comes first, whatever the
customer asked for (a claim, a fix, a question), and a person takes it from there."""

from __future__ import annotations

import re

from assistant.agent.messages import ModelTurn
from assistant.agent.tools import PassageOut
from assistant.planner.answers import units_of
from assistant.planner.common import answer_then_hand_over, escalate, passages, source_label
from assistant.planner.kit import Step, call
from assistant.planner.products import search_call

_FIRE = (
    r"smok(e|es|ed|ing|y)|burn(ing|t)? (smell|plastic)|"
    r"smell\w* ((a )?(bit|little|kind of|sort of|slightly|faintly) )?(like |of )?burn\w*|"
    r"melt(ed|ing|s)|scorch\w*|(catch|caught|on) fire|in flames"
)
# words that are a danger only where the documents call them one: a swollen battery, not a coffee
# bag puffed up with the gas fresh beans give off; a kettle base that sparks, not a stove's igniter
_MAYBE = r"swell\w*|swollen|puffy|puff(ed|ing|s)? up|bulg\w*|spark(s|ed|ing)?"
_HEAT = r"overheat\w*|(very|really|too|extremely|super) hot"
# what a document's safety line and a customer's report name alike
HAZARD = re.compile(rf"\b({_FIRE}|{_MAYBE}|{_HEAT})\b", re.I)
# the hazards that are a report of danger in themselves: "it gets really hot", "the motor
# overheats and stops" or "the flame is tiny" is what a manual's troubleshooting answers
_DANGER = re.compile(rf"\b({_FIRE})\b", re.I)
_SWOLLEN = re.compile(rf"\b({_MAYBE})\b", re.I)
# "no smoke or anything", "what should I do if it ever starts smoking?": not a report
_NOT_TOLD = re.compile(
    r"\b(no|not|never|without|nor|isn'?t|wasn'?t|doesn'?t|didn'?t|if|in case|whether|"
    r"what happens)\b[^.!?]{0,40}$",
    re.I,
)
_WHAT_TO_DO_NOW = re.compile(r"\b(stop using|do not|don'?t|never|unplug|remove|keep away)\b", re.I)


def reports_danger(text: str, line: str = "") -> bool:
    """The customer tells of a danger happening: "it smells like burnt plastic", or "the battery
    has puffed up" where the documents' safety ``line`` names swelling; not "no smoke or
    anything" nor "what if it ever sparks?"."""
    told = [*_DANGER.finditer(text)]
    named = {m.group(0).lower()[:4] for m in _SWOLLEN.finditer(line)}  # "swol", "spar", "puff"
    told += [m for m in _SWOLLEN.finditer(text) if _same(m.group(0), named)]
    return any(not _NOT_TOLD.search(text[: m.start()]) for m in told)


def _same(word: str, named: set[str]) -> bool:
    """ "swollen" told, "swelling" in the line: one hazard (their stems)."""
    stem = word.lower()[:4]
    swelling = {"swel", "swol", "puff", "bulg"}
    return stem in named or (stem in swelling and bool(named & swelling))


def safety_line(step: Step, sku: str, model: str) -> tuple[ModelTurn | None, PassageOut | None]:
    """For a hazardous fault, the documents' line on what to do now, to quote before anything
    else (its passage, holding only that line); (the search to make first, or None; the line,
    or None when there is no hazard or no such line)."""
    text = step.ctx.text
    if not HAZARD.search(text):
        return None, None
    query = f"{model}: {text} (safety: stop using it)"
    if not step.done.has("search_documents", query=query):
        return call(search_call(query, sku)), None
    told = {m.group(0).lower() for m in HAZARD.finditer(text)}
    lines = [
        (not told & {m.group(0).lower() for m in HAZARD.finditer(unit)}, rank, unit, passage)
        for rank, passage in enumerate(passages(step, query))
        for unit, _ in units_of(passage)
        if HAZARD.search(unit) and _WHAT_TO_DO_NOW.search(unit)
    ]  # the line about the hazard told first ("swollen"), then any hazard's, by search rank
    if not lines:
        return None, None
    _, _, line, passage = min(lines, key=lambda t: t[:2])
    return None, passage.model_copy(update={"text": line})  # as sections.direct_line does


def quote_safety(line: PassageOut) -> str:
    return f"For your safety, first ({source_label(line)}):\n{line.text}"


def danger_first(step: Step, sku: str, model: str) -> ModelTurn | None:
    """A danger told in a question or a fault report ("my cam gets really hot and smells like
    burnt plastic"): the documents' line on what to do now, then a person, at once; None when
    the message tells of no danger."""
    text = step.ctx.text
    if not (_DANGER.search(text) or _SWOLLEN.search(text)):
        return None
    pending, line = safety_line(step, sku, model)
    if pending is not None:
        return pending
    if not reports_danger(text, line.text if line is not None else ""):
        return None
    summary = f"Possible safety hazard with the {model}. Customer reports: {text}"
    if line is None:
        return escalate(step, "safety_hazard", summary)
    return answer_then_hand_over(
        step, quote_safety(line), [line.chunk_id], "safety_hazard", summary
    )
