"""Loaders turn one file into a :class:`~ingest.models.LoadedDocument` or raise a
:class:`~ingest.errors.DocumentError` saying why it cannot be ingested."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.clean import normalise_unicode
from ingest.errors import FileTooLarge, NoText, Unreadable, UnsupportedFormat
from ingest.loaders.html import load_html
from ingest.loaders.markdown import load_markdown
from ingest.loaders.pdf import load_pdf
from ingest.loaders.sheets import load_csv, load_yaml
from ingest.models import LoadedDocument

Loader = Callable[[bytes, str], LoadedDocument]

LOADERS: dict[str, Loader] = {
    ".pdf": load_pdf,
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": load_markdown,
    ".html": load_html,
    ".htm": load_html,
    ".csv": load_csv,
    ".yaml": load_yaml,
    ".yml": load_yaml,
}

SUPPORTED_SUFFIXES = frozenset(LOADERS)


def load_file(path: Path, source: str, *, max_bytes: int) -> LoadedDocument:
    """Load ``path`` (``source`` is its corpus-relative name) with the loader for its suffix."""
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise UnsupportedFormat(
            f"unsupported file type {path.suffix or '(none)'!r}; supported: "
            + ", ".join(sorted(SUPPORTED_SUFFIXES))
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FileTooLarge(
                f"{size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit per file"
            )
        if size == 0:
            raise NoText("empty file")
        data = path.read_bytes()
    except OSError as exc:
        raise Unreadable(f"cannot read the file: {exc.strerror or exc}") from exc
    document = loader(data, source)
    for block in document.blocks:  # zero-width and bidi characters hide words from filters
        block.text = normalise_unicode(block.text)
    if not any(block.text.strip() for block in document.blocks):
        raise NoText("no text found in the file")
    return document
