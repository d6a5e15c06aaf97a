"""Chroma collection holding one index version's chunks, vectors and metadata.

Embeddings are always computed by us and passed in, so Chroma never loads or downloads a model
of its own. SKU filters are stored as one boolean per SKU (``sku:LUM-Z8-BODY``) because Chroma's
``where`` matches scalar values; ``general`` marks passages that are about no product.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ingest.embedding import Vector
from ingest.models import Chunk, DocType

COLLECTION = "chunks"
SKU_KEY = "sku:"


def open_client(path: Path) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    return chromadb.PersistentClient(
        path=str(path), settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    )


def get_collection(client: Any, *, create: bool = False) -> Any:
    if create:
        return client.get_or_create_collection(
            COLLECTION, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
    return client.get_collection(COLLECTION, embedding_function=None)


def chunk_metadata(chunk: Chunk, ingestion_version: str) -> dict[str, str | int | float | bool]:
    meta: dict[str, str | int | float | bool] = {
        "source": chunk.source,
        "title": chunk.title,
        "doc_type": chunk.doc_type.value,
        "section": chunk.section_path,
        "page": chunk.page if chunk.page is not None else -1,
        "skus": ",".join(chunk.skus),
        "model": chunk.model,
        "content_hash": chunk.content_hash,
        "ingestion_version": ingestion_version,
        "general": not chunk.skus,
    }
    if chunk.record is not None:
        meta["record"] = json.dumps(chunk.record, sort_keys=True)
    for sku in chunk.skus:
        meta[SKU_KEY + sku] = True
    return meta


def chunk_from_record(chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
    section = tuple(s for s in str(meta.get("section", "")).split(" > ") if s)
    page = int(meta.get("page", -1))
    record = json.loads(meta["record"]) if meta.get("record") else None
    return Chunk(
        id=chunk_id,
        text=text,
        source=str(meta["source"]),
        title=str(meta["title"]),
        doc_type=DocType(meta["doc_type"]),
        section=section,
        page=page if page >= 0 else None,
        skus=tuple(s for s in str(meta.get("skus", "")).split(",") if s),
        model=str(meta.get("model", "")),
        content_hash=str(meta["content_hash"]),
        record=record,
    )


def add_chunks(
    collection: Any, chunks: Sequence[Chunk], vectors: Vector, version: str, batch: int = 1000
) -> None:
    for start in range(0, len(chunks), batch):
        part = chunks[start : start + batch]
        collection.add(
            ids=[c.id for c in part],
            embeddings=vectors[start : start + batch].tolist(),
            documents=[c.text for c in part],
            metadatas=[chunk_metadata(c, version) for c in part],
        )


def delete_ids(collection: Any, ids: Iterable[str], batch: int = 1000) -> None:
    ids = list(ids)
    for start in range(0, len(ids), batch):
        collection.delete(ids=ids[start : start + batch])


def sku_filter(skus: Sequence[str], include_general: bool) -> dict[str, Any] | None:
    clauses: list[dict[str, Any]] = [{SKU_KEY + s: True} for s in skus]
    if include_general:
        clauses.append({"general": True})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$or": clauses}
