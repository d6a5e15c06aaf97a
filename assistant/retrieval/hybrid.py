"""The hybrid retriever: dense search over the live index version's embeddings fused with BM25
(passage field + title/heading field), both under the same filters.

The chunk embeddings are read once from Chroma into one normalised matrix, so a query costs one
embedding and one matrix-vector product whatever the filters (Chroma's ``where`` queries were
the slow part); one more small matrix holds each document's mean vector, for the document
blend (see :mod:`assistant.retrieval.fusion`). Filters become a boolean mask, cached per filter
value. A product-scoped search
whose best passage is clearly weaker than the best store-wide one falls back to store-wide
passages (marked ``outside_filter``), so the filter never hides the only relevant passage.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np

from assistant.retrieval.bm25 import BM25Index, normaliser
from assistant.retrieval.fusion import (
    RetrievalConfig,
    convex,
    copy_ids,
    diversify,
    rrf,
    zscore,
)
from assistant.retrieval.query import known_words, rewrite_query
from assistant.retrieval.types import Passage, SearchFilters
from ingest.chroma_index import VersionCollections, chunk_from_record
from ingest.chunking import embed_text
from ingest.embedding import Embedder
from ingest.models import Chunk
from ingest.versions import IndexStore

RRF_K = 60
_MASKS = 128
FilterKey = tuple[tuple[str, ...], tuple[str, ...], bool, tuple[str, ...]]


class IndexNotBuilt(RuntimeError):
    """No complete index version exists yet: run ``ingest`` first."""


def _key(filters: SearchFilters) -> FilterKey:
    return (
        tuple(filters.skus),
        tuple(str(d) for d in filters.doc_types),
        filters.include_general,
        tuple(filters.sources),
    )


class LoadedIndex:
    """One opened index version: its chunks, their embeddings and the two BM25 fields."""

    def __init__(
        self, store: IndexStore, chroma_url: str | None = None, stemmer: str = "light"
    ) -> None:
        name = store.current_name()
        if name is None:
            raise IndexNotBuilt(f"no index in {store.root}; run `ingest` first")
        self.version = name
        chroma = VersionCollections(store.root, chroma_url)
        self.client, self.collection = chroma.open(name, store.version_dir(name))
        raw = self.collection.get(include=["documents", "metadatas", "embeddings"])
        self.chunks: list[Chunk] = [
            chunk_from_record(i, d or "", dict(m or {}))
            for i, d, m in zip(raw["ids"], raw["documents"], raw["metadatas"], strict=True)
        ]
        vectors = raw.get("embeddings")
        matrix = np.asarray(vectors if vectors is not None else [], dtype=np.float32)
        if matrix.size:
            matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
        self.matrix = matrix
        self.by_id = {c.id: c for c in self.chunks}
        self.rows = {c.id: row for row, c in enumerate(self.chunks)}
        self.records = [c for c in self.chunks if c.record is not None]  # sheet rows
        self.stemmer = stemmer
        self.bm25 = BM25Index(
            [embed_text(c.text, c.title, c.section) for c in self.chunks], stemmer=stemmer
        )
        self.headings = BM25Index(
            [" ".join((c.title, *c.section)) for c in self.chunks], stemmer=stemmer
        )
        groups: dict[tuple[str, tuple[str, ...]], list[int]] = {}
        for row, c in enumerate(self.chunks):
            groups.setdefault((c.source, c.section), []).append(row)
        self.group_rows = list(groups.values())
        self.copy_of = copy_ids([c.text for c in self.chunks])
        known_words()  # the rewrite's word list, read once here rather than on a request
        self.sections = BM25Index(
            [" ".join(self.chunks[r].text for r in rows) for rows in self.group_rows],
            stemmer=stemmer,
        )
        # one vector per document: the normalised mean of its chunks' vectors
        doc_of: dict[str, int] = {}
        self.doc_row = np.fromiter(
            (doc_of.setdefault(c.source, len(doc_of)) for c in self.chunks), int, len(self.chunks)
        )
        docs = np.zeros((len(doc_of), matrix.shape[1] if matrix.size else 0), dtype=np.float32)
        if matrix.size:
            np.add.at(docs, self.doc_row, matrix)
            docs /= np.maximum(np.linalg.norm(docs, axis=1, keepdims=True), 1e-12)
        self.doc_matrix = docs
        texts: list[list[str]] = [[] for _ in doc_of]
        for row, c in enumerate(self.chunks):
            texts[int(self.doc_row[row])].append(embed_text(c.text, c.title, c.section))
        self.documents = BM25Index(["\n".join(t) for t in texts], stemmer=stemmer)
        self._masks: OrderedDict[FilterKey, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def mask(self, filters: SearchFilters) -> np.ndarray:
        key = _key(filters)
        with self._lock:
            cached = self._masks.get(key)
            if cached is not None:
                self._masks.move_to_end(key)
                return cached
        mask = np.fromiter((filters.admits(c) for c in self.chunks), bool, len(self.chunks))
        with self._lock:
            self._masks[key] = mask
            if len(self._masks) > _MASKS:
                self._masks.popitem(last=False)
        return mask

    def close(self) -> None:
        self.client.close()


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

    def _cosines(self, query: str) -> np.ndarray:
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

    def _keyword_scores(self, query: str) -> dict[int, float]:
        index, config = self._index, self.config
        text = self._keyword_text(query)
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
            return self._order(rrf({"dense": dense, "bm25": sparse}, weights, config.rrf_k), k)
        candidates = list(dict.fromkeys([r for r, _ in dense] + [r for r, _ in sparse]))
        if config.fusion == "zscore":
            sparse_all = np.zeros(len(cosines), dtype=np.float32)
            if keyword:
                rows = np.fromiter(keyword.keys(), int, len(keyword))
                sparse_all[rows] = np.fromiter(keyword.values(), float, len(keyword))
            fused = zscore(
                candidates, cosines, sparse_all, mask, config.dense_weight, config.bm25_weight
            )
            return self._order(fused, k)
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
        return self._order(fused, k)

    def _order(self, fused: dict[int, float], k: int) -> list[tuple[int, float]]:
        config, index = self.config, self._index
        if not config.per_source and not config.near_duplicate and not config.copies_last:
            return _top(fused, k)
        return diversify(
            _top(fused, len(fused)), k, config, index.doc_row, index.copy_of, index.matrix
        )

    def search(
        self, query: str, *, filters: SearchFilters | None = None, k: int = 5
    ) -> list[Passage]:
        filters = filters or SearchFilters()
        index = self._index
        if not index.chunks:
            return []
        cosines = self._cosines(query) if self.mode != "bm25" else np.zeros(len(index.chunks))
        keyword = self._keyword_scores(query) if self.mode != "dense" else {}
        mask = index.mask(filters)
        # the ceiling of the query as typed: filler and unknown words count (at the highest idf),
        # so a chatty or misspelt question leans on the dense side
        ceiling = index.bm25.ceiling(query) if self.config.bm25_scale == "ceiling" else None
        if self.config.bm25_scale == "rewritten":
            ceiling = index.bm25.ceiling(self._keyword_text(query))
        ranked = self._rank(cosines, keyword, mask, k, ceiling)
        passages = [Passage.from_chunk(index.chunks[r], s) for r, s in ranked]
        if filters.skus and self.config.fallback and self.mode != "bm25":
            passages = self._fallback(filters, cosines, keyword, ranked, passages, k, ceiling)
        return passages

    def _fallback(
        self,
        filters: SearchFilters,
        cosines: np.ndarray,
        keyword: dict[int, float],
        ranked: list[tuple[int, float]],
        passages: list[Passage],
        k: int,
        ceiling: float | None,
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
        wide = self._rank(cosines, keyword, wide_mask, k, ceiling)
        return [
            Passage.from_chunk(index.chunks[r], s, outside_filter=not bool(scoped_mask[r]))
            for r, s in wide
        ]
