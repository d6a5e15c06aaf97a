"""What a search returns and how it is filtered."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ingest.models import Chunk, DocType


@dataclass(frozen=True, slots=True)
class Citation:
    source: str  # path relative to the corpus root
    title: str
    section: str
    page: int | None

    def label(self) -> str:
        where = f", {self.section}" if self.section else ""
        page = f", p. {self.page}" if self.page is not None else ""
        return f"{self.title}{where}{page}"


@dataclass(frozen=True, slots=True)
class Passage:
    chunk_id: str
    text: str
    citation: Citation
    doc_type: DocType
    skus: tuple[str, ...]
    score: float
    record: dict[str, str] | None = None
    outside_filter: bool = False  # a store-wide fallback outside the customer's products

    @classmethod
    def from_chunk(cls, chunk: Chunk, score: float, *, outside_filter: bool = False) -> Passage:
        return cls(
            chunk_id=chunk.id,
            text=chunk.text,
            citation=Citation(chunk.source, chunk.title, chunk.section_path, chunk.page),
            doc_type=chunk.doc_type,
            skus=chunk.skus,
            score=score,
            record=chunk.record,
            outside_filter=outside_filter,
        )


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """``skus``: only passages about these products (plus store-wide ones if
    ``include_general``); ``doc_types``: only these kinds of document."""

    skus: Sequence[str] = ()
    doc_types: Sequence[DocType] = ()
    include_general: bool = True
    sources: Sequence[str] = field(default=())

    def admits(self, chunk: Chunk) -> bool:
        if self.doc_types and chunk.doc_type not in self.doc_types:
            return False
        if self.sources and chunk.source not in self.sources:
            return False
        if self.skus:
            if not chunk.skus:
                return self.include_general
            return any(s in self.skus for s in chunk.skus)
        return True


class Retriever(Protocol):
    def search(
        self, query: str, *, filters: SearchFilters | None = None, k: int = 5
    ) -> list[Passage]: ...
