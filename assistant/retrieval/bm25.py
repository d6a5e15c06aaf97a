"""Okapi BM25 over chunks (title, section and text), with a small English stop list and a light
suffix folding so "pairing", "paired" and "pair" meet."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

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


def tokenize(text: str) -> list[str]:
    return [fold(t) for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS]


class BM25Index:
    def __init__(self, documents: Sequence[str], *, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.lengths: list[int] = []
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for doc_id, text in enumerate(documents):
            counts = Counter(tokenize(text))
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
        for term in set(tokenize(query)):
            df = len(self.postings.get(term, ()))
            total += math.log(1 + (self.n - df + 0.5) / (df + 0.5))
        return total

    def scores(self, query: str) -> dict[int, float]:
        out: dict[int, float] = defaultdict(float)
        for term in set(tokenize(query)):
            posting = self.postings.get(term)
            if not posting:
                continue
            idf = math.log(1 + (self.n - len(posting) + 0.5) / (len(posting) + 0.5))
            for doc_id, tf in posting:
                norm = tf + self.k1 * (1 - self.b + self.b * self.lengths[doc_id] / self.avg_len)
                out[doc_id] += idf * tf * (self.k1 + 1) / norm
        return out
