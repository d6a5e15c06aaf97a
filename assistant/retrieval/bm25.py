"""Okapi BM25 over chunks (title, section and text), with a small English stop list and a light
stemmer (:func:`stem`) so "pairing", "paired" and "pair", "settings" and "setting" meet.

:func:`tokenize` (the planner's tokens) keeps the older :func:`fold`."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

_TOKEN = re.compile(r"[a-z0-9]+(?:[.\-][a-z0-9]+)*")
STOPWORDS = frozenset(
    (
        "a an and are as at be but by can do does for from has have how i if in into is it its "
        "my me of on or our so that the their them then there these this to was we what when "
        "where which who why will with you your"
    ).split()
)


def fold(token: str) -> str:
    """The folded form of a lower-case token, as indexed."""
    for suffix in ("ing", "ed", "es", "s"):
        if len(token) > len(suffix) + 3 and token.endswith(suffix):
            return token[: -len(suffix)]
    return token


_VOWEL = re.compile(r"[aeiouy]")


def stem(token: str, *, final_e: bool = False) -> str:
    """A lower-case token's index term: a plural off ("ies" -> "y", else "s"), then "ing" or
    "ed", so "setting" and "settings", "cable" and "cables", "battery" and "batteries",
    "change" and "changes" meet (the older :func:`fold` took "es" off "cables" and only one
    suffix off "settings", so neither pair met). Tokens of four letters or fewer, numbers and
    codes are kept as typed. ``final_e`` also drops a final "e" ("change", "changing" ->
    "chang"): it helps the TV manual but costs the golden set (``evals ablation``), so the
    index does not use it."""
    if len(token) <= 4 or not token.isalpha():
        return token
    if token.endswith("ies") and len(token) > 5:
        token = token[:-3] + "y"
    elif token.endswith("s") and not token.endswith(("ss", "us", "is")):
        token = token[:-1]
    for suffix in ("ing", "ed"):
        base = token[: -len(suffix)]
        if token.endswith(suffix) and len(base) >= 3 and _VOWEL.search(base) and base[-1] != "e":
            token = base
            break
    if final_e and token.endswith("e") and len(token) > 4:
        token = token[:-1]
    return token


def _stem_e(token: str) -> str:
    return stem(token, final_e=True)


def tokenize(text: str) -> list[str]:
    return [fold(t) for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS]


def normaliser(stemmer: str = "light") -> Callable[[str], str]:
    """:func:`stem` (``"light"``, the index's default; ``"final-e"`` with ``final_e``) or the
    older :func:`fold` (``"fold"``)."""
    return {"light": stem, "final-e": _stem_e}.get(stemmer, fold)


def terms(text: str, stemmer: str = "light") -> list[str]:
    """The index terms of a text: stop words dropped, each token through :func:`normaliser`."""
    norm = normaliser(stemmer)
    return [norm(t) for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS]


class BM25Index:
    def __init__(
        self,
        documents: Sequence[str],
        *,
        k1: float = 1.2,
        b: float = 0.75,
        stemmer: str = "light",
    ) -> None:
        self.k1, self.b, self.stemmer = k1, b, stemmer
        self.lengths: list[int] = []
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for doc_id, text in enumerate(documents):
            counts = Counter(terms(text, stemmer))
            self.lengths.append(sum(counts.values()))
            for term, tf in counts.items():
                self.postings[term].append((doc_id, tf))
        self.n = len(documents)
        self.frequency = {term: len(posting) for term, posting in self.postings.items()}
        self.avg_len = (sum(self.lengths) / self.n) if self.n else 0.0

    def ceiling(self, query: str) -> float:
        """About the score of a passage of average length holding each query term once: what a
        full match earns. Terms the index has never seen count at the highest idf, so a query
        in words the documents do not use gets a low share of its ceiling."""
        total = 0.0
        for term in dict.fromkeys(terms(query, self.stemmer)):  # one order: sums repeat
            df = len(self.postings.get(term, ()))
            total += math.log(1 + (self.n - df + 0.5) / (df + 0.5))
        return total

    def scores(self, query: str) -> dict[int, float]:
        out: dict[int, float] = defaultdict(float)
        for term in dict.fromkeys(terms(query, self.stemmer)):  # one order: sums repeat
            posting = self.postings.get(term)
            if not posting:
                continue
            idf = math.log(1 + (self.n - len(posting) + 0.5) / (len(posting) + 0.5))
            for doc_id, tf in posting:
                norm = tf + self.k1 * (1 - self.b + self.b * self.lengths[doc_id] / self.avg_len)
                out[doc_id] += idf * tf * (self.k1 + 1) / norm
        return out
