"""A message that first says the last answer worked, then asks something new.

"that worked!! it beeped and the light is solid blue now 🙌 i mounted it on the ceiling though
and the picture is upside down": the report of what went well is no question; searched with it,
the new problem drowns in the words of the old one. What is searched and answered is the part
from the first sentence that turns to something new (a "but", a "though", a question) on; the
product in focus stays the one the fix was for.
"""

from __future__ import annotations

import re

from assistant.agent.context import TurnContext
from assistant.intents import Intent
from assistant.planner.answers import PROBLEM
from assistant.planner.question_words import QUESTION, content_words
from assistant.planner.request_kinds import ABOUT_A_PRODUCT

NOTE = "after-fix"
# "that worked", "ok its paired", "omg it found most of them", "done, it's connected now"
_WORKED = re.compile(
    r"^\W*((yay|yes+|omg|ok(ay)?|great|perfect|thanks?|thank you|awesome|cool|nice|wow|phew|"
    r"brilliant|amazing|yep|alright|right)\W+)*"
    r"((that|it|this|the (reset|update|restart|fix|trick)) (worked|did it|did the trick|fixed it|"
    r"helped|found|solved it|sorted it|did the job|was it)|that'?s (it|done)|"
    r"(it|its|it'?s|it is|they|they'?re|theyre|they are|we'?re|i'?m) (now )?(all )?"
    r"(paired|connected|working|fixed|sorted|online|set up|done|in)\b|"
    r"(done|did that|i did (that|it|those)|all (done|set))\b)",
    re.I,
)
# "turned off the 5ghz in the router app and it connected!!": what was done, then that it worked
_AND_IT_WORKED = re.compile(
    r"\band (then )?(it|they|that) (finally |now )?(worked|works|connected|paired|came back|"
    r"turned on|(is|are) (working|connected|online))\b",
    re.I,
)
# "…formatted it in the app like it said, light is blue again": the fault gone, in one sentence
_WELL_AGAIN = re.compile(r"\b(is|are|it'?s|its|works?|working)\s+(\w+\s+)?again\b", re.I)
_NOT_WELL = re.compile(r"\b(not|n't|no|still|never|stopped)\b", re.I)
# "…how many days does it keep before it starts deleting": a question without its mark
_HOW = re.compile(r"\bhow (many|much|long|often)\b", re.I)
# "ugh ok moved it inside facing the front door.": the advice followed, told as done
_DID_AS_TOLD = re.compile(
    r"^\W*((ugh|ok(ay)?|fine|alright|right|so|done|k)\W+)*((i|we) (have |just |now )?)?"
    r"(moved|put|placed|repositioned|relocated|pointed|turned|angled) (it|them)\b",
    re.I,
)
# a sentence break, or an emoji standing where a full stop would
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\s*[\u2600-\u27bf\U0001F300-\U0001FAFF]+\s*")
_TURNS = re.compile(
    r"\b(but|though|tho|however|except|only (problem|thing|issue)|problem|issue|"
    r"(other|another|one more|next) (thing|question|q)|btw|by the way|"
    r"now (the|it|its|my))\b",
    re.I,
)
_BUT = re.compile(r"\b(but|however)\b", re.I)
MIN_NEW_WORDS = 3
_MAY_I = re.compile(r"\b(can|could|may|should) (i|we)\b|\bis it (ok|okay|safe|fine) to\b", re.I)


def what_is_new(text: str) -> str | None:
    """The part of ``text`` after a report that the last fix worked, from the first sentence that
    turns to something new; None when the message does not open with such a report or says
    nothing new."""
    sentences = [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]
    if not sentences or not (
        _WORKED.search(text)
        or _AND_IT_WORKED.search(sentences[0])
        or _well_again(sentences[0])
        or _done_as_told(sentences[0])
    ):
        return None
    for i, sentence in enumerate(sentences):
        turn = _TURNS.search(sentence)
        asked = i and (_HOW.search(sentence) or QUESTION.search(sentence))  # no "?" typed
        if "?" not in sentence and turn is None and not asked:
            continue
        if i == 0:  # "it worked but now the app says offline": from the "but" on
            but = _BUT.search(sentence)
            if but is None:
                return None
            sentences[0] = sentence[but.start() :]
        rest = " ".join(sentences[i:])
        return rest if len(content_words(rest)) >= MIN_NEW_WORDS else None
    return None


def read_what_is_new(ctx: TurnContext) -> bool:
    """Reads only what is new in a message about the product in focus that opens with the
    last fix having worked, as a question about that product; True when ``ctx.text`` was
    narrowed."""
    state = ctx.state
    if ctx.parts or ctx.full_text or NOTE in ctx.notes:
        return False
    if state.focus_sku is None or state.active_intent not in ABOUT_A_PRODUCT:
        return False
    new = what_is_new(ctx.text)
    if new is None:
        return False
    ctx.text = new
    ctx.notes.append(NOTE)
    # "…how long until they're full? i have a flight": the product the fix was for, a question
    if ctx.intent not in ABOUT_A_PRODUCT or asks_a_question(new):
        ctx.intent = Intent.PRODUCT_QUESTION
    return True


def asks_a_question(new: str) -> bool:
    """What is new after a fix that worked asks a question ("can i keep listening while they
    charge?", "did that reset delete the clips? one shows the leak under the sink"), and tells
    no new fault up to its first question, or asks whether they may."""
    asked = new.split("?", 1)[0]  # up to its first question: what comes after only tells
    return bool(QUESTION.search(new)) and (not PROBLEM.search(asked) or bool(_MAY_I.search(new)))


def _done_as_told(sentence: str) -> bool:
    """ "ok moved it inside facing the front door": what was advised, done, no fault told."""
    return bool(
        _DID_AS_TOLD.search(sentence)
        and "?" not in sentence
        and not PROBLEM.search(sentence)
        and not _NOT_WELL.search(sentence)
    )


def _well_again(sentence: str) -> bool:
    """ "light is blue again", "it's working again": the fault gone, no problem told with it."""
    return bool(
        _WELL_AGAIN.search(sentence)
        and not PROBLEM.search(sentence)
        and not _NOT_WELL.search(sentence)
    )
