"""The words of a question as the planner matches them against document lines: the index's
tokens with quantities in one spelling, the content words (question words removed), model codes,
and a light folding of word forms."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.agent.tools import PassageOut
from assistant.planner.quantities import canonical_quantities
from assistant.retrieval.bm25 import tokenize as _plain_tokenize
from assistant.retrieval.query import broader_word

# "…i just want my money back. is that possible even though i wore them?": asks about the request
# before it, whose only subject is "that"
# "can you do something?": a request to us
ASKS_US = re.compile(r"^\W*(\w+\W+)?(can|could|would|will) (you|u|someone|somebody)\b", re.I)
# a "how" question ending on a verb and "it"/"this" ("how do i get it off", "how often am i
# supposed to do this"): the thing done is the one the message's statements told (not "until
# when can we do it": the request's)
DOES_THIS = re.compile(
    r"^\W*((and|so|but|ok|okay)\W+)?how\b.*\b(do|doing|get|getting|fix|clean|remove|use|try)\s+"
    r"(it|this|that|them)"
    r"(\s+(off|out|away|back|again|right))?\W*$",
    re.I,
)
MAX_TOLD_WORDS = 2  # "how often should i do this": few words of its own


def asks_about_the_told(text: str) -> bool:
    """A "how" question ending on "do this"/"get it off" with few words of its own, not a
    request to us ("can you do that?"): what it asks about is what the message told before."""
    return (
        bool(DOES_THIS.search(text))
        and len(content_words(text)) <= MAX_TOLD_WORDS
        and not ASKS_US.search(text)
    )


THAT_ASKED = re.compile(
    r"^\W*((and|but|so|ok|okay)\W+)?((is|would|will|does|could) (that|this) (be )?"
    r"(possible|ok|okay|allowed|fine|doable|an option|work)|(can|could|may) (i|we) (do|get) "
    r"(that|this)|should (i|we) (be )?(worried|worry|concerned)|do (i|we) need to (re-?order|"
    r"order (it |them )?again|worry)|(is|was) (that|this|it) (a mistake|a defect|normal|"
    r"on purpose|supposed to be (like )?that))\b",  # "is that a mistake or is it for something?"
    re.I,
)
# "which ridgeline coffee has the most caffeine, the dark roast right?": the products compared,
# not the one named as a guess
COMPARED = re.compile(
    r"\bwhich (one|\w+)( \w+){0,2} (has|have|is|are|gives?|got|packs?) (the )?(most|least|"
    r"highest|lowest|strongest|weakest|longest|shortest|biggest|smallest|lightest|heaviest)\b",
    re.I,
)
# "your site says a month??": what the store said, held against the answer; not a new question
STORE_SAID = re.compile(
    r"\b(your|the) (site|website|page|policy|email|e-mail|ad|listing|app|terms) (says|said)\b|"
    r"\byou (guys )?(said|told me)\b",
    re.I,
)


# "…beeps twice and does nothing?? is it broken": whether the thing told is a fault, which the
# answer to what was told says; no question of its own
VERDICT_ASKED = re.compile(
    r"^\W*((and|but|so|or|ok|okay)\W+)?(is|does|did|has) (it|this|that|mine|the \w+) "
    r"((just|already|actually|really) )?(broken|normal|faulty|defective|dead|ok|okay|bad|"
    r"a (dud|problem|defect|fault)|supposed to)\W*$",
    re.I,
)

_APERTURE = re.compile(r"\b[fF]/(\d+(?:\.\d+)?)\b")  # "f/2.8" as typed: "f2.8"


# a clause that asks: a question mark, or a question word first ("and how long…")
QUESTION = re.compile(
    r"\?|^((and|also|so|but|ok|okay|plus|if not|otherwise|or|else)\W+)?"  # "if not can i…"
    r"(can|could|how|what|whats|what's|when|where|which|who|why|is|are|do|does|will|should)\b",
    re.I,
)


def tokenize(text: str) -> list[str]:
    """The index's tokens, with quantities in one spelling ("one litre" = "1.0 L", "f/2.8" =
    "f2.8")."""
    return _plain_tokenize(canonical_quantities(_APERTURE.sub(r"f\1", text)))


# Question words that carry no topic: removed before matching.
GENERIC = frozenset(
    tokenize(
        "how what which when where why who can could would should does do did is are was "
        "will i my me you your it its this that there please tell know want need get use "
        "using thing one ok hi hello thanks whats what's hows how's wheres where's whens "
        "im i'm dont don't cant can't pls plz u ur ya yo hey quick question just also anyone "
        "know wondering long much many often mean means meaning they they're re them their "
        "he she him his her we us our anything something everything still really kinda like "
        "going gonna wanna got been being had were would could might must only exactly "
        "usually normally typically actually basically ever around"
    )
)
# Codes and model numbers ("E1", "F03", "v2"): a unit or section that has the customer's code
# is about it; one that has a neighbouring code ("E2") is not.
_IDENTIFIER = re.compile(
    r"\b(?!\d+(st|nd|rd|th|x|mins?|hrs?|secs?)\b)(?=[a-z]*\d)(?=\d*[a-z])[a-z\d]{2,8}\b", re.I
)  # not an ordinal ("my 2nd cup"), a count ("2x") or a time ("10min")

# English verbs whose past forms do not begin like the verb ("broken in" is "break-in")
_IRREGULAR = {
    "broken": "break", "broke": "break", "worn": "wear", "wore": "wear", "torn": "tear",
    "tore": "tear", "ran": "run", "bought": "buy", "paid": "pay", "sent": "send",
    "froze": "freez", "frozen": "freez", "fell": "fall", "fallen": "fall", "kept": "keep",
    "lost": "lose", "stuck": "stick", "shook": "shake", "shaken": "shake", "drank": "drink",
    "spilt": "spill", "dried": "dry", "took": "take", "taken": "take", "gave": "give",
    "given": "give", "sold": "sell", "held": "hold", "hung": "hang", "swam": "swim",
    "caught": "catch", "thrown": "throw", "threw": "throw", "woke": "wake", "woken": "wake",
}  # fmt: skip


# everyday words that mean what a manual's word means ("switch the email" / "change your email
# address", "blinking red" / "flashes red"): a question word matches a line with another of its
# group (by the first letters, as forms of a word do)
_SAME_MEANING = (
    ("chang", "switch", "swap", "modif", "edit", "alter"),
    ("delet", "remov", "eras"),
    ("blink", "flash"),
    ("outdoor", "outside"),
    ("money", "refund"),
)


def _alike(word: str, tokens: Sequence[str]) -> bool:
    for group in _SAME_MEANING:
        if any(word.startswith(g) for g in group):
            return any(t.startswith(g) for t in tokens for g in group)
    return False


def matches(tokens: Sequence[str], words: Sequence[str]) -> set[str]:
    """The question's words found among ``tokens``; a word also matches a longer or shorter
    form of itself ("dryer" / "dry", "descale" / "descaling"; "broken" / "break-in"): the
    index's folding is light."""
    tokens = [*tokens, *(p for t in tokens if "-" in t for p in t.split("-") if p)]  # "13-inch"
    found = set(tokens) & set(words)
    for w in words:
        if w in found or len(w) < 3:
            continue
        base = _IRREGULAR.get(w)
        if (
            any(len(t) >= 3 and (t.startswith(w) or w.startswith(t)) for t in tokens)
            or (base and any(p.startswith(base) for t in tokens for p in t.split("-")))
            or _alike(w, tokens)
        ):  # "break-in" holds "break"
            found.add(w)
    return found


