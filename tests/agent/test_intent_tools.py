"""The published intent table matches the tools that exist, and the planner only uses them."""

from __future__ import annotations

from assistant.agent.tools import build_toolset
from assistant.intents import INTENT_DESCRIPTIONS, INTENT_TOOLS, Intent
from assistant.planner.planner import HANDLERS


def test_every_intent_is_published_with_existing_tools() -> None:
    names = set(build_toolset().names())
    assert set(INTENT_TOOLS) == set(Intent) == set(INTENT_DESCRIPTIONS) == set(HANDLERS)
    for intent, tools in INTENT_TOOLS.items():
        assert set(tools) <= names, intent


def test_the_docs_publish_the_same_table() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "assistant" / "README.md").read_text()
    for intent, tools in INTENT_TOOLS.items():
        row = next(line for line in doc.splitlines() if line.startswith(f"| `{intent.value}` |"))
        assert all(f"`{t}`" in row for t in tools), intent
