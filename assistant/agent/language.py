"""Messages in Spanish, German, French, Italian, Portuguese or Dutch: detect the language by its
function words and gloss the support vocabulary into English (``glossary.yaml``), so the English
router, slots and documents understand the request. Order numbers, emails and product names pass
unchanged. The reply then says, in the customer's language, that it was composed from English
documents.

The gloss goes phrase by phrase (longest first), then word by word. A word not in the table is
looked up again through the language's usual endings ("storniert" -> "stornieren", "annulée" ->
"annuler", "devolverlo" -> "devolver"), past participles with a separable prefix
("zurückgeschickt") and compounds ("Lieferadresse" -> "delivery address"; German and Dutch);
Italian elisions are split off ("l'acqua" -> "l' acqua"); a word still unknown (a product
name) is kept as the customer typed it. A word glossed to ``""`` is dropped."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Set
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

GLOSSARY_PATH = Path(__file__).resolve().parent / "glossary.yaml"
MIN_MARKERS = 2  # function words needed to call a message non-English
MIN_PART = 3  # shortest part of a German compound
_WORD = re.compile(r"[\wà-ÿ'-]+", re.I)
_ELISION = re.compile(r"(?<!\w)(l|d|j|n|qu|s|m|t|c)'(?=\w)")  # French "l'adresse" -> "le adresse"
_NE_PAS = re.compile(r"(?<!\w)ne ((?:\S+ ){0,2}?\S+) (pas|plus|jamais)(?!\w)")
_NE_PAS_EN = {"pas": "not", "plus": "no longer", "jamais": "never"}
_SLOT = re.compile(r"\x01(\d+)\x01")
_ACCENT = "\x03"  # after a word typed with an accent


def _fold(text: str) -> str:
    """Lower case without accents: "Dónde" and "donde" match alike."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'").replace("ß", "ss"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _unelide(text: str) -> str:
    return _ELISION.sub(lambda m: ("que" if m.group(1) == "qu" else m.group(1) + "e") + " ", text)


@dataclass(frozen=True, slots=True)
class Glossary:
    markers: dict[str, frozenset[str]]
    phrases: dict[str, list[tuple[re.Pattern[str], str]]]
    words: dict[str, dict[str, str]]  # folded; a word listed unaccented wins ("si", "sí")
    accented: dict[str, dict[str, str]]  # as listed, for messages typed with the accents
    endings: dict[str, list[tuple[str, str]]]  # (ending typed, ending of the table's form)
    stems: dict[str, dict[str, str]]  # first parts of compounds ("liefer" -> "delivery")
    separable: dict[str, tuple[str, ...]]  # prefixes before "ge" in participles ("zurück")
    elision: dict[str, re.Pattern[str]]  # elided words split off ("l'acqua" -> "l' acqua")
    notes: dict[str, str]


@dataclass(frozen=True, slots=True)
class Understood:
    text: str  # English gloss (the message itself when English)
    language: str  # "en", "es", "de", "fr", "it", "pt" or "nl"

    @property
    def english(self) -> bool:
        return self.language == "en"


@cache
def glossary(path: Path = GLOSSARY_PATH) -> Glossary:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    elision = {
        lang: re.compile(
            rf"(?<!\w)({'|'.join(sorted(map(_fold, ps), key=len, reverse=True))})'(?=\w)"
        )
        for lang, ps in raw.get("elision", {}).items()
    }
    markers = {lang: frozenset(_fold(w) for w in ws) for lang, ws in raw["markers"].items()}
    words: dict[str, dict[str, str]] = {}
    accented: dict[str, dict[str, str]] = {}
    phrases: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    for lang, groups in raw["words"].items():  # a list of topic groups, or one mapping
        table = {k: v for group in _as_list(groups) for k, v in group.items()}
        several = {**{k: v for k, v in table.items() if " " in k}, **raw["phrases"].get(lang, {})}
        single = {k.lower(): str(v or "") for k, v in table.items() if " " not in k}
        plain = sorted(single.items(), key=lambda kv: _fold(kv[0]) == kv[0])  # plain ones last
        words[lang] = {_fold(k): v for k, v in plain}
        accented[lang] = {k: v for k, v in single.items() if _fold(k) != k}
        phrases[lang] = [
            (
                re.compile(rf"(?<!\w){_phrase(_split(_fold(src), lang, elision))}(?!\w)"),
                str(dst or ""),
            )
            for src, dst in sorted(several.items(), key=lambda kv: -len(kv[0]))
        ]
    endings = {
        lang: [(_fold(a), _fold(b or "")) for a, b in (pair.split(">") for pair in table)]
        for lang, table in raw.get("endings", {}).items()
    }
    stems = {lang: {_fold(k): v for k, v in t.items()} for lang, t in raw["stems"].items()}
    separable = {lang: tuple(_fold(p) for p in ps) for lang, ps in raw["separable"].items()}
    notes = dict(raw["notes"])
    return Glossary(markers, phrases, words, accented, endings, stems, separable, elision, notes)


LOANWORD_LENGTH = 5  # shorter foreign words ("red", "was") are English words too


@cache
def loanwords() -> dict[str, str]:
    """The glossary's words (folded) with one English meaning in every language that lists
    them: a word a customer writing English drops in from their own ("can you change them with
    the garantie?", "la semelle is coming off")."""
    meanings: dict[str, set[str]] = {}
    for table in glossary().words.values():
        for word, english in table.items():
            if len(word) >= LOANWORD_LENGTH and english and english.isascii():
                meanings.setdefault(word, set()).add(english.lower())
    return {w: next(iter(m)) for w, m in meanings.items() if len(m) == 1}


def _phrase(folded: str) -> str:
    """A phrase's pattern: its words, each maybe marked as typed with its accent."""
    return "\\s+".join(re.escape(w) + _ACCENT + "?" for w in folded.split())


def _split(text: str, language: str, elision: dict[str, re.Pattern[str]]) -> str:
    """Elided words apart: French ones written out ("l'" -> "le"), others split off ("l' ")."""
    pattern = elision.get(language)
    return _unelide(text) if pattern is None else pattern.sub(r"\1' ", text)


def _as_list(groups: list[dict[str, str]] | dict[str, str]) -> list[dict[str, str]]:
    return groups if isinstance(groups, list) else [groups]


def detect(text: str) -> str:
    """The message's language: the one whose function words it uses most (English when none
    has at least ``MIN_MARKERS`` or English words dominate). Table words spelt as in English
    ("app", "bluetooth") do not count."""
    tokens = [_fold(t) for t in _WORD.findall(text)]
    if len(tokens) < 2:  # "no", "sí": too short to tell; the confirmation reader knows both
        return "en"
    g = glossary()
    counts = {
        lang: sum(t in marks or _foreign(t, g.words[lang]) for t in tokens)
        for lang, marks in g.markers.items()
    }
    lang, best = max(counts.items(), key=lambda kv: kv[1])
    english = sum(t in _ENGLISH for t in tokens)
    if best < MIN_MARKERS or english >= best:
        return "en"
    return lang


def _foreign(token: str, table: dict[str, str]) -> bool:
    return token in table and token not in _ENGLISH and _fold(table[token]) != token


def _lookup(word: str, language: str, g: Glossary, depth: int = 0) -> str | None:
    """The English of ``word``: as listed, through an ending, a participle or a compound."""
    table = g.words.get(language, {})
    if word in table:
        return table[word]
    forms = [word]
    for prefix in ("", *g.separable.get(language, ())):  # "zurückgeschickt" -> "zurückschickt"
        if word.startswith(prefix + "ge") and len(word) > len(prefix) + 4:
            forms.append(prefix + word[len(prefix) + 2 :])
    for form in forms:
        for typed, listed in g.endings.get(language, []):
            if form.endswith(typed) and len(form) - len(typed) >= MIN_PART:
                candidate = form[: len(form) - len(typed)] + listed
                if candidate in table:
                    return table[candidate]
        if form != word and form in table:
            return table[form]
    stems = g.stems.get(language)
    if not stems or depth > 1 or len(word) < 2 * MIN_PART + 1:
        return None
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):  # longest known ending part first
        head, tail = word[:cut], word[cut:]
        first = stems.get(head) or table.get(head)
        if first is None and head[-1] == "s":  # the linking "s" of "Sendungsnummer"
            first = stems.get(head[:-1]) or table.get(head[:-1])
        rest = _lookup(tail, language, g, depth + 1) if first else None
        if first and rest is not None:
            return f"{first} {rest}".strip()
    return None


