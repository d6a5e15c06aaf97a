"""One opened index version, as the hybrid retriever reads it: the chunks, their normalised
embeddings, the BM25 fields, each document's mean vector, the filter masks (cached per filter
value) and, read on first use, the answer-unit vectors for max-sim (:mod:`.units`)."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from assistant.retrieval.bm25 import BM25Index
from assistant.retrieval.fusion import copy_ids
from assistant.retrieval.query import known_words
from assistant.retrieval.types import SearchFilters
from assistant.retrieval.units import UnitMatrix, UnitText, load_units
from ingest.chroma_index import VersionCollections, chunk_from_record
from ingest.chunking import embed_text
from ingest.embedding import Embedder
from ingest.models import Chunk
from ingest.versions import IndexStore

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
        self.cache_path = store.cache_path
        self._units: dict[str, UnitMatrix] = {}

    def units(self, embedder: Embedder, mode: UnitText = "plain") -> UnitMatrix:
        """The chunks' answer-unit vectors (max-sim), read from the embedding cache once."""
        with self._lock:
            found = self._units.get(mode)
        if found is None:
            found = load_units(self.chunks, embedder, self.cache_path, mode)
            with self._lock:
                found = self._units.setdefault(mode, found)
        return found

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
