"""Typed records that flow through ingestion: blocks of a loaded document, then chunks."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class DocType(StrEnum):
    MANUAL = "manual"
    SETUP_GUIDE = "setup_guide"
    TROUBLESHOOTING = "troubleshooting"
    WARRANTY = "warranty"
    COMPATIBILITY = "compatibility"
    POLICY = "policy"


class BlockKind(StrEnum):
    TEXT = "text"
    STEPS = "steps"  # a numbered procedure: kept whole where it fits
    LIST = "list"
    TABLE = "table"
    RECORD = "record"  # one row of a sheet


@dataclass(slots=True)
class Block:
    """A unit of a document that chunking may join with neighbours but splits only if too long."""

    text: str
    section: tuple[str, ...]
    page: int | None = None
    kind: BlockKind = BlockKind.TEXT
    record: dict[str, str] | None = None
    skus: tuple[str, ...] = ()


@dataclass(slots=True)
class DocumentMeta:
    title: str
    doc_type: DocType
    skus: tuple[str, ...] = ()
    model: str = ""
    skus_explicit: bool = False  # named by the document's own metadata (front matter, <meta>)


@dataclass(slots=True)
class LoadedDocument:
    source: str  # path relative to the corpus root, with forward slashes
    meta: DocumentMeta
    blocks: list[Block]
    pages: int = 1


@dataclass(slots=True)
class Chunk:
    id: str
    text: str
    source: str
    title: str
    doc_type: DocType
    section: tuple[str, ...]
    page: int | None
    skus: tuple[str, ...]
    model: str
    content_hash: str
    record: dict[str, str] | None = field(default=None)

    @property
    def section_path(self) -> str:
        return " > ".join(self.section)
