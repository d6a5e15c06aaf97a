"""What the customer says about the steps just shown, read before the message's own topic: the
line for the case asked about ("ok what if its still there next wed"), the steps left after
some were done ("mono is off… still quieter"), or what comes after all of them ("and if that
doesnt fix it either?"): for a verified customer's own item, the warranty with its own end
date and the offer to pass it on as a claim once the steps are tried."""

from __future__ import annotations

import re

from assistant.agent.language import detect
from assistant.agent.messages import ModelTurn
from assistant.intents import Intent
from assistant.planner.kit import Step, say
from assistant.planner.next_steps import remaining
from assistant.planner.own_warranty import coverage_line, owners_coverage
from assistant.planner.told_what_if import what_if_shown

# "and if that doesnt fix it either?", "what if it still doesn't work", "if not, what then?"
_IF_NOT_FIXED = re.compile(
    r"\bif (that|this|it|they|these|those|none of (it|that|this|these|them)|nothing)\b"
    r"[^.?!]{0,12}?\b(still )?(does ?n'?t|does not|do ?n'?t|do not|wo ?n'?t|will not|did ?n'?t|"
    r"did not|fails?)\b( \w+)? (fix|work|help|solve|sort)\w*|"
    r"\bif (it'?s|its|it is|they'?re|theyre|they are) still\b|"
    r"\bif (it|they|that|this) (keeps?|continues?|carries on|comes back|happens again)\b|"
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
    return in_english(step) or what_if_shown(step) or remaining(step) or if_not_fixed(step)


# "and in english pls, for my roommate", "can you say that in english?"
_IN_ENGLISH = re.compile(
    r"^\W*((and|ok(ay)?|so|pls|please|can|could|would|you|u|say|write|repeat|send|it|that|"
    r"this|again|the|answer|same)\W+){0,6}in english\b(\W+(pls|please|thanks?|for \w+( \w+)?))*"
    r"\W*$",
    re.I,
)
_NOTE = re.compile(r"\n*\([^()\n]*\)\s*$")  # the last reply's own note on its language


def in_english(step: Step) -> ModelTurn | None:
    """ "and in english pls" after an answer to a message in another language: the answer
    again (it is in English: the documents are), without the note that says so."""
    state = step.ctx.state
    own = next((n[6:] for n in step.ctx.notes if n.startswith("focus:")), step.ctx.text)
    if not state.replies or not _IN_ENGLISH.search(own):  # its own words, not read as a follow-up
        return None
    said = [m.text for m in state.messages if m.role == "user"]
    if len(said) < 2 or detect(said[-2]) == "en":
        return None  # the message before was in English already
    last = state.replies[-1]
    note = _NOTE.search(last)
    if note is None or note.group(0).strip().startswith("(From "):
        return None  # the reply has no note on its language
    return say(f"Here it is in English:\n\n{last[: note.start()].rstrip()}")


def if_not_fixed(step: Step) -> ModelTurn | None:
    """ "and if that doesnt fix it either?" after a fault's steps: the item's warranty and
    the claim that follows. None unless the customer is verified and owns the item."""
    state, text = step.ctx.state, step.ctx.text
    sku = state.focus_sku
    if (
        state.active_intent not in _FIXES
        or sku is None
        or not state.replies
        or len(text.split()) > _MAX_WORDS
        or not _IF_NOT_FIXED.search(text)
        or _OTHER_WAY.search(text)
        or len(_STEP.findall(state.replies[-1])) < _MIN_STEPS
    ):
        return None
    pending, cover = owners_coverage(step, sku)
    if pending is not None:
        return pending
    line = coverage_line(cover) if cover is not None else None
    if line is None:
        return None  # not theirs, or no warranty: nothing of their own to say
    lead = "If it's still not right after those steps, "
    if cover is not None and cover.status == "expired":
        return say(
            f"{lead}our team can look at it, but {line}. Tell me if you'd like me to pass "
            "it on anyway."
        )
    return say(
        f"{lead}it's a warranty matter: {line}. Tell me once you've tried them and I'll pass "
        "it to our team as a warranty claim (repair or replacement), with what you've done."
    )
