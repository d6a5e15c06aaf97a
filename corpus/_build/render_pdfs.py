"""Render the corpus' PDF manuals from their Markdown sources in ``corpus/_build/sources/``.

Each source has YAML front matter with ``pdf:`` (output path relative to ``corpus/``), ``title``,
``doc_type``, ``skus`` and ``model``; those also go into the PDF's document information so the
ingestion can read them back. The writer is a small, dependency-free PDF 1.4 generator (Helvetica,
WinAnsi encoding, US Letter pages, running header and page footer) so the PDFs can be rebuilt
anywhere: ``python corpus/_build/render_pdfs.py``. Output is byte-for-byte deterministic.

A data pack renders its own PDFs the same way: ``python corpus/_build/render_pdfs.py --pack DIR``
reads ``DIR/_build/sources/*.md`` and writes each ``pdf:`` path relative to ``DIR``. A source may
set ``author:`` (default: the demo store's content team).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

PAGE_W, PAGE_H = 612.0, 792.0
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 60.0, 64.0, 64.0
TEXT_W = PAGE_W - 2 * MARGIN_X

_NARROW = dict.fromkeys("ijl'", 222) | dict.fromkeys(" .,:;!/|fIt", 278)
_MID = dict.fromkeys("r-()`[]{}", 333) | dict.fromkeys('cksvxyzJ*"', 500)
_WIDE = dict.fromkeys("ABEKPSVXY", 667) | dict.fromkeys("CDHNRUw", 722) | dict.fromkeys("GOQ", 778)
_WIDEST = {
    "m": 833,
    "M": 833,
    "W": 944,
    "F": 611,
    "T": 611,
    "Z": 611,
    "L": 556,
    "%": 889,
    "@": 1015,
}
WIDTHS = _NARROW | _MID | _WIDE | _WIDEST
_CP1252_FIXUPS = {
    "\u2212": "-",
    "\u2011": "-",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u2192": "->",
    "\u2190": "<-",
    "\u2265": ">=",
    "\u2264": "<=",
    "\u2248": "~",
}


def text_width(text: str, size: float, bold: bool = False) -> float:
    units = sum(WIDTHS.get(ch, 556) for ch in text)
    return units * size / 1000.0 * (1.06 if bold else 1.0)


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size, bold) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]


def pdf_string(text: str) -> str:
    for bad, good in _CP1252_FIXUPS.items():
        text = text.replace(bad, good)
    raw = text.encode("cp1252", errors="replace")
    out = []
    for byte in raw:
        ch = chr(byte)
        if ch in "\\()":
            out.append("\\" + ch)
        elif 32 <= byte < 127:
            out.append(ch)
        else:
            out.append(f"\\{byte:03o}")
    return "(" + "".join(out) + ")"


def info_string(text: str) -> str:
    """A document-information string: UTF-16BE with a byte order mark, as a hex string."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


@dataclass
class Line:
    text: str
    x: float
    size: float
    bold: bool
    space_before: float


