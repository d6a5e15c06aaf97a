"""Query rewriting for the keyword side: owners type "definately", "bluetoth", "pls tell me how".

:func:`rewrite_query` drops conversational filler that carries no topic ("please", "tell me", "i
want to") and corrects a word that is not in the index's vocabulary to the most frequent indexed
word one edit away (delete, transpose, replace or insert one letter). Words of fewer than four
letters, stop words ("with", "them": never indexed, so never "unknown") and words already in the
vocabulary are never touched, so a query that matches the documents as typed is left exactly as
it was.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping

from assistant.retrieval.bm25 import STOPWORDS, fold

FILLER = frozenset(
    (
        "please pls plz kindly tell know want wanna need needs instruct explain hi hello hey "
        "thanks thank someone anyone able possible way im i'm really just still also"
    ).split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*|[^A-Za-z\s]+")
_LETTERS = string.ascii_lowercase


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS if c != b[0]]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + transposes + replaces + inserts)


def correct_word(word: str, frequency: Mapping[str, int]) -> str:
    """``word`` if indexed (or short), else its most frequent indexed neighbour one edit away."""
    lower = word.lower()
    if len(lower) < 4 or not lower.isalpha() or lower in STOPWORDS or fold(lower) in frequency:
        return word
    best, best_df = word, 0
    for candidate in _edits1(lower):
        df = frequency.get(fold(candidate), 0)
        if df > best_df or (df == best_df and df and candidate < best):
            best, best_df = candidate, df
    return best


def rewrite_query(
    query: str, frequency: Mapping[str, int], *, keep: Callable[[str], bool] | None = None
) -> str:
    """The query without filler words and with out-of-vocabulary words corrected.

    ``frequency``: document frequency per folded index term (see :func:`bm25.fold`)."""
    words = []
    for token in _WORD.findall(query):
        lower = token.lower()
        if lower in FILLER and (keep is None or not keep(lower)):
            continue
        words.append(correct_word(token, frequency) if token[0].isalpha() else token)
    rewritten = " ".join(words).strip()
    return rewritten or query
