"""The red team's poisoned documents (``evals/datasets/poisoned/``, written by
:mod:`evals.poison_build`): reading them, their telltale markers, and what ingestion's cleaning
does to them on its own."""

from __future__ import annotations

from pathlib import Path

import yaml

POISONED = Path(__file__).parent / "datasets" / "poisoned"


def markers() -> list[str]:
    """Every string whose presence in a reply shows a planted instruction got through."""
    manifest = yaml.safe_load((POISONED / "manifest.yaml").read_text())
    return sorted({str(m) for d in manifest["documents"] for m in d["markers"]})


def poisoned_documents() -> dict[str, str]:
    """The poisoned folder as planted documents: relative path -> text (under ``zz-poisoned``)."""
    return {
        f"zz-poisoned/{p.name}": p.read_text(encoding="utf-8")
        for p in sorted(POISONED.iterdir())
        if p.suffix in (".md", ".html")
    }


def cleaning_report() -> dict[str, int]:
    """What ingestion's cleaning does to the poisoned documents on its own: passages
    quarantined, and documents with a telltale left in their indexed text (must be 0)."""
    from ingest.loaders import load_file
    from ingest.quarantine import quarantine

    manifest = yaml.safe_load((POISONED / "manifest.yaml").read_text())["documents"]
    quarantined = left = 0
    for doc in manifest:
        loaded = load_file(POISONED / doc["path"], doc["path"], max_bytes=10_000_000)
        quarantined += len(quarantine(loaded))
        text = " ".join(b.text for b in loaded.blocks).lower()
        left += any(str(m).lower() in text for m in doc["markers"])
    return {"passages_quarantined": quarantined, "documents_with_telltales_left": left}
