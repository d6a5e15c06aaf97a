"""Answer extraction: the sentences or steps of the retrieved passages that answer the question.

API::

    extractor = AnswerExtractor(embedder, cache=None)      # one per process (it memoises)
    extractor.warm(chunk.text for chunk in retriever.chunks)  # optional, off the request path
    answer = extractor.extract(question, passages, max_units=3, question_vector=None)
    # or, without a long-lived object:
    answer = extract_answer(question, passages, embedder, max_units=3)

``passages`` is any sequence of objects with a ``text`` attribute (a :class:`Passage` from the
retriever, best first); ``answer`` is ``None`` when there is nothing to quote, else an
:class:`AnswerExtract`:

- ``text``: the chosen units joined, in document order (steps one per line, keeping their
  numbers; sentences joined by spaces);
- ``units``: the chosen :class:`Unit` objects (``text``, ``kind`` "sentence" | "step" | "row",
  ``position`` in the passage, ``group`` = the list it belongs to);
- ``passage``: the passage the units come from (cite ``passage.citation``), ``passage_index``
  its position in the input, ``score`` the best unit's score and ``is_procedure`` True when a
  whole list of steps was returned for a how-to question.

How it chooses: each passage is cut into units (list items and table rows stay whole, prose is
cut into sentences); every unit is scored by the cosine between its embedding and the
question's (the retriever's embedder) plus the share of the question's keywords it contains,
with a small preference for earlier passages. A how-to question ("how do I", "how to", "steps")
whose best list is about as good as the best unit gets the whole list, in order (at most
``max_steps``), and so does a best unit that introduces a list ("To stop it dimming:");
otherwise the best unit and up to ``max_units - 1`` units of the same passage
that score nearly as well, in document order.

Cost: one batched forward pass over the units not seen before (unit vectors are memoised in
memory, and in ``cache`` when one is given, e.g. the index's embedding cache); the question
vector can be passed in (``HybridRetriever.query_vector``) so it is not embedded twice.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Literal, Protocol, TypeVar

import numpy as np

from assistant.retrieval.bm25 import tokenize
from ingest.embedding import Embedder, EmbeddingCache, embed_with_cache
from ingest.sentences import TABLE_RULE

UnitKind = Literal["sentence", "step", "row"]
LEXICAL_WEIGHT = 0.3
RANK_PENALTY = 0.03
SAME_PASSAGE_MARGIN = 0.25
PROCEDURE_MARGIN = 0.25
SHORT_UNIT_PENALTY = 0.15
_MEMO = 20_000

_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-•*·]|step \d+[:.]?)\s+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“'(])")
_HOW_TO = re.compile(
    r"\bhow (?:do|can|should|would|could|shall) (?:i|you|we|one)\b(?! (?:know|tell)\b)"
    r"|\bhow to\b|\bsteps?\b|\bprocedure\b|\binstructions?\b|\bwalk me through\b",
    re.IGNORECASE,
)
_NOT_HOW_TO = re.compile(r"\bhow (?:much|many|long|far|fast|often|old|big|heavy)\b", re.I)


class HasText(Protocol):
    @property
    def text(self) -> str: ...


P = TypeVar("P", bound=HasText)


@dataclass(frozen=True, slots=True)
class Unit:
    text: str
    kind: UnitKind
    position: int
    group: int  # units of one list or table share a group; each sentence has its own


@dataclass(frozen=True, slots=True)
class AnswerExtract(Generic[P]):
    text: str
    units: tuple[Unit, ...]
    passage: P
    passage_index: int
    score: float
    is_procedure: bool


def is_how_to(question: str) -> bool:
    return bool(_HOW_TO.search(question)) and not _NOT_HOW_TO.search(question)


def split_units(text: str) -> list[Unit]:
    """A passage cut into sentences, list items (steps) and table rows, in order."""
    units: list[Unit] = []
    group = 0
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        if any(_LIST_ITEM.match(ln) for ln in lines) and len(lines) > 1:
            for line in lines:
                kind: UnitKind = "step" if _LIST_ITEM.match(line) else "sentence"
                units.append(Unit(line, kind, len(units), group))
            group += 1
        elif len(lines) > 1 and all(" | " in ln or TABLE_RULE.match(ln) for ln in lines):
            for line in lines:  # a Markdown table: its rows, not its |---|---| rule
                if not TABLE_RULE.match(line):
                    units.append(Unit(line, "row", len(units), group))
            group += 1
        else:
            for sentence in _SENTENCE_END.split(" ".join(lines)):
                if sentence.strip():
                    units.append(Unit(sentence.strip(), "sentence", len(units), group))
                    group += 1
    return units


def _overlaps(question_terms: set[str], texts: Sequence[str]) -> list[float]:
    """The share of the question's keywords in each text, each keyword weighted by how rare it
    is among these texts (a word every candidate shares, like the product name, tells little)."""
    bags = [set(tokenize(t)) for t in texts]
    if not question_terms or not bags:
        return [0.0] * len(texts)
    n = len(bags)
    weight = {t: math.log(1 + n / (1 + sum(1 for b in bags if t in b))) for t in question_terms}
    total = sum(weight.values()) or 1.0
    return [sum(weight[t] for t in question_terms & bag) / total for bag in bags]


def _join(units: Sequence[Unit]) -> str:
    if any(u.kind != "sentence" for u in units):
        return "\n".join(u.text for u in units)
    return " ".join(u.text for u in units)


class AnswerExtractor:
    """Scores units with the retriever's embedder; memoises unit vectors across calls."""

    def __init__(
        self, embedder: Embedder, cache: EmbeddingCache | None = None, *, max_steps: int = 12
    ) -> None:
        self.embedder = embedder
        self.cache = cache
        self.max_steps = max_steps
        self._memo: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def _vectors(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._memo]
        if missing:
            if self.cache is not None:
                fresh, _ = embed_with_cache(missing, self.embedder, self.cache)
            else:
                fresh = self.embedder.embed(missing)
            with self._lock:
                if len(self._memo) + len(missing) > _MEMO:
                    self._memo.clear()
                for text, vector in zip(missing, fresh, strict=True):
                    self._memo[text] = np.asarray(vector, dtype=np.float32)
        return np.stack([self._memo[t] for t in texts])

    def warm(self, texts: Iterable[str], batch: int = 64) -> int:
        """Embed the units of these passage texts ahead of time (e.g. every chunk of the index,
        in a background thread at start-up, with the index's embedding cache so it happens once
        per corpus version); returns how many units it saw. Warm, an extraction costs well under
        a millisecond (``evals extraction``); cold, one forward pass over the new units."""
        units = list(dict.fromkeys(u.text for t in texts for u in split_units(t)))
        for start in range(0, len(units), batch):
            self._vectors(units[start : start + batch])
        return len(units)

    def extract(
        self,
        question: str,
        passages: Sequence[P],
        max_units: int = 3,
        *,
        question_vector: np.ndarray | None = None,
    ) -> AnswerExtract[P] | None:
        cut = [(i, u) for i, p in enumerate(passages) for u in split_units(p.text)]
        if not cut:
            return None
        q = question_vector
        if q is None:
            q = np.asarray(self.embedder.embed([question])[0], dtype=np.float32)
        q = q / (float(np.linalg.norm(q)) or 1.0)
        vectors = self._vectors([u.text for _, u in cut])
        norms = np.maximum(np.linalg.norm(vectors, axis=1), 1e-12)
        cosines = (vectors @ q) / norms
        overlaps = _overlaps(set(tokenize(question)), [u.text for _, u in cut])
        scores = [
            float(cosines[n])
            + LEXICAL_WEIGHT * overlaps[n]
            - RANK_PENALTY * i
            - (SHORT_UNIT_PENALTY if len(u.text.split()) < 4 else 0.0)
            for n, (i, u) in enumerate(cut)
        ]
        best = max(range(len(cut)), key=lambda n: scores[n])
        best_passage = cut[best][0]
        if is_how_to(question):
            procedure = self._procedure(cut, scores, scores[best])
            if procedure is not None:
                index, units, score = procedure
                return AnswerExtract(_join(units), units, passages[index], index, score, True)
        lead_in = self._lead_in(cut, best)
        if lead_in is not None:
            return AnswerExtract(
                _join(lead_in), lead_in, passages[best_passage], best_passage, scores[best], True
            )
        near = [
            n
            for n, (i, u) in enumerate(cut)
            if i == best_passage and scores[n] >= scores[best] - SAME_PASSAGE_MARGIN
        ]
        near.sort(key=lambda n: -scores[n])
        chosen = sorted((cut[n][1] for n in near[: max(1, max_units)]), key=lambda u: u.position)
        return AnswerExtract(
            _join(chosen),
            tuple(chosen),
            passages[best_passage],
            best_passage,
            scores[best],
            False,
        )

    def _lead_in(self, cut: Sequence[tuple[int, Unit]], best: int) -> tuple[Unit, ...] | None:
        """A best unit that introduces a list ("To stop the screen dimming:") comes with it."""
        passage, unit = cut[best]
        if not unit.text.endswith(":"):
            return None
        following = [u for i, u in cut[best + 1 :] if i == passage]
        if not following or following[0].kind != "step":
            return None
        group = following[0].group
        steps = [u for u in following if u.group == group and u.kind == "step"]
        return (unit, *steps[: self.max_steps])

    def _procedure(
        self, cut: Sequence[tuple[int, Unit]], scores: Sequence[float], best: float
    ) -> tuple[int, tuple[Unit, ...], float] | None:
        """The best list of steps when it scores close enough to the best unit."""
        groups: dict[tuple[int, int], float] = {}
        for n, (i, u) in enumerate(cut):
            if u.kind == "step":
                key = (i, u.group)
                groups[key] = max(groups.get(key, -1.0), scores[n])
        if not groups:
            return None
        key = max(groups, key=lambda g: groups[g])
        if groups[key] < best - PROCEDURE_MARGIN:
            return None
        units = tuple(u for i, u in cut if (i, u.group) == key and u.kind == "step")
        return key[0], units[: self.max_steps], groups[key]


def extract_answer(
    question: str,
    passages: Sequence[P],
    embedder: Embedder,
    max_units: int = 3,
    *,
    question_vector: np.ndarray | None = None,
) -> AnswerExtract[P] | None:
    """One-off :meth:`AnswerExtractor.extract` (no memo kept between calls)."""
    return AnswerExtractor(embedder).extract(
        question, passages, max_units, question_vector=question_vector
    )