def _marked(word: str, both: set[str]) -> str:
    folded = _fold(word)
    return word + _ACCENT if folded in both and folded != word.lower() else word


def _gloss_word(
    word: str, typed: dict[str, str], language: str, g: Glossary, both: Set[str] = frozenset()
) -> str:
    """One word's English ("" drops it); an unknown word comes back as the customer typed it.
    ``both``: words typed with and without their accent; only the marked one has it."""
    accented = word.endswith(_ACCENT) or word not in both
    word = word.rstrip(_ACCENT)
    word = word.strip("-") or word  # "Kaffee-" of "Kaffee-Abo kündigen"
    spelt = typed.get(word, "").lower() if accented else ""
    found = g.accented[language].get(spelt)  # "sí" typed with its accent
    found = _lookup(word, language, g) if found is None else found
    if found is None and "-" in word.strip("-"):  # "Kaffee-Abo", "faut-il": part by part
        parts = [p for p in word.split("-") if p]
        glosses = [_lookup(p, language, g) for p in parts]
        if any(e is not None for e in glosses):
            pairs = zip(parts, glosses, strict=True)
            found = " ".join(typed.get(p, p) if e is None else e for p, e in pairs)
    return typed.get(word, word) if found is None else found


_ORDINAL_DAY = re.compile(
    r"\b([12]?\d|3[01])\.(?=\s*(bis|und|-|–)\s*\d|\s+(januar|jänner|februar|märz|maerz|april|"
    r"mai|juni|juli|august|september|oktober|november|dezember)\b)",
    re.I,
)


