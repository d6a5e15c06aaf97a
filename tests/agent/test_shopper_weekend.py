"""What the first runs of four more blind shopper splits (dev41-dev44) and the last ones left
open showed, on the real parts (MiniLM, Chroma, trained router, demo store): a model code typed
without its hyphen; what the customer tells after a fix is a line of that fix ("no light at
all"); a subscription to switch back on (cancelled: what the documents say instead; paused: the
day it restarts, previewed); "what size do I get him?" is advice, not the order's record; "can
I stick it back on?" is about the item, not a return."""

from __future__ import annotations

import pytest

from assistant.runtime import Assistant
from tests.agent.conftest import signed_in, verified

pytestmark = pytest.mark.integration


def test_a_code_typed_without_its_hyphen_and_a_light_told_after_the_fix(real: Assistant) -> None:
    state = verified(real, "43097", "ravi.anderson176@example.com")  # owns the RS-2 and a Z8
    first = real.reply(state, "the rs2 blinks amber every time and my z8 just ignores it")
    assert "6.5 Troubleshooting the RS-2" in first.text
    reply = real.reply(state, "the camera is on and right beside it. now there's no light at all")
    assert "No LED at all" in reply.text and "CR2032" in reply.text
    assert "counterclockwise" in reply.text  # the battery section the line points to
    assert "Pairing with the Z8" not in reply.text


def test_a_new_router_after_the_offline_fix_is_the_reset_line_with_its_steps(
    real: Assistant,
) -> None:
    state = verified(real, "41955", "samuel.lee6@example.com")
    real.reply(state, "plug says offline and the led is slowly blinking amber")
    reply = real.reply(state, "we changed internet company, so new router and a new wifi password")
    assert "If you changed the Wi-Fi name or password" in reply.text
    assert "6 seconds" in reply.text


def test_a_cancelled_subscription_cannot_be_switched_back_on(real: Assistant) -> None:
    state = signed_in(real, "daniel.lewis103@example.com")
    reply = real.reply(state, "my dark roast used to come every month. can you turn it back on?")
    assert "was cancelled on" in reply.text and "December 31" in reply.text
    assert "reactivated" in reply.text and "new subscription" in reply.text
    assert reply.pending_action is None


def test_a_paused_subscription_restarted_on_a_day_is_previewed_and_can_be_declined(
    real: Assistant,
) -> None:
    state = signed_in(real, "lily.murphy71@example.com")  # paused until March 27
    asked = real.reply(state, "can you restart my coffee? i'd like the next one on feb 2")
    assert asked.pending_action is not None
    assert asked.pending_action.action == "change_next_date"
    assert "End the pause" in asked.text and "February 2" in asked.text
    reply = real.reply(state, "hmm no, leave it paused after all")
    assert reply.pending_action is None and reply.executed_actions == []
    paused = real.reply(state, "could you start my subscription up again?")
    assert "paused" in paused.text and "March 27" in paused.text


def test_what_size_to_get_someone_is_the_size_chart_not_the_order(real: Assistant) -> None:
    state = verified(real, "42783", "carlos.white57@example.com")
    reply = real.reply(
        state,
        "want to get my dad his own pack of the cushionlite socks. he's a mens 10, what "
        "size do i get him?",
    )
    assert reply.intent != "order_status"
    assert "Large" in reply.text


def test_sticking_a_screen_protector_back_on_is_no_return(real: Assistant) -> None:
    state = verified(real, "42441", "sophia.young127@example.com")  # a $1,899 camera order
    reply = real.reply(
        state,
        "there's a dust bubble under the z8 screen protector i just put on. how do i get it out, "
        "and can i peel it off and stick it back on?",
    )
    assert reply.escalation is None
    assert "dust-removal sticker" in reply.text


def test_a_fault_that_comes_back_after_the_guides_fix_goes_to_a_person(real: Assistant) -> None:
    state = verified(real, "42146", "samuel.thompson213@example.com")
    real.reply(state, "z8 shows 'Shutter error. Restart camera' every few frames")
    reply = real.reply(state, "i pulled the battery out twice already, it just comes back")
    assert reply.escalation is not None and reply.escalation.reason == "warranty_claim"
    assert "If it repeats, stop using the camera" in reply.text
    again = real.reply(state, "ok yes please go ahead with the claim")
    assert "already passed this conversation" in again.text
    assert "2 business days" in again.text  # what happens next, from the store's hand-over rules


def test_do_you_sell_them_gets_the_catalogue_price_and_the_colour_from_the_documents(
    real: Assistant,
) -> None:
    state = verified(real, "43892", "priya.miller100@example.com")
    reply = real.reply(
        state,
        "the cushions on my soundwave pro are flat as pancakes now. do you sell new ones? any in "
        "white to match?",
    )
    assert "$19.99" in reply.text and "black only" in reply.text
    assert "$249.99" not in reply.text  # not the headphones they own


def test_an_orders_record_and_the_next_delivery_asked_together(real: Assistant) -> None:
    state = verified(real, "48804", "priya.thomas245@example.com")
    reply = real.reply(
        state, "did the box that came last week have my decaf in it? also when's the next one due"
    )
    assert "#48804" in reply.text and "Swiss Water Decaf" in reply.text
    assert "February 21" in reply.text  # the subscription's next delivery, from the account


def test_the_last_day_to_change_a_delivery_on_a_day_named_needs_no_account(
    real: Assistant,
) -> None:
    state = real.start()
    reply = real.reply(state, "by when do i have to skip my coffee if it's due on tuesday feb 10?")
    assert "Sunday, February 8" in reply.text  # the store's 2-day cutoff, worked out
    assert "11:59 pm ET" in reply.text  # the documents' own line
    assert "order number" not in reply.text


def test_a_product_the_answer_names_by_another_models_code_is_not_offered(
    real: Assistant,
) -> None:
    state = verified(real, "43097", "ravi.anderson176@example.com")
    reply = real.reply(state, "do u guys sell a spare battery for the rs 2 remote?")
    assert "CR2032" in reply.text
    assert "$69.99" not in reply.text  # the camera's battery is not the remote's coin cell
