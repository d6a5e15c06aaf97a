"""One ingestion run: scan the corpus, work out what changed, load and chunk only that, embed
only unseen text, build a new index version beside the live one, validate it, switch."""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.chroma_index import VersionCollections, add_chunks, delete_ids
from ingest.chunking import chunk_document, embed_text
from ingest.embedding import Embedder, EmbeddingCache, embed_with_cache
from ingest.errors import DocumentError, FileTooLarge, ValidationFailed
from ingest.loaders import load_file
from ingest.models import Chunk
from ingest.products import ProductMatcher, match_products
from ingest.quarantine import Quarantined, quarantine
from ingest.scan import scan
from ingest.sentences import units_of_text
from ingest.versions import PIPELINE_VERSION, DocumentEntry, IndexStore, Manifest

Progress = Callable[[str, int], Any]  # (stage, total) -> object with update(n) and close()


@dataclass(slots=True)
class Options:
    corpus: Path
    store: Path
    rebuild: bool = False
    dry_run: bool = False
    max_bytes: int = 50_000_000
    chroma_url: str | None = None  # a Chroma server instead of Chroma on disk per version
    catalogue: Path | None = None  # products.json to match documents to; unset: <corpus>/_store


@dataclass(slots=True)
class Failure:
    source: str
    reason: str
    message: str


@dataclass(slots=True)
class Summary:
    corpus: str
    store: str
    seen: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)
    # instruction-like passages kept out of the index (documents loaded in this run)
    quarantined: list[Quarantined] = field(default_factory=list)
    # documents loaded in this run → their products' SKUs and how they were found
    products: dict[str, dict[str, Any]] = field(default_factory=dict)
    pages: int = 0
    chunks: int = 0
    chunks_embedded: int = 0
    chunks_from_cache: int = 0
    version: str | None = None
    previous_version: str | None = None
    switched: bool = False
    dry_run: bool = False
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": {
                "seen": self.seen,
                "added": self.added,
                "updated": self.updated,
                "unchanged": self.unchanged,
                "removed": self.removed,
                "failed": self.failed,
            },
            "chunks": self.chunks,
            "pages": self.pages,
            "embedding": {"computed": self.chunks_embedded, "from_cache": self.chunks_from_cache},
            "failures": [
                {"source": f.source, "reason": f.reason, "message": f.message}
                for f in self.failures
            ],
            "quarantined": [q.as_dict() for q in self.quarantined],
            "products": self.products,
            "index": {
                "version": self.version,
                "previous_version": self.previous_version,
                "switched": self.switched,
            },
            "corpus": self.corpus,
            "store": self.store,
            "dry_run": self.dry_run,
            "seconds": round(self.seconds, 3),
        }


def scan_corpus(corpus: Path) -> list[tuple[str, Path]]:
    """Every document file under ``corpus`` as (relative POSIX path, absolute path), sorted;
    never a symbolic link or a path outside it (:mod:`ingest.scan`)."""
    return scan(corpus)[0]


def embed_units(
    chunks: Sequence[Chunk],
    embedder: Embedder,
    cache: EmbeddingCache,
    progress: Progress | None = None,
) -> int:
    """Embed the answer units (sentences, steps) of new chunks into the cache, for answer
    extraction at search time; returns how many were computed (cached ones cost nothing)."""
    units = list(dict.fromkeys(u for c in chunks for u in units_of_text(c.text)))
    computed = 0
    bar = (progress or _null_progress)("sentences", len(units))
    for start in range(0, len(units), 128):
        part = units[start : start + 128]
        computed += embed_with_cache(part, embedder, cache)[1]
        bar.update(len(part))
    bar.close()
    return computed


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _null_progress(stage: str, total: int) -> Any:
    class _Null:
        def update(self, n: int = 1) -> None: ...
        def close(self) -> None: ...

    del stage, total
    return _Null()


def run_ingestion(
    options: Options,
    embedder_factory: Callable[[], Embedder],
    progress: Progress = _null_progress,
) -> Summary:
    started = time.perf_counter()
    summary = Summary(corpus=str(options.corpus), store=str(options.store), dry_run=options.dry_run)
    store = IndexStore(options.store)
    guard = contextlib.nullcontext() if options.dry_run else store.lock()
    with guard:
        _run_locked(options, store, summary, embedder_factory, progress)
    summary.seconds = time.perf_counter() - started
    return summary


