"""A go-ahead, then a question of another matter: "yes go ahead. also is there a pdf version i
can download?" confirms what waits and asks the question, so the loop executes the pending
action and the model answers the rest (:func:`then_asked`).

The reading is narrow on purpose, because only ``CONFIRM`` executes. The first phrase must be a
go-ahead of its own ("yes", "yes please", "go ahead", "do it"), not an acknowledgement ("ok",
"great", "ok thx"), and the rest must be a question that does not touch what waits: no other
action named, no word of the pending one, no "but", "wait", correction or no. Anything else is
read by :func:`assistant.agent.confirm.read_reply` as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.agent.action_naming import normalise, other_actions
from assistant.agent.confirm import ASKING, PendingReply, about_this, read_reply, read_whole
from assistant.commerce.schemas import Preview
from assistant.planner.return_words import lowered, says_any
from assistant.store.policy_returns import ReturnCondition

# Where a go-ahead ends and the next matter starts: a sentence's end, or ", and also" / ", and is"
_BREAK = re.compile(
    r"[.!?;\n]+\s*|,?\s+(?=(?:and )?also\b)|,\s*(?=and (?:is|are|can|could|do|does|how|what|"
    r"when|where|will|would|which)\b)"
)
# Words that acknowledge rather than agree ("ok.", "great.", "cool thx."): never a go-ahead here
_ACK = re.compile(
    r"^(?:ok|okay|okey|okie|k|kk|alright|all right|fine|great|perfect|cool|nice|good|thanks|"
    r"thank you|thx|ty|got it|i see|right)(?: (?:thanks|thank you|thx|ty))?$"
)
# A rest that turns back to what waits, or hedges it: the whole message is read as before
_TURNS_BACK = re.compile(
    r"^(?:but|except|only|instead|rather|wait|hold on|hang on|actually|hmm+|no|not|don'?t|"
    r"never ?mind|on second thought|make it|change it)\b"
)
# "also", "btw", "and one more thing:": the words that lead to the question, not part of it
_LEAD = re.compile(
    r"^(?:and |oh and |so )?(?:also|btw|by the way|one more thing|quick q\w*)?[\s,:]*", re.I
)
MIN_REST_WORDS = 3


def then_asked(text: str, pending: str, preview: Preview | None = None) -> str | None:
    """The question after a go-ahead of its own, or ``None`` when the message is not one."""
    match = _BREAK.search(text)
    if match is None or match.start() == 0:
        return None
    first, rest = normalise(text[: match.start()]), text[match.end() :].strip()
    if (
        not first
        or _ACK.match(first)
        or read_whole(first, pending, preview) is not PendingReply.CONFIRM
    ):
        return None
    rest = _LEAD.sub("", rest, count=1)
    norm = normalise(rest)
    if (
        len(norm.split()) < MIN_REST_WORDS
        or _TURNS_BACK.match(norm)
        or not ("?" in rest or ASKING.match(norm))
        or other_actions(rest, pending)
        or about_this(rest, pending)
        or read_whole(rest, pending, preview) in (PendingReply.DECLINE, PendingReply.WAIT)
    ):
        return None
    return rest


def read_turn(
    text: str,
    pending: str,
    preview: Preview | None = None,
    conditions: Sequence[ReturnCondition] = (),
) -> tuple[PendingReply, str | None]:
    """The loop's reading of a reply to a preview: ``CONFIRM`` with the question asked after the
    go-ahead (:func:`then_asked`), else :func:`read_reply`'s reading and no question. A reply
    that only tells the item's state in the words of the store's return ``conditions`` ("only
    tried them on inside, like new in the box") while a return or exchange waits is no answer
    either way: the preview is asked again."""
    rest = then_asked(text, pending, preview)
    if rest:
        return PendingReply.CONFIRM, rest
    reading = read_reply(text, pending, preview)
    told = pending in _ITEM_BACK and _tells_state(text, conditions)
    return (PendingReply.DOUBTFUL if told and reading is PendingReply.UNRELATED else reading), None


_ITEM_BACK = frozenset({"return_items", "exchange_item"})


def _tells_state(text: str, conditions: Sequence[ReturnCondition]) -> bool:
    low = lowered(text)
    return any(says_any([*c.yes_words, *c.no_words], low) for c in conditions) and "?" not in text