def identifiers(text: str) -> set[str]:
    return {m.group(0).lower() for m in _IDENTIFIER.finditer(text)}


# "ok makes sense. do i need to…", "got it, works. should i…": the answer acknowledged before
# the question, no words of it
ACKNOWLEDGED = re.compile(
    r"^\W*(((ok|okay|oh|ah|cool|nice|great|thanks|thank you|got it|makes sense|that makes sense|"
    r"good to know|fair enough|perfect|awesome|sweet|right|alright|phew|hmm+|lol|works|it works|"
    r"that worked|done|yes|yeah|yep)\b[\s,]*?){1,4}[.,!]+\s+)+(?=\S)",
    re.I,
)


def content_words(text: str) -> list[str]:
    text = ACKNOWLEDGED.sub("", text, count=1)
    return [t for t in dict.fromkeys(tokenize(text)) if t not in GENERIC and len(t) > 1]


def manuals_words(
    words: list[str], found: Sequence[PassageOut], *, shared: bool = False
) -> list[str]:
    """``words`` with an everyday word the passages never use replaced by the broader word
    they do use ("charge from my laptop": the manual says "from a computer"), and a word typed
    without its hyphen ("xray", "wifi") by the passages' spelling; for a question about
    sharing (``shared``), the manuals' words for it."""
    seen = set(tokenize(" ".join(p.text for p in found)))
    joined = {t.replace("-", ""): t for t in seen if "-" in t}  # "xray": the text's "x-ray"
    return shared_words(
        [
            w if w in seen else joined.get(w) or broader_word(w, seen.__contains__) or w
            for w in words
        ],
        shared,
    )


# someone else given access ("let my mom see the cam from her phone"): the manuals say sharing
# and inviting; seeing or using it on a phone is what every line about using it says
_SHARED_WORDS = ("sharing", "invite")
_ACCESS_WORDS = "see watch view access use control get phone app own"


def shared_words(words: list[str], shared: bool) -> list[str]:
    """``words`` of a question about sharing (``shared``) with the manuals' words for it in
    place of the words of access."""
    if not shared:
        return words
    access = set(tokenize(_ACCESS_WORDS))
    kept = [w for w in words if w not in access]
    return kept + [w for w in tokenize(" ".join(_SHARED_WORDS)) if w not in kept]


# "it says HOT", "the screen shows rSt": a display message quoted in capitals
_SHOWN = re.compile(
    r"\b(?:says?|shows?|showing|displays|displaying|reads?|flashing)\s+[\"'“]?([A-Za-z]{2,5})\b"
)


def shown_words(text: str) -> set[str]:
    """The display messages ``text`` quotes (a word with a capital after its first letter)."""
    return {m.lower() for m in _SHOWN.findall(text) if m[1:] != m[1:].lower()}


def named_elsewhere(
    text: str, found: Sequence[PassageOut], other: str, catalogue: frozenset[str]
) -> bool:
    """The question names a thing the store sells (a word of its ``catalogue``) that none of
    ``found`` (a product's own passages) mention and the ``other`` text does: "how long do the
    beans stay fresh?" with a camera the one product owned is about the coffee the store-wide
    search found, not the camera ("35 degrees" names nothing sold)."""
    held = set(tokenize(" ".join(f"{p.title} {p.section} {p.text}" for p in found)))
    missing = {w for w in content_words(text) if w not in held and w in catalogue}
    return bool(found) and bool(missing & set(tokenize(other)))
