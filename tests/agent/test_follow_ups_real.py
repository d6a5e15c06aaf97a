"""Follow-ups and second messages as shoppers send them (real MiniLM, real Chroma, trained
router, demo store): a what-if about normal use, a follow-up with its own question after an
"ok", a follow-up naming another product of the same kind, a question about whether a sound is
good or bad from someone who named no product, and a registration of a second unit bought on
another order."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant

pytestmark = pytest.mark.integration


def test_what_happens_when_the_card_fills_up_is_answered_not_troubleshot(
    real: Assistant,
) -> None:
    reply = real.reply(
        real.start(),
        "our homely indoor cam records around the clock onto a 128gb card. what happens once "
        "the card is full, does recording just stop?",
    )
    assert "oldest recordings are overwritten" in reply.text


def test_a_follow_up_with_its_own_question_after_ok_reads_with_what_it_follows(
    real: Assistant,
) -> None:
    state = real.start()
    real.reply(state, "can I update my lumora z8 firmware with the lumora link app on my phone?")
    reply = real.reply(state, "ok. and how long does the transfer take?")
    assert "3 minutes" in reply.text


def test_the_other_product_named_in_a_follow_up_is_the_one_answered(real: Assistant) -> None:
    state = real.start()
    first = real.reply(state, "Where do the beans in the Swiss Water Decaf come from?")
    assert "Cauca" in first.text and "Yirgacheffe" not in first.text
    reply = real.reply(state, "nice. and the breakfast blend?")
    assert "Guatemala" in reply.text


def test_is_that_good_or_bad_without_a_product_is_answered_not_handed_over(
    real: Assistant,
) -> None:
    reply = real.reply(real.start(), "it just beeped 3 times and went quiet. is this good or bad?")
    assert reply.escalation is None


def test_a_serial_to_register_goes_to_the_unit_not_registered_yet(real: Assistant) -> None:
    state = real.start()
    real.reply(state, "order 45884, email harper.lee190@example.com")
    reply = real.reply(state, "please register my homely cam, serial HMC-0B4D7E21")
    assert "#45412" in reply.text and "Shall I register it?" in reply.text
