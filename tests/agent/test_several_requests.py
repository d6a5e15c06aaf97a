"""Several requests in one message, follow-ups on a documents answer, and the answer lines the
documents give for codes, measurements and "can I…" questions, end to end (real MiniLM, real
Chroma, trained router, demo store). Nothing here executes an action."""

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


def test_a_warranty_question_and_a_how_to_are_both_answered(assistant: Assistant) -> None:
    state = signed_in(assistant, "sam.patel@example.com")
    reply = assistant.reply(
        state, "when does the warranty on my headphones end, and how do I reset them?"
    )
    assert "January 19, 2027" in reply.text  # from the warranty tool, not the documents
    assert "10 seconds" in reply.text  # the reset, from the manual
    assert reply.escalation is None


def test_a_status_question_and_an_action_the_proposal_comes_last(assistant: Assistant) -> None:
    state = signed_in(assistant, "jordan.rivera@example.com")
    reply = assistant.reply(
        state, "whats the status of my order and can u add socks size large black"
    )
    assert reply.pending_action is not None and reply.pending_action.action == "add_items"
    assert "placed" in reply.text
    assert reply.text.rstrip().endswith('Reply "yes" to confirm.')
    assert not reply.executed_actions


def test_a_second_action_in_the_same_message_is_listed_back(assistant: Assistant) -> None:
    state = signed_in(assistant, "jordan.rivera@example.com")
    reply = assistant.reply(
        state, "add socks size large black to my order and also resend my order confirmation"
    )
    assert reply.pending_action is not None
    assert "One change at a time" in reply.text
    assert not reply.executed_actions


def test_a_short_follow_up_is_read_with_the_question_it_follows(assistant: Assistant) -> None:
    state = assistant.start()
    first = assistant.reply(state, "how long does a full charge of the soundwave pro take?")
    assert "2.5 hours" in first.text
    second = assistant.reply(state, "and if I only have 10 minutes before my train?")
    assert "5 hours" in second.text
    assert "make sure I help with the right thing" not in second.text


def test_a_foot_length_reads_the_size_chart_row(assistant: Assistant) -> None:
    reply = assistant.reply(
        assistant.start(), "My daughter's foot measures 24.4 cm. Which Velo 3 size should I order?"
    )
    assert "size 8" in reply.text and "uk 5.5" in reply.text
    assert any(c.source.endswith("stride-size-chart.csv") for c in reply.citations)


def test_an_error_code_gets_its_own_section_not_its_neighbour(assistant: Assistant) -> None:
    state = signed_in(assistant, "lily.hernandez112@example.com")
    reply = assistant.reply(
        state, "My new kettle shows E1 and stopped heating. What does that mean?"
    )
    assert "Dry boil" in reply.text or "dry-boil" in reply.text
    assert "10 minutes" in reply.text
    assert "Temperature sensor fault" not in reply.text


def test_never_machine_wash_comes_with_what_to_do_instead(assistant: Assistant) -> None:
    reply = assistant.reply(
        assistant.start(), "can i just throw my velo 3s in the washing machine, they're muddy"
    )
    assert "Never put the Velo 3 in a washing machine" in reply.text
    assert "Hand washing:" in reply.text and "sockliners" in reply.text


def test_a_how_to_question_is_not_answered_with_a_fix_for_a_fault(assistant: Assistant) -> None:
    reply = assistant.reply(
        assistant.start(), "how do I turn off the noise cancelling on the soundwave pro?"
    )
    assert "ANC off" in reply.text
    assert "weak" not in reply.text.lower()


def test_a_fault_that_persists_after_own_troubleshooting_is_a_warranty_claim(
    assistant: Assistant,
) -> None:
    state = signed_in(assistant, "lily.hernandez112@example.com")
    reply = assistant.reply(
        state,
        "My kettle keeps showing E2. I unplugged it for 30 seconds, let it cool, filled it above "
        "MIN and tried again, and E2 is back every time. I would like it replaced please.",
    )
    assert reply.escalation is not None and reply.escalation.reason == "warranty_claim"


def test_will_it_work_with_is_answered_not_sold_to(assistant: Assistant) -> None:
    reply = assistant.reply(
        assistant.start(),
        "flying for work next week with two spare BP-F2 batteries. can they go in my checked bag?",
    )
    assert "These accessories work with" not in reply.text
    assert reply.citations
