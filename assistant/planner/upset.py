"""An angry first message about a product problem ("this grinder is garbage, the grind is half
boulders half dust, what is going on?") gets the documents' fix first, with a person offered in
the same reply; swearing, the same problem raised again, or anger that goes on after an answer
are handed over at once (:func:`assistant.escalation.signals.frustration`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.agent.context import TurnContext
from assistant.agent.messages import ModelTurn
from assistant.escalation.signals import ELEVATED_SENTIMENT, FrustrationSignal, negative_sentiment
from assistant.intents import Intent
from assistant.planner.answers import PROBLEM
from assistant.planner.persists import fault_persists

UPSET = "upset"
OFFER = (
    "I'm sorry about the trouble with it. If you'd rather talk to a person, say so and I'll "
    "hand this over right away."
)
_PRODUCT_PROBLEM = frozenset({Intent.TROUBLESHOOTING, Intent.SETUP_HELP, Intent.PRODUCT_QUESTION})
# "what am I doing wrong", "why does it…", "is this normal": asks what to do about it
WHAT_TO_DO = re.compile(
    r"\bwhat('?s| is) (going on|wrong|happening)\b|\bwhat (do|should|can) (i|we) do\b|"
    r"\bwhat am i doing wrong\b|"
    r"\bhow (do|can|should) (i|we)\b|\bwhy (does|is|do|are|won'?t|doesn'?t|can'?t)\b|"
    r"\bis (it|this|that) (normal|broken|faulty)\b",
    re.I,
)


def answer_first(ctx: TurnContext, signal: FrustrationSignal, history: Sequence[str]) -> bool:
    """True (and the turn marked) when the frustration is the tone of a first report of a
    product problem: no swearing, no repeat, no anger earlier in the conversation."""
    if signal.triggers != ("negative_sentiment",):
        return False
    if any(negative_sentiment(earlier) >= ELEVATED_SENTIMENT for earlier in history):
        return False  # angry before: the answer did not help
    if not ctx.shop.mentions(ctx.text) and ctx.state.focus_sku is None:
        return False  # no product to read about
    asks = "?" in ctx.text or bool(WHAT_TO_DO.search(ctx.text) or PROBLEM.search(ctx.text))
    if ctx.intent not in _PRODUCT_PROBLEM and not asks:
        return False
    if ctx.intent not in _PRODUCT_PROBLEM:  # "…garbage. what is going on": its fault, read up
        ctx.intent, ctx.confidence = Intent.TROUBLESHOOTING, max(ctx.confidence, 0.6)
    ctx.notes.append(UPSET)
    return True


def with_offer(ctx: TurnContext, turn: ModelTurn, handed_over: bool) -> ModelTurn:
    """The answer to an upset customer, with a person offered (unless it hands over)."""
    if UPSET not in ctx.notes or handed_over or not turn.is_final or not turn.text:
        return turn
    return replace(turn, text=f"{turn.text}\n\n{OFFER}")


def handover_reason(ctx: TurnContext, said: str) -> str:
    """Why an angry customer is handed over: the fault that outlived the manual's steps ("…E2
    AGAIN… we unplug it like the manual says and it comes right back… fed up") when they tell
    one about a product, else the frustration itself."""
    persists = bool(ctx.shop.mentions(said)) and fault_persists(said)
    return "defect_persists" if persists else "frustration"
