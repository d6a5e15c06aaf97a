"""Which files of the corpus folder are documents: never anything outside it.

Every file under the corpus root, except hidden ones and anything under ``_``/``.`` folders
(build sources, editor files). A symbolic link (to a file or a folder, wherever it points) and any
path that resolves outside the root are skipped and reported, never read: ingestion must not
turn ``/etc/hostname`` or a secrets file into searchable passages. Folders reached through a
link are not walked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Skipped:
    source: str  # relative POSIX path inside the corpus
    reason: str  # "symlink" or "outside_corpus"
    message: str


def scan(corpus: Path) -> tuple[list[tuple[str, Path]], list[Skipped]]:
    """(documents as (relative POSIX path, absolute path), skipped paths), both sorted."""
    root = corpus.resolve()
    found: list[tuple[str, Path]] = []
    skipped: list[Skipped] = []
    for folder, dirnames, filenames in os.walk(corpus, followlinks=False):
        here = Path(folder)
        rel_dir = here.relative_to(corpus)
        if any(part.startswith((".", "_")) for part in rel_dir.parts):
            dirnames[:] = []
            continue
        for name in sorted([*dirnames, *filenames]):
            if name.startswith((".", "_")):
                continue
            path = here / name
            source = (rel_dir / name).as_posix()
            if path.is_symlink():
                skipped.append(Skipped(source, "symlink", "symbolic links are not followed"))
            elif name in filenames and not _inside(path, root):
                skipped.append(
                    Skipped(source, "outside_corpus", "resolves outside the corpus folder")
                )
            elif name in filenames:
                found.append((source, path))
        dirnames[:] = sorted(d for d in dirnames if not (here / d).is_symlink())
    return sorted(found), sorted(skipped, key=lambda s: s.source)


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a loop or an unreadable component
        return False
