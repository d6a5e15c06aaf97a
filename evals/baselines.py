"""Baselines scored beside our retriever: BM25 alone (our BM25 over the same chunks) and a plain
llama-index ``VectorStoreIndex`` retriever over the same chunks (passage text only, no title or
section header, no keyword fusion), embedding with the same MiniLM weights.

Passages are embedded through our on-disk cache (the same vectors as our index), but queries are
embedded afresh on every search, as a deployed llama-index retriever does: reading query vectors
from that cache made the baseline look faster than any live retriever can be once a dataset had
been run once (our retriever only memoises queries within a process)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from llama_index.core import VectorStoreIndex
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import TextNode
from llama_index.core.vector_stores import (
    FilterCondition,
    FilterOperator,
    MetadataFilter,
    MetadataFilters,
)
from pydantic import PrivateAttr

from assistant.retrieval.types import Passage, SearchFilters
from ingest.embedding import Embedder, EmbeddingCache, embed_with_cache
from ingest.models import Chunk


class CachedEmbedding(BaseEmbedding):
    """llama-index embedding adapter over our embedder and on-disk cache (same weights)."""

    _embedder: Any = PrivateAttr()
    _cache: Any = PrivateAttr()

    def __init__(self, embedder: Embedder, cache: EmbeddingCache) -> None:
        super().__init__(model_name=embedder.model_id, embed_batch_size=64)
        self._embedder = embedder
        self._cache = cache

    def _vectors(self, texts: Sequence[str]) -> list[list[float]]:
        vectors, _ = embed_with_cache(list(texts), self._embedder, self._cache)
        return [v.tolist() for v in vectors]

    def _get_query_embedding(self, query: str) -> list[float]:
        return [float(x) for x in self._embedder.embed([query])[0]]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._vectors([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._vectors(texts)


class LlamaIndexBaseline:
    def __init__(self, chunks: Sequence[Chunk], embedder: Embedder, cache: EmbeddingCache) -> None:
        self._by_id = {c.id: c for c in chunks}
        nodes = []
        for c in chunks:
            # llama-index filters compare str/int/float values, so flags are 0/1
            metadata: dict[str, Any] = {"source": c.source, "general": int(not c.skus)}
            metadata.update({f"sku:{s}": 1 for s in c.skus})
            nodes.append(
                TextNode(
                    id_=c.id,
                    text=c.text,
                    metadata=metadata,
                    excluded_embed_metadata_keys=list(metadata),
                    excluded_llm_metadata_keys=list(metadata),
                )
            )
        self._index = VectorStoreIndex(
            nodes, embed_model=CachedEmbedding(embedder, cache), show_progress=False
        )

    def search(
        self, query: str, *, filters: SearchFilters | None = None, k: int = 10
    ) -> list[Passage]:
        meta_filters = None
        if filters and filters.skus:
            clauses: list[MetadataFilter | MetadataFilters] = [
                MetadataFilter(key=f"sku:{s}", value=1, operator=FilterOperator.EQ)
                for s in filters.skus
            ]
            if filters.include_general:
                clauses.append(MetadataFilter(key="general", value=1, operator=FilterOperator.EQ))
            meta_filters = MetadataFilters(filters=clauses, condition=FilterCondition.OR)
        retriever = self._index.as_retriever(similarity_top_k=k, filters=meta_filters)
        results = retriever.retrieve(query)
        return [
            Passage.from_chunk(self._by_id[r.node.node_id], float(r.score or 0.0)) for r in results
        ]
