"""Instruction-like passages are quarantined at ingestion: removed from a document's blocks
before chunking (so they are never indexed, embedded or quoted) and reported in the ingestion
summary (``ingest --json``: ``quarantined``). A paragraph goes whole; in a list or table only
the offending lines go. See :mod:`ingest.instructions` for what counts."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.instructions import instruction_reasons
from ingest.models import Block, BlockKind, LoadedDocument

_LINE_KINDS = (BlockKind.STEPS, BlockKind.LIST, BlockKind.TABLE)


@dataclass(frozen=True, slots=True)
class Quarantined:
    source: str
    section: str
    text: str
    reasons: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "section": self.section,
            "text": self.text[:300],
            "reasons": list(self.reasons),
        }


def quarantine(document: LoadedDocument) -> list[Quarantined]:
    """Remove instruction-like blocks (or lines) from ``document`` in place; what went."""
    kept: list[Block] = []
    out: list[Quarantined] = []
    for block in document.blocks:
        section = " > ".join(block.section)
        if block.kind in _LINE_KINDS and "\n" in block.text:
            lines = []
            for line in block.text.split("\n"):
                reasons = instruction_reasons(line)
                if reasons:
                    out.append(Quarantined(document.source, section, line, tuple(reasons)))
                else:
                    lines.append(line)
            if lines:
                block.text = "\n".join(lines)
                kept.append(block)
            continue
        reasons = instruction_reasons(block.text)
        if reasons:
            out.append(Quarantined(document.source, section, block.text, tuple(reasons)))
        else:
            kept.append(block)
    document.blocks = kept
    return out
