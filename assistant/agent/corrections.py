"""A correction of what the customer asked for while its preview waits: "oops its 724 not
742", "I meant 9.5, not 9", "Maple St not Maple Ave". The pending action is never confirmed by
it (a later "yes" must not execute the wrong address); the request is read again with the
word replaced, so the customer gets a new preview of what they meant.

Only a word the customer wrote in the request behind the preview can be replaced: the
correction edits the customer's own words, never a document's or a model's."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from assistant.agent.confirm import NUMBER_WORDS, PendingReply, read_reply
from assistant.planner.slots import extract_slots

if TYPE_CHECKING:
    from assistant.agent.state import ConversationState
    from assistant.planner.shopview import ShopView

_TOKEN = r"[\w#.'-]+"
_NEW_NOT_OLD = re.compile(
    rf"(?:\b(?:it'?s|its|it is|is|i meant|i mean|meant|should be|make it)\b[\s,:]*|^)"
    rf"(?P<new>{_TOKEN}(?:\s{_TOKEN})?)\s*,?\s+not\s+(?P<old>{_TOKEN}(?:\s{_TOKEN})?)\s*[.!]*$",
    re.I,
)
_OLD_SHOULD_BE_NEW = re.compile(
    rf"(?:^|\s)(?P<old>{_TOKEN})\s+(?:should be|should have been|is meant to be|→|->)\s+"
    rf"(?P<new>{_TOKEN})\s*[.!]*$",
    re.I,
)
_NOT_OLD_NEW = re.compile(
    r"not\s+(?:the\s+)?(?P<old>[\w'-]+(?:\s[\w'-]+)?)\s*[.,;:!-]+\s*"
    r"(?:(?:it'?s|i meant|make it|the)\s+)?(?P<new>[\w'-]+)\s*(?:[.!,;]|$)",
    re.I,
)
# Words that "X not Y" uses without correcting anything ("yes, not now", "that, not this").
_NOT_A_VALUE = frozenset(
    "now today yet really sure that this it them me you yes no ok okay please thanks".split()
)
_LEAD = re.compile(
    r"^(oops|sorry|wait|ah|oh|hmm|actually|no|nope|hang on|my bad)\b[\s,!.:-]*", re.I
)


@dataclass(frozen=True, slots=True)
class Correction:
    old: str
    new: str
    request: str  # the customer's earlier message with ``old`` replaced by ``new``


def without_lead(text: str) -> str:
    """``text`` without its opening "oh wait sorry," (however many such words)."""
    text = " ".join(text.split())
    while True:
        cut = _LEAD.sub("", text)
        if cut == text:
            return text
        text = cut


def _in(word: str, text: str) -> re.Match[str] | None:
    return re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text, re.I)


class _History(Protocol):
    @property
    def asked(self) -> list[str]: ...


# "actually, make it 3. we added a week": a new number for the only number of the request
_MAKE_IT = re.compile(
    r"^(?:make it|make that|change (?:it|that) to|let'?s (?:do|say)|(?:it'?s|its) actually|"
    r"(?:it )?should be)\s+(?P<new>\d{1,3})\b(?! *(?:am|pm|[ap]\.m\.|:|%|\$))",
    re.I,
)
# a no that names what is wanted instead ("no, make it the morning light")
_INSTEAD = re.compile(
    r"\b(make it|instead|rather|i meant|(switch|change|swap) (it |that )?to|go (for|with))\b", re.I
)
# "scratch that, the trip got cut short. just 1 delivery": a number of the same thing, fewer
_JUST = re.compile(r"\b(?:just|only)\s+(?P<new>\d{1,3}|one|two|three|four|five|six)\b", re.I)
_FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_FILLER = re.compile(r"^((so|ok|okay|then|and|just|it'?s|make it)\s+)+", re.I)
_NUMBER = re.compile(r"(?<![\w#$.,/:-])\d{1,3}(?![\w%.,/:]|\s*(?:am|pm)\b)", re.I)


def _new_number(clean: str, earlier: Sequence[str]) -> Correction | None:
    # the sentence that opens with it: "oh hm thats later than i thought. actually make it 2"
    first, match = clean, None
    for sentence in re.split(r"(?<=[.!?])\s", clean):
        sentence = without_lead(sentence)
        if (found := _MAKE_IT.search(sentence)) is not None:
            first, match = sentence, found
    loose: tuple[str, ...] = (
        "",
    )  # "make it 3" may correct "pause for 2" (no unit after the number)
    if match is not None:
        new, unit = match.group("new"), _unit(first[match.end() :])
    elif (just := _JUST.search(clean)) is not None:  # "scratch that… just 1 delivery"
        new = NUMBER_WORDS.get(just.group("new").lower(), just.group("new"))
        unit = _unit(clean[just.end("new") :])
        if not unit:
            return None  # "just 1": of what is not said
        loose = ()
    else:
        return None
    for message in reversed(earlier):
        numbers = list(_NUMBER.finditer(message))
        if len(numbers) == 1 and numbers[0].group(0) != new:
            old = numbers[0]
            if unit and _unit(message[old.end() :]) not in (unit, *loose):
                return None  # "make it 2 bags" after "every 4 weeks": another number
            request = message[: old.start()] + new + message[old.end() :]
            return Correction(old=old.group(0), new=new, request=request)
        if numbers:
            return None  # several numbers, or the same one: which is meant is not known
    return None


def _unit(after: str) -> str:
    """The word counted by a number ("3 deliveries" -> "delivery"), "" when none follows."""
    word = re.match(r"\s*([a-z]+)", after.lower())
    if word is None or word.group(1) in ("and", "but", "so", "then", "please", "instead"):
        return ""
    w = word.group(1)
    return w[:-3] + "y" if w.endswith("ies") else w.rstrip("s")


Spans = Callable[[str], Sequence[tuple[int, int, str]]]


def find_product_correction(
    text: str, state: _History, pending_skus: set[str], spans: Spans
) -> Correction | None:
    """ "wait no, the decaf" while a swap to another product waits: the request behind the
    preview read again with the product the customer names now. Only when the message opens
    as a correction, names exactly one other product, and an earlier message of the customer
    named one of the pending action's products (``pending_skus``); ``spans`` finds the
    products a text names (start, end, SKU)."""
    if not pending_skus or not _LEAD.match(text.lstrip()):  # opens as a correction
        return None
    named = [(s, e, sku) for s, e, sku in spans(text) if sku not in pending_skus]
    if len({sku for _, _, sku in named}) != 1:
        return None
    start, end, _ = named[0]
    for message in reversed(state.asked):
        old = [(s, e) for s, e, sku in spans(message) if sku in pending_skus]
        if old:
            s, e = old[-1]
            request = message[:s] + text[start:end] + message[e:]
            return Correction(old=message[s:e], new=text[start:end], request=request)
    return None


def find_correction(text: str, state: _History) -> Correction | None:
    """The correction ``text`` makes to the newest of the customer's earlier messages (in the
    conversation ``state``) that holds the word it replaces; None when it is not one."""
    earlier = state.asked  # in English: "…pour 2 livraisons" is "…for 2 deliveries"
    clean = without_lead(text)
    number = _new_number(clean, earlier)
    if number is not None:
        return number
    match = _NOT_OLD_NEW.match(clean)  # "wait no not french press. drip. i'm going to…"
    if match is None and len(clean.split()) > 10:
        # "9.5 not 10. half a size up is what the fit guide says", "…she read the fit card,
        # half a size up. so 7, not 7.5. still black": a short sentence corrects
        short = [c for c in _FIRST_SENTENCE.split(clean) if len(c.split()) <= 10]
        if len(short) < 1 or short == [clean]:
            return None
        match = next(
            (m for c in short if (m := _NEW_NOT_OLD.search(c) or _OLD_SHOULD_BE_NEW.search(c))),
            None,
        )
    match = match or _NEW_NOT_OLD.search(clean) or _OLD_SHOULD_BE_NEW.search(clean)
    if match is None:
        return None
    old, new = match.group("old").strip(" .,"), match.group("new").strip(" .,")
    new = _FILLER.sub("", new)  # "so 7, not 7.5": the 7
    if not old or not new or old.lower() == new.lower():
        return None
    if {old.lower(), new.lower()} & _NOT_A_VALUE:
        return None
    for message in reversed(earlier):
        found = _in(old, message)
        if found is not None:
            request = message[: found.start()] + new + message[found.end() :]
            return Correction(old=old, new=new, request=request)
    return None


def pending_product_correction(
    text: str, state: ConversationState, shop: ShopView
) -> Correction | None:
    """:func:`find_product_correction` for the action waiting in ``state``: its products are
    the ones in its request, and only products of their kind can take their place (not "…i'm
    getting a grinder" for a coffee swap)."""
    if state.pending is None:
        return None
    args = state.pending.request.model_dump().values()
    items = [item for v in args if (item := shop.item(str(v))) is not None]
    kinds = {item.product_type for item in items}

    def spans(said: str) -> list[tuple[int, int, str]]:
        found = shop.vocabulary.spans(said)
        return [t for t in found if (i := shop.item(t[2])) is not None and i.product_type in kinds]

    return find_product_correction(text, state, {item.sku for item in items}, spans)


def pending_correction(
    text: str, said: str, state: ConversationState, shop: ShopView
) -> Correction | None:
    """The correction a message makes to the request behind the action waiting in ``state``
    (``text`` as understood, ``said`` as written): a word replaced ("its 724 not 742", "make it
    3"), or, when the message neither confirms nor declines, another product of the kind."""
    if state.pending is None:
        return None
    found = find_correction(text, state)
    reply = read_reply(said, state.pending.request.action)
    # "wait no, the decaf" reads as neither a yes nor a no; "no actually make it the morning
    # light" as a no or another action, yet names what is wanted instead (a new preview only)
    instead = reply is not PendingReply.CONFIRM and bool(_INSTEAD.search(said))
    if found is None and instead:  # "…because of winter socks. can we do the 7.5 instead": the
        found = pending_option_correction(text, state, shop)  # size named, not the socks
    if found is None and (reply is PendingReply.UNRELATED or instead):
        found = pending_product_correction(text, state, shop)
    return found


def pending_option_correction(
    text: str, state: ConversationState, shop: ShopView
) -> Correction | None:
    """ "hmm actually can you make it the black ones instead?" while the exchange for navy blue
    waits: the request behind the preview read again with the colour or size named now, in
    place of the one the customer asked for before (never a value the preview made up)."""
    if state.pending is None:
        return None
    options = state.pending.request.model_dump().get("new_options")
    if not isinstance(options, dict) or not options:
        return None
    named = extract_slots(text, shop)
    for key, new in (("colour", named.colour), ("size", named.size)):
        old = options.get(key)
        if not new or not old or str(new).lower() == str(old).lower():
            continue
        for message in reversed(state.asked):
            earlier = extract_slots(message, shop)
            said = earlier.colour if key == "colour" else earlier.size
            found = _in(str(said), message) if said else None
            if found is not None and str(said).lower() == str(old).lower():
                request = message[: found.start()] + str(new) + message[found.end() :]
                return Correction(old=found.group(0), new=str(new), request=request)
    return None
