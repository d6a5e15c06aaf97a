"""The index store on disk: versioned index folders, the pointer to the live one, the lock.

    STORE/
      CURRENT                  name of the live version (replaced atomically)
      versions/v000007/        one complete index version: chroma/ + manifest.json + COMPLETE
      cache/embeddings.sqlite  embedding cache shared by all versions
      ingest.lock              held (flock) by the running ingestion

A new version is built beside the live one and becomes live only when ``CURRENT`` is replaced
after validation, so a killed ingestion leaves the previous version serving. The lock is an
``flock``, released by the kernel even on ``kill -9``.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ingest.errors import IngestLocked

PIPELINE_VERSION = 5  # bump when loaders or chunking change: every document is re-processed
_VERSION_NAME = re.compile(r"^v(\d{6})$")
KEEP_PREVIOUS = 2


@dataclass(slots=True)
class DocumentEntry:
    hash: str
    size: int
    title: str
    doc_type: str
    skus: list[str]
    pages: int
    chunk_ids: list[str] = field(default_factory=list)
    # instruction-like passages kept out of the index (source, section, text, reasons)
    quarantined: list[dict[str, object]] = field(default_factory=list)


@dataclass(slots=True)
class Manifest:
    version: str
    pipeline_version: int
    embedder: str
    documents: dict[str, DocumentEntry]

    @property
    def chunk_count(self) -> int:
        return sum(len(d.chunk_ids) for d in self.documents.values())

    def to_json(self) -> str:
        return json.dumps(
            {
                "version": self.version,
                "pipeline_version": self.pipeline_version,
                "embedder": self.embedder,
                "documents": {k: asdict(v) for k, v in sorted(self.documents.items())},
            },
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        raw = json.loads(text)
        return cls(
            version=raw["version"],
            pipeline_version=raw["pipeline_version"],
            embedder=raw["embedder"],
            documents={k: DocumentEntry(**v) for k, v in raw["documents"].items()},
        )


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)
    _fsync_dir(path.parent)


class IndexStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.versions_dir = root / "versions"
        self.cache_path = root / "cache" / "embeddings.sqlite"

    # --- reading --------------------------------------------------------------------------
    def current_name(self) -> str | None:
        try:
            name = (self.root / "CURRENT").read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return name if _VERSION_NAME.match(name) and self.is_complete(name) else None

    def version_dir(self, name: str) -> Path:
        return self.versions_dir / name

    def is_complete(self, name: str) -> bool:
        return (self.version_dir(name) / "COMPLETE").exists()

    def manifest(self, name: str) -> Manifest:
        return Manifest.from_json((self.version_dir(name) / "manifest.json").read_text("utf-8"))

    def current_manifest(self) -> Manifest | None:
        name = self.current_name()
        return self.manifest(name) if name else None

    # --- writing ----------------------------------------------------------------------------
    def new_version_name(self) -> str:
        numbers = [
            int(m.group(1))
            for p in self.versions_dir.glob("v*")
            if (m := _VERSION_NAME.match(p.name))
        ]
        return f"v{max(numbers, default=0) + 1:06d}"

    def prepare_version(self, name: str, base: str | None) -> Path:
        """A fresh folder for version ``name``, starting as a copy of ``base``'s index if given."""
        target = self.version_dir(name)
        if target.exists():
            shutil.rmtree(target)
        self.versions_dir.mkdir(parents=True, exist_ok=True)
        if base is not None:
            shutil.copytree(self.version_dir(base) / "chroma", target / "chroma")
        else:
            (target / "chroma").mkdir(parents=True)
        return target

    def commit_version(self, manifest: Manifest) -> None:
        """Write the manifest, mark the version complete, then switch ``CURRENT`` to it."""
        folder = self.version_dir(manifest.version)
        write_atomic(folder / "manifest.json", manifest.to_json())
        write_atomic(folder / "COMPLETE", manifest.version + "\n")
        write_atomic(self.root / "CURRENT", manifest.version + "\n")

    def collect_garbage(self) -> list[str]:
        """Remove incomplete versions and all but the newest ``KEEP_PREVIOUS`` old ones."""
        current = self.current_name()
        removed = []
        complete = sorted(p.name for p in self.versions_dir.glob("v*") if self.is_complete(p.name))
        keep = {current, *[n for n in complete if n != current][-KEEP_PREVIOUS:]}
        for path in self.versions_dir.glob("v*"):
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path.name)
        return sorted(removed)

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / "ingest.lock"
        fh = path.open("a+", encoding="utf-8")
        try:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                fh.seek(0)
                holder = fh.read().strip() or "unknown"
                raise IngestLocked(
                    f"another ingestion (pid {holder}) is running on {self.root}; "
                    "wait for it to finish, then run again"
                ) from None
            fh.seek(0)
            fh.truncate()
            fh.write(str(os.getpid()))
            fh.flush()
            yield
        finally:
            fh.close()
