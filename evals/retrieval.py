"""The retrieval suite: index any corpus with the real pipeline (in a scratch store reused by
the corpus' hashes), then score our hybrid retriever and two baselines on a JSONL dataset."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from assistant.retrieval.fusion import RetrievalConfig
from assistant.retrieval.hybrid import HybridRetriever
from assistant.retrieval.types import Passage, SearchFilters
from evals.baselines import LlamaIndexBaseline
from evals.datasets import DatasetError, RetrievalItem
from evals.metrics import mrr_at, ndcg_at, percentile, recall_at
from ingest.embedding import Embedder, EmbeddingCache
from ingest.pipeline import Options, file_hash, run_ingestion, scan_corpus

Search = Callable[[str, SearchFilters | None, int], list[Passage]]
K_VALUES = (1, 3, 5, 10)


def corpus_fingerprint(corpus: Path) -> str:
    digest = hashlib.sha256()
    for source, path in scan_corpus(corpus):
        digest.update(f"{source}\0{file_hash(path)}\n".encode())
    return digest.hexdigest()


def scratch_index(corpus: Path, scratch_root: Path, embedder: Embedder) -> Path:
    """An index of ``corpus`` built by the real pipeline; reused while the corpus is unchanged."""
    store = scratch_root / f"{corpus.resolve().name}-{corpus_fingerprint(corpus)[:16]}"
    run_ingestion(Options(corpus=corpus, store=store), lambda: embedder)
    return store


def _run(item: RetrievalItem, search: Search, k: int) -> tuple[list[Passage], float]:
    filters = SearchFilters(skus=tuple(item.products)) if item.products else None
    started = time.perf_counter()
    passages = search(item.question, filters, k)
    return passages, (time.perf_counter() - started) * 1000


def _summarise(
    items: Sequence[RetrievalItem],
    runs: Sequence[tuple[list[Passage], float]],
    ideal: Callable[[RetrievalItem], int],
) -> dict[str, Any]:
    records, latencies = [], []
    sums = {f"recall@{n}": 0.0 for n in K_VALUES} | {"mrr@10": 0.0, "ndcg@10": 0.0}
    for item, (passages, latency) in zip(items, runs, strict=True):
        latencies.append(latency)
        flags = [p.citation.source in item.relevant_sources for p in passages]
        for n in K_VALUES:
            sums[f"recall@{n}"] += recall_at(flags, n)
        sums["mrr@10"] += mrr_at(flags, 10)
        sums["ndcg@10"] += ndcg_at(flags, ideal(item), 10)
        records.append(
            {
                "id": item.id,
                "retrieved": [
                    {
                        "source": p.citation.source,
                        "section": p.citation.section,
                        "page": p.citation.page,
                        "score": round(p.score, 6),
                    }
                    for p in passages
                ],
                "hit_rank": next((i + 1 for i, f in enumerate(flags) if f), None),
            }
        )
    n_items = len(items)
    metrics = {name: round(value / n_items, 4) for name, value in sums.items()}
    metrics["latency_ms_p50"] = round(percentile(latencies, 50), 2)
    metrics["latency_ms_p95"] = round(percentile(latencies, 95), 2)
    metrics["items"] = n_items
    return {"metrics": metrics, "items": records}


def score_system(
    items: Sequence[RetrievalItem],
    search: Search,
    ideal: Callable[[RetrievalItem], int],
    k: int = 10,
) -> dict[str, Any]:
    return _summarise(items, [_run(item, search, k) for item in items], ideal)


def score_systems(
    items: Sequence[RetrievalItem],
    searches: dict[str, Search],
    ideal: Callable[[RetrievalItem], int],
    k: int = 10,
) -> dict[str, dict[str, Any]]:
    """Every system on every item, the systems taking turns per question, so a burst of load
    from other processes slows them alike and the latency ratio stays fair."""
    runs: dict[str, list[tuple[list[Passage], float]]] = {name: [] for name in searches}
    for item in items:
        for name, search in searches.items():
            runs[name].append(_run(item, search, k))
    return {name: _summarise(items, runs[name], ideal) for name in searches}


def run_retrieval_suite(
    corpus: Path,
    items: Sequence[RetrievalItem],
    embedder: Embedder,
    scratch_root: Path,
    systems: Sequence[str] = ("ours", "bm25", "llamaindex"),
) -> dict[str, Any]:
    store = scratch_index(corpus, scratch_root, embedder)
    sources = {s for s, _ in scan_corpus(corpus)}
    unknown = sorted({s for it in items for s in it.relevant_sources} - sources)
    if unknown:
        raise DatasetError(f"relevant sources not in the corpus: {unknown[:5]}")
    ours = HybridRetriever(store, embedder)
    chunks = ours.chunks

    def ideal(item: RetrievalItem) -> int:
        filters = SearchFilters(skus=tuple(item.products))
        return sum(1 for c in chunks if c.source in item.relevant_sources and filters.admits(c))

    searches: dict[str, Search] = {
        "ours": lambda q, f, k: ours.search(q, filters=f, k=k),
    }
    if "bm25" in systems:
        plain = RetrievalConfig(rewrite=False)  # the baseline is BM25 as is, no query rewriting
        bm25 = HybridRetriever(store, embedder, mode="bm25", config=plain)
        searches["bm25"] = lambda q, f, k: bm25.search(q, filters=f, k=k)
    if "llamaindex" in systems:
        cache = EmbeddingCache(store / "cache" / "embeddings.sqlite")
        baseline = LlamaIndexBaseline(chunks, embedder, cache)
        searches["llamaindex"] = lambda q, f, k: baseline.search(q, filters=f, k=k)
    for search in searches.values():  # warm-up: model load and caches are not latency
        search("warm up", None, 1)
    result = {
        "suite": "retrieval",
        "corpus": str(corpus),
        "index_version": ours.version,
        "chunks": len(chunks),
        "systems": score_systems(
            items, {name: s for name, s in searches.items() if name in systems}, ideal
        ),
    }
    return result
