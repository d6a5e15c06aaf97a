"""Markdown (and plain text): front matter for metadata, headings become the section path,
numbered lists are kept as whole procedures, pipe tables as tables."""

from __future__ import annotations

import re

from ingest.clean import clean_markdown
from ingest.docmeta import build_meta
from ingest.loaders.text import decode_text, normalise_space, split_front_matter
from ingest.models import Block, BlockKind, LoadedDocument

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_NUMBERED = re.compile(r"^\s*(\d+)[.)]\s+\S")
_BULLET = re.compile(r"^\s*[-*+]\s+\S")


def _clean_inline(text: str) -> str:
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)  # images -> alt text
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links -> link text
    text = re.sub(r"(\*\*|__|`)", "", text)
    return text


def parse_markdown_blocks(body: str) -> tuple[list[Block], str | None]:
    """Blocks with their heading path, and the first level-1 heading (a title candidate)."""
    blocks: list[Block] = []
    headings: list[tuple[int, str]] = []
    first_h1: str | None = None
    buffer: list[str] = []
    kind = BlockKind.TEXT
    in_fence = False

    def section() -> tuple[str, ...]:
        return tuple(text for _, text in headings)

    def flush() -> None:
        nonlocal buffer, kind
        lines = [ln for ln in buffer if ln.strip()]
        if lines:
            if kind is BlockKind.TEXT:
                text = normalise_space(" ".join(_clean_inline(ln.strip()) for ln in lines))
            else:
                text = "\n".join(_clean_inline(ln.rstrip()) for ln in lines)
            if text:
                blocks.append(Block(text=text, section=section(), kind=kind))
        buffer = []
        kind = BlockKind.TEXT

    for line in body.splitlines():
        if line.strip().startswith("```"):
            in_fence = not in_fence
            continue
        heading = None if in_fence else _HEADING.match(line)
        if heading:
            flush()
            level, text = len(heading.group(1)), _clean_inline(heading.group(2)).strip()
            if level == 1 and first_h1 is None:
                first_h1 = text
            headings = [(lv, t) for lv, t in headings if lv < level] + [(level, text)]
            continue
        if not line.strip():
            if kind is BlockKind.TEXT or in_fence:
                flush()
            continue
        stripped = line.strip()
        line_kind = (
            BlockKind.TABLE
            if stripped.startswith("|")
            else BlockKind.STEPS
            if _NUMBERED.match(line)
            else BlockKind.LIST
            if _BULLET.match(line)
            else None
        )
        if line_kind is BlockKind.TABLE and re.fullmatch(r"[|:\-\s]+", stripped):
            continue  # the header separator row
        if line_kind is not None and line_kind is not kind:
            if not (
                kind in (BlockKind.STEPS, BlockKind.LIST)
                and line_kind is BlockKind.LIST
                and line.startswith((" ", "\t"))
            ):
                flush()
                kind = line_kind
        elif line_kind is None and kind is not BlockKind.TEXT and not line.startswith((" ", "\t")):
            flush()
        if kind is BlockKind.TABLE:
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            buffer.append(" | ".join(cells))
        elif (
            kind in (BlockKind.STEPS, BlockKind.LIST)
            and line.startswith((" ", "\t"))
            and not _NUMBERED.match(line)
            and not _BULLET.match(line)
            and buffer
        ):
            buffer[-1] = buffer[-1].rstrip() + " " + stripped  # continuation of an item
        else:
            buffer.append(line)
    flush()
    return blocks, first_h1


def load_markdown(data: bytes, source: str) -> LoadedDocument:
    meta_raw, body = split_front_matter(decode_text(data))
    blocks, first_h1 = parse_markdown_blocks(clean_markdown(body))  # what a reader sees
    if first_h1 is not None:
        blocks = [
            Block(
                b.text,
                b.section[1:] if b.section[:1] == (first_h1,) else b.section,
                b.page,
                b.kind,
                b.record,
            )
            for b in blocks
        ]
    meta = build_meta(source, meta_raw, fallback_title=first_h1, texts=(b.text for b in blocks))
    return LoadedDocument(source=source, meta=meta, blocks=blocks, pages=1)
