"""Moving a subscription's next delivery to another day, as shoppers ask it (real MiniLM, real
Chroma, trained router, demo store, whose policy allows 3 to 90 days ahead). Today is Tuesday,
January 20, 2026; Alex's Coffee Club delivery is due on Sunday, February 15, monthly."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.commerce.schemas import SubscriptionPublic
from assistant.runtime import Assistant
from tests.agent.conftest import signed_in

pytestmark = pytest.mark.integration


def _next_delivery(real: Assistant, state: object) -> date | None:
    subs: list[SubscriptionPublic] = real.backend.list_subscriptions(state.customer)  # type: ignore[attr-defined]
    return subs[0].next_delivery_date


def test_push_back_a_week_is_previewed_and_done_only_after_yes(real: Assistant) -> None:
    state = signed_in(real, "alex.kim@example.com")
    preview = real.reply(state, "ok cool thx. actually can u just push my next one back a week")
    assert "February 15 to Sunday, February 22" in preview.text
    assert "March 22" in preview.text  # the ones after follow the frequency from the new day
    assert not preview.executed_actions and state.pending is not None
    assert _next_delivery(real, state) == date(2026, 2, 15)
    done = real.reply(state, "yes go ahead")
    assert [a.action for a in done.executed_actions] == ["change_next_date"]
    assert _next_delivery(real, state) == date(2026, 2, 22)


def test_sooner_without_a_day_asks_which_day_within_the_window(real: Assistant) -> None:
    state = signed_in(real, "alex.kim@example.com")
    asked = real.reply(state, "could my next coffee club bag come sooner? running low")
    assert "Friday, January 23" in asked.text and "Monday, April 20" in asked.text
    assert state.pending is None
    preview = real.reply(state, "friday please")
    assert state.pending is not None and "to Friday, January 23" in preview.text
    declined = real.reply(state, "actually no, leave it")
    assert not declined.executed_actions and state.pending is None


def test_another_day_while_the_move_waits_is_previewed_anew(real: Assistant) -> None:
    state = signed_in(real, "alex.kim@example.com")
    real.reply(state, "move my next coffee delivery to friday")
    assert state.pending is not None and "to Friday, January 23" in state.pending.preview.summary
    again = real.reply(state, "no make it the saturday after")
    assert not again.executed_actions and "to Saturday, January 24" in again.text
    assert "nothing was changed" not in again.text  # the same action, with the new day
    done = real.reply(state, "yes")
    assert [a.action for a in done.executed_actions] == ["change_next_date"]
    assert _next_delivery(real, state) == date(2026, 1, 24)
    later = real.reply(state, "where is my order from friday?")  # a new request, not a day
    assert state.pending is None and not later.executed_actions


def test_a_day_outside_the_window_is_refused_with_the_window(real: Assistant) -> None:
    state = signed_in(real, "alex.kim@example.com")
    refused = real.reply(state, "can you move my next coffee delivery to tomorrow?")
    assert state.pending is None and not refused.executed_actions
    assert "January 23" in refused.text and "April 20" in refused.text


def test_asked_before_verification_the_rule_comes_from_the_policy_with_an_offer(
    real: Assistant,
) -> None:
    state = real.start()
    reply = real.reply(state, "running low on beans.. can I get my next coffee club bag sooner?")
    assert reply.text.startswith("Yes: your next delivery can move to any day from 3 to 90 days")
    assert "do it for you" in reply.text and state.pending is None
    assert reply.citations  # the store's documents follow the rule
