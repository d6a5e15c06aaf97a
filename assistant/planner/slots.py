"""Slot extraction from a customer's message: order numbers (in the store's format, never a
ZIP beside a street address), emails, products (by SKU, model name or catalogue words, see
:mod:`~assistant.planner.vocabulary`), sizes, colours, frequencies, pause lengths, ratings,
serial numbers, relative dates. Deterministic and fast; products are resolved against what
the customer owns by :mod:`assistant.planner.resolve`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from assistant.planner.came_with import subjects
from assistant.planner.order_dates import PlacedOn, placed_on
from assistant.planner.shopview import ShopView

_STREET = re.compile(
    r"\b\d+[a-z]?\s+(?:[a-z0-9.'-]+\s+){0,4}(?:st|street|ave|avenue|rd|road|blvd|boulevard|ln|lane|"
    r"dr|drive|way|ct|court|pl|place|pkwy|parkway|ter|terrace|hwy|highway|sq|square)\b\.?",
    re.I,
)


@cache
def _order_re(pattern: str) -> re.Pattern[str]:
    """Order numbers in the store's format: after "#" or "order (number)", or standing alone."""
    return re.compile(
        rf"(?:#|\border\s*(?:number|no\.?|num|nr)?\s*[:#]?\s*)({pattern})(?![\w-])"
        rf"|(?<![\w#-])({pattern})(?![\w-])",
        re.I,
    )


_ZIP_NAMED = re.compile(
    r"\b(zip|zip ?code|postcode|postal code)\b\W*(is |was |should be |=|:)?\s*\d{5}(-\d{4})?"
    r"(\s*(,|not|instead of|rather than|and not)\s*\d{5}(-\d{4})?)?",
    re.I,
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# "size 7", "size m"; not "between sizes" (a size letter stands after a space)
_SIZE = re.compile(r"\bsize\s*(\d{1,2}(?:\.5)?|small|medium|large|(?<=\s)[sml])\b", re.I)
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "a": 1, "an": 1, "1": 1, "2": 2, "3": 3}
_PAUSE = re.compile(
    r"\b(one|two|three|an?|[123])\s+(?:more\s+)?(deliver(?:y|ies)|shipments?|cycles?|months?|"
    r"montsh|monts|mnths|mths|mos|bags?|orders?|weeks?)\b",
    re.I,
)
_DELIVERIES = re.compile(r"deliver|shipment|cycle", re.I)
# "pause it for 2 instead": a bare count after pausing is the number of deliveries
_PAUSE_FOR = re.compile(
    r"\b(?:pause|hold)\b.{0,20}?\bfor\s+(one|two|three|[123])\b(?!\s*[%$.,\d])", re.I
)
_RATING = re.compile(r"\b([1-5])\s*(?:/\s*5|out of 5|stars?)\b", re.I)
_NPS = re.compile(r"\b(10|[0-9])\s*(?:/\s*10|out of 10)\b", re.I)


@dataclass(slots=True)
class Slots:
    order_number: str | None = None
    email: str | None = None
    skus: list[str] = field(default_factory=list)
    size: str | None = None
    colour: str | None = None
    frequency: str | None = None
    cycles: int | None = None
    csat: int | None = None
    nps: int | None = None
    serial: str | None = None
    serial_attempt: str | None = None  # "the serial number is SW12345": in no known format
    grind: str | None = None
    mentions_email: bool = False
    placed: PlacedOn | None = None  # "I ordered on January 15"


_SERIAL_GIVEN = re.compile(
    r"\bserial(?: number| no\.?| #)?\s*(?:is|:|=|reads|says)?\s*#?"
    r"(?=[a-z0-9-]*\d)([a-z0-9][a-z0-9-]{2,24})\b",
    re.I,
)