def understand(text: str) -> Understood:
    language = detect(text)
    if language == "en":
        return Understood(text, "en")
    g = glossary()
    protected: list[str] = []

    def keep(m: re.Match[str]) -> str:  # emails, order numbers, SKUs stay as typed
        protected.append(m.group(0))
        return f" \x00{len(protected) - 1}\x00 "

    # "11,5" and "49,99" are decimals in these languages: one number, read with a point
    text = re.sub(r"(?<![\d,.])(\d+),(\d{1,2})(?!\d|,\d)", r"\1.\2", text)
    # "vom 1. bis 25. März": a day's ordinal point ends no sentence
    text = _ORDINAL_DAY.sub(r"\1", text)
    kept = re.sub(r"\S+@\S+|\b\d+\.\d+\b(?![\w-])|#?\b[\w-]*\d[\w-]*\b", keep, text)
    words = re.findall(r"[\w-]+", kept.replace("’", "'").replace("'", " "))
    accented = {_fold(w): w for w in words if _fold(w) != w.lower()}
    typed = {**{_fold(w): w for w in words}, **accented}  # the accented spelling wins
    # "Quando é… E quanto": a word typed both ways is marked where it has its accent, so that
    # occurrence alone reads "is" and the other "and"
    both = accented.keys() & {_fold(w) for w in words if _fold(w) == w.lower()}
    glossed = _fold(re.sub(r"[\w-]+", lambda m: _marked(m.group(0), both), kept))
    if language == "fr" or language in g.elision:
        glossed = _split(glossed, language, g.elision)
    glossed = re.sub(r"([?!.,;:¿¡()\"])", r" \1 ", glossed)
    english: list[str] = []  # a phrase's English is never glossed again word by word
    for pattern, dst in g.phrases.get(language, []):
        glossed, n = pattern.subn(f" \x01{len(english)}\x01 ", glossed)
        english += [dst] if n else []
    if language == "fr":  # "ne se connecte pas" -> "not se connecte"
        glossed = _NE_PAS.sub(lambda m: f"{_NE_PAS_EN[m.group(2)]} {m.group(1)}", glossed)
    out = [
        w if _SLOT.fullmatch(w) else _gloss_word(w, typed, language, g, both)
        for w in glossed.split()
        if w != _ACCENT
    ]
    result = " ".join(w for w in out if w)
    result = _SLOT.sub(lambda m: english[int(m.group(1))], result)
    result = re.sub(r"\x00(\d+)\x00", lambda m: protected[int(m.group(1))], result)
    result = re.sub(r"\s+([?!.,;:)])", r"\1", re.sub(r"[¿¡]", " ", result))
    # "Elle est cassée ?" asks in a statement's order: English asks "is it broken?"
    result = _ASKED_AS_TOLD.sub(lambda m: f"{m.group(1)}{m.group(3)} {m.group(2)} ", result)
    return Understood(" ".join(result.split()), language)


# a short question whose gloss kept a statement's order ("it is broken?")
_ASKED_AS_TOLD = re.compile(r"(^|[.!?]\s+)(it|this|that) (is|was) (?=[^.!?,]{1,25}\?)", re.I)


@lru_cache(maxsize=4096)
def in_english(text: str) -> str:
    """A message as the planner reads it: its English gloss, or itself when English."""
    return understand(text).text


def english_note(language: str) -> str:
    """The line that says, in ``language``, that the answer comes from English documents."""
    return glossary().notes.get(language, "")


_ENGLISH = frozenset(
    "the my is are was it i you your to and of in on for with what where when how why can "
    "do does did not have has please thanks order no yes a an as at be by me so if or but "
    "this that will just from all".split()
)
