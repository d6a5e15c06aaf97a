"""Dataset formats (documented in evals/README.md), loaded and validated."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, Field, ValidationError

from assistant.intents import Intent

T = TypeVar("T", bound=BaseModel)
DATASETS = Path(__file__).resolve().parent / "datasets"


class DatasetError(ValueError):
    """A dataset file is malformed; the message names the file and line."""


class RetrievalItem(BaseModel):
    id: str
    question: str = Field(min_length=1)
    relevant_sources: list[str] = Field(min_length=1)
    products: list[str] = Field(default_factory=list)


class RoutingItem(BaseModel):
    """One customer message and the intent (and slots) the planner should find in it."""

    id: str
    text: str = Field(min_length=1)
    intent: Intent
    slots: dict[str, str | int] = Field(default_factory=dict)
    tags: list[str] = Field(default_factory=list)


def read_jsonl(path: Path, model: type[T]) -> list[T]:
    items: list[T] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = model.model_validate(json.loads(line))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise DatasetError(f"{path}:{number}: {exc}") from exc
        item_id = str(getattr(item, "id", number))
        if item_id in seen:
            raise DatasetError(f"{path}:{number}: duplicate id {item_id!r}")
        seen.add(item_id)
        items.append(item)
    if not items:
        raise DatasetError(f"{path}: no items")
    return items
