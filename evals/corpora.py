"""A scratch copy of the corpus with planted documents (for the safety suite's hidden-instruction
cases), indexed by the real pipeline like the corpus itself and reused while nothing changes.

The copy's index starts from the plain corpus' embedding cache when that exists, so only the
planted documents are embedded."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Mapping
from pathlib import Path

from evals.retrieval import corpus_fingerprint, scratch_index
from ingest.embedding import Embedder
from ingest.versions import IndexStore


def _store_for(corpus: Path, scratch_root: Path) -> Path:
    """Where :func:`evals.retrieval.scratch_index` keeps the index of ``corpus``."""
    return scratch_root / f"{corpus.resolve().name}-{corpus_fingerprint(corpus)[:16]}"


def _copy_cache(source: Path, target: Path) -> None:
    """Copy an embedding cache with SQLite's backup API (safe while it is in WAL mode)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def planted_index(
    corpus: Path, documents: Mapping[str, str], scratch_root: Path, embedder: Embedder
) -> Path:
    """The index of ``corpus`` plus ``documents`` (relative path -> text)."""
    base_cache = IndexStore(_store_for(corpus, scratch_root)).cache_path
    with tempfile.TemporaryDirectory(prefix="aftercare-planted-") as tmp:
        copy = Path(tmp) / f"{corpus.resolve().name}-planted"
        shutil.copytree(corpus, copy, ignore=shutil.ignore_patterns("_*", ".*"))
        for rel, text in documents.items():
            path = copy / rel
            if copy.resolve() not in path.resolve().parents:
                raise ValueError(f"planted document outside the corpus: {rel}")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        cache = IndexStore(_store_for(copy, scratch_root)).cache_path
        if not cache.exists() and base_cache.exists():
            _copy_cache(base_cache, cache)
        return scratch_index(copy, scratch_root, embedder)
