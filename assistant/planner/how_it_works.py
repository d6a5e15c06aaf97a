"""A question about how a change to a subscription works, asked by a customer not verified
("can I get my next delivery sooner without messing up the schedule?"): the policy answers it;
doing it needs verification, which is offered."""

from __future__ import annotations

import re

from assistant.agent.messages import ModelTurn
from assistant.planner.kit import Step
from assistant.planner.policies import policy_question
from assistant.planner.reading import SUBSCRIPTION_INTENTS
from assistant.planner.slots import Slots

# "can I get the next one sooner?": how it works; "can you…", "please…": do it
_CAN_I = re.compile(
    r"\b((can|could|may) (i|we)|how (do|can|would|should) (i|we)|is it possible|is there a way)\b",
    re.I,
)
_FOR_ME = re.compile(r"\b((can|could|would|will) you|please|pls|i want|i'?d like)\b", re.I)


def how_it_works(step: Step, slots: Slots) -> ModelTurn | None:
    """ "Can I get my next delivery sooner without messing up the schedule?" from a customer not
    verified: how it works, from the policy, with the offer to do it once verified; None for a
    request to do it, or when the policy does not say (verification is asked for then)."""
    text = step.ctx.text
    if (
        step.ctx.state.verified
        or slots.order_number
        or slots.email
        or step.ctx.intent not in SUBSCRIPTION_INTENTS
        or not _CAN_I.search(text)
        or _FOR_ME.search(text)
    ):
        return None
    turn = policy_question(step, slots)
    if not turn.is_final:
        return turn  # the search first
    if not turn.citation_ids:
        return None
    turn.text = (turn.text or "") + (
        "\n\nIf you'd like me to do it for you, send me your order number and the email address "
        "you used for it."
    )
    return turn