_SWAPPING = re.compile(
    r"\b(exchange|swap|switch|change|trade|replace|instead|bigger|smaller|larger|make it|size up|"
    r"same(?= (size )?\d))\b",  # "black is fine then, same 10.5": the size asked for before
    re.I,
)
_SIZE_WANTED = re.compile(
    r"\b(?:for|to|into|with|against|need|want|(?:up|bigger|larger|smaller),? (?:so|also))\s+"
    r"(?:an?\s+|the\s+)?(?:size\s*)?"  # "half a size up, so 7.5"
    r"(\d{1,2}(?:\.5)?|small|medium|large)"
    r"(?![\w.])(?!\s*(?:cm|mm|inch|%|days?|hours?|minutes?|mins?|weeks?|months?|x|am|pm)\b)"
    r"(?!\s+(?!instead\b|thanks\b|pls\b|plz\b)[a-z]+s\b)"  # not "out for 2 runs": a count
    # "can we do 7.5 instead?", "let's go with a 9 then": a size with nothing counted after it
    # ("make it a 7 in coral"; not "make it 3", a count corrected)
    r"|\b(?:do|go with|try|make it(?= an? )|(?:then|how about|what about)(?= (?:an?|the) )|same)"
    r"\s+(?:an?\s+|the\s+)?(?:size\s*)?(\d{1,2}(?:\.5)?)"  # "ok then the 11.5, same coral"
    r"\s*(?=instead|then|please|in\b|\?|,|\.(?!\d)|$)"
    # "could we get the 10.5 navy instead?": a size, perhaps its colour, then "instead"
    r"|\b(?:get|have)\s+(?:an?\s+|the\s+)?(?:size\s*)?(\d{1,2}(?:\.5)?)"
    r"(?=(?:\s+(?!bags?|packs?|boxe?s?)[a-z]+)?\s+instead\b)"
    # "can i get them in an 11.5 instead": the same words return_words.EXCHANGE reads
    r"|\b(?:get|have)\s+(?:them|it|those|these)\s+in\s+(?:an?\s+|the\s+)?(?:size\s*)?"
    r"(\d{1,2}(?:\.5)?)(?![\w.])(?!\s*(?:bags?|packs?|days?|weeks?|months?)\b)",
    re.I,
)
# "…for a 7? actually no wait, she says 7.5": the size said after a correction is the one wanted
_CORRECTS = re.compile(
    r"\b(actually|wait|sorry|i mean|i meant|scratch that|make that|correction)\b", re.I
)
_BARE_SIZE = re.compile(
    r"(?<![\w.$#])(\d{1,2}(?:\.5)?)(?![\w.]|\s*(?:cm|mm|%|days?|hours?|weeks?|months?|x|am|pm)\b)"
)
_FIT = r"\b(too|tad|bit|little|slightly|kinda|very|so|way|runs?|feels?|felt|are|is|was|were)"
MAX_SIZE_CORRECTION = 2  # a size corrected is a size or two away ("a 7… no, 7.5")


def corrected_size(text: str, after: int, wanted: str) -> str:
    """``wanted``, or the size a correction later in ``text`` names instead."""
    said = wanted.lower()
    fix = None
    for m in _CORRECTS.finditer(text, after):
        fix = m
    if fix is None or not re.fullmatch(r"\d{1,2}(?:\.5)?", said):
        return said
    for m in _BARE_SIZE.finditer(text, fix.end()):
        if m.group(1) != said and abs(float(m.group(1)) - float(said)) <= MAX_SIZE_CORRECTION:
            return m.group(1)
    return said


_NOT_THIS = r"\b(instead of|rather than|not|than|from|swap out) (the |my |a )?"


_FOR_IT = re.compile(r"\b(for|to|into)\s+(an?\s+|the\s+)?$")


def _colour_at(lowered: str, colour: str, colours: Sequence[str]) -> list[int]:
    """Where ``lowered`` names ``colour``: the whole value, or a word of it no other colour has
    ("navy" for "navy blue", "black" for "midnight black"); [] when it does not."""
    if colour in lowered:
        return [m.start() for m in re.finditer(re.escape(colour), lowered)]
    others = {w for c in colours if c != colour for w in c.split()}
    words = [w for w in colour.split() if w not in others] if " " in colour else []
    return sorted(m.start() for w in words for m in re.finditer(rf"\b{re.escape(w)}\b", lowered))


