"""A correction of which product the last question was about: "sorry no i meant the kettle"
after "how do i descale the grinder". The question is asked again about the product now
named; the rest of the customer's earlier words stay as they were."""

from __future__ import annotations

import re

from assistant.agent.context import TurnContext
from assistant.agent.corrections import without_lead
from assistant.intents import Intent
from assistant.planner.question_words import content_words
from assistant.planner.slots import CORRECTING, Slots, extract_slots
from assistant.planner.vocabulary import head_noun, words

MAX_WORDS = 12
ONLY_A_PRODUCT_WORDS = 4
_MEANT = re.compile(
    r"\b(i (meant|ment|mean|ment to say)|no,? (the|my|i mean)|not the \w+,? (the|my)|"
    r"actually,? (the|my|it'?s the)|sorry,? (the|my|it'?s the)|wrong (product|one))\b",
    re.I,
)
_OWN_ASK = re.compile(r"\b(how|what|which|when|where|why|can|could|does|do|is|are)\b", re.I)
# Topics a product correction carries over; an action's request is re-read by its own handler.
_CARRIED = frozenset(
    {
        Intent.PRODUCT_QUESTION,
        Intent.SETUP_HELP,
        Intent.TROUBLESHOOTING,
        Intent.MANUAL_REQUEST,
        Intent.WARRANTY_INFO,
        Intent.ACCESSORIES,
    }
)


def only_a_product(ctx: TurnContext) -> bool:
    """ "the grinder", "grinder?": a message that only names one product."""
    named = ctx.shop.mentions(ctx.text)
    if len(named) != 1 or len(ctx.text.split()) > ONLY_A_PRODUCT_WORDS:
        return False
    names = ctx.shop.name_words(named[0])
    return not [w for w in content_words(ctx.text) if w not in names]


def product_correction(ctx: TurnContext, slots: Slots) -> bool:
    """Rewrite ``ctx`` as the previous question about the product the customer meant."""
    state, text = ctx.state, ctx.text
    if not slots.skus or len(text.split()) > MAX_WORDS:
        return False
    alone = only_a_product(ctx)  # "the grinder" sent alone
    if not (_MEANT.search(text) or alone):
        return False
    if _OWN_ASK.search(_MEANT.sub(" ", text)):
        return False  # "I meant the kettle, how do I clean it?" says it all
    previous = state.intents[-1] if state.intents else None
    asked = state.asked[:-1]
    if previous not in _CARRIED or not asked:
        return False
    shop = ctx.shop
    wanted = slots.skus[-1]
    before, sep, _ = text.lower().partition(" not ")
    if sep and (named := shop.mentions(before)):  # "i meant the case not the cushions"
        wanted = named[-1]
    old = [s for s in extract_slots(asked[-1], shop).skus if s != wanted]
    if not old and state.focus_sku and state.focus_sku != wanted:
        old = [state.focus_sku]
    if not old and not alone and extract_slots(asked[-1], shop).skus:
        return False  # the question named the product meant already
    # else the product the question lacked ("…turn up the mic?" - "oh sorry, it's the z8")
    name = shop.model(wanted) or shop.name(wanted)
    question = asked[-1]
    for sku in old:
        item = shop.item(sku)
        if item is None:
            continue
        for phrase in (item.name, item.model, head_noun(words(item.name)) or ""):
            if phrase:
                question = re.sub(rf"\b{re.escape(phrase)}\b", name, question, flags=re.I)
    if name.lower() not in question.lower():
        question = f"{question} ({name})"
    ctx.notes.append(f"meant:{wanted}")
    ctx.text = question
    state.focus_sku = wanted
    ctx.intent, ctx.confidence = previous, max(ctx.confidence, 0.8)
    return True


# "im a 9 not a 10", "sorry, the 128 not the 64": the new value, then the one it replaces
_INSTEAD_OF = re.compile(
    r"(?:^|\b(?:i'?m|i am|it'?s|it is|make it|i meant|meant|should be|sorry|oops|no)\W+)"
    r"(?:a |an |the )?([\w.]+) not (?:a |an |the )?([\w.]+)\W*$",
    re.I,
)


# "sorry, I'm actually a UK 6" after "I'm a UK 5, which size?": the same label, a new number
_LABELLED = re.compile(r"\b([a-z]{2,})\s+(\d{1,3}(?:[.,]\d)?)(?![\w.,]\d)", re.I)
_HYPHENATED = re.compile(r"\b(\d{1,3})-([a-z]{2,})\b", re.I)


def _what_is_meant(text: str) -> str:
    """The correction without the reason after it: "sorry, I meant the 2-bag plan" of "…, there's
    only room for 2 bags in the truck" (up to the first part that holds a number)."""
    parts = re.split(r"(?<=[.;!?,])\s+|\s(?=because|since\b)", text)
    for n, part in enumerate(parts):
        if re.search(r"\d", part):
            return " ".join(parts[: n + 1])
    return text


_NO_LABEL = frozenset("an the to is for of in at on and or am im i'm its it's be".split())


