"""Retrieval over the ingested documents: hybrid dense (Chroma) + keyword (BM25) search with
product and document-type filters, returning passages with citations."""

from assistant.retrieval.types import Citation, Passage, Retriever, SearchFilters

__all__ = ["Citation", "Passage", "Retriever", "SearchFilters"]
