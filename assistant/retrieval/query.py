"""Query rewriting for the keyword side: owners type "definately", "bluetoth", "pls tell me how".

:func:`rewrite_query` drops conversational filler that carries no topic ("please", "tell me", "i
want to", "dont") and corrects a word that is not in the index's vocabulary to the most frequent
indexed word one edit away (delete, transpose, replace or insert one letter). Words of fewer
than four letters, stop words ("with", "them": never indexed, so never "unknown"), words already
in the vocabulary and **known English words** are never touched, so a query that matches the
documents as typed is left exactly as it was, and a real word the documents happen not to use
("fridge", "mark", "flight") is not turned into one they do ("ridge", "dark", "light").

Known words are the whole words of the embedder's WordPiece vocabulary (about 20,000 English
words, shipped inside the model's wheel; :func:`known_words`): a typo is, nearly always, not
one of them.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Container, Mapping
from functools import lru_cache

from assistant.retrieval.bm25 import STOPWORDS, stem

FILLER = frozenset(
    (
        "please pls plz kindly tell know want wanna need needs instruct explain hi hello hey "
        "thanks thank someone anyone able possible way im i'm really just still also "
        # contractions typed without their apostrophe: no topic, and never a typo to correct
        "dont doesnt didnt cant wont isnt arent wasnt werent whats thats ive youre"
    ).split()
)
# everyday words for a thing and the broader word manuals use for it ("charge from my laptop":
# the manual says "from a computer"): plain English, added beside the word, never replacing it
BROADER: dict[str, str] = {
    "laptop": "computer",
    "notebook": "laptop",
    "macbook": "laptop",
    "chromebook": "laptop",
    "pc": "computer",
    "desktop": "computer",
    "iphone": "phone",
    "android": "phone",
    "smartphone": "phone",
    "cellphone": "phone",
    "mobile": "phone",
    "ipad": "tablet",
    "tv": "television",
    "telly": "television",
    "kwh": "energy",
    "electricity": "energy",
    "child": "children",
    "kid": "children",
    "kids": "children",
    "toddler": "children",
    "toddlers": "children",
    "daughter": "children",
    "son": "children",
    "mom": "family",
    "mum": "family",
    "mother": "family",
    "dad": "family",
    "father": "family",
    "parent": "family",
    "parents": "family",
    "sister": "family",
    "brother": "family",
    "wife": "family",
    "husband": "family",
    "grandma": "family",
    "grandpa": "family",
    "ps4": "console",
    "ps5": "console",
    "playstation": "console",
    "xbox": "console",
    "nintendo": "console",
    "drawer": "storage",
    "closet": "storage",
    "stink": "odor",
    "stinks": "odor",
    "stinky": "odor",
    "smelly": "odor",
    "odor": "odour",
    "orange": "amber",  # an indicator light's colour as owners and manuals name it
    "rinse": "water",  # "can i rinse the burrs under the tap": what the manual says not to use
    "rinsing": "water",
}


def broader_word(word: str, used: Callable[[str], bool]) -> str | None:
    """The first of ``word``'s broader words ("macbook", then "laptop", then "computer") that
    the documents use, as ``used`` says; None when they use none."""
    seen: set[str] = set()
    while (word := BROADER.get(word, "")) and word not in seen:
        if used(word):
            return word
        seen.add(word)
    return None


_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*|[^A-Za-z\s]+")
_LETTERS = string.ascii_lowercase
_WHOLE_WORD = re.compile(r"[a-z]{4,}")


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """The whole English words (four letters or more) of the shipped embedder's vocabulary;
    empty when the model's wheel is not installed."""
    try:
        from ingest.embedding import shipped_model_path

        lines = (shipped_model_path() / "vocab.txt").read_text(encoding="utf-8").splitlines()
    except (ImportError, OSError):
        return frozenset()
    return frozenset(w for w in lines if _WHOLE_WORD.fullmatch(w))


def edits1(word: str) -> set[str]:
    """Every string one edit (delete, transpose, replace, insert a letter) from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS if c != b[0]]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + transposes + replaces + inserts)


def correct_word(
    word: str,
    frequency: Mapping[str, int],
    known: Container[str] = frozenset(),
    norm: Callable[[str], str] = stem,
) -> str:
    """``word`` if indexed, short or a ``known`` word, else its most frequent indexed
    neighbour one edit away."""
    lower = word.lower()
    if (
        len(lower) < 4
        or not lower.isalpha()
        or lower in STOPWORDS
        or norm(lower) in frequency
        or lower in known
    ):
        return word
    best, best_df = word, 0
    for candidate in edits1(lower):
        df = frequency.get(norm(candidate), 0)
        if df > best_df or (df == best_df and df and candidate < best):
            best, best_df = candidate, df
    return best


_JOINED: dict[int, tuple[Mapping[str, int], dict[str, str]]] = {}


def hyphen_joined(frequency: Mapping[str, int]) -> dict[str, str]:
    """Indexed hyphenated terms by their letters run together: a customer types "xray" or
    "wifi" where the manual says "X-ray" or "Wi-Fi". Built once per vocabulary."""
    cached = _JOINED.get(id(frequency))
    if cached is not None and cached[0] is frequency:
        return cached[1]
    joined = {t.replace("-", ""): t for t in frequency if "-" in t and t.replace("-", "").isalpha()}
    _JOINED.clear()  # one live vocabulary at a time
    _JOINED[id(frequency)] = (frequency, joined)
    return joined


def rewrite_query(
    query: str,
    frequency: Mapping[str, int],
    *,
    keep: Callable[[str], bool] | None = None,
    known: Container[str] = frozenset(),
    norm: Callable[[str], str] = stem,
) -> str:
    """The query without filler words and with out-of-vocabulary words corrected.

    ``frequency``: document frequency per index term, as ``norm`` (the index's
    :func:`bm25.normaliser`) makes them; ``known``: words never corrected (:func:`known_words`)."""
    words = []
    joined = hyphen_joined(frequency)

    def indexed(word: str) -> bool:
        return norm(word) in frequency

    for token in _WORD.findall(query):
        lower = token.lower()
        if lower in FILLER and (keep is None or not keep(lower)):
            continue
        if norm(lower) not in frequency and lower in joined:
            words.append(joined[lower])
            continue
        words.append(correct_word(token, frequency, known, norm) if token[0].isalpha() else token)
        if norm(lower) not in frequency and (broader := broader_word(lower, indexed)):
            words.append(broader)  # the manual's word, when it does not use the customer's
    rewritten = " ".join(words).strip()
    return rewritten or query
