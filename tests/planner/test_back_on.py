"""Which messages ask to switch a subscription back on (no model, no index)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assistant.agent.context import TurnContext
from assistant.agent.state import ConversationState
from assistant.intents import Intent
from assistant.planner.back_on import asks_back_on
from assistant.settings import Settings
from tests.support import pack_view


def _ctx(text: str) -> TurnContext:
    return TurnContext(
        state=ConversationState(conversation_id="c"),
        text=text,
        intent=Intent.PRODUCT_QUESTION,
        confidence=0.3,
        ranked=[(Intent.PRODUCT_QUESTION, 0.3)],
        now=datetime(2026, 1, 20, tzinfo=UTC),
        settings=Settings(environment="test"),
        shop=pack_view(),
    )


@pytest.mark.parametrize(
    ("text", "back_on"),
    [
        ("i cancelled my subscription in the fall, can you switch it back on?", True),
        ("my coffee used to come every month and it just stopped. can you turn it back on?", True),
        ("could you restart my subscription early?", True),
        ("please reactivate my subscription", True),
        ("my subscription's been on pause forever, can u turn it bak on?", True),  # its state
        # a pause asked for, with its end told
        ("hold my subscription for 3 deliveries and start it again after that", False),
        # a question about the pause being previewed
        ("before i say yes, do i have to restart my subscription myself?", False),
        ("how do i restart the camera?", False),  # no subscription
        ("turn the lamp back on at 7", False),
    ],
)
def test_switching_a_subscription_back_on(text: str, back_on: bool) -> None:
    assert asks_back_on(_ctx(text)) is back_on
