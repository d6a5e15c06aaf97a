from __future__ import annotations

import pytest

from assistant.metrics.signals import acknowledgment, last_acknowledgment, topic_of
from tests.metrics.records import conversation, turn


@pytest.mark.parametrize(
    ("text", "ack"),
    [
        ("Thanks, that worked!", "positive"),
        ("it works now", "positive"),
        ("perfect, problem solved", "positive"),
        ("thank you", "positive"),
        ("ok thanks", "positive"),
        ("That didn't help", "negative"),
        ("still not working", "negative"),
        ("thanks but it still doesn't pair", "negative"),
        ("same problem as before", "negative"),
        ("where is my order?", None),
        ("thanks, can you also tell me where my other order is and when it will arrive", None),
    ],
)
def test_acknowledgments(text: str, ack: str | None) -> None:
    assert acknowledgment(text) == ack


def test_last_acknowledgment_ignores_the_opening_message() -> None:
    conv = conversation("c", turn("my headphones didn't pair"), turn("ok tried it"))
    assert last_acknowledgment(conv) is None
    conv = conversation("c", turn("pairing fails"), turn("didn't work"), turn("that worked!"))
    assert last_acknowledgment(conv) == "positive"


def test_topic_skips_greetings() -> None:
    assert topic_of(("greeting", "tracking")) == "order"
    assert topic_of(("setup_help",)) == "setup"
    assert topic_of(("greeting",)) == "other"
    assert topic_of(()) == "other"
