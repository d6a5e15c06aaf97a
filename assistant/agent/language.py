"""Messages in Spanish, German or French: detect the language by its function words and gloss
the support vocabulary into English (``glossary.yaml``), so the English router, slots and
documents understand the request. Order numbers, emails and product names pass unchanged.
The reply then says, in the customer's language, that it was composed from English documents."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

GLOSSARY_PATH = Path(__file__).resolve().parent / "glossary.yaml"
MIN_MARKERS = 2  # function words needed to call a message non-English
_WORD = re.compile(r"[\wà-ÿ'-]+", re.I)


def _fold(text: str) -> str:
    """Lower case without accents: "Dónde" and "donde" match alike."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class Glossary:
    markers: dict[str, frozenset[str]]
    phrases: dict[str, list[tuple[re.Pattern[str], str]]]
    words: dict[str, dict[str, str]]
    notes: dict[str, str]


@dataclass(frozen=True, slots=True)
class Understood:
    text: str  # English gloss (the message itself when English)
    language: str  # "en", "es", "de" or "fr"

    @property
    def english(self) -> bool:
        return self.language == "en"


@cache
def glossary(path: Path = GLOSSARY_PATH) -> Glossary:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    markers = {lang: frozenset(_fold(w) for w in ws) for lang, ws in raw["markers"].items()}
    phrases = {
        lang: [
            (re.compile(rf"(?<!\w){re.escape(_fold(src))}(?!\w)"), dst)
            for src, dst in sorted(table.items(), key=lambda kv: -len(kv[0]))
        ]
        for lang, table in raw["phrases"].items()
    }
    words = {lang: {_fold(k): v for k, v in table.items()} for lang, table in raw["words"].items()}
    return Glossary(markers, phrases, words, dict(raw["notes"]))


def detect(text: str) -> str:
    """The message's language: the one whose function words it uses most (English when none
    has at least ``MIN_MARKERS`` or English words dominate)."""
    tokens = [_fold(t) for t in _WORD.findall(text)]
    if len(tokens) < 2:  # "no", "sí": too short to tell; the confirmation reader knows both
        return "en"
    g = glossary()
    counts = {
        lang: sum(t in marks for t in tokens) + sum(t in g.words[lang] for t in tokens)
        for lang, marks in g.markers.items()
    }
    lang, best = max(counts.items(), key=lambda kv: kv[1])
    english = sum(t in _ENGLISH for t in tokens)
    if best < MIN_MARKERS or english >= best:
        return "en"
    return lang


def understand(text: str) -> Understood:
    language = detect(text)
    if language == "en":
        return Understood(text, "en")
    g = glossary()
    protected: list[str] = []

    def keep(m: re.Match[str]) -> str:  # emails, order numbers, SKUs stay as typed
        protected.append(m.group(0))
        return f" \x00{len(protected) - 1}\x00 "

    glossed = _fold(re.sub(r"\S+@\S+|#?\b[\w-]*\d[\w-]*\b", keep, text))
    glossed = re.sub(r"([?!.,;:¿¡])", r" \1 ", glossed)
    for pattern, english in g.phrases.get(language, []):
        glossed = pattern.sub(f" {english} ", glossed)
    table = g.words.get(language, {})
    out = [table.get(w, w) for w in glossed.split()]
    result = " ".join(out)
    result = re.sub(r"\x00(\d+)\x00", lambda m: protected[int(m.group(1))], result)
    result = re.sub(r"\s+([?!.,;:])", r"\1", re.sub(r"[¿¡]", " ", result))
    return Understood(" ".join(result.split()), language)


def english_note(language: str) -> str:
    """The line that says, in ``language``, that the answer comes from English documents."""
    return glossary().notes.get(language, "")


_ENGLISH = frozenset(
    "the my is are was it i you your to and of in on for with what where when how why can "
    "do does did not have has please thanks order no yes".split()
)
