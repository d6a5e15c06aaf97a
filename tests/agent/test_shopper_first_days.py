"""The first days with a product and its first bill, on the real parts (MiniLM, Chroma, trained
router, demo store): the limit for an amount the customer states ("the battery is at 40%") is
quoted; "what if it's still there next wed" after the steps for a double charge gets that
step's own line; "can i add a decaf bag to that one" after the plan's news gets the plan's
price and deadline; "ok moved it inside. can my sister watch it…" asks only the new question;
an Italian question about a camera's own cloud plan is the manual's, not the store's plan's."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import verified

pytestmark = pytest.mark.integration


def test_the_limit_for_the_amount_the_customer_states_is_quoted(real: Assistant) -> None:
    reply = real.reply(
        real.start(),
        "oi! quero fazer o update do firmware da minha Z8 pelo cartão SD mas a bateria tá em "
        "40%, dá pra fazer assim mesmo? qual o passo a passo",
    )
    assert "at least 50%" in reply.text
    assert "Firmware Update" in reply.text  # and the steps


def test_what_if_after_the_steps_gets_that_steps_line(real: Assistant) -> None:
    state = verified(real, "47035", "daniel.moore41@example.com")
    real.reply(
        state,
        "bank app shows 95.15 twice from u guys for my cam+plug order n one says pending. did i "
        "get charged twice??",
    )
    reply = real.reply(state, "ok what if its still there next wed")
    assert "still there after 5 business days" in reply.text
    assert "billing specialist" in reply.text
    assert "tracking number" not in reply.text  # not the parcel
    assert reply.escalation is None


def test_a_bag_more_on_the_plan_gets_its_price_and_deadline(real: Assistant) -> None:
    state = verified(real, "48676", "hiro.jackson241@example.com")  # 2 bags, next Feb 23
    real.reply(state, "when is my next coffee")
    reply = real.reply(state, "k thx. can i add a decaf bag to that one n how much wld it be then")
    assert "3 bags per delivery: $49.99" in reply.text
    assert "Saturday, February 21" in reply.text
    assert "already delivered" not in reply.text  # not an order to add to
    assert not reply.executed_actions and reply.pending_action is None


def test_the_advice_done_then_a_new_question_asks_only_that(real: Assistant) -> None:
    state = real.start()
    real.reply(
        state,
        "homely cam is on the windowsill facing the driveway n at night the video is just "
        "white/foggy. daytime is fine",
    )
    reply = real.reply(
        state,
        "ugh ok moved it inside facing the front door. can my sister watch it on her phone too "
        "she lives w us",
    )
    assert "Sharing" in reply.text and "invite" in reply.text


def test_a_cameras_own_cloud_plan_is_answered_from_its_manual(real: Assistant) -> None:
    reply = real.reply(
        real.start(),
        "ciao! ho la homely indoor cam, tra poco finisce la free trial di homely cloud. se "
        "faccio il reso della camera si cancella anche l'abbonamento? e come si disdice?? grazie",
    )
    assert "does not cancel the subscription" in reply.text
    assert "Profile > Homely Cloud" in reply.text
    assert "Coffee Club" not in reply.text


def test_another_products_name_is_no_error_code(real: Assistant) -> None:
    reply = real.reply(
        real.start(),
        "just got the trailpoint sling and i'm hoping it can be my only bag for a wedding "
        "saturday. will the z8 go in with my 70-200 2.8 already on it? and does my 13 inch "
        "laptop fit in the back sleeve?",
    )
    assert "13-inch laptop" in reply.text
    assert "Sensor damage" not in reply.text
    assert not any(c.arguments.get("query") == "Z8 error" for c in reply.tool_calls)


def test_a_puffy_battery_gets_the_safety_line_first(real: Assistant) -> None:
    state = verified(real, "42619", "leo.clark164@example.com")
    reply = real.reply(
        state,
        "my spare bp-f2 (bought it last may together with running shoes, weird combo i know) "
        "looks puffy. it doesn't slide into the z8 easily anymore and it got really warm "
        "charging in the camera last night. is it safe?? can i get it replaced",
    )
    assert reply.text.startswith("For your safety, first")
    assert "stop using it" in reply.text and "non-flammable" in reply.text
    assert reply.escalation is not None


def test_what_happens_next_is_answered_beside_how_long(real: Assistant) -> None:
    reply = real.reply(
        real.start(),
        "set up the homely indoor cam in my workshop, put a 128gb micro sd in it and switched it "
        "to continuous recording. how many days does that hold before it's full, and then what, "
        "does it just stop recording?",
    )
    assert "about 9 days" in reply.text
    assert "the oldest recordings are overwritten" in reply.text
    assert reply.text.index("overwritten") < reply.text.index("1. ")  # the answers first
