"""PDF with pypdf: text per page (page numbers kept), headings recognised from the font (bold
or larger than body text), running headers/footers ("Page 3 of 12", the title on every page)
removed. Encrypted, corrupt and image-only PDFs raise a :class:`DocumentError`."""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError, PdfStreamError

from ingest.docmeta import build_meta
from ingest.errors import CorruptDocument, EncryptedDocument, NoText
from ingest.loaders.text import normalise_space
from ingest.models import Block, BlockKind, LoadedDocument

_PAGE_FOOTER = re.compile(r"^\s*(page\s+)?\d+\s*(of|/)\s*\d+\s*$", re.I)
_NUMBERED = re.compile(r"^\d+[.)]\s")
_BULLET = re.compile(r"^[\u2022\-*]\s")


@dataclass(slots=True)
class _Run:
    text: str
    y: float
    size: float
    bold: bool
    x: float = 0.0


def _page_runs(page: object) -> list[_Run]:
    runs: list[_Run] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if not text.strip():
            return
        base = ""
        if isinstance(font, dict):
            base = str(font.get("/BaseFont", ""))
        scale = abs(tm[3] * cm[3]) or 1.0
        y = tm[5] * cm[3] + cm[5]
        x = tm[4] * cm[0] + cm[4]
        runs.append(_Run(text, round(y, 1), round(size * scale, 1), "Bold" in base, x))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return runs


def _lines(runs: list[_Run]) -> list[_Run]:
    """Join runs on the same baseline into lines (top to bottom)."""
    merged: list[_Run] = []
    for run in runs:
        if merged and abs(merged[-1].y - run.y) < 1.0:
            last = merged[-1]
            # A wide horizontal jump between runs on one baseline separates table cells.
            end_estimate = last.x + len(last.text) * last.size * 0.55
            sep = (
                " | "
                if run.x - end_estimate > last.size * 1.5
                else ("" if last.text.endswith((" ", "\n")) else " ")
            )
            merged[-1] = _Run(
                last.text + sep + run.text,
                last.y,
                max(last.size, run.size),
                last.bold and run.bold,
                run.x,
            )
        else:
            merged.append(_Run(run.text, run.y, run.size, run.bold, run.x))
    return [
        _Run(normalise_space(r.text.replace("\n", " ")), r.y, r.size, r.bold, r.x)
        for r in merged
        if r.text.strip()
    ]


def _read(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise EncryptedDocument("the PDF is password-protected")
            except (FileNotDecryptedError, NotImplementedError) as exc:
                raise EncryptedDocument("the PDF is password-protected") from exc
        if len(reader.pages) == 0:
            raise CorruptDocument("the PDF has no readable pages")
        return reader
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, OSError) as exc:
        raise CorruptDocument(f"not a readable PDF ({type(exc).__name__})") from exc


