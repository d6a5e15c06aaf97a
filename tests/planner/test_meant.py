"""Corrections of the last question: "sorry no i meant the kettle" (the product) and "oops im a 9
not a 10" (a value in it): the question is asked again with what the customer meant."""

from __future__ import annotations

from datetime import UTC, datetime

from assistant.agent.context import TurnContext
from assistant.agent.messages import Message
from assistant.agent.state import ConversationState
from assistant.intents import Intent
from assistant.planner import meant
from assistant.settings import Settings
from tests.support import pack_view


def _ctx(text: str, asked: str, previous: Intent) -> TurnContext:
    state = ConversationState(conversation_id="c")
    state.messages = [Message("user", asked), Message("assistant", "…"), Message("user", text)]
    state.intents = [previous]
    return TurnContext(
        state=state,
        text=text,
        intent=Intent.PRODUCT_QUESTION,
        confidence=0.29,
        ranked=[(Intent.PRODUCT_QUESTION, 0.29)],
        now=datetime(2026, 1, 20, tzinfo=UTC),
        settings=Settings(environment="test"),
        shop=pack_view(),
    )


def test_a_corrected_value_asks_the_last_question_again_with_it() -> None:
    ctx = _ctx(
        "oops sorry, im a 9 not a 10", "which sock size goes with a womens 10?", Intent.ACCESSORIES
    )
    assert meant.value_correction(ctx)
    assert (ctx.text, ctx.intent) == ("which sock size goes with a womens 9?", Intent.ACCESSORIES)
    assert ctx.confidence >= 0.8


def test_a_value_the_last_question_lacks_or_an_action_is_not_corrected() -> None:
    absent = _ctx("im a 9 not a 10", "which sock size for a womens 8?", Intent.ACCESSORIES)
    assert not meant.value_correction(absent)
    action = _ctx("2 not 3", "pause my coffee for 3 deliveries", Intent.SUBSCRIPTION_PAUSE)
    assert not meant.value_correction(action)  # an action's change is read by its own handler
    long = _ctx(
        "well the thing is that honestly i think i might be a 9 not a 10 these days",
        "which sock size for a womens 10?",
        Intent.ACCESSORIES,
    )
    assert not meant.value_correction(long)


def test_a_labelled_value_corrected_in_passing_replaces_the_same_label() -> None:
    ctx = _ctx(
        "sorry, I checked my trainers, I'm actually a UK 6",
        "I'm a UK 5, which US size of the Velo 3 would that be?",
        Intent.PRODUCT_QUESTION,
    )
    assert meant.value_correction(ctx)
    assert ctx.text == "I'm a UK 6, which US size of the Velo 3 would that be?"
    unrelated = _ctx(
        "sorry, one more thing: order 47001", "I'm a UK 5, which size?", Intent.PRODUCT_QUESTION
    )
    assert not meant.value_correction(unrelated)  # no label of the question is corrected


def test_i_meant_x_not_y_asks_about_x() -> None:
    from assistant.planner.slots import extract_slots

    ctx = _ctx(
        "oops sorry i meant the hard travel case not the cushions",
        "how long is the warranty on the soundwave replacement ear cushions",
        Intent.WARRANTY_INFO,
    )
    slots = extract_slots(ctx.text, ctx.shop)
    assert meant.product_correction(ctx, slots)
    assert ctx.state.focus_sku == "AUR-SWP-CASE" and "cushions" not in ctx.text


def test_a_corrected_amount_replaces_the_amount_in_that_unit() -> None:
    ctx = _ctx(
        "wait no, i meant 15 g for the aeropress",
        "what time should i set on the grinder dial for an 18 g espresso dose",
        Intent.PRODUCT_QUESTION,
    )
    assert meant.value_correction(ctx)
    assert "15 g" in ctx.text and "18 g" not in ctx.text and ctx.text.endswith("aeropress")
    other_unit = _ctx("sorry i meant 15 g", "how long to brew 500 ml", Intent.PRODUCT_QUESTION)
    assert not meant.value_correction(other_unit)


def test_a_hyphenated_value_is_corrected_and_the_reason_after_it_is_not_read() -> None:
    ctx = _ctx(
        "sorry, I meant the 2-bag plan, there's only room for 2 bags in the truck",
        "What does it work out to per bag on the 3-bag plan?",
        Intent.PRODUCT_QUESTION,
    )
    assert meant.value_correction(ctx)
    assert ctx.text == "What does it work out to per bag on the 2-bag plan?"


def test_the_product_a_question_lacked_is_added_to_it() -> None:
    from assistant.planner.slots import extract_slots

    asked = "the recital videos came out really quiet. how do i turn up the microphone?"
    ctx = _ctx("oh sorry, it's the lumora z8", asked, Intent.PRODUCT_QUESTION)
    ctx.state.focus_sku = "LUM-Z8-BODY"  # the first answer was already the camera's
    assert meant.product_correction(ctx, extract_slots(ctx.text, ctx.shop))
    assert ctx.text.startswith(asked) and "Z8" in ctx.text
    named = _ctx(
        "oh sorry, it's the lumora z8", "how do i pair the soundwave pro?", Intent.SETUP_HELP
    )
    named.state.focus_sku = "LUM-Z8-BODY"
    assert meant.product_correction(named, extract_slots(named.text, named.shop))  # replaced
    assert "soundwave" not in named.text.lower()


def test_a_number_of_any_unit_is_corrected_after_an_opening_apology() -> None:
    ctx = _ctx(
        "oh wait sorry, i checked and i'm recording at 400 mbps long gop",
        "how many minutes of 4k fit on the kestrel 128gb card at 200 mbps?",
        Intent.PRODUCT_QUESTION,
    )
    assert meant.value_correction(ctx)
    assert ctx.text == "how many minutes of 4k fit on the kestrel 128gb card at 400 mbps?"
