"""Sentence-level late interaction ("max-sim"): a chunk also scores its best answer unit.

A long chunk whose one sentence answers the question is diluted in the chunk's vector (the
mean of everything it says); the cosine of the question to that sentence is not. A chunk's
answer units are its sentences, steps and table rows (:func:`ingest.sentences.units_of_text`,
which ingestion already embeds into the index's embedding cache for answer extraction).
:func:`load_units` reads their vectors once per index version into one normalised matrix, the
units of chunk ``i`` in rows ``starts[i]:starts[i + 1]``; a rerank then multiplies the units
of its few dozen passages (a couple of hundred vectors) by the query: no embedding per query.

What a unit's vector embeds (``RetrievalConfig.unit_text``): ``context`` (the unit under its
chunk's heading, "Title > Section" and the unit, as the chunk itself is embedded by
:func:`ingest.chunking.embed_text`; a bare "Press OK." says nothing of which menu it is in),
``plain`` (the unit alone, the vectors answer extraction uses) or ``heading`` (the units alone
plus the heading as one more unit). Vectors the cache lacks (``context`` and ``heading``, which
ingestion does not embed) are embedded when the matrix is first loaded and stored in the
cache, so once per corpus version and off the request path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

from ingest.chunking import embed_text
from ingest.embedding import Embedder, EmbeddingCache, embed_with_cache
from ingest.models import Chunk
from ingest.sentences import units_of_text

_BATCH = 500


@dataclass(frozen=True, slots=True)
class UnitMatrix:
    """Every chunk's unit vectors, row-normalised, grouped by chunk (``starts``: offsets)."""

    matrix: np.ndarray
    starts: np.ndarray

    def best(
        self, vector: np.ndarray, fallback: np.ndarray, rows: np.ndarray | None = None
    ) -> np.ndarray:
        """Per chunk (all of them, or those in ``rows``), the best cosine of ``vector``
        (normalised) to one of its units; a chunk without units keeps its ``fallback`` score
        (its own cosine; aligned with ``rows`` when given). With ``rows``, only their units are
        read: a rerank of 30 passages multiplies a couple of hundred unit vectors, not all."""
        out = np.asarray(fallback, dtype=np.float32).copy()
        if not self.matrix.size:
            return out
        if rows is None:
            starts, cos = self.starts[:-1], self.matrix @ vector
            counts = np.diff(self.starts)
        else:
            counts = self.starts[rows + 1] - self.starts[rows]
            starts = np.cumsum(counts) - counts  # where each row's units begin in ``cos``
            idx = np.repeat(self.starts[rows] - starts, counts) + np.arange(int(counts.sum()))
            cos = self.matrix[idx] @ vector
        has = counts > 0
        if has.any():
            out[has] = np.maximum.reduceat(cos, starts[has])
        return out


UnitText = Literal["plain", "heading", "context"]


def unit_texts(chunk: Chunk, mode: UnitText = "plain") -> list[str]:
    """What is embedded for each unit of ``chunk``: the unit (``plain``), also the heading as
    a unit of its own (``heading``), or each unit under its heading (``context``, as the chunk
    itself is embedded: :func:`ingest.chunking.embed_text`)."""
    if mode == "context":
        return [embed_text(u, chunk.title, chunk.section) for u in units_of_text(chunk.text)]
    units = units_of_text(chunk.text)
    heading = " > ".join((chunk.title, *chunk.section)).strip()
    if mode == "heading" and heading and heading not in units:
        units = [heading, *units]
    return units


def load_units(
    chunks: Sequence[Chunk], embedder: Embedder, cache_path: Path | None, mode: UnitText = "plain"
) -> UnitMatrix:
    """The unit matrix of ``chunks``: vectors from the embedding cache, the missing ones
    embedded (and cached) here, once, so a search never embeds a unit."""
    per_chunk = [unit_texts(c, mode) for c in chunks]
    starts = np.zeros(len(chunks) + 1, dtype=np.int64)
    starts[1:] = np.cumsum([len(u) for u in per_chunk])
    texts = [u for units in per_chunk for u in units]
    distinct = list(dict.fromkeys(texts))
    vectors: dict[str, np.ndarray] = {}
    cache = EmbeddingCache(cache_path) if cache_path is not None else None
    try:
        for start in range(0, len(distinct), _BATCH):
            part = distinct[start : start + _BATCH]
            if cache is not None:
                vecs, _ = embed_with_cache(part, embedder, cache)
            else:
                vecs = embedder.embed(part)
            vectors.update(zip(part, np.asarray(vecs, dtype=np.float32), strict=True))
    finally:
        if cache is not None:
            cache.close()
    dim = int(getattr(embedder, "dimension", 0))
    if texts:
        matrix = np.stack([vectors[t] for t in texts]).astype(np.float32)
        matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    else:
        matrix = np.zeros((0, dim), dtype=np.float32)
    return UnitMatrix(matrix, starts)