def wanted_colour(lowered: str, colours: Sequence[str]) -> str | None:
    """The colour a message asks for: "in black instead of white" -> black (a colour after
    "instead of", "not", "from" is the one to leave); the one after a correction ("the black
    ones? wait no, coral"); one asked "for" or "to"; the first named otherwise."""
    after = corrected(lowered)
    if after is not lowered and (again := wanted_colour(after, colours)) is not None:
        return again
    said = {c: _colour_at(lowered, c, colours) for c in colours}
    named = [(at[0], c) for c, at in said.items() if at]
    wanted = [
        (at, c) for at, c in named if not re.search(_NOT_THIS + re.escape(c) + r"\b", lowered)
    ]
    # "i got them in navy… i was hoping for black", "…for navy? the black ones get so
    # hot": a colour asked "for" or "to" is the one wanted, wherever it comes
    asked = [
        (at, c)
        for c, where in said.items()
        for at in where
        if _FOR_IT.search(lowered[max(0, at - 12) : at])
    ]
    return min(asked or wanted or named)[1] if named else None


def _frequencies_at(
    text: str, patterns: Sequence[tuple[re.Pattern[str], str]]
) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for rx, code in patterns:  # longest phrase first: "every 2 months" before "every month"
        for m in rx.finditer(text):
            if not any(m.start() < s < m.end() or s == m.start() for s, _ in found):
                found.append((m.start(), code))
    return sorted(found)


_BARE_INTERVAL = re.compile(
    r"\b(?:make (?:it|that)|change (?:it|that) to|switch (?:it|that) to)\s+"
    r"(\d+|two|three|four|six|eight)\s+(weeks|months)\b",
    re.I,
)


def named_frequencies(text: str, patterns: Sequence[tuple[re.Pattern[str], str]]) -> list[str]:
    """Every frequency the message names, in its order."""
    return [code for _, code in _frequencies_at(text, patterns)]


# "sorry", "actually no", "i meant": what follows corrects what came before
CORRECTING = re.compile(
    r"\b(sorry|actually|oops|i meant|i mean|wait|my bad|correction)\b|\bno,", re.I
)


def corrected(text: str) -> str:
    """What the message says after its last correction ("march 3… actually no, make that every
    2 weeks" -> "make that every 2 weeks"); the whole message when it corrects nothing."""
    cues = list(CORRECTING.finditer(text))
    return text[cues[-1].end() :] if cues else text


def wanted_frequency(text: str, patterns: Sequence[tuple[re.Pattern[str], str]]) -> str | None:
    """The frequency asked for: "every month instead of every 6 weeks" -> monthly (one after
    "instead of", "not", "from" is the one to leave); the one after a correction ("every 6
    weeks… actually no, every 2 weeks"); the first named otherwise."""
    after = corrected(text)
    if after is not text and (again := wanted_frequency(after, patterns)) is not None:
        return again
    found = _frequencies_at(text, patterns)
    if not found:  # "actually make that 6 weeks": the interval without its "every"
        bare = _BARE_INTERVAL.search(text)
        if bare:
            found = _frequencies_at(f"every {bare.group(1)} {bare.group(2)}", patterns)
    leaving = re.compile(_NOT_THIS + r"$", re.I)
    wanted = [(at, code) for at, code in found if not leaving.search(text[:at].rstrip() + " ")]
    return min(wanted or found)[1] if found else None


