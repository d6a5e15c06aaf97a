"""Whether a reply to a pending preview asks about what the preview says ("does the price per
delivery stay the same?", "before I say yes: will I get a reminder?"): the action keeps waiting
and the question is answered. Only the server's preview counts, never a model's words."""

from __future__ import annotations

import re

from assistant.agent.action_naming import normalise
from assistant.agent.confirm import ASKING, PendingReply, ask_again_text, preview_text
from assistant.commerce.schemas import Preview
from assistant.planner.order_dates import month_of
from assistant.retrieval.bm25 import stem, tokenize

ABOUT_PREVIEW_WORDS = 2
_SMALL = frozenset("does did stay same still get got will would just your you".split())


# "Before I say yes - will I get a heads up before it starts again?": the decision waits
_BEFORE_DECIDING = re.compile(
    r"\bbefore (i|we) (say yes|confirm|agree|decide|go ahead|do (that|this|it))\b|"
    r"\bbefore (you|u) (do|go ahead|confirm)\b|\b(one|a|quick) (quick )?(q|question) first\b",
    re.I,
)

# "ok yes but does she have to mail hers back first?": a yes held back by a question about it
_YES_BUT = re.compile(
    r"^((ok|okay|yes|yeah|yep|sure|alright|fine|sounds good|great)\W+)+(but|though|only)\b"
)

# "just the camera right? the plug from the same order stays": the preview's scope, asked
_JUST_THIS = re.compile(
    r"^((so|and|ok|okay|wait)\W+)*(just|only) (the|that|this|my|her|his|our|one|\d+)\b[^?.!]{0,50}"
    r"(\?|\b(right|correct|yes|yeah)\b)",
    re.I,
)

_INSTEAD = re.compile(r"\b(instead|rather|make it|change it|switch|swap)\b", re.I)

# "will I get a reminder before it starts again?" while a pause waits
_STARTS_AGAIN = re.compile(
    r"\b(it|they|deliveries|shipments|the (club|subscription)|my (club|subscription|coffee))"
    r"( \w+)? (starts?|begins?|comes?|kicks?|picks?) (again|back)\b|"
    r"\b(it|they) (restart|resume)s?\b",
    re.I,
)
_WHEN_IT_COMES = frozenset({"status", "next_delivery_date"})  # fields a pause or skip changes


def about_the_preview(text: str, preview: Preview) -> bool:
    """A question that asks about what the server's preview says ("does the price per delivery
    stay the same?" after "…Price per delivery stays $34.99"): two of its words are the
    preview's, or it says the decision waits for the answer ("before I say yes…?"). Only the
    server's preview counts, never a model's words around it."""
    if "?" not in text and not ASKING.match(normalise(text)):
        return False
    if _BEFORE_DECIDING.search(text) or (
        _YES_BUT.match(normalise(text)) and not _INSTEAD.search(text)
    ):  # "yes but can we do 7.5 instead?" asks another change: not about this one
        return True
    if _STARTS_AGAIN.search(text) and any(c.field in _WHEN_IT_COMES for c in preview.changes):
        return True  # "…before it starts again?" while a pause or a skip moves the next date
    said = {_same(w) for w in tokenize(preview_text(preview))}
    own = [w for w in dict.fromkeys(tokenize(text)) if w not in _SMALL and len(w) > 2]
    return sum(_same(w) in said for w in own) >= ABOUT_PREVIEW_WORDS


def _same(word: str) -> str:
    """A word as the preview's may say it otherwise: "charged" / "charges", "feb" / "February"."""
    month = month_of(word)
    if re.fullmatch(r"\d{1,2}(st|nd|rd|th)", word):  # "the 27th": the preview's "27"
        return word[:-2]
    return f"month:{month}" if month else stem(word, final_e=True)


# "before i say yes, after that it goes back to normal right? same coffee and still 18.99?"
_STAYS_AS_IT_IS = re.compile(
    r"\b(back to (normal|how it was|the (same|usual))|same\b[^.?!]{0,30}(\?|\bright\b)|"
    r"still \$?\d|stays? the same|nothing else (changes?|is changed))",
    re.I,
)


# "ok but only if i don't have to pay for shipping it back. and the money goes back on my amex,
# right?", "…I don't pay anything extra, right? Not even for shipping?": what it costs or
# refunds, and where the money goes, which the preview says
_MONEY_ASKED = re.compile(
    r"\b(pay|paying|paid|cost\w*|free|charged?|fees?|money|refund\w*|card|price|shipping|"
    r"billed|debited|(come|taken) out of)\b|\$?\b\d+[.,]\d\d\b",  # "the 34.99 won't come out…"
    re.I,
)

# "…I don't pay anything extra, right? Not even for shipping?": what the customer pays, asked
_PAYING = re.compile(r"\b(pay|paying|paid|extra|free|fees?|charged?)\b", re.I)


def scope_answer(text: str, label: str, preview: Preview) -> str | None:
    """ "just the camera right? the plug from the same order stays": what waits is only what the
    server's preview lists, said again from it (never from the customer's words); "…after that
    it goes back to normal right?" asked before the yes gets the preview's own summary and what
    it changes. None when the message does not ask that."""
    ask = (
        f"Shall I go ahead and {label}? Reply **yes** to go ahead, or **no** to leave everything "
        "as it is."
    )
    if _JUST_THIS.match(text.strip()):
        lines = "\n".join(f"- {c.field}: {c.after}" for c in preview.changes)
        return f"It covers only what the preview lists, nothing else:\n{lines}\n\n{ask}"
    if _BEFORE_DECIDING.search(text) and _STAYS_AS_IT_IS.search(text):
        return f"{preview.summary}\n\nIt changes nothing else.\n\n{ask}"
    held = _BEFORE_DECIDING.search(text) or _YES_BUT.match(normalise(text))
    money = _MONEY_ASKED if held else _PAYING if "?" in text else None
    if money is not None and money.search(text) and not _INSTEAD.search(text):
        return f"Here is what it costs and where any money goes:\n{preview.summary}\n\n{ask}"
    return None


def asked_again(reading: PendingReply, text: str, label: str, preview: Preview) -> str | None:
    """The server's words when a reply to the preview neither confirms nor declines: a wait or
    a doubt asks again; "just the camera right?" gets what the preview covers; None otherwise."""
    if reading in (PendingReply.WAIT, PendingReply.DOUBTFUL):
        return ask_again_text(reading, label, preview)
    return scope_answer(text, label, preview) if reading is PendingReply.UNRELATED else None
