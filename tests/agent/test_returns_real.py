"""Returns with the real parts (MiniLM, the real index, the trained router, a fresh demo store):
shopper wording from the first message to the label link, and a refund-status question."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import real_assistant, signed_in

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def assistant(real_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    built = real_assistant(real_index, tmp_path_factory)
    yield built
    built.close()


def test_send_them_back_answer_confirm_and_ask_about_the_money(assistant: Assistant) -> None:
    state = signed_in(assistant, "sam.patel@example.com")
    asked = assistant.reply(state, "hey the headphones arent for me, can i send them back?")
    assert asked.intent == "returns_refunds" and "unused" in asked.text
    # a return with a fee: the demo store's policy has a support agent review it
    reviewed = assistant.reply(state, "never used, still in the box")
    assert reviewed.pending_action is None and reviewed.escalation is not None
    assert reviewed.escalation.reason == "complex_return" and not reviewed.executed_actions
    faulty = signed_in(assistant, "sam.patel@example.com")
    preview = assistant.reply(
        faulty, "my headphones stopped working, the left side is silent. can i send them back?"
    )
    assert preview.pending_action is not None and preview.pending_action.action == "return_items"
    done = assistant.reply(faulty, "yes go ahead")
    assert [a.action for a in done.executed_actions] == ["return_items"]
    assert "label.pdf" in done.text
    status = assistant.reply(faulty, "cool, when will I get my money back?")
    assert "refund" in status.text.lower() and "$" in status.text


def test_a_late_return_names_the_closing_date(assistant: Assistant) -> None:
    state = signed_in(assistant, "alex.kim@example.com")
    reply = assistant.reply(state, "can I still return the dark roast from order 46890?")
    assert "December 18, 2025" in reply.text and reply.escalation is not None
