from __future__ import annotations

from pathlib import Path

import pytest

from assistant.retrieval.bm25 import BM25Index, tokenize
from assistant.retrieval.hybrid import HybridRetriever, IndexNotBuilt
from assistant.retrieval.types import SearchFilters
from ingest.embedding import HashingEmbedder
from ingest.models import DocType
from ingest.pipeline import Options, run_ingestion


@pytest.fixture
def index(small_corpus: Path, tmp_path: Path) -> Path:
    store = tmp_path / "store"
    run_ingestion(Options(corpus=small_corpus, store=store), HashingEmbedder)
    return store


def test_bm25_ranks_the_matching_document_first() -> None:
    bm25 = BM25Index(
        ["descaling the kettle with vinegar", "pairing the headphones", "returns within 30 days"]
    )
    scores = bm25.scores("how do I descale my kettle?")
    assert max(scores, key=lambda i: scores[i]) == 0
    assert tokenize("Pairing paired") == ["pair", "pair"]


def test_search_returns_cited_passages(index: Path) -> None:
    retriever = HybridRetriever(index, HashingEmbedder())
    top = retriever.search("descaling: mix white vinegar with water, then rinse", k=3)[0]
    assert top.citation.source == "kitchen/kettle-quick-start.md"
    assert top.citation.title == "Kettle Quick Start"
    assert top.citation.section == "Descaling"
    assert "1. Mix one part white vinegar" in top.text
    pdf_hit = retriever.search("reset all settings menu", k=1)[0]
    assert pdf_hit.citation.source == "cameras/z8-guide.pdf" and pdf_hit.citation.page == 1


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_product_filter_keeps_owned_products_and_store_policies(index: Path, mode: str) -> None:
    retriever = HybridRetriever(index, HashingEmbedder(), mode=mode)
    hits = retriever.search(
        "battery pairing kettle returns", k=20, filters=SearchFilters(skus=["AUR-SWP-100"])
    )
    assert hits
    assert {h.citation.source for h in hits} <= {
        "audio/soundwave-quick-start.html",
        "policies/returns.md",
    }
    only_product = retriever.search(
        "battery pairing kettle returns",
        k=20,
        filters=SearchFilters(skus=["AUR-SWP-100"], include_general=False),
    )
    assert {h.citation.source for h in only_product} == {"audio/soundwave-quick-start.html"}


def test_doc_type_filter(index: Path) -> None:
    retriever = HybridRetriever(index, HashingEmbedder())
    hits = retriever.search(
        "battery", k=10, filters=SearchFilters(doc_types=[DocType.COMPATIBILITY])
    )
    assert hits and all(h.doc_type is DocType.COMPATIBILITY for h in hits)
    assert hits[0].record is not None and hits[0].record["product_sku"] == "LUM-Z8-BODY"


def test_refresh_switches_to_a_new_version(index: Path, small_corpus: Path) -> None:
    retriever = HybridRetriever(index, HashingEmbedder())
    assert retriever.version == "v000001"
    assert not retriever.refresh()
    (small_corpus / "policies" / "shipping.md").write_text(
        "# Shipping\n\n## Express\nExpress shipping costs $14.99 and takes one to two days.\n"
    )
    run_ingestion(Options(corpus=small_corpus, store=index), HashingEmbedder)
    assert retriever.refresh() and retriever.version == "v000002"
    assert (
        retriever.search("express shipping cost", k=1)[0].citation.source == "policies/shipping.md"
    )


def test_no_index_yet(tmp_path: Path) -> None:
    with pytest.raises(IndexNotBuilt, match="run `ingest` first"):
        HybridRetriever(tmp_path / "empty", HashingEmbedder())
