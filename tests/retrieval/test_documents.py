"""Document-level signals of the retriever: the document blend, and the switches that spread the
first results over several documents (per-document cap, near-duplicates last, copies last)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.retrieval.fusion import RetrievalConfig
from assistant.retrieval.hybrid import HybridRetriever
from ingest.embedding import HashingEmbedder
from ingest.pipeline import Options, run_ingestion

DESCALE = (
    "# Kettle care\n\n## Descaling\n\nDescale the kettle monthly with white vinegar and water.\n\n"
    "## Limescale\n\nHard water leaves limescale in the kettle; vinegar dissolves limescale.\n\n"
    "## Rinsing\n\nAfter descaling, boil fresh water twice and pour it away before use.\n"
)
TRAVEL = (
    "# Travel mug\n\n## Lid\n\nThe lid seals with a quarter turn; remove the gasket to clean.\n\n"
    "## Vinegar\n\nA spoon of vinegar in warm water removes coffee stains from the mug.\n"
)


@pytest.fixture
def index(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "kettle-care.md").write_text(DESCALE, encoding="utf-8")
    (corpus / "kettle-care-copy.md").write_text(DESCALE, encoding="utf-8")
    (corpus / "travel-mug.md").write_text(TRAVEL, encoding="utf-8")
    store = tmp_path / "store"
    run_ingestion(Options(corpus=corpus, store=store), HashingEmbedder)
    return store


def test_a_documents_vector_is_the_mean_of_its_chunks(index: Path) -> None:
    retriever = HybridRetriever(index, HashingEmbedder())
    loaded = retriever._index
    rows = [r for r, c in enumerate(loaded.chunks) if c.source == "travel-mug.md"]
    assert len(rows) == 2
    mean = loaded.matrix[rows].mean(axis=0)
    expected = mean / np.linalg.norm(mean)
    assert np.allclose(loaded.doc_matrix[loaded.doc_row[rows[0]]], expected, atol=1e-6)


def test_the_document_blend_lifts_every_chunk_of_a_document_about_the_question(
    index: Path,
) -> None:
    query = "descale kettle limescale vinegar"
    plain = HybridRetriever(index, HashingEmbedder(), config=RetrievalConfig(doc_blend=0.0))
    whole = HybridRetriever(index, HashingEmbedder(), config=RetrievalConfig(doc_blend=1.0))
    cos_plain, cos_whole = plain._cosines(query), whole._cosines(query)
    chunks = plain.chunks
    kettle = [r for r, c in enumerate(chunks) if c.source == "kettle-care.md"]
    mug = [r for r, c in enumerate(chunks) if c.source == "travel-mug.md"]
    # with the whole blend, chunks of one document score alike: the document's cosine
    assert np.ptp(cos_whole[kettle]) < 1e-6
    # the weakest kettle chunk rises above the mug's vinegar chunk once the document counts
    assert min(cos_whole[kettle]) > max(cos_whole[mug])
    assert min(cos_plain[kettle]) < min(cos_whole[kettle])
    default = HybridRetriever(index, HashingEmbedder())
    top = default.search(query, k=3)
    assert {p.citation.source for p in top} <= {"kettle-care.md", "kettle-care-copy.md"}


PLAIN = RetrievalConfig(copies_last=False)  # the ranking by score alone


def test_one_chunk_per_document_first_then_the_rest(index: Path) -> None:
    base = PLAIN
    retriever = HybridRetriever(index, HashingEmbedder(), config=replace(base, per_source=1))
    hits = retriever.search("descale kettle vinegar", k=6)
    sources = [p.citation.source for p in hits]
    assert len(set(sources[:3])) == 3  # every document before any second chunk
    rest = [p.score for p in hits[3:]]
    assert len(hits) == 6 and rest == sorted(rest, reverse=True)  # then by score
    plain = HybridRetriever(index, HashingEmbedder(), config=PLAIN).search(
        "descale kettle vinegar", k=8
    )
    best_of_each: dict[str, str] = {}
    for p in plain:  # each document's best chunk in the plain ranking
        best_of_each.setdefault(p.citation.source, p.chunk_id)
    assert {p.chunk_id for p in hits[:3]} == set(best_of_each.values())


def test_a_near_duplicate_waits_behind_other_documents(index: Path) -> None:
    config = replace(PLAIN, near_duplicate=0.99)
    retriever = HybridRetriever(index, HashingEmbedder(), config=config)
    hits = retriever.search("vinegar", k=6)
    sources = [p.citation.source for p in hits]
    copies = ("kettle-care.md", "kettle-care-copy.md")
    later = max(copies, key=sources.index)  # the copy whose first chunk comes second
    mug = [i for i, s in enumerate(sources) if s == "travel-mug.md"]
    assert len(mug) == 2 and sources.index(later) > max(mug)  # after every other document
    plain = HybridRetriever(index, HashingEmbedder(), config=PLAIN).search("vinegar", k=6)
    assert [p.citation.source for p in plain].index(later) < max(mug)  # not so without it


def _first_repeat(texts: list[str]) -> int:
    seen: set[str] = set()
    for i, text in enumerate(texts):
        if text in seen:
            return i
        seen.add(text)
    return len(texts)


def test_a_copy_of_a_passage_waits_until_the_other_passages_had_their_turn(index: Path) -> None:
    plain = HybridRetriever(index, HashingEmbedder(), config=PLAIN).search("vinegar", k=6)
    hits = HybridRetriever(index, HashingEmbedder()).search("vinegar", k=6)  # the default
    texts = [p.text for p in hits]
    distinct = len(set(texts))
    assert _first_repeat(texts) == distinct  # every distinct passage before any copy
    assert _first_repeat([p.text for p in plain]) < distinct  # by score alone, a copy came early
