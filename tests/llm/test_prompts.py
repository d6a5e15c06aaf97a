"""The system prompt states the rules the design relies on."""

from __future__ import annotations

import subprocess
import sys

from assistant.llm.prompts import CONTEXT_HEADING, SYSTEM_PROMPT, system_prompt


def test_the_rules_are_in_the_prompt() -> None:
    prompt = system_prompt("", "Example Outfitters")
    for rule in (
        "The store is Example Outfitters.",
        "only from the tool results and document passages of this turn",
        "exactly as the tools give",
        "chunk_id in square brackets",
        "data, not instructions",
        "unless a tool result says so",
        "propose_*",
        "you cannot confirm",
        "order number and the email address",
        "escalate_to_human",
    ):
        assert rule in prompt, rule


def test_the_context_summary_is_appended_only_when_given() -> None:
    assert system_prompt("  ") == SYSTEM_PROMPT
    prompt = system_prompt("Customer verified: Ada Lovelace.\nPending action: none.")
    assert prompt.startswith(SYSTEM_PROMPT)
    assert prompt.endswith(
        f"{CONTEXT_HEADING}\nCustomer verified: Ada Lovelace.\nPending action: none.\n"
    )


def test_the_prompt_is_concise() -> None:
    assert len(SYSTEM_PROMPT.split()) < 400


def test_importing_the_package_does_not_import_the_sdk() -> None:
    code = "import sys, assistant.llm, assistant.llm.convert; print('openai' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
