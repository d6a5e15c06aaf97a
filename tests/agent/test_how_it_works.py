"""A question about what happens in a case, asked before any verification, is answered from
the store's policy with the offer to look at the customer's own order; a request about the
customer's own order still asks for verification (real MiniLM, real Chroma, trained router,
demo store)."""

from __future__ import annotations

import pytest

from assistant.planner.common import ASK_VERIFICATION
from assistant.planner.how_it_works import _WHAT_IF
from assistant.runtime import Assistant

OFFER = "If you'd like me to look at your order"
CHRISTMAS = "what happens with my coffee club delivery if the delivery date falls on christmas day?"


@pytest.mark.parametrize(
    "text",
    [
        "what happens to my coffee delivery if the date is a holiday?",
        "if the parcel says delivered but it isn't there, what should I do?",
        "what happened, if I am not at home?",  # a glossed "Was passiert, wenn …?"
        "What if nobody signs for it?",
    ],
)
def test_a_case_reads_as_what_if(text: str) -> None:
    assert _WHAT_IF.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "what happened to my order?",  # the customer's own order: it needs a look
        "where is my package",
        "if possible, send it to my office.",  # a condition, not a question
        "my parcel came damaged, what should I do?",  # the customer's own case: their order
        "what happens now with my refund?",
    ],
)
def test_a_request_is_not_a_what_if(text: str) -> None:
    assert not _WHAT_IF.search(text)


@pytest.mark.integration
@pytest.mark.parametrize(
    "text",
    [
        "what happens with my coffee club box if the delivery date lands on new year's day?",
        "Hallo, wat gebeurt er met mijn Coffee Club levering als die op eerste kerstdag valt?",
    ],
)
def test_what_happens_on_a_holiday_is_answered_from_the_policy(real: Assistant, text: str) -> None:
    reply = real.reply(real.start(), text)
    assert "next day" in reply.text
    assert ASK_VERIFICATION not in reply.text
    assert reply.citations


@pytest.mark.integration
def test_a_question_about_the_own_order_still_asks_for_verification(real: Assistant) -> None:
    reply = real.reply(real.start(), "what happened to my order? it should be here by now")
    assert ASK_VERIFICATION in reply.text
    assert OFFER not in reply.text


@pytest.mark.integration
def test_a_further_question_after_the_offer_is_answered_too(real: Assistant) -> None:
    state = real.start()
    first = real.reply(state, CHRISTMAS)
    assert OFFER in first.text
    again = real.reply(state, "and is the one after that moved as well?")
    assert ASK_VERIFICATION not in again.text
    assert again.citations


@pytest.mark.integration
def test_yes_to_the_offer_asks_for_the_order_and_email(real: Assistant) -> None:
    state = real.start()
    real.reply(state, CHRISTMAS)
    reply = real.reply(state, "ok yes please do that")
    assert reply.text == ASK_VERIFICATION
    assert state.awaiting_verification
    assert state.deferred_text is not None and "christmas" in state.deferred_text


@pytest.mark.integration
def test_a_supposed_change_of_frequency_gives_the_dates_from_the_day_named(
    real: Assistant,
) -> None:
    reply = real.reply(
        real.start(),
        "my coffee club comes monthly and the next one is feb 9. if i change it to every 2 "
        "months, when do the ones after that come? does the feb one move?",
    )
    assert "stays on Monday, February 9" in reply.text
    assert "April 9" in reply.text and "June 9" in reply.text
    assert "February 7" in reply.text  # the store's cutoff, 2 days before
    assert reply.pending_action is None and ASK_VERIFICATION not in reply.text
    plain = real.reply(real.start(), "can you change my coffee club to every 2 months?")
    assert "stays on" not in plain.text  # a request, no day named: verification first


@pytest.mark.integration
def test_the_last_day_for_changes_is_worked_out_from_the_corrected_day(real: Assistant) -> None:
    reply = real.reply(
        real.start(),
        "whens the last day i can switch the grind on my next coffee club box? it comes friday "
        "the 30th. oh wait sorry its thursday the 29th",
    )
    assert "Thursday, January 29" in reply.text and "Tuesday, January 27" in reply.text
    assert ASK_VERIFICATION not in reply.text
