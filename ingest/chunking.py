"""Chunking that respects the document's structure.

Blocks of one section (and one page) are packed together up to ``max_words``. A block that is
too long on its own is split at its natural joints: a procedure between steps, a table between
rows, prose between sentences, so a numbered procedure is only cut when it cannot fit at all.
Each sheet row stays its own chunk. Chunk ids are stable per (source, position) and the content
hash covers exactly the text that is embedded (title and section included), so an unchanged
chunk is never re-embedded.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from ingest.models import Block, BlockKind, Chunk, LoadedDocument

MAX_WORDS = 170
MIN_WORDS = 40

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"(])")


def _words(text: str) -> int:
    return len(text.split())


def _split_units(block: Block) -> list[str]:
    """The pieces a block may be cut into, in order."""
    if block.kind in (BlockKind.STEPS, BlockKind.LIST, BlockKind.TABLE):
        lines = block.text.split("\n")
        if block.kind is BlockKind.TABLE and len(lines) > 1:
            header = lines[0]
            return [header + "\n" + ln for ln in lines[1:]] if _words(header) < 30 else lines
        return lines
    return _SENTENCE_END.split(block.text)


def _pieces(block: Block, max_words: int) -> Iterator[str]:
    if _words(block.text) <= max_words:
        yield block.text
        return
    sep = "\n" if block.kind is not BlockKind.TEXT else " "
    current: list[str] = []
    for unit in _split_units(block):
        while _words(unit) > max_words:  # a single enormous sentence or row: hard wrap
            words = unit.split()
            if current:
                yield sep.join(current)
                current = []
            yield " ".join(words[:max_words])
            unit = " ".join(words[max_words:])
        if current and _words(sep.join([*current, unit])) > max_words:
            yield sep.join(current)
            current = []
        current.append(unit)
    if current:
        yield sep.join(current)


def embed_text(chunk_text: str, title: str, section: tuple[str, ...]) -> str:
    """What is embedded and indexed: the passage with its document title and section path."""
    heading = " > ".join((title, *section))
    return f"{heading}\n{chunk_text}"


def chunk_document(document: LoadedDocument, *, max_words: int = MAX_WORDS) -> list[Chunk]:
    groups: list[tuple[tuple[str, ...], int | None, list[Block]]] = []
    for block in document.blocks:
        if block.kind is BlockKind.RECORD:
            groups.append((block.section, block.page, [block]))
            continue
        if (
            groups
            and groups[-1][0] == block.section
            and groups[-1][1] == block.page
            and groups[-1][2][0].kind is not BlockKind.RECORD
        ):
            groups[-1][2].append(block)
        else:
            groups.append((block.section, block.page, [block]))

    texts: list[tuple[tuple[str, ...], int | None, str, Block]] = []
    for section, page, blocks in groups:
        current: list[str] = []
        for block in blocks:
            for piece in _pieces(block, max_words):
                if current and _words("\n\n".join([*current, piece])) > max_words:
                    texts.append((section, page, "\n\n".join(current), blocks[0]))
                    current = []
                current.append(piece)
        if current:
            texts.append((section, page, "\n\n".join(current), blocks[0]))

    # Merge a short passage into the previous one of the same section (e.g. a page's tail).
    merged: list[tuple[tuple[str, ...], int | None, str, Block]] = []
    for item in texts:
        if (
            merged
            and item[3].kind is not BlockKind.RECORD
            and merged[-1][3].kind is not BlockKind.RECORD
            and item[0] == merged[-1][0]
            and (_words(item[2]) < MIN_WORDS or _words(merged[-1][2]) < MIN_WORDS)
            and _words(merged[-1][2]) + _words(item[2]) <= max_words
        ):
            prev = merged[-1]
            merged[-1] = (prev[0], prev[1], prev[2] + "\n\n" + item[2], prev[3])
        else:
            merged.append(item)

    meta = document.meta
    source_key = hashlib.sha1(document.source.encode()).hexdigest()[:12]
    chunks = []
    for index, (section, page, text, first) in enumerate(merged):
        skus = first.skus if first.kind is BlockKind.RECORD and first.skus else meta.skus
        full = embed_text(text, meta.title, section)
        chunks.append(
            Chunk(
                id=f"{source_key}-{index:04d}",
                text=text,
                source=document.source,
                title=meta.title,
                doc_type=meta.doc_type,
                section=section,
                page=page,
                skus=skus,
                model=meta.model,
                content_hash=hashlib.sha256(full.encode()).hexdigest(),
                record=first.record if first.kind is BlockKind.RECORD else None,
            )
        )
    return chunks
