"""Subscription changes asked in shoppers' words from the blind dev18 split (real MiniLM, real
Chroma, trained router, demo store): a skip asked along with when the next delivery comes, a skip
in other words, and "just cancel it" after a pause longer than the store allows."""

from __future__ import annotations

import pytest

from assistant.agent.clauses import RoutedClause
from assistant.intents import Intent
from assistant.planner.subscriptions import change_too
from assistant.runtime import Assistant
from tests.agent.conftest import signed_in


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("when is my next coffee coming? whenever it is, skip it", Intent.SUBSCRIPTION_SKIP),
        ("can you leave out just the next shipment?", Intent.SUBSCRIPTION_SKIP),
        ("when's the next bag? pause it for now", Intent.SUBSCRIPTION_PAUSE),
        ("when is my next coffee coming?", None),
        ("if I skip, when does the next one come?", None),
    ],
)
def test_a_change_asked_with_when(text: str, intent: Intent | None) -> None:
    assert change_too(text) is intent


def test_a_change_asked_of_us_in_a_later_clause() -> None:
    clauses = [
        RoutedClause("whens my next coffee coming", Intent.SUBSCRIPTION_SKIP, 0.34),
        RoutedClause("can u make it decaf this time", Intent.SUBSCRIPTION_SWAP, 0.46),
    ]
    text = "whens my next coffee coming and can u make it decaf this time"
    assert change_too(text, clauses) is Intent.SUBSCRIPTION_SWAP
    assert change_too(text, clauses[:1]) is None  # the question alone changes nothing
    said = RoutedClause("i switched to decaf last month", Intent.SUBSCRIPTION_SWAP, 0.5)
    told = [clauses[0], said]
    assert change_too("whens my next coffee coming, i switched to decaf last month", told) is None


@pytest.mark.integration
def test_when_it_comes_and_make_it_decaf_previews_the_swap_and_no_keeps_it(
    real: Assistant,
) -> None:
    state = signed_in(real, "grace.nguyen101@example.com")
    asked = real.reply(state, "hiya, whens my next coffe coming and can u make it decaf this time")
    assert "January 27" in asked.text and "Decaf" in asked.text
    assert state.pending is not None and state.pending.request.action == "swap_product"
    kept = real.reply(state, "hmm actually no keep it as is, sorry")
    assert state.pending is None and not kept.executed_actions


@pytest.mark.integration
def test_when_it_comes_and_skip_it_whenever_it_is_previews_the_skip(real: Assistant) -> None:
    state = signed_in(real, "amelia.davis138@example.com")
    reply = real.reply(state, "when is my next coffee coming? whenever it is, skip it")
    assert "January 27" in reply.text and "February 27" in reply.text
    assert state.pending is not None and state.pending.request.action == "skip_next_delivery"


@pytest.mark.integration
def test_just_cancel_it_after_a_too_long_pause_is_the_subscription(real: Assistant) -> None:
    state = signed_in(real, "james.harris131@example.com")
    asked = real.reply(state, "Can I pause my coffee club for 6 months? off caffeine for a while")
    assert "up to 3 deliveries" in asked.text and state.pending is None
    real.reply(state, "ok then just cancel it, I'll sign up again later")
    assert state.pending is not None
    assert state.pending.request.action == "cancel_subscription"
