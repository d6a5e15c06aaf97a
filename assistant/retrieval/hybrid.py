"""The hybrid retriever: dense search in the live Chroma index version fused with BM25 by
reciprocal rank fusion, both under the same filters."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from assistant.retrieval.bm25 import BM25Index
from assistant.retrieval.types import Passage, SearchFilters
from ingest.chroma_index import chunk_from_record, get_collection, open_client, sku_filter
from ingest.chunking import embed_text
from ingest.embedding import Embedder
from ingest.models import Chunk
from ingest.versions import IndexStore

RRF_K = 60


class IndexNotBuilt(RuntimeError):
    """No complete index version exists yet: run ``ingest`` first."""


class LoadedIndex:
    """One opened index version: its Chroma collection and all its chunks (for BM25)."""

    def __init__(self, store: IndexStore) -> None:
        name = store.current_name()
        if name is None:
            raise IndexNotBuilt(f"no index in {store.root}; run `ingest` first")
        self.version = name
        self.client = open_client(store.version_dir(name) / "chroma")
        self.collection = get_collection(self.client)
        raw = self.collection.get(include=["documents", "metadatas"])
        self.chunks: list[Chunk] = [
            chunk_from_record(i, d or "", dict(m or {}))
            for i, d, m in zip(raw["ids"], raw["documents"], raw["metadatas"], strict=True)
        ]
        self.by_id = {c.id: c for c in self.chunks}
        self.records = [c for c in self.chunks if c.record is not None]  # sheet rows
        self.bm25 = BM25Index([embed_text(c.text, c.title, c.section) for c in self.chunks])

    def close(self) -> None:
        self.client.close()


def _where(filters: SearchFilters) -> dict[str, Any] | None:
    clauses: list[dict[str, Any]] = []
    if filters.skus:
        sku_clause = sku_filter(filters.skus, filters.include_general)
        if sku_clause:
            clauses.append(sku_clause)
    if filters.doc_types:
        clauses.append({"doc_type": {"$in": [d.value for d in filters.doc_types]}})
    if filters.sources:
        clauses.append({"source": {"$in": list(filters.sources)}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class HybridRetriever:
    """``mode`` is "hybrid" (default), "dense" or "bm25" (the latter two for evaluation)."""

    def __init__(
        self,
        index_dir: Path,
        embedder: Embedder,
        *,
        mode: str = "hybrid",
        candidates: int = 40,
        bm25_weight: float = 1.0,
        dense_weight: float = 1.0,
    ) -> None:
        self.store = IndexStore(index_dir)
        self.embedder = embedder
        self.mode = mode
        self.candidates = candidates
        self.weights = {"dense": dense_weight, "bm25": bm25_weight}
        self._lock = threading.Lock()
        self._vectors: dict[str, list[float]] = {}
        self._index = LoadedIndex(self.store)

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

    def refresh(self) -> bool:
        """Switch to a newer live version if ingestion produced one; True if it switched."""
        name = self.store.current_name()
        if name is None or name == self._index.version:
            return False
        fresh = LoadedIndex(self.store)
        with self._lock:
            old, self._index = self._index, fresh
        old.close()
        return True

    def close(self) -> None:
        self._index.close()

    def _query_vector(self, query: str) -> list[float]:
        """Query embeddings, memoised (the same follow-up searches recur within a conversation)."""
        cached = self._vectors.get(query)
        if cached is None:
            cached = self.embedder.embed([query])[0].tolist()
            with self._lock:
                if len(self._vectors) >= 512:
                    self._vectors.pop(next(iter(self._vectors)))
                self._vectors[query] = cached
        return cached

    def prefetch(self, queries: list[str]) -> None:
        """Embed several queries in one batch (one forward pass) into the query cache."""
        missing = [q for q in dict.fromkeys(queries) if q not in self._vectors]
        if not missing:
            return
        vectors = self.embedder.embed(missing)
        with self._lock:
            for query, vector in zip(missing, vectors, strict=True):
                if len(self._vectors) >= 512:
                    self._vectors.pop(next(iter(self._vectors)))
                self._vectors[query] = vector.tolist()

    def dense_ranking(self, query: str, filters: SearchFilters, n: int) -> list[tuple[str, float]]:
        index = self._index
        if not index.chunks:
            return []
        vector = self._query_vector(query)
        res = index.collection.query(
            query_embeddings=[vector],
            n_results=min(n, len(index.chunks)),
            where=_where(filters),
            include=["distances"],
        )
        ids = res["ids"][0] if res["ids"] else []
        dists = res["distances"][0] if res.get("distances") else [0.0] * len(ids)
        return [(i, 1.0 - float(d)) for i, d in zip(ids, dists, strict=True)]

    def bm25_ranking(self, query: str, filters: SearchFilters, n: int) -> list[tuple[str, float]]:
        index = self._index
        scored = [
            (index.chunks[i].id, s)
            for i, s in index.bm25.scores(query).items()
            if filters.admits(index.chunks[i])
        ]
        scored.sort(key=lambda x: (-x[1], x[0]))
        return scored[:n]

    def search(
        self, query: str, *, filters: SearchFilters | None = None, k: int = 5
    ) -> list[Passage]:
        filters = filters or SearchFilters()
        index = self._index
        rankings: dict[str, list[tuple[str, float]]] = {}
        if self.mode in ("hybrid", "dense"):
            rankings["dense"] = self.dense_ranking(query, filters, max(self.candidates, k))
        if self.mode in ("hybrid", "bm25"):
            rankings["bm25"] = self.bm25_ranking(query, filters, max(self.candidates, k))
        if self.mode != "hybrid":
            only = next(iter(rankings.values()))
            return [Passage.from_chunk(index.by_id[i], s) for i, s in only[:k]]
        fused: dict[str, float] = {}
        for name, ranking in rankings.items():
            for rank, (chunk_id, _) in enumerate(ranking, start=1):
                fused[chunk_id] = fused.get(chunk_id, 0.0) + self.weights[name] / (RRF_K + rank)
        best = sorted(fused.items(), key=lambda x: (-x[1], x[0]))[:k]
        return [Passage.from_chunk(index.by_id[i], s) for i, s in best]