def layout_blocks(body: str) -> list[Line]:
    """Turn the Markdown subset into positioned lines (x offset, font, spacing)."""
    lines: list[Line] = []
    paragraph: list[str] = []
    table: list[list[str]] = []

    def flush_paragraph() -> None:
        if paragraph:
            for i, ln in enumerate(wrap(" ".join(paragraph), TEXT_W, 10.5)):
                lines.append(Line(ln, 0, 10.5, False, 6 if i == 0 else 0))
            paragraph.clear()

    def flush_table() -> None:
        if not table:
            return
        cols = max(len(r) for r in table)
        col_w = TEXT_W / cols
        for r_i, row in enumerate(table):
            cells = [wrap(c, col_w - 8, 9.5, r_i == 0) for c in row] + [[""]] * (cols - len(row))
            for k in range(max(len(c) for c in cells)):
                # One Line per visual row; the renderer places tab-separated cells in columns.
                lines.append(
                    Line(
                        "\t".join(c[k] if k < len(c) else "" for c in cells),
                        -1.0,
                        9.5,
                        r_i == 0,
                        4 if k == 0 else 0,
                    )
                )
        table.clear()

    for raw in body.splitlines():
        s = raw.rstrip()
        stripped = s.strip()
        if stripped.startswith("|"):
            flush_paragraph()
            cells = [c.strip().replace("**", "") for c in stripped.strip("|").split("|")]
            if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                table.append(cells)
            continue
        flush_table()
        heading = re.match(r"^(#{1,3})\s+(.*)$", stripped)
        item = re.match(r"^(\s*)(\d+\.|[-*])\s+(.*)$", s)
        if not stripped:
            flush_paragraph()
        elif heading:
            flush_paragraph()
            level = len(heading.group(1))
            size = {1: 18.0, 2: 14.0, 3: 11.5}[level]
            for i, ln in enumerate(wrap(heading.group(2).replace("**", ""), TEXT_W, size, True)):
                lines.append(Line(ln, 0, size, True, (18 if level < 3 else 10) if i == 0 else 0))
        elif item:
            flush_paragraph()
            indent = 14.0 + 14.0 * (len(item.group(1)) // 2)
            marker = item.group(2) if item.group(2)[0].isdigit() else "\u2022"
            text = item.group(3).replace("**", "")
            for i, ln in enumerate(wrap(text, TEXT_W - indent - 16, 10.5)):
                lines.append(
                    Line(
                        (marker + " " if i == 0 else "") + ln,
                        indent if i == 0 else indent + 16,
                        10.5,
                        False,
                        3 if i == 0 else 0,
                    )
                )
        else:
            paragraph.append(stripped.replace("**", ""))
    flush_paragraph()
    flush_table()
    return lines


def paginate(lines: list[Line]) -> list[list[tuple[Line, float]]]:
    pages: list[list[tuple[Line, float]]] = [[]]
    y = PAGE_H - MARGIN_TOP
    for line in lines:
        step = line.space_before + line.size * 1.35
        # keep a heading with at least two following lines
        needed = step + (2 * 14.0 if line.bold and line.size >= 11.5 and line.x == 0 else 0)
        if y - needed < MARGIN_BOTTOM and pages[-1]:
            pages.append([])
            y = PAGE_H - MARGIN_TOP
            step = line.size * 1.35
        y -= step
        pages[-1].append((line, y))
    return pages


def content_stream(page: list[tuple[Line, float]], title: str, number: int, total: int) -> bytes:
    ops = [
        "BT",
        "/F1 8 Tf",
        f"1 0 0 1 {MARGIN_X:.1f} {PAGE_H - 36:.1f} Tm",
        f"{pdf_string(title)} Tj",
        f"1 0 0 1 {PAGE_W - MARGIN_X - 60:.1f} 30 Tm",
        f"{pdf_string(f'Page {number} of {total}')} Tj",
    ]
    for line, y in page:
        font = "/F2" if line.bold else "/F1"
        ops.append(f"{font} {line.size:g} Tf")
        if line.x < 0:  # a table row: cells separated by tabs, equal columns
            cells = line.text.split("\t")
            col_w = TEXT_W / len(cells)
            for c_i, cell in enumerate(cells):
                if cell:
                    ops.append(f"1 0 0 1 {MARGIN_X + c_i * col_w:.1f} {y:.1f} Tm")
                    ops.append(f"{pdf_string(cell)} Tj")
        else:
            ops.append(f"1 0 0 1 {MARGIN_X + line.x:.1f} {y:.1f} Tm")
            ops.append(f"{pdf_string(line.text)} Tj")
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def build_pdf(pages: list[list[tuple[Line, float]]], info: dict[str, str]) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # placeholder, filled below
    pages_obj = add(b"")
    font1 = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    font2 = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    )
    kids = []
    for n, page in enumerate(pages, start=1):
        stream = content_stream(page, info["Title"], n, len(pages))
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 {PAGE_W:g} {PAGE_H:g}] "
                f"/Resources << /Font << /F1 {font1} 0 R /F2 {font2} 0 R >> >> "
                f"/Contents {content} 0 R >>".encode()
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode()
    objects[pages_obj - 1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
    ).encode()
    info_obj = add(
        ("<< " + " ".join(f"/{k} {info_string(v)}" for k, v in info.items()) + " >>").encode(
            "ascii"
        )
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        info_obj,
        xref,
    )
    return bytes(out)


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    match = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.S)
    if not match:
        raise ValueError("missing YAML front matter")
    meta = yaml.safe_load(match.group(1)) or {}
    return meta, match.group(2)


def render(source: Path, corpus_root: Path) -> Path:
    meta, body = split_front_matter(source.read_text(encoding="utf-8"))
    target = corpus_root / str(meta["pdf"])
    skus = meta.get("skus") or []
    info = {
        "Title": str(meta.get("title", source.stem)),
        "Subject": str(meta.get("doc_type", "manual")),
        "Keywords": ", ".join(str(s) for s in skus),  # type: ignore[attr-defined]
        "Author": str(meta.get("author", "Northfield Market content team")),
        "Creator": "corpus/_build/render_pdfs.py",
        "DocType": str(meta.get("doc_type", "manual")),
        "SKUs": ",".join(str(s) for s in skus),  # type: ignore[attr-defined]
        "Model": str(meta.get("model", "")),
    }
    pages = paginate(layout_blocks(body))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(build_pdf(pages, info))
    return target


def main(argv: list[str]) -> int:
    build_dir = Path(__file__).resolve().parent
    corpus_root = build_dir.parent
    if argv[:1] == ["--pack"] and len(argv) > 1:  # a data pack: DIR/_build/sources -> DIR
        corpus_root = Path(argv[1]).resolve()
        build_dir, argv = corpus_root / "_build", argv[2:]
    sources = sorted((build_dir / "sources").glob("*.md"))
    if argv:
        sources = [s for s in sources if s.stem in argv]
    for source in sources:
        target = render(source, corpus_root)
        print(f"{source.name} -> {target.relative_to(corpus_root)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
