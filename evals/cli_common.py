"""What the ``evals`` commands share: the embedder the settings name, and writing results."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def embedder() -> Any:
    """The settings' embedder (``hashing`` in tests, MiniLM otherwise)."""
    from assistant.settings import get_settings
    from ingest.embedding import HashingEmbedder, MiniLMEmbedder

    return HashingEmbedder() if get_settings().embedder == "hashing" else MiniLMEmbedder()


def write_json(path: Path | None, result: dict[str, Any]) -> None:
    """``result`` as JSON at ``path`` (folders made), when a path is given."""
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
        print(f"wrote {path}")
