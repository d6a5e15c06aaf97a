"""What the customer says about the steps just shown, read before the message's own topic: the
line for the case asked about ("ok what if its still there next wed"), the steps left after
some were done ("mono is off… still quieter"), or what comes after all of them ("and if that
doesnt fix it either?"): for a verified customer's own item, the warranty with its own end
date and the offer to pass it on as a claim once the steps are tried."""

from __future__ import annotations

import re

from assistant.agent.messages import ModelTurn
from assistant.commerce.schemas import WarrantyCoverage
from assistant.intents import Intent
from assistant.planner import fmt
from assistant.planner.kit import Step, one, say
from assistant.planner.next_steps import remaining
from assistant.planner.resolve import NEEDS_OWNED, needs_owned, orders_for
from assistant.planner.told_lines import what_if_shown
from assistant.planner.warranty import item_coverage

# "and if that doesnt fix it either?", "what if it still doesn't work", "if not, what then?"
_IF_NOT_FIXED = re.compile(
    r"\bif (that|this|it|they|these|those|none of (it|that|this|these|them)|nothing)\b"
    r"[^.?!]{0,12}?\b(still )?(does ?n'?t|does not|do ?n'?t|do not|wo ?n'?t|will not|did ?n'?t|"
    r"did not|fails?)\b( \w+)? (fix|work|help|solve|sort)\w*|"
    r"\bif (it'?s|its|it is|they'?re|theyre|they are) still\b|"
    r"^\W*((ok(ay)?|and|so)\W+)*(if not|what if not|and then what|what then)\W*$",
    re.I,
)
# "…and if that doesnt work can i return it?": the return asked, read as such
_OTHER_WAY = re.compile(r"\b(return|refund|exchange|send (it|them) back|money back)\w*", re.I)
_MAX_WORDS = 16
_MIN_STEPS = 2
_STEP = re.compile(r"^\s*\d+\.\s", re.M)  # a numbered step of the reply
# the topics whose steps a customer goes through
_FIXES = frozenset({Intent.TROUBLESHOOTING, Intent.SETUP_HELP, Intent.PRODUCT_QUESTION})


def after_last_reply(step: Step) -> ModelTurn | None:
    """The answer to a message about the last reply's steps; None when it is not one."""
    return what_if_shown(step) or remaining(step) or if_not_fixed(step)


def if_not_fixed(step: Step) -> ModelTurn | None:
    """ "and if that doesnt fix it either?" after a fault's steps: the item's warranty and
    the claim that follows. None unless the customer is verified and owns the item."""
    state, text = step.ctx.state, step.ctx.text
    sku = state.focus_sku
    if (
        state.active_intent not in _FIXES
        or sku is None
        or not state.verified
        or not state.replies
        or len(text.split()) > _MAX_WORDS
        or not _IF_NOT_FIXED.search(text)
        or _OTHER_WAY.search(text)
        or len(_STEP.findall(state.replies[-1])) < _MIN_STEPS
    ):
        return None
    if needs_owned(step):
        return one(NEEDS_OWNED)
    if not orders_for(step, sku):
        return None  # not theirs: nothing of their own to say
    pending, cover = item_coverage(step, sku)
    if pending is not None:
        return pending
    return say(_what_then(cover)) if cover is not None and cover.status != "none" else None


def _what_then(cover: WarrantyCoverage) -> str:
    name, months = cover.product_name, cover.warranty_months
    lead = "If it's still not right after those steps, "
    if cover.status == "expired" and cover.ends_on is not None:
        return (
            f"{lead}our team can look at it, but your {name} (order #{cover.order_number}) "
            f"is out of warranty: its {months}-month warranty ended on "
            f"{fmt.dated(cover.ends_on)}. Tell me if you'd like me to pass it on anyway."
        )
    until = (
        f"runs until {fmt.dated(cover.ends_on)}"
        if cover.status == "active" and cover.ends_on is not None
        else "starts when it is delivered"
    )
    return (
        f"{lead}it's a warranty matter: your {name} (order #{cover.order_number}) has a "
        f"{months}-month warranty that {until}. Tell me once you've tried them and I'll pass "
        "it to our team as a warranty claim (repair or replacement), with what you've done."
    )
