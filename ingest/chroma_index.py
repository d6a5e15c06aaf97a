"""Chroma collection holding one index version's chunks, vectors and metadata.

Embeddings are always computed by us and passed in, so Chroma never loads or downloads a model
of its own. SKU filters are stored as one boolean per SKU (``sku:ABC-123``) because Chroma's
``where`` matches scalar values; ``general`` marks passages that are about no product.
"""

from __future__ import annotations

import contextlib
import json
import secrets
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ingest.embedding import Vector
from ingest.models import Chunk, DocType

COLLECTION = "chunks"
NAMESPACE_FILE = "CHROMA_NAMESPACE"
SKU_KEY = "sku:"


def open_client(path: Path) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    return chromadb.PersistentClient(
        path=str(path), settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    )


def open_server_client(url: str) -> Any:
    """A client of the Chroma server at ``url`` (``http[s]://host:port``)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    parsed = urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ValueError(f"not a Chroma server URL: {url!r} (expected http://host:port)")
    return chromadb.HttpClient(
        host=parsed.hostname,
        port=parsed.port or (443 if parsed.scheme == "https" else 8000),
        ssl=parsed.scheme == "https",
        settings=ChromaSettings(anonymized_telemetry=False),
    )


def get_collection(client: Any, *, create: bool = False, name: str = COLLECTION) -> Any:
    if create:
        return client.get_or_create_collection(
            name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
    return client.get_collection(name, embedding_function=None)


class VersionCollections:
    """The Chroma collection of each index version of one index store.

    On disk (``url`` None) a version's collection is ``chunks`` in ``<version>/chroma``, copied
    from the base version's folder when the version is prepared. On a Chroma server it is the
    collection ``<namespace>-<version>``, where the namespace is a random name kept in the
    store's folder (``CHROMA_NAMESPACE``), so several stores can share one server; a new
    version starts as a server-side copy of its base version's collection, and collections of
    versions removed from the store are deleted with them.
    """

    def __init__(self, root: Path, url: str | None = None) -> None:
        self.root = root
        self.url = url

    def namespace(self) -> str:
        path = self.root / NAMESPACE_FILE
        try:
            return path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            self.root.mkdir(parents=True, exist_ok=True)
            name = f"aftercare-{secrets.token_hex(6)}"
            with contextlib.suppress(FileExistsError), path.open("x", encoding="utf-8") as fh:
                fh.write(name + "\n")
            return path.read_text(encoding="utf-8").strip()

    def name(self, version: str) -> str:
        return f"{self.namespace()}-{version}"

    def open(self, version: str, folder: Path) -> tuple[Any, Any]:
        """(client, collection) of a built version (``folder``: the version's folder)."""
        if self.url is None:
            client = open_client(folder / "chroma")
            return client, get_collection(client)
        client = open_server_client(self.url)
        return client, get_collection(client, name=self.name(version))

    def create(self, version: str, folder: Path, base: str | None) -> tuple[Any, Any]:
        """(client, collection) of a version being built, holding ``base``'s chunks if given."""
        if self.url is None:
            client = open_client(folder / "chroma")
            return client, get_collection(client, create=True)
        from chromadb.errors import NotFoundError

        client = open_server_client(self.url)
        with contextlib.suppress(NotFoundError):
            client.delete_collection(self.name(version))  # left by a killed ingestion
        collection = get_collection(client, create=True, name=self.name(version))
        if base is not None:
            _copy_into(get_collection(client, name=self.name(base)), collection)
        return client, collection

    def drop(self, versions: Iterable[str]) -> None:
        """Delete the server collections of removed versions (on disk: removed with them)."""
        if self.url is None:
            return
        client = open_server_client(self.url)
        try:
            existing = {c.name for c in client.list_collections()}
            for version in versions:
                if self.name(version) in existing:
                    client.delete_collection(self.name(version))
        finally:
            client.close()


def _copy_into(source: Any, target: Any, batch: int = 1000) -> None:
    offset = 0
    while True:
        part = source.get(
            include=["documents", "metadatas", "embeddings"], limit=batch, offset=offset
        )
        if not part["ids"]:
            return
        target.add(
            ids=part["ids"],
            embeddings=part["embeddings"],
            documents=part["documents"],
            metadatas=part["metadatas"],
        )
        offset += len(part["ids"])


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
