"""A question about how things work, asked by a customer not verified: a change to a
subscription ("can I get my next delivery sooner without messing up the schedule?") or what
happens in a case ("if tracking says delivered but nothing is there, what do I do?"). The policy
answers it; doing it, or looking at the customer's own order, needs verification, which is
offered."""

from __future__ import annotations

import re

from assistant.agent.confirm import PendingReply, read_reply
from assistant.agent.messages import ModelTurn
from assistant.planner.common import ASK_VERIFICATION, NEEDS_VERIFICATION
from assistant.planner.cutoff import asks_cutoff, cutoff_answer
from assistant.planner.frequency_if import frequency_if
from assistant.planner.kit import Step, say
from assistant.planner.move_date import asks_to_move
from assistant.planner.policies import policy_question
from assistant.planner.request_kinds import SUBSCRIPTION_INTENTS
from assistant.planner.slots import Slots

# "can I get the next one sooner?": how it works; "can you…", "please…": do it
_CAN_I = re.compile(
    r"\b((can|could|may) (i|we)|how (do|can|would|should) (i|we)|is it possible|is there a way)\b",
    re.I,
)
# "what happens if…", "if the date falls on a holiday, is it roasted?": a case, not a request
_WHAT_IF = re.compile(
    r"\bwhat if\b|"
    r"\bwhat (happens|happened|is happening|will happen|would happen|"
    r"(do|should|would|can) (i|we) do)\b[^.?!]*\b(if|when)\b|"
    r"\b(if|when)\b[^.?!]{3,}\bwhat (happens|(do|should|would|can) (i|we) do)\b|"
    r"\bif\b[^.?!]{3,}\b(what|when|does|do|will|would|is|are|can|who)\b[^.!]*\?|"
    # "…has said 'Label created' since last night, should i be worried?": whether it is usual
    r"\bshould (i|we) (be )?(worried|worry|concerned)\b",
    re.I,
)  # always a condition: "my parcel came damaged, what should I do?" is the customer's own case
OFFER_TAIL = "send me your order number and the email address you used for it."
_FOR_ME = re.compile(r"\b((can|could|would|will) you|please|pls|i want|i'?d like)\b", re.I)


def how_it_works(step: Step, slots: Slots) -> ModelTurn | None:
    """ "Can I get my next delivery sooner without messing up the schedule?", "what happens if…"
    from a customer not verified: how it works, from the policy, with the offer to do it (or
    look at the order) once verified; None for a request to do it, or when the policy does not
    say (verification is asked for then)."""
    text = step.ctx.text
    if step.ctx.intent in SUBSCRIPTION_INTENTS and asks_cutoff(step):
        return cutoff_answer(step)  # "latest i can skip? mine is set for feb 6": no account needed
    if step.ctx.intent in SUBSCRIPTION_INTENTS and not step.ctx.state.verified:
        supposed = frequency_if(step, slots)  # "…next one is feb 9. if i change it to every 2…"
        if supposed is not None:
            return supposed
    if step.ctx.state.verified or slots.order_number or slots.email or _FOR_ME.search(text):
        return None
    intent = step.ctx.intent
    can_i = intent in SUBSCRIPTION_INTENTS and bool(_CAN_I.search(text))
    case = bool(_WHAT_IF.search(text)) or _asks_more(step)
    if not can_i and not (intent in NEEDS_VERIFICATION and case):
        return None
    turn = policy_question(step, slots)
    if not turn.is_final:
        return turn  # the search first
    if not turn.citation_ids:
        return None
    step.ctx.state.active_intent = intent  # what "yes, do it" or a follow-up is about
    offer = "do it for you" if intent in SUBSCRIPTION_INTENTS else "look at your order"
    moving = _moving(step) if can_i else ""
    turn.text = f"{moving}{turn.text or ''}\n\nIf you'd like me to {offer}, {OFFER_TAIL}"
    return turn


def _moving(step: Step) -> str:
    """ "can I get the next one sooner?": the store's rule for moving a delivery, from its
    policy data (the documents' lines follow)."""
    window = step.ctx.shop.change_date_window
    if window is None or not asks_to_move(step.ctx.text):
        return ""
    return (
        f"Yes: your next delivery can move to any day from {window.min_days} to "
        f"{window.max_days} days ahead (until {step.ctx.shop.change_cutoff_days} days before "
        "its charge date), and the deliveries after it follow your frequency from the new "
        "day.\n\n"
    )


def accepted_offer(step: Step) -> ModelTurn | None:
    """ "yes, do it" right after such an answer: verification is asked for, and the question
    answered is the one resumed once verified (never a greeting for a bare "yes")."""
    state = step.ctx.state
    asked = state.asked[:-1]
    if (
        state.verified
        or state.pending is not None
        or not asked
        or not _offered(step)
        or read_reply(step.ctx.text, "") is not PendingReply.CONFIRM
    ):
        return None
    state.awaiting_verification = True
    state.deferred_text, state.deferred_intent = asked[-1], state.active_intent
    return say(ASK_VERIFICATION)


def _offered(step: Step) -> bool:
    said = step.ctx.state.replies
    return bool(said) and OFFER_TAIL in said[-1]


def _asks_more(step: Step) -> bool:
    """ "and the deliveries after that one, do they stay on the old dates?" right after such an
    answer: another question about how it works, not a request to do it ("yes, do it")."""
    text = step.ctx.text
    return _offered(step) and "?" in text and read_reply(text, "") is not PendingReply.CONFIRM
