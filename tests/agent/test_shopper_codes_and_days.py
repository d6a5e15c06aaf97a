"""Codes, days and products told in passing, on the real parts (MiniLM, Chroma, trained router,
demo store): a day asked about right after the cutoff's answer ("and what if i only get to it on
the 10th?") is measured against the same delivery; a question about a product the message named
earlier ("…got the precision kettle. can i keep it on HOLD all day?") is about that product, not
the Coffee Club, even when a brand's word ("coffee bar") is said in passing; a code the customer
quotes in a product question gets its own section; a skip's preview says why the next delivery
falls when it does."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import verified

pytestmark = pytest.mark.integration


def test_a_day_asked_after_the_cutoff_is_measured_against_the_same_delivery(
    real: Assistant,
) -> None:
    state = real.start()
    first = real.reply(
        state,
        "by when do i have to change the grind on my next club bag? it's due wednesday the 11th "
        "of february",
    )
    assert "Monday, February 9" in first.text
    late = real.reply(state, "and what if i only get to it on the 10th?")
    assert "Tuesday, February 10 is too late" in late.text
    assert "the delivery after it" in late.text
    assert "order number" not in late.text  # a question about the rule: no account needed
    early = real.reply(state, "what about the 8th then?")
    assert "Sunday, February 8 is still in time" in early.text


def test_a_question_about_a_product_named_before_is_not_about_the_club(real: Assistant) -> None:
    state = real.start()
    reply = real.reply(
        state,
        "we have a small coffee bar at the office and i just got the cuisina precision kettle for "
        "it. can i leave it on HOLD from 8 till 5 so its always hot? also yesterday it gave one "
        "long beep and switched off, is that a fault?",
    )
    assert "Coffee Club" not in reply.text and "skip" not in reply.text.lower()
    assert "60-minute hold has ended" in reply.text
    assert "Kettle" in reply.text and "Roast" not in reply.text


def test_a_code_quoted_in_a_question_gets_its_own_section(real: Assistant) -> None:
    state = real.start()
    reply = real.reply(
        state,
        "hello, my cuisina kettle is two weeks old. since this morning the ring flashes red and "
        "E3 is on the display, i had put a little mat under it because the counter gets wet. "
        "what now, is it broken?",
    )
    assert "E3: Base connection error" in reply.text
    assert "tea towel" in reply.text


def test_a_skip_preview_says_why_the_next_delivery_falls_then(real: Assistant) -> None:
    state = verified(real, "48798", "ravi.miller12@example.com")
    reply = real.reply(state, "please skip my next decaf delivery")
    assert reply.pending_action is not None
    assert "It comes every 2 months, so your next delivery" in reply.text
    doubt = real.reply(state, "wait why that late? i'm not charged in march then?")
    assert doubt.executed_actions == []
    assert "every 2 months" in doubt.text and "no charge" in doubt.text


def test_a_charge_asked_about_is_the_plans_delivery(real: Assistant) -> None:
    state = verified(real, "48655", "diego.smith223@example.com")
    reply = real.reply(
        state, "there's $37.09 on my visa from you from november, what could that be for?"
    )
    assert "#48655" in reply.text and "a delivery of your Coffee Club subscription" in reply.text
    assert reply.escalation is None


def test_a_faster_method_for_a_parcel_on_its_way_is_answered_not_handed_over(
    real: Assistant,
) -> None:
    state = verified(real, "46849", "abigail.thomas53@example.com")
    reply = real.reply(
        state, "can you upgrade the shoes to express shipping? i need them for a race on saturday"
    )
    assert "#46849" in reply.text and "already shipped" in reply.text
    assert reply.escalation is None


def test_a_parcel_feared_stolen_gets_what_to_do_if_it_is_not_there(real: Assistant) -> None:
    state = verified(real, "47033", "evelyn.kowalski26@example.com")
    first = real.reply(state, "where's my grinder at?")
    assert "FedEx" in first.text
    worried = real.reply(state, "and what if they leave it by the door and it gets stolen?")
    assert "48 hours" in worried.text
