"""First weeks with a product or a plan, on the real parts (MiniLM, Chroma, trained router, demo
store): the line of the manual for the light the customer sees, and no hand-over for "broken
already??"; what comes after the steps ("and if that doesnt fix it?") with the customer's own
warranty dates, and the same dates when a verified owner asks whether a fault is covered; an
aside does not hide the skip asked beside it; "ok makes sense. yes skip it" executes and "leave
it for now" declines; a skip of a later month is explained, not proposed for the next one; a
monthly plan keeps its day after a short month; how a coffee tastes, or a change only weighed,
is a question for the guides; a cancelled plan says when it ended."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import verified

pytestmark = pytest.mark.integration


def test_the_light_told_is_the_line_of_the_manual(real: Assistant) -> None:
    state = real.start()
    reply = real.reply(
        state,
        "left my z8 in the car all night in the cold. plugged it in and the lamp by the usb "
        "port flashes orange really fast. is it broken?",
    )
    assert "Blinking orange (about twice per second): charging error" in reply.text
    assert reply.text.index("Blinking orange") < reply.text.index("won't turn on")
    assert reply.escalation is None  # a light to read, not a damaged item for a person


def test_a_light_that_stays_one_colour_is_read_as_steady(real: Assistant) -> None:
    state = real.start()
    reply = real.reply(
        state,
        "just opened my soundwave pros and charged them from my laptop, the small light next to "
        "the power button has been orange for about an hour. is something wrong with them?",
    )
    assert reply.text.index("solid amber means charging") < reply.text.index("\n\n")
    assert reply.escalation is None


def test_what_comes_after_the_steps_is_the_owners_warranty(real: Assistant) -> None:
    state = verified(real, "43170", "mia.walker140@example.com")
    steps = real.reply(state, "my soundwave pro right ear is a lot quieter than the left")
    assert "One side is quieter than the other" in steps.text  # the headphones, not the cushions
    after = real.reply(state, "and if that doesnt fix it?")
    assert "warranty matter" in after.text
    assert "12-month warranty that runs until June 27, 2026" in after.text
    assert after.escalation is None and after.pending_action is None


def test_without_an_account_no_dates_are_made_up(real: Assistant) -> None:
    state = real.start()
    real.reply(state, "my soundwave pro right ear is a lot quieter than the left")
    after = real.reply(state, "and if that doesnt fix it?")
    assert "warranty matter" not in after.text and "runs until" not in after.text


def test_a_fault_told_by_an_owner_gets_their_warranty_dates(real: Assistant) -> None:
    state = verified(real, "43100", "diego.shah274@example.com")
    reply = real.reply(
        state,
        "There is a puddle under my Cuisina kettle after every boil. It is filled to 1 liter "
        "and the lid is shut, the water comes from the bottom edge. I have had it since June.",
    )
    assert "Leaks from seams under normal use are covered by the warranty" in reply.text
    assert "24-month (2-year) warranty that runs until June 18, 2027" in reply.text


def test_an_aside_does_not_hide_the_skip_asked(real: Assistant) -> None:
    state = verified(real, "42027", "ava.okafor278@example.com")
    reply = real.reply(
        state,
        "off to lisbon for two weeks (bringing my new headphones, finally). nobody home for the "
        "coffee on the 30th so can you skip that one?",
    )
    assert reply.pending_action is not None
    assert reply.pending_action.action == "skip_next_delivery"


def test_a_short_month_keeps_the_plans_day_after_a_skip(real: Assistant) -> None:
    state = verified(real, "45536", "sophia.kowalski257@example.com")
    preview = real.reply(state, "please skip my next coffee delivery")
    assert "February has no day 30" in preview.text
    assert "the one after is on Monday, March 30" in preview.text
    done = real.reply(state, "ok makes sense. yes skip it")  # understood, then the go-ahead
    assert [a.action for a in done.executed_actions] == ["skip_next_delivery"]
    again = real.reply(state, "actually skip the february one too")
    assert again.pending_action is not None
    assert "will be on Monday, March 30" in again.text  # not March 28: the plan's own day


def test_leave_it_for_now_declines(real: Assistant) -> None:
    state = verified(real, "45536", "sophia.kowalski257@example.com")
    assert real.reply(state, "skip my next coffee please").pending_action is not None
    reply = real.reply(state, "hmm ok i'll think about it and do it later. leave it for now")
    assert reply.pending_action is None and not reply.executed_actions


def test_a_later_month_is_explained_not_proposed(real: Assistant) -> None:
    state = verified(real, "44048", "emma.clark65@example.com")
    assert real.reply(state, "can you skip my coffee").pending_action is not None
    reply = real.reply(
        state,
        "no wait, not that one. i want the january bag. its the february one i won't be home for",
    )
    assert reply.pending_action is None and not reply.executed_actions
    assert "I can only skip the next delivery" in reply.text
    assert "Thursday, February 26" in reply.text  # the last day to skip the February one


def test_how_a_plans_coffee_tastes_is_a_question_for_the_guides(real: Assistant) -> None:
    state = verified(real, "45536", "sophia.kowalski257@example.com")
    reply = real.reply(
        state,
        "the coffee from my club tastes really bitter in my french press, i pour boiling water "
        "and wait 6 minutes. what am i doing wrong",
    )
    assert reply.pending_action is None
    assert "OOLONG (185 °F)" in reply.text


def test_a_change_only_weighed_gets_its_question_answered(real: Assistant) -> None:
    state = real.start()
    reply = real.reply(
        state,
        "im thinking of switching my coffee club to the decaf. is it really caffeine free?",
    )
    assert reply.pending_action is None
    assert "99.9% caffeine-free" in reply.text
    assert "order number" not in reply.text  # nothing of the account is needed to answer


def test_a_cancelled_plan_says_when_it_ended(real: Assistant) -> None:
    state = verified(real, "42649", "daniel.moore41@example.com")
    reply = real.reply(state, "is my coffee club still active? not sure i ever stopped it")
    assert "was cancelled on Friday, October 17, 2025" in reply.text  # 8 pm ET
    assert "cannot be reactivated" in reply.text  # the policy's own words on coming back
    assert "I can skip it" not in reply.text  # nothing to skip on a cancelled plan


def test_arriving_by_a_day_is_set_against_the_estimate(real: Assistant) -> None:
    state = verified(real, "47204", "mason.chen79@example.com")
    real.reply(state, "did my camera order go through?")
    reply = real.reply(state, "will it get here by friday? its for my sisters wedding")
    assert "Friday, January 23" in reply.text
    assert "business days after it ships" in reply.text  # the method's own transit days
    assert "send that on its own" not in reply.text  # the day asked is answered


def test_a_german_skip_with_dates_in_it(real: Assistant) -> None:
    state = verified(real, "42027", "ava.okafor278@example.com")
    reply = real.reply(
        state,
        "Hallo! Wir sind vom 20. bis 31. Januar verreist. Kann die Kaffeelieferung im Januar "
        "bitte ausfallen?",
    )
    assert reply.pending_action is not None
    assert reply.pending_action.action == "skip_next_delivery"
