"""Product questions from the blind dev19 split and a stranger's try, answered by the real
planner over the real index (MiniLM, Chroma) and the demo store: the product a question is about
when it names two, a sentence that needs the one before it, "same with those?" after an answer,
and a message whose parts take more looking up than one turn allows."""

from __future__ import annotations

import pytest

from assistant.planner.answered import ASIDE_LEAD
from assistant.planner.planner import STEP_CAP
from assistant.runtime import Assistant

pytestmark = pytest.mark.integration


def test_a_card_asked_about_in_a_named_camera_is_answered_from_the_cameras_manual(
    real: Assistant,
) -> None:
    reply = real.reply(
        real.start(), "got a 128gb microsd lying around, will that work in the homely indoor cam?"
    )
    assert "256 GB" in reply.text
    assert "This guide covers" not in reply.text  # not the card's introduction
    assert any("Indoor Cam" in c.title for c in reply.citations)


def test_a_holiday_question_quotes_the_days_and_what_happens_on_them(real: Assistant) -> None:
    reply = real.reply(
        real.start(),
        "wat if the coffe club date lands on thanksgiving, do i still get charged that day?",
    )
    answer = reply.text.split(ASIDE_LEAD, 1)[0]  # the answer itself, not an aside
    assert "Thanksgiving" in answer and "next day" in answer


def test_a_message_that_needs_many_searches_still_gets_its_answer(real: Assistant) -> None:
    reply = real.reply(
        real.start(),
        "quick one - my gimbal tops out at 1.2kg payload and i need to work out which lens i can "
        "put on the lumora z8. how much does the z8 weigh by itself, no lens?",
    )
    assert "640 g" in reply.text and reply.text != STEP_CAP


@pytest.mark.parametrize(
    ("first", "then", "fact"),
    [
        (
            "How many shots should I get from one charge on the Lumora Z8?",
            "I still have two BP-F1 batteries from my old Lumora body. Same with those?",
            "340 shots",
        ),
        (
            "how often am i supposed to descale the cuisina kettle?",
            "hmm we're in phoenix, the water is basically liquid rock, i see white flakes after "
            "like 5 days. still the same?",
            "every 2 weeks",
        ),
    ],
)
def test_same_with_those_asks_the_question_before_of_what_the_message_tells(
    real: Assistant, first: str, then: str, fact: str
) -> None:
    state = real.start()
    real.reply(state, first)
    reply = real.reply(state, then)
    assert fact in reply.text.split(ASIDE_LEAD, 1)[0]
    assert reply.intent == "product_question"