def _run_locked(
    options: Options,
    store: IndexStore,
    summary: Summary,
    embedder_factory: Callable[[], Embedder],
    progress: Progress,
) -> None:
    live = store.current_manifest()
    summary.previous_version = live.version if live else None
    embedder = embedder_factory()
    rebuild = (
        options.rebuild
        or live is None
        or live.pipeline_version != PIPELINE_VERSION
        or live.embedder != embedder.model_id
    )
    live_docs = {} if (live is None or rebuild) else live.documents

    files, outside = scan(options.corpus)
    summary.seen = len(files)
    for skipped in outside:  # reported, never read; a former document there is removed
        summary.failed += 1
        summary.failures.append(Failure(skipped.source, skipped.reason, skipped.message))
    next_docs: dict[str, DocumentEntry] = {}
    to_load: list[tuple[str, Path, str, int]] = []
    for source, path in files:
        try:
            size = path.stat().st_size
            if size > options.max_bytes:
                raise FileTooLarge(
                    f"{size / 1e6:.1f} MB is over the "
                    f"{options.max_bytes / 1e6:.0f} MB limit per file"
                )
            digest = file_hash(path)
        except DocumentError as exc:
            _fail(summary, source, exc, live_docs, next_docs)
            continue
        except OSError as exc:
            summary.failed += 1
            summary.failures.append(
                Failure(source, "unreadable", f"cannot read the file: {exc.strerror or exc}")
            )
            if source in live_docs:
                next_docs[source] = live_docs[source]
            continue
        entry = live_docs.get(source)
        if entry is not None and entry.hash == digest:
            summary.unchanged += 1
            next_docs[source] = entry
        else:
            to_load.append((source, path, digest, size))
    removed = [s for s in live_docs if s not in {src for src, _ in files}]
    summary.removed = len(removed)

    if not to_load and not removed and not rebuild:
        summary.version = live.version if live else None
        summary.chunks = live.chunk_count if live else 0
        summary.pages = sum(d.pages for d in live.documents.values()) if live else 0
        return

    new_chunks: list[Chunk] = []
    replaced_ids: list[str] = [cid for s in removed for cid in live_docs[s].chunk_ids]
    bar = progress("loading", len(to_load))
    matcher = ProductMatcher.for_corpus(options.corpus, options.catalogue)
    for source, path, digest, size in to_load:
        try:
            document = load_file(path, source, max_bytes=options.max_bytes)
            summary.products[source] = match_products(document, matcher)
            held = quarantine(document)  # never indexed
            summary.quarantined += held
            chunks = chunk_document(document)
        except DocumentError as exc:
            _fail(summary, source, exc, live_docs, next_docs)
            bar.update(1)
            continue
        if source in live_docs:
            summary.updated += 1
            replaced_ids.extend(live_docs[source].chunk_ids)
        else:
            summary.added += 1
        new_chunks.extend(chunks)
        next_docs[source] = DocumentEntry(
            hash=digest,
            size=size,
            title=document.meta.title,
            doc_type=document.meta.doc_type.value,
            skus=list(document.meta.skus),
            pages=document.pages,
            chunk_ids=[c.id for c in chunks],
            quarantined=[q.as_dict() for q in held],
        )
        bar.update(1)
    bar.close()
    summary.pages = sum(d.pages for d in next_docs.values())
    summary.chunks = sum(len(d.chunk_ids) for d in next_docs.values())
    if options.dry_run:
        return

    cache = EmbeddingCache(store.cache_path)
    try:
        texts = [embed_text(c.text, c.title, c.section) for c in new_chunks]
        bar = progress("embedding", len(texts))
        vectors_parts = []
        for start in range(0, len(texts), 64):
            vecs, computed = embed_with_cache(texts[start : start + 64], embedder, cache)
            vectors_parts.append(vecs)
            summary.chunks_embedded += computed
            bar.update(len(vecs))
        bar.close()
        embed_units(new_chunks, embedder, cache, progress)
    finally:
        cache.close()
    summary.chunks_from_cache = len(new_chunks) - summary.chunks_embedded

    import numpy as np

    vectors = (
        np.concatenate(vectors_parts)
        if vectors_parts
        else np.zeros((0, embedder.dimension), dtype=np.float32)
    )
    name = store.new_version_name()
    base = None if (rebuild or live is None) else live.version
    folder = store.prepare_version(name, base)
    chroma = VersionCollections(store.root, options.chroma_url)
    client, collection = chroma.create(name, folder, base)
    try:
        if base is not None:
            delete_ids(collection, replaced_ids)
        add_chunks(collection, new_chunks, vectors, name)
        _validate(collection, summary.chunks, vectors)
    except ValidationFailed:
        client.close()
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        chroma.drop([name])
        raise
    client.close()
    manifest = Manifest(
        version=name,
        pipeline_version=PIPELINE_VERSION,
        embedder=embedder.model_id,
        documents=next_docs,
    )
    store.commit_version(manifest)
    summary.version = name
    summary.switched = True
    chroma.drop(store.collect_garbage())


def _fail(
    summary: Summary,
    source: str,
    exc: DocumentError,
    live_docs: dict[str, DocumentEntry],
    next_docs: dict[str, DocumentEntry],
) -> None:
    summary.failed += 1
    message = exc.message
    if source in live_docs:  # keep serving the last good version of this document
        next_docs[source] = live_docs[source]
        message += " (the previously ingested version is kept)"
    summary.failures.append(Failure(source, exc.reason, message))


def _validate(collection: Any, expected: int, vectors: Any) -> None:
    count = collection.count()
    if count != expected:
        raise ValidationFailed(f"the new index holds {count} chunks, expected {expected}")
    if expected and len(vectors):
        hit = collection.query(query_embeddings=[vectors[0].tolist()], n_results=1)
        if not hit["ids"] or not hit["ids"][0]:
            raise ValidationFailed("the new index returned nothing for a known passage")
