""" "whats the latest i can skip a delivery? mine is set for friday feb 6": the last day for
changes to a delivery on the day the customer names, worked out from the store's cutoff rule
(its ``change_cutoff_days``), with the documents' own line about the cutoff. No account is
needed: the day is the customer's, the rule is the store's."""

from __future__ import annotations

import re
from datetime import date

from assistant.agent.messages import ModelTurn
from assistant.planner import fmt, move_date
from assistant.planner.also import WHOLE_MESSAGE
from assistant.planner.answers import best_answer
from assistant.planner.common import passages, with_documents_line
from assistant.planner.kit import Step, one, say
from assistant.planner.slots import corrected

_LATEST = re.compile(
    r"\b(latest|last (day|moment|minute|chance|date)|deadline|cut-?off|by when|until when|"
    r"how late|how long (do|have) i (got|have))\b",
    re.I,
)
_CHANGE = re.compile(r"\b(skip\w*|pause\w*|chang\w*|swap\w*|switch\w*|cancel\w*|mov\w*|edit\w*)\b")
_QUERY = "last moment to make changes before a delivery: cutoff"


def _named_day(step: Step) -> date | None:
    """The delivery day the whole message names; the corrected one when it corrects itself
    ("it comes friday the 30th. wait no sorry its thursday the 29th")."""
    ctx = step.ctx
    text = ctx.full_text or ctx.text
    day = move_date.named_day(corrected(text), ctx.today, None)
    return day or move_date.named_day(text, ctx.today, None)


def asks_cutoff(step: Step) -> bool:
    """The message asks by when a change to a delivery on a day it names must be made."""
    ctx = step.ctx
    return (
        ctx.shop.policy.subscriptions is not None
        and bool(_LATEST.search(ctx.text))
        and bool(_CHANGE.search(ctx.text.lower()))
        and _named_day(step) is not None
    )


def cutoff_answer(step: Step) -> ModelTurn:
    ctx = step.ctx
    day = _named_day(step)
    if day is None:  # asks_cutoff said there is one
        return say("Which delivery date is it?")
    ctx.notes.append(WHOLE_MESSAGE)  # "…i might be at my moms that week": no other question
    # "…it comes friday the 30th": the day told, answered here, not a question of its own
    ctx.queue = [c for c in ctx.queue if move_date.named_day(c.text, ctx.today, None) is None]
    if not step.done.has("search_documents", query=_QUERY):
        return one("search_documents", query=_QUERY, k=4)
    days = ctx.shop.change_cutoff_days
    last = ctx.shop.last_change_day(day)
    text = (
        f"For a delivery on {fmt.day(day)}, the last day to skip, pause or change it is "
        f"{fmt.day(last)} ({days} days before)."
    )
    answer = best_answer(_QUERY, passages(step, _QUERY), max_units=1)
    line, passage = (answer.text, answer.passage) if answer else (None, None)
    return with_documents_line(text, line, passage)
