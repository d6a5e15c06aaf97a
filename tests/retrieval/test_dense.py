"""Dense search runs over the index's vectors in memory: it must score as Chroma itself does."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.retrieval.fusion import RetrievalConfig
from assistant.retrieval.hybrid import HybridRetriever
from assistant.retrieval.types import SearchFilters
from ingest.embedding import HashingEmbedder
from ingest.pipeline import Options, run_ingestion


@pytest.fixture
def index(small_corpus: Path, tmp_path: Path) -> Path:
    store = tmp_path / "store"
    run_ingestion(Options(corpus=small_corpus, store=store), HashingEmbedder)
    return store


@pytest.mark.parametrize(
    "query", ["descaling vinegar kettle", "pairing headphones bluetooth", "reset all settings"]
)
def test_in_memory_dense_ranking_matches_chroma(index: Path, query: str) -> None:
    # the chunk's own cosine (no document blend) is what Chroma computes
    plain = RetrievalConfig(doc_blend=0.0)
    retriever = HybridRetriever(index, HashingEmbedder(), mode="dense", config=plain)
    ours = retriever.search(query, k=5)
    vector = HashingEmbedder().embed([query])[0].tolist()
    collection = retriever._index.collection
    res = collection.query(query_embeddings=[vector], n_results=5, include=["distances"])
    # same similarities in the same order (ties, frequent with the hashing fake, may swap ids)
    chroma = [1.0 - d for d in res["distances"][0]]
    assert np.allclose([p.score for p in ours], chroma, atol=1e-4)
    assert ours[0].chunk_id == res["ids"][0][0]


def test_chunk_vectors_are_the_stored_ones(index: Path) -> None:
    retriever = HybridRetriever(index, HashingEmbedder())
    chunk = retriever.chunks[0]
    vector = retriever.chunk_vector(chunk.id)
    assert vector is not None and np.isclose(np.linalg.norm(vector), 1.0, atol=1e-5)
    assert retriever.chunk_vector("no-such-chunk") is None


def test_filter_masks_are_cached_per_filter_value(index: Path) -> None:
    retriever = HybridRetriever(index, HashingEmbedder())
    loaded = retriever._index
    first = loaded.mask(SearchFilters(skus=["AUR-SWP-100"]))
    again = loaded.mask(SearchFilters(skus=("AUR-SWP-100",)))
    assert first is again