def extract_slots(text: str, shop: ShopView, order_pattern: str | None = None) -> Slots:
    """The slots of ``text`` in this store's terms (its catalogue, formats and frequencies);
    ``order_pattern`` overrides the policy's order-number format."""
    slots = Slots()
    pattern = order_pattern or shop.order_pattern
    email = _EMAIL.search(text)
    if email:
        slots.email = email.group(0).lower()
    without_email = _EMAIL.sub(" ", text)
    for sku, fmt in shop.serial_formats():
        serial = re.search(rf"\b{fmt.pattern}\b", text.upper())
        if serial:
            slots.serial = serial.group(0)
            item = shop.item(sku)
            if item is not None:
                slots.skus.append(item.sku)
            break
    if slots.serial is None and (given := _SERIAL_GIVEN.search(text)):
        slots.serial_attempt = given.group(1)
    scrubbed = (
        re.sub(r"\b[A-Z]{2,4}\d*-?\d{5,}\b", " ", without_email.upper())
        if slots.serial
        else without_email
    )
    scrubbed = re.sub(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b", " ", scrubbed)  # "NY 11217" is a ZIP
    # "the zip is 85281 not 85282": a ZIP code named, and the one it corrects
    scrubbed = _ZIP_NAMED.sub(" ", scrubbed)
    address = _STREET.search(scrubbed)
    for order in _order_re(pattern).finditer(scrubbed):
        if order.group(2) and address is not None:
            continue  # a bare number beside a street address is its ZIP or house number
        slots.order_number = (order.group(1) or order.group(2)).lstrip("#").upper()
        break
    for sku in subjects(shop, without_email):
        if sku not in slots.skus:
            slots.skus.append(sku)
    size = _SIZE.search(text)
    lowered = text.lower()
    wanted = _SIZE_WANTED.search(text) if _SWAPPING.search(text) else None
    if wanted:  # "in size 6.5 ... exchange them for a 7": the size after "for" is wanted
        said = next(g for g in wanted.groups() if g)
        slots.size = corrected_size(text, wanted.end(), said)
    elif size:  # "…size 12? no wait, 12 is too big – rather 11.5": the corrected one
        slots.size = corrected_size(text, size.end(), size.group(1).lower())
    else:  # "medium white": a worded size of the catalogue's options stands alone
        slots.size = next(  # not how they fit: "they're a tad small"
            (
                s
                for s in shop.word_sizes
                if re.search(rf"\b{re.escape(s)}\b", lowered)
                and not re.search(rf"{_FIT}\s+{re.escape(s)}\b", lowered)
            ),
            None,
        )
    slots.colour = wanted_colour(lowered, shop.colours)
    slots.frequency = wanted_frequency(text, shop.frequency_patterns)
    counted = list(_PAUSE.finditer(text))  # "for about a month… for 2 deliveries": the deliveries
    pause = next((m for m in counted if _DELIVERIES.match(m.group(2))), None)
    pause = pause or (counted[0] if counted else None) or _PAUSE_FOR.search(text)
    if pause:
        slots.cycles = WORD_NUMBERS.get(pause.group(1).lower())
    slots.placed = placed_on(without_email)
    rating = _RATING.search(text)
    if rating:
        slots.csat = int(rating.group(1))
    nps = _NPS.search(text)
    if nps:
        slots.nps = int(nps.group(1))
    slots.grind = _grind(lowered, shop.subscription_choices)
    slots.mentions_email = bool(
        re.search(r"\b(e-?mail|confirmation|receipt|inbox|spam folder)\b", text, re.I)
    )
    return slots


_TO = re.compile(r"\b(to|into|for)\s+(the\s+|a\s+)?$")  # "swap it for drip"
_NOT_THAT = re.compile(r"\b(not|from|instead of|than)\s+(the\s+|a\s+)?$")


def _grind(lowered: str, choices: Sequence[str]) -> str | None:
    """The grind asked for: the one the change goes "to" ("my espresso machine died, change
    my grind to drip"), else the first named that is not the one left ("not drip"; "as whole
    beans instead of drip")."""
    found = sorted(
        (m.start(), g) for g in choices for m in re.finditer(rf"\b{re.escape(g)}s?\b", lowered)
    )
    target = [g for at, g in found if _TO.search(lowered[max(0, at - 12) : at])]
    kept = [g for at, g in found if not _NOT_THAT.search(lowered[max(0, at - 14) : at])]
    return next(iter(target or kept or [g for _, g in found]), None)
