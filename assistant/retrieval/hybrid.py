"""The hybrid retriever: dense search over the live index version's embeddings fused with BM25
(passage field + title/heading field), both under the same filters.

The chunk embeddings are read once from Chroma into one normalised matrix, so a query costs one
embedding and one matrix-vector product whatever the filters (Chroma's ``where`` queries were
the slow part); one more small matrix holds each document's mean vector, for the document
blend (see :mod:`assistant.retrieval.fusion`), and one holds every chunk's answer units, for the
max-sim rerank (:mod:`assistant.retrieval.units`; read from the embedding cache, never embedded
per query). The opened version is :class:`assistant.retrieval.loaded.LoadedIndex`. Filters
become a boolean mask, cached per filter value. A product-scoped search whose best passage
is clearly weaker than the best store-wide one falls back to store-wide passages (marked
``outside_filter``), so the filter never hides the only relevant passage.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

from assistant.retrieval.bm25 import normaliser, terms
from assistant.retrieval.fusion import (
    RetrievalConfig,
    convex,
    diversify,
    rerank,
    rrf,
    zscore,
)
from assistant.retrieval.loaded import IndexNotBuilt, LoadedIndex
from assistant.retrieval.query import known_words, rewrite_query
from assistant.retrieval.types import Passage, SearchFilters
from ingest.embedding import Embedder
from ingest.models import Chunk
from ingest.versions import IndexStore

__all__ = ["RRF_K", "HybridRetriever", "IndexNotBuilt", "LoadedIndex"]

RRF_K = 60
RESCUE_MIN_K = 3  # a rare word's chunk takes the last place of at least three, never the only
UnitScorer = Callable[[np.ndarray | None], np.ndarray]


def _top(scores: dict[int, float], n: int) -> list[tuple[int, float]]:
    return sorted(scores.items(), key=lambda x: (-x[1], x[0]))[:n]


class HybridRetriever:
    """``mode`` is "hybrid" (default), "dense" or "bm25" (the latter two for evaluation);
    ``config`` holds the switches that ``evals ablation`` turns off one at a time."""

    def __init__(
        self,
        index_dir: Path,
        embedder: Embedder,
        *,
        mode: str = "hybrid",
        config: RetrievalConfig | None = None,
        chroma_url: str | None = None,
    ) -> None:
        self.store = IndexStore(index_dir)
        self.chroma_url = chroma_url  # a Chroma server (settings.chroma_url), else on disk
        self.embedder = embedder
        self.mode = mode
        self.config = config or RetrievalConfig()
        self._lock = threading.Lock()
        self._vectors: dict[str, np.ndarray] = {}
        self._index = LoadedIndex(self.store, self.chroma_url, self.config.stemmer)
        self._prepare(self._index)

    def _prepare(self, index: LoadedIndex) -> None:
        """Read what the switches need ahead of the first search (max-sim: unit vectors)."""
        if self.config.max_sim > 0 and self.mode != "bm25":
            index.units(self.embedder, self.config.unit_text)

    @property
    def version(self) -> str:
        return self._index.version

    @property
    def chunks(self) -> list[Chunk]:
        return self._index.chunks

    @property
    def record_chunks(self) -> list[Chunk]:
        """The chunks that are sheet rows (compatibility records), selected once per version."""
        return self._index.records

    def chunk_vector(self, chunk_id: str) -> np.ndarray | None:
        """The stored (normalised) embedding of a chunk, for callers that reuse it."""
        index = self._index
        row = index.rows.get(chunk_id)
        if row is None or not index.matrix.size:
            return None
        return np.asarray(index.matrix[row], dtype=np.float32)

    def refresh(self) -> bool:
        """Switch to a newer live version if ingestion produced one; True if it switched."""
        name = self.store.current_name()
        if name is None or name == self._index.version:
            return False
        fresh = LoadedIndex(self.store, self.chroma_url, self.config.stemmer)
        self._prepare(fresh)
        with self._lock:
            old, self._index = self._index, fresh
        old.close()
        return True

    def swap(self, fresh: LoadedIndex) -> LoadedIndex:
        """Serve ``fresh`` from now on; returns the replaced index (the caller closes it)."""
        with self._lock:
            old, self._index = self._index, fresh
        return old

    def close(self) -> None:
        self._index.close()

    def _remember(self, query: str, vector: np.ndarray) -> None:
        with self._lock:
            if len(self._vectors) >= 512:
                self._vectors.pop(next(iter(self._vectors)))
            self._vectors[query] = vector

    def query_vector(self, query: str) -> np.ndarray:
        """The query's embedding, memoised (follow-up searches recur within a conversation)."""
        cached = self._vectors.get(query)
        if cached is None:
            cached = np.asarray(self.embedder.embed([query])[0], dtype=np.float32)
            self._remember(query, cached)
        return cached

    def prefetch(self, queries: list[str]) -> None:
        """Embed several queries in one batch (one forward pass) into the query cache."""
        missing = [q for q in dict.fromkeys(queries) if q not in self._vectors]
        if missing:
            for query, vector in zip(missing, self.embedder.embed(missing), strict=True):
                self._remember(query, np.asarray(vector, dtype=np.float32))

    def _unit_scorer(self, query: str) -> UnitScorer | None:
        """Max-sim: a function from chunk rows (``None``: every chunk) to each one's best
        cosine of the query to one of its answer units; ``None`` when max-sim is off."""
        index, config = self._index, self.config
        if config.max_sim <= 0 or self.mode == "bm25" or not index.matrix.size:
            return None
        vector = self.query_vector(query)
        vector = vector / (float(np.linalg.norm(vector)) or 1.0)
        units = index.units(self.embedder, config.unit_text)

        def best(rows: np.ndarray | None) -> np.ndarray:
            chunk_rows = np.arange(len(index.chunks)) if rows is None else rows
            own = index.matrix[chunk_rows] @ vector
            out = units.best(vector, own, rows)
            if config.max_sim_chunk:  # the whole passage is one more of its units
                out = np.maximum(out, own)
            if config.max_sim_doc and config.doc_blend > 0 and index.doc_matrix.size:
                doc_cos = index.doc_matrix[index.doc_row[chunk_rows]] @ vector
                out = (1 - config.doc_blend) * out + config.doc_blend * doc_cos
            return np.asarray(out, dtype=np.float32)

        return best

    def _cosines(self, query: str, unit_best: UnitScorer | None = None) -> np.ndarray:
        index, config = self._index, self.config
        if not index.matrix.size:
            return np.zeros(len(index.chunks), dtype=np.float32)
        vector = self.query_vector(query)
        vector = vector / (float(np.linalg.norm(vector)) or 1.0)
        cosines = np.asarray(index.matrix @ vector, dtype=np.float32)
        if config.prf > 0:  # Rocchio: the query moved towards its best passages
            top = np.argpartition(-cosines, min(config.prf_depth, len(cosines) - 1))
            centroid = index.matrix[top[: config.prf_depth]].mean(axis=0)
            moved = vector + config.prf * centroid
            moved /= float(np.linalg.norm(moved)) or 1.0
            cosines = np.asarray(index.matrix @ moved, dtype=np.float32)
            vector = moved
        if unit_best is not None and config.max_sim_stage == "dense":
            mixed = (1 - config.max_sim) * cosines + config.max_sim * unit_best(None)
            cosines = np.asarray(mixed, dtype=np.float32)
        if config.doc_blend > 0 and index.doc_matrix.size:
            doc_cos = np.asarray(index.doc_matrix @ vector, dtype=np.float32)
            cosines = (1 - config.doc_blend) * cosines + config.doc_blend * doc_cos[index.doc_row]
        return cosines

    def _keyword_text(self, query: str) -> str:
        index, config = self._index, self.config
        if not config.rewrite:
            return query
        known = known_words() if config.spell_guard else frozenset[str]()
        norm = normaliser(index.stemmer)
        return rewrite_query(query, index.bm25.frequency, known=known, norm=norm)

    def _keyword_scores(self, text: str) -> dict[int, float]:
        """BM25 (and the switched-on fields) for the already rewritten keyword ``text``."""
        index, config = self._index, self.config
        scores = index.bm25.scores(text)
        if config.fields:
            for row, score in index.headings.scores(text).items():
                scores[row] = scores.get(row, 0.0) + config.heading_weight * score
        if config.doc_bm25 > 0:  # a chunk also scores what its whole document matches
            per_doc = np.zeros(len(index.doc_matrix), dtype=np.float32)
            for doc, score in index.documents.scores(text).items():
                per_doc[doc] = score
            mixed = config.doc_bm25 * per_doc[index.doc_row]
            for row, score in scores.items():
                mixed[row] += (1 - config.doc_bm25) * score
            scores = {int(r): float(mixed[r]) for r in np.flatnonzero(mixed)}
        if config.section_field:
            for group, score in index.sections.scores(text).items():
                for row in index.group_rows[group]:
                    scores[row] = scores.get(row, 0.0) + score
        return dict(scores)

    def _rank(
        self,
        cosines: np.ndarray,
        keyword: dict[int, float],
        mask: np.ndarray,
        k: int,
        ceiling: float | None = None,
        unit_best: UnitScorer | None = None,
    ) -> list[tuple[int, float]]:
        config = self.config
        depth = max(config.depth, k)
        dense: list[tuple[int, float]] = []
        if self.mode in ("hybrid", "dense") and mask.any():
            allowed = np.flatnonzero(mask)
            order = allowed[np.argsort(-cosines[allowed], kind="stable")[:depth]]
            dense = [(int(r), float(cosines[r])) for r in order]
        sparse = _top({r: s for r, s in keyword.items() if mask[r]}, depth)
        if self.mode == "dense":
            return dense[:k]
        if self.mode == "bm25":
            return sparse[:k]
        if config.fusion == "rrf":
            weights = {"dense": config.dense_weight, "bm25": config.bm25_weight}
            fused = rrf({"dense": dense, "bm25": sparse}, weights, config.rrf_k)
            return self._order(fused, k, unit_best)
        candidates = list(dict.fromkeys([r for r, _ in dense] + [r for r, _ in sparse]))
        if config.fusion == "zscore":
            sparse_all = np.zeros(len(cosines), dtype=np.float32)
            if keyword:
                rows = np.fromiter(keyword.keys(), int, len(keyword))
                sparse_all[rows] = np.fromiter(keyword.values(), float, len(keyword))
            fused = zscore(
                candidates, cosines, sparse_all, mask, config.dense_weight, config.bm25_weight
            )
            return self._order(fused, k, unit_best)
        cos = {r: float(cosines[r]) for r in candidates}
        fused = convex(
            candidates,
            cos,
            keyword,
            config.dense_weight,
            config.bm25_weight,
            ceiling,
            dense_ceiling=1.0 if config.dense_scale == "ceiling" else None,
            dense_floor=(
                float(cosines[mask].mean()) if config.dense_scale == "mean" and mask.any() else None
            ),
        )
        return self._order(fused, k, unit_best)

    def _order(
        self, fused: dict[int, float], k: int, unit_best: UnitScorer | None = None
    ) -> list[tuple[int, float]]:
        config, index = self.config, self._index
        reranks = unit_best is not None and config.max_sim_stage == "rerank"
        diversifies = bool(config.per_source or config.near_duplicate or config.copies_last)
        if not reranks and not diversifies:
            return _top(fused, k)
        ranked = _top(fused, len(fused))
        if reranks and unit_best is not None:
            rows = np.fromiter((r for r, _ in ranked[: config.max_sim_depth]), int)
            best = dict(zip(rows.tolist(), unit_best(rows).tolist(), strict=True))
            ranked = rerank(ranked, best, config.max_sim, config.max_sim_depth)
        if not diversifies:
            return ranked[:k]
        return diversify(ranked, k, config, index.doc_row, index.copy_of, index.matrix)

    def search(
        self, query: str, *, filters: SearchFilters | None = None, k: int = 5
    ) -> list[Passage]:
        filters = filters or SearchFilters()
        index = self._index
        if not index.chunks:
            return []
        unit_best = self._unit_scorer(query)
        cosines = (
            self._cosines(query, unit_best) if self.mode != "bm25" else np.zeros(len(index.chunks))
        )
        text = self._keyword_text(query) if self.mode != "dense" else query  # rewritten once
        keyword = self._keyword_scores(text) if self.mode != "dense" else {}
        mask = index.mask(filters)
        # the ceiling of the query as typed: filler and unknown words count (at the highest idf),
        # so a chatty or misspelt question leans on the dense side
        ceiling = index.bm25.ceiling(query) if self.config.bm25_scale == "ceiling" else None
        if self.config.bm25_scale == "rewritten":
            ceiling = index.bm25.ceiling(text)
        ranked = self._rank(cosines, keyword, mask, k, ceiling, unit_best)
        if self.config.rare_terms and self.mode == "hybrid" and k >= RESCUE_MIN_K:
            ranked = self._rescue_rare(text, ranked, cosines, mask, k)
        if filters.skus and filters.include_general and self.config.own_slot and k > 1:
            ranked = self._own_slot(filters, ranked, cosines, keyword, k, ceiling, unit_best)
        passages = [Passage.from_chunk(index.chunks[r], s) for r, s in ranked]
        if filters.skus and self.config.fallback and self.mode != "bm25":
            passages = self._fallback(
                filters, cosines, keyword, ranked, passages, k, ceiling, unit_best
            )
        return passages

    def _own_slot(
        self,
        filters: SearchFilters,
        ranked: list[tuple[int, float]],
        cosines: np.ndarray,
        keyword: dict[int, float],
        k: int,
        ceiling: float | None,
        unit_best: UnitScorer | None,
    ) -> list[tuple[int, float]]:
        """ "is it bad to top it up when it's half full?" about a battery: when every result is
        a store-wide page, the best of the product's own passages takes the last place."""
        index = self._index
        own = index.mask(replace(filters, include_general=False))
        if not own.any() or any(own[row] for row, _ in ranked):
            return ranked
        best = self._rank(cosines, keyword, own, 1, ceiling, unit_best)
        if not best or len(ranked) < k:
            return [*ranked, *best][:k]
        return [*ranked[: k - 1], (best[0][0], ranked[k - 1][1])]

    def _rescue_rare(
        self,
        text: str,
        ranked: list[tuple[int, float]],
        cosines: np.ndarray,
        mask: np.ndarray,
        k: int,
    ) -> list[tuple[int, float]]:
        """A word of the query that only a few chunks hold ("pacemaker", "x-ray") and none of
        the results: in a long chatty question its weight drowns in the fusion, yet it is
        usually what is asked. The best of its chunks (by cosine) takes the last place."""
        index = self._index
        shown = {row for row, _ in ranked}
        rarest: tuple[int, list[int]] | None = None
        for term in dict.fromkeys(terms(text, index.stemmer)):  # ties: the first said
            posting = index.bm25.postings.get(term, [])
            if not posting or len(posting) > self.config.rare_terms:
                continue
            rows = [row for row, _ in posting if mask[row]]
            if rows and shown.isdisjoint(rows) and (rarest is None or len(posting) < rarest[0]):
                rarest = (len(posting), rows)
        if rarest is None or not ranked:
            return ranked
        row = max(rarest[1], key=lambda r: float(cosines[r]))
        keep = ranked[: k - 1] if len(ranked) >= k else ranked
        return [*keep, (row, keep[-1][1] if keep else 0.0)]

    def _fallback(
        self,
        filters: SearchFilters,
        cosines: np.ndarray,
        keyword: dict[int, float],
        ranked: list[tuple[int, float]],
        passages: list[Passage],
        k: int,
        ceiling: float | None,
        unit_best: UnitScorer | None = None,
    ) -> list[Passage]:
        """Scoped results, unless the best store-wide passage is clearly stronger: then the
        store-wide ranking, with the passages outside the customer's products marked."""
        index = self._index
        wide_filters = SearchFilters(doc_types=filters.doc_types, sources=filters.sources)
        wide_mask = index.mask(wide_filters)
        if not wide_mask.any():
            return passages
        scoped_best = max((float(cosines[r]) for r, _ in ranked), default=-1.0)
        wide_best = float(cosines[wide_mask].max())
        if wide_best - scoped_best <= self.config.fallback_margin:
            return passages
        scoped_mask = index.mask(filters)
        wide = self._rank(cosines, keyword, wide_mask, k, ceiling, unit_best)
        return [
            Passage.from_chunk(index.chunks[r], s, outside_filter=not bool(scoped_mask[r]))
            for r, s in wide
        ]
