"""The index on a Chroma server (``settings.chroma_url``; ``pytest --engines`` starts one):
ingestion writes each version as a collection of its own, the retriever reads the live one, an
incremental run starts from a server-side copy of the live version, and the collections of
versions that garbage collection removes are deleted from the server too."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.retrieval.hybrid import HybridRetriever
from ingest.chroma_index import VersionCollections, open_server_client
from ingest.embedding import HashingEmbedder
from ingest.pipeline import Options, run_ingestion
from ingest.versions import KEEP_PREVIOUS, IndexStore
from tests.engines import ChromaServer

SHIPPING = """\
---
title: Shipping Policy
doc_type: policy
skus: []
---
# Shipping Policy

## Delivery times
Standard delivery takes three to five business days; express arrives the next business day.
"""


def _collections(url: str) -> set[str]:
    client = open_server_client(url)
    try:
        return {c.name for c in client.list_collections()}
    finally:
        client.close()


@pytest.mark.integration
def test_versions_live_on_the_chroma_server(
    chroma_server: ChromaServer, small_corpus: Path, tmp_path: Path
) -> None:
    url, root = chroma_server.url, tmp_path / "index"
    first = run_ingestion(Options(small_corpus, root, chroma_url=url), HashingEmbedder)
    assert first.failed == 0 and first.switched and first.chunks > 0
    store, chroma = IndexStore(root), VersionCollections(root, url)
    assert chroma.name(first.version or "") in _collections(url)
    assert not any((store.version_dir(first.version or "") / "chroma").iterdir())  # not on disk

    retriever = HybridRetriever(root, HashingEmbedder(), chroma_url=url)
    try:
        top = retriever.search("how do I descale the kettle with vinegar", k=3)
        assert top and top[0].citation.source.endswith("kettle-quick-start.md")

        (small_corpus / "policies" / "shipping.md").write_text(SHIPPING, encoding="utf-8")
        second = run_ingestion(Options(small_corpus, root, chroma_url=url), HashingEmbedder)
        assert second.added == 1 and second.unchanged == first.added
        assert second.chunks_embedded < second.chunks  # the rest came from the copied version
        assert retriever.refresh() and retriever.version == second.version
        assert len(retriever.chunks) == second.chunks
        hit = retriever.search("how long does express delivery take", k=1)
        assert hit[0].citation.source.endswith("shipping.md")
    finally:
        retriever.close()

    names = [first.version]
    for i in range(KEEP_PREVIOUS + 1):  # more versions than are kept
        (small_corpus / "policies" / "shipping.md").write_text(
            SHIPPING + f"\nRevision {i}.\n", encoding="utf-8"
        )
        names.append(
            run_ingestion(Options(small_corpus, root, chroma_url=url), HashingEmbedder).version
        )
    kept = {p.name for p in store.versions_dir.iterdir()}
    on_server = {n for n in _collections(url) if n.startswith(chroma.namespace())}
    assert on_server == {chroma.name(v) for v in kept}
    assert chroma.name(first.version or "") not in on_server
