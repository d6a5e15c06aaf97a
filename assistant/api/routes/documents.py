"""``GET /documents/{path}``: the corpus files citations link to, read-only.

Only files inside the corpus directory, with a known document suffix, and not under a hidden
or ``_``-prefixed folder (``corpus/_build`` holds build sources); anything else, traversal
attempts included, is 404. HTML is served sandboxed (no scripts, its own origin).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from fastapi import APIRouter
from fastapi.responses import FileResponse

from assistant.api.deps import AppSettings
from assistant.api.errors import ApiError
from assistant.api.schemas import ErrorBody

router = APIRouter(tags=["documents"])

MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".yaml": "text/plain; charset=utf-8",
    ".yml": "text/plain; charset=utf-8",
}
_SANDBOX = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def resolve_document(corpus_dir: Path, path: str) -> Path | None:
    """The file ``path`` names inside ``corpus_dir``, or ``None`` if it may not be served."""
    parts = PurePosixPath(path).parts
    if not parts or any(
        part in ("/", "..") or part.startswith((".", "_")) or "\\" in part or "\x00" in part
        for part in parts
    ):
        return None
    root = corpus_dir.resolve()
    try:  # a name the file system rejects (too long, ...) is simply not a document
        candidate = root.joinpath(*parts).resolve()
        if not candidate.is_relative_to(root) or not candidate.is_file():
            return None
    except (OSError, ValueError):
        return None
    return candidate if candidate.suffix.lower() in MEDIA_TYPES else None


@router.get("/documents/{path:path}", responses={404: {"model": ErrorBody}})
def document(path: str, settings: AppSettings) -> FileResponse:
    """A corpus document (PDF, HTML, Markdown and YAML as text, CSV)."""
    file = resolve_document(settings.corpus_dir, path)
    if file is None:
        raise ApiError(404, "document_not_found", "No such document.")
    headers = {"X-Content-Type-Options": "nosniff", "Cache-Control": "public, max-age=300"}
    if file.suffix.lower() in (".html", ".htm"):
        headers["Content-Security-Policy"] = _SANDBOX
    return FileResponse(file, media_type=MEDIA_TYPES[file.suffix.lower()], headers=headers)
