"""The product filter never hides the only relevant passage: a weak scoped search falls back to
store-wide passages, marked as outside the customer's products."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.retrieval.fusion import RetrievalConfig
from assistant.retrieval.hybrid import HybridRetriever
from assistant.retrieval.types import SearchFilters
from ingest.embedding import HashingEmbedder
from ingest.pipeline import Options, run_ingestion

KETTLE = """\
---
title: Kettle Guide
skus: [CUI-KTL-17]
---
# Kettle Guide

## Descaling
Mix white vinegar with water, boil, let it stand for twenty minutes and rinse twice.
"""

HEADPHONES = """\
---
title: Headphones Guide
skus: [AUR-SWP-100]
---
# Headphones Guide

## Pairing
Hold the power button until the light flashes blue and red, then pick the headphones in the
Bluetooth list of your phone.
"""

SHIPPING = """\
---
title: Shipping Policy
skus: []
---
# Shipping Policy

## Delivery times
Standard parcels arrive within three to five business days.
"""


@pytest.fixture
def retriever(tmp_path: Path) -> HybridRetriever:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in (
        ("kettle.md", KETTLE),
        ("headphones.md", HEADPHONES),
        ("shipping.md", SHIPPING),
    ):
        (corpus / name).write_text(text, encoding="utf-8")
    store = tmp_path / "store"
    run_ingestion(Options(corpus=corpus, store=store), HashingEmbedder)
    return HybridRetriever(store, HashingEmbedder())


OWNS_HEADPHONES = SearchFilters(skus=["AUR-SWP-100"])
KETTLE_QUESTION = "descaling kettle vinegar boil rinse"


def test_a_weak_scoped_search_falls_back_to_the_store(retriever: HybridRetriever) -> None:
    hits = retriever.search(KETTLE_QUESTION, filters=OWNS_HEADPHONES, k=3)
    assert hits[0].citation.source == "kettle.md"
    assert hits[0].outside_filter
    inside = [h for h in hits if not h.outside_filter]
    assert all(h.citation.source in {"headphones.md", "shipping.md"} for h in inside)


def test_a_good_scoped_search_stays_scoped(retriever: HybridRetriever) -> None:
    hits = retriever.search("pairing headphones bluetooth light", filters=OWNS_HEADPHONES, k=3)
    assert hits[0].citation.source == "headphones.md"
    assert {h.citation.source for h in hits} <= {"headphones.md", "shipping.md"}
    assert not any(h.outside_filter for h in hits)


def test_without_the_fallback_the_filter_is_strict(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "kettle.md").write_text(KETTLE, encoding="utf-8")
    (corpus / "headphones.md").write_text(HEADPHONES, encoding="utf-8")
    store = tmp_path / "store"
    run_ingestion(Options(corpus=corpus, store=store), HashingEmbedder)
    strict = HybridRetriever(store, HashingEmbedder(), config=RetrievalConfig(fallback=False))
    hits = strict.search(KETTLE_QUESTION, filters=OWNS_HEADPHONES, k=3)
    assert {h.citation.source for h in hits} == {"headphones.md"}


def test_excluding_store_wide_documents_is_honoured_by_the_fallback(
    retriever: HybridRetriever,
) -> None:
    only_kind = SearchFilters(skus=["AUR-SWP-100"], sources=["headphones.md", "kettle.md"])
    hits = retriever.search(KETTLE_QUESTION, filters=only_kind, k=3)
    assert {h.citation.source for h in hits} <= {"headphones.md", "kettle.md"}


POLICIES = """\
---
title: Store Policies
skus: []
---
# Store Policies

## Delivery times
Standard parcels arrive within three to five business days.

## Delivery charges
Standard delivery costs five dollars; parcels over seventy dollars ship free.

## Delivery addresses
Parcels go to any street address; delivery to a locker takes a day longer.
"""


def _with_policies(tmp_path: Path, config: RetrievalConfig) -> HybridRetriever:
    corpus = tmp_path / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "headphones.md").write_text(HEADPHONES, encoding="utf-8")
    (corpus / "policies.md").write_text(POLICIES, encoding="utf-8")
    store = tmp_path / "store"
    run_ingestion(Options(corpus=corpus, store=store), HashingEmbedder)
    return HybridRetriever(store, HashingEmbedder(), config=config)


def test_a_scoped_search_of_store_pages_keeps_one_own_passage(tmp_path: Path) -> None:
    question = "delivery parcels standard days"
    kept = _with_policies(tmp_path / "a", RetrievalConfig()).search(
        question, filters=OWNS_HEADPHONES, k=2
    )
    assert [h.citation.source for h in kept] == ["policies.md", "headphones.md"]
    off = _with_policies(tmp_path / "b", RetrievalConfig(own_slot=False)).search(
        question, filters=OWNS_HEADPHONES, k=2
    )
    assert [h.citation.source for h in off] == ["policies.md", "policies.md"]