# "i meant 15 g for the aeropress" after "…for an 18 g espresso dose": an amount in a unit
_AMOUNT = re.compile(
    r"(?<![\w.])(\d{1,4}(?:[.,]\d{1,2})?)\s?(g|kg|ml|l|oz|lb|cm|mm|in|min|s|sec|°[cf]?)\b"
    r"(\s+(?:for|with|in|on)\s+(?:a |an |the |my )?[\w' -]{2,30})?",
    re.I,
)


def _with_amount(question: str, correction: str) -> str:
    """``question`` with its amount in the unit of the correction's amount replaced, and what
    the correction says the amount is for ("for the aeropress") added."""
    found = _AMOUNT.search(correction)
    if found is None:
        return _with_count(question, correction)
    number, unit, purpose = found.group(1), found.group(2).lower(), found.group(3) or ""
    same = [m for m in _AMOUNT.finditer(question) if m.group(2).lower() == unit]
    if not same:
        return question
    first = same[0]
    return (
        f"{question[: first.start()]}{number} {found.group(2)}{question[first.end(2) :]}"
        f"{purpose.rstrip(' .!?')}"
    )


# "i'm recording at 400 mbps" after "…at 200 mbps?": a number of the same (any) unit
_COUNTED = re.compile(r"(?<![\w.])(\d{1,4}(?:[.,]\d{1,2})?)\s?([a-z]{2,6})\b", re.I)


def _with_count(question: str, correction: str) -> str:
    for number, unit in _COUNTED.findall(correction):
        if unit.lower() in _NO_LABEL:
            continue
        same = re.compile(rf"(?<![\w.])\d{{1,4}}(?:[.,]\d{{1,2}})?(\s?{re.escape(unit)}\b)", re.I)
        if same.search(question):
            return same.sub(rf"{number}\g<1>", question, count=1)
    return question


def value_correction(ctx: TurnContext) -> bool:
    """Rewrite ``ctx`` as the previous question with the value the customer corrected."""
    state = ctx.state
    previous = state.intents[-1] if state.intents else None
    asked = state.asked[:-1]
    said = _what_is_meant(ctx.text)
    core = without_lead(said)  # "oh wait sorry, i'm recording at 400 mbps long gop"
    if previous not in _CARRIED or not asked or len(core.split()) > MAX_WORDS:
        return False
    question = asked[-1]
    found = _INSTEAD_OF.search(said)
    if found is not None and found.group(1).lower() != found.group(2).lower():
        old = re.compile(rf"(?<![\w.]){re.escape(found.group(2))}(?![\w.])", re.I)
        corrected = old.sub(found.group(1), question)
    elif CORRECTING.search(said):
        corrected = question
        for label, number in _LABELLED.findall(said):
            if label.lower() in _NO_LABEL:
                continue
            same = re.compile(rf"\b({re.escape(label)}\s+)\d{{1,3}}(?:[.,]\d)?(?![\w.,]\d)", re.I)
            corrected = same.sub(rf"\g<1>{number}", corrected)
        for number, label in _HYPHENATED.findall(said):  # "the 2-bag one" after "the 3-bag plan"
            same = re.compile(rf"\b\d{{1,3}}(-{re.escape(label)})\b", re.I)
            corrected = same.sub(rf"{number}\g<1>", corrected)
        corrected = _with_amount(corrected, said)
    else:
        return False
    if corrected == question:
        return False
    ctx.text = corrected
    ctx.intent, ctx.confidence = previous, max(ctx.confidence, 0.8)
    return True


# "no wait sorry i meant the lady voice that talks every time i turn them on" after "how do i
# turn off the noise cancelling": another thing, asked the same way
_MEANT_THING = re.compile(
    r"^\W*((no|nope|wait|sorry|oh|oops|ah|actually)\W+)*(i meant|i mean|meant)\s+"
    r"(?P<what>(the|my|that|those|these)\s.+)$",
    re.I,
)
# the question's ask, up to the thing it names: "how do i turn off " of "…the noise cancelling"
_ASK_HEAD = re.compile(r"^(?P<head>.*?\b(how|what|where|can|could)\b.*?)\b(the|my|a|an)\s", re.I)


def topic_correction(ctx: TurnContext) -> bool:
    """Rewrite ``ctx`` as the previous question asked about the thing the customer meant (no
    other product named): "how do i turn off" + "the lady voice that talks…"."""
    meant = _MEANT_THING.match(ctx.text.strip())
    previous = ctx.state.intents[-1] if ctx.state.intents else None
    asked = ctx.state.asked[:-1]
    if meant is None or previous not in _CARRIED or not asked or "?" in meant.group("what"):
        return False
    if set(ctx.shop.mentions(meant.group("what"))) - {ctx.state.focus_sku}:
        return False  # another product: product_correction's
    head = _ASK_HEAD.match(asked[-1])
    if head is None:
        return False
    ctx.text = f"{head.group('head')}{meant.group('what')}"
    ctx.intent, ctx.confidence = previous, max(ctx.confidence, 0.8)
    return True