def load_pdf(data: bytes, source: str) -> LoadedDocument:
    if not data.lstrip().startswith(b"%PDF"):
        raise CorruptDocument("not a PDF file (no %PDF header)")
    reader = _read(data)
    try:
        pages = [_lines(_page_runs(page)) for page in reader.pages]
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError) as exc:
        raise CorruptDocument(f"cannot extract text ({type(exc).__name__})") from exc
    if not any(pages):
        raise NoText("no extractable text on any page (a scanned or image-only PDF?)")

    # Running headers/footers: a line text repeated on most pages, or "Page N of M".
    # Only the first and last two lines of a page are candidates (where headers/footers sit).
    edges = [{ln.text for ln in (page[:2] + page[-2:])} for page in pages]
    repeated = Counter(text for edge in edges for text in edge)
    threshold = max(2, int(len(pages) * 0.6))
    chrome = {text for text, n in repeated.items() if n >= threshold and len(pages) > 1}
    sizes = Counter(line.size for page in pages for line in page if line.text not in chrome)
    body_size = sizes.most_common(1)[0][0] if sizes else 10.0
    heading_sizes = sorted(
        {
            ln.size
            for p in pages
            for ln in p
            if ln.size > body_size * 1.05 or (ln.bold and ln.size >= body_size)
        },
        reverse=True,
    )

    info: Mapping[str, Any] = reader.metadata or {}
    explicit: dict[str, object] = {}
    if info.get("/Title"):
        explicit["title"] = str(info["/Title"])
    if info.get("/DocType"):
        explicit["doc_type"] = str(info["/DocType"])
    if info.get("/SKUs") is not None and "/SKUs" in info:
        explicit["skus"] = str(info["/SKUs"])
    if info.get("/Model"):
        explicit["model"] = str(info["/Model"])

    blocks: list[Block] = []
    headings: list[tuple[int, str]] = []
    first_h1: str | None = None
    buffer: list[str] = []
    kind = BlockKind.TEXT
    block_page = 1  # the page a block starts on (a procedure may run onto the next page)

    def flush() -> None:
        nonlocal buffer, kind
        if buffer:
            text = " ".join(buffer) if kind is BlockKind.TEXT else "\n".join(buffer)
            blocks.append(Block(text, tuple(t for _, t in headings), block_page, kind))
        buffer, kind = [], BlockKind.TEXT

    for number, page in enumerate(pages, start=1):
        prev_y: float | None = None
        for line in page:
            at_edge = line in page[:2] or line in page[-2:]
            if (at_edge and line.text in chrome) or _PAGE_FOOTER.match(line.text):
                continue
            is_heading = (
                line.size in heading_sizes
                and len(line.text) < 120
                and (line.bold or line.size > body_size * 1.05)
            )
            if is_heading:
                flush()
                level = heading_sizes.index(line.size) + 1
                if (
                    headings
                    and headings[-1][0] == level
                    and prev_y is not None
                    and prev_y - line.y < line.size * 1.6
                ):  # a wrapped heading
                    headings[-1] = (level, headings[-1][1] + " " + line.text)
                else:
                    headings = [(lv, t) for lv, t in headings if lv < level] + [(level, line.text)]
                if level == 1 and (first_h1 is None or headings[0][1].startswith(first_h1)):
                    first_h1 = headings[0][1]  # also after a wrapped second line
                prev_y = line.y
                continue
            gap = (prev_y - line.y) if prev_y is not None else 0.0
            starts_item = bool(_NUMBERED.match(line.text) or _BULLET.match(line.text))
            line_kind = (
                BlockKind.STEPS
                if _NUMBERED.match(line.text)
                else BlockKind.LIST
                if _BULLET.match(line.text)
                else None
            )
            table_row = " | " in line.text
            if table_row:
                line_kind = BlockKind.TABLE
            new_paragraph = gap > line.size * 1.75
            if line_kind is not None and line_kind is not kind:
                flush()
                kind = line_kind
            elif (
                line_kind is None
                and (new_paragraph or kind is BlockKind.TABLE)
                and buffer
                and (kind is not BlockKind.TEXT or new_paragraph)
                and not (kind in (BlockKind.STEPS, BlockKind.LIST) and not new_paragraph)
            ):
                flush()
            if not buffer:
                block_page = number
            if kind is BlockKind.TABLE:
                buffer.append(line.text)
            elif kind in (BlockKind.STEPS, BlockKind.LIST) and not starts_item and buffer:
                buffer[-1] += " " + line.text  # wrapped item
            else:
                buffer.append(line.text)
            prev_y = line.y
    flush()
    if first_h1:
        blocks = [
            Block(
                b.text, b.section[1:] if b.section[:1] == (first_h1,) else b.section, b.page, b.kind
            )
            for b in blocks
        ]
    meta = build_meta(source, explicit, fallback_title=first_h1, texts=(b.text for b in blocks))
    return LoadedDocument(source=source, meta=meta, blocks=blocks, pages=len(pages))
