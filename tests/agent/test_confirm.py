"""The confirmation reader against QA's table of natural replies to a pending preview
(tests/planner/confirmation_phrases.yaml, written from how shoppers answer, not from the code).

What must hold exactly: a reply confirms if and only if the table says ``confirm`` — never an
execution of anything else. Among the non-confirming outcomes, what matters is whether the
pending action is dropped (decline / another action) or kept and asked about again (doubt / a
question back), so those pairs are accepted for each other where both keep the customer safe."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from assistant.agent.action_naming import instead_of, named_actions, other_actions
from assistant.agent.confirm import PendingReply, read_reply
from assistant.agent.go_ahead import read_turn
from assistant.agent.preview_questions import about_the_preview, scope_answer
from assistant.commerce.requests import ChangeFrequency
from assistant.commerce.schemas import Change, Preview

TABLE = Path(__file__).resolve().parents[1] / "planner" / "confirmation_phrases.yaml"
ROWS = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
ACCEPTED = {
    "confirm": {PendingReply.CONFIRM},
    "decline": {PendingReply.DECLINE, PendingReply.OTHER_ACTION},
    "other_action": {PendingReply.OTHER_ACTION, PendingReply.DECLINE},
    "doubtful": {PendingReply.DOUBTFUL, PendingReply.UNRELATED},
    "unrelated": {PendingReply.UNRELATED, PendingReply.OTHER_ACTION, PendingReply.DOUBTFUL},
    "wait": {PendingReply.WAIT},  # kept waiting for a later yes or no
    "confirm_then_ask": {PendingReply.CONFIRM},  # and the question after the yes is answered
}
ISSUE_PHRASES = {
    "yes, go ahead and skip it",
    "actually no, leave it as it is",
    "wait no dont",
    "ok pause",
    "sure, skip",
    "sure, do it",
    "yep",
    "no",
    "leave it",
    "never mind",
    "yeah right",
    "yes?",
}


def test_the_table_is_big_and_has_every_phrase_of_the_issue() -> None:
    assert len(ROWS) >= 100
    assert {r["text"] for r in ROWS} >= ISSUE_PHRASES
    assert {r["expected"] for r in ROWS} == set(ACCEPTED)


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['pending']}:{r['text']}" for r in ROWS])
def test_each_reply(row: dict[str, str]) -> None:
    """As the loop reads it (:func:`read_turn`): a question is left to answer only after a
    go-ahead of its own."""
    got, rest = read_turn(row["text"], row["pending"])
    assert got in ACCEPTED[row["expected"]], f"{row['text']!r} -> {got}"
    assert bool(rest) is (row["expected"] == "confirm_then_ask"), f"{row['text']!r} -> {rest!r}"


def test_no_reply_confirms_anything_but_the_pending_action() -> None:
    """0 executions of an action other than the pending one: whenever a reply names another
    action, it never confirms; whenever it confirms, the table said confirm."""
    for row in ROWS:
        got, _ = read_turn(row["text"], row["pending"])
        if got is PendingReply.CONFIRM:
            assert row["expected"] in ("confirm", "confirm_then_ask"), row
            assert not other_actions(row["text"], row["pending"]), row


def test_exact_agreement_is_high() -> None:
    exact = sum(
        read_turn(r["text"], r["pending"])[0].value == r["expected"].removesuffix("_then_ask")
        for r in ROWS
    )
    assert exact / len(ROWS) >= 0.9


@pytest.mark.parametrize(
    ("text", "pending", "expected"),
    [
        ("ok pause", "cancel_subscription", PendingReply.OTHER_ACTION),
        ("sure, skip", "cancel_subscription", PendingReply.OTHER_ACTION),
        ("yes but to my work address", "change_shipping_address", PendingReply.OTHER_ACTION),
        ("cancel that", "skip_next_delivery", PendingReply.DECLINE),
        ("yes cancel it", "cancel_order", PendingReply.CONFIRM),
        ("ok thanks", "skip_next_delivery", PendingReply.DOUBTFUL),
        ("hmm yes", "skip_next_delivery", PendingReply.DOUBTFUL),
        ("yes, not now", "skip_next_delivery", PendingReply.DOUBTFUL),
        ("leave the address as it is", "change_shipping_address", PendingReply.DECLINE),
        ("", "skip_next_delivery", PendingReply.UNRELATED),
        # a reassurance after the yes is no new business (dev16: twins sharing an account)
        ("Yes, cancel it. We both agreed.", "cancel_subscription", PendingReply.CONFIRM),
        ("no, we agreed to keep it", "cancel_subscription", PendingReply.DECLINE),
        # dev17: agreement said otherwise, a decline with a reason first
        ("Correct, that's the one to skip. Thanks!", "skip_next_delivery", PendingReply.CONFIRM),
        (
            "Yes, I am sure. Please cancel it, thank you.",
            "cancel_subscription",
            PendingReply.CONFIRM,
        ),
        ("Looks right to me, carry on.", "register_warranty", PendingReply.CONFIRM),
        ("looks good but make it 2 bags instead", "swap_product", PendingReply.OTHER_ACTION),
        ("Hm, on reflection. Don't change anything.", "change_frequency", PendingReply.DECLINE),
        ("Scrap that for now, I'll do it later.", "register_warranty", PendingReply.DECLINE),
        # a no said first, then why (dev47); a pause first, then the corrected detail, is no no
        (
            "hmm no leave it for now. we'll check the burr first, it might be crooked",
            "return_items",
            PendingReply.DECLINE,
        ),
        (
            "hang on, had my glasses off. last character is a B not an 8: HMP-5D7C3E1B",
            "register_warranty",
            PendingReply.UNRELATED,
        ),
        (
            "wait no, that one has more caffeine doesn't it. the decaf one. keep it drip",
            "swap_product",
            PendingReply.UNRELATED,  # the loop reads the corrected request (corrections.py)
        ),
    ],
)
def test_edges(text: str, pending: str, expected: PendingReply) -> None:
    assert read_reply(text, pending) is expected


def test_a_yes_said_after_the_previews_own_words_confirms() -> None:
    """ "Two deliveries, confirmed.": the preview's words, then the yes (numbers as words too);
    words the preview does not have keep it from confirming."""
    preview = SimpleNamespace(summary="Pause for 2 deliveries: no charges", changes=[])
    assert read_reply("Two deliveries, confirmed.", "pause_subscription", preview) is (
        PendingReply.CONFIRM
    )
    assert read_reply("Three deliveries, confirmed.", "pause_subscription", preview) is (
        PendingReply.UNRELATED
    )
    swap = SimpleNamespace(summary="Swap to Morning Light Breakfast Blend (drip)", changes=[])
    assert read_reply("Morning Light, drip, yes. Make the swap.", "swap_product", swap) is (
        PendingReply.CONFIRM
    )
    # the preview's "Shoe" said as "the shoes"
    shoes = SimpleNamespace(summary="Exchange 1 × Velo 3 Running Shoe (9, black)", changes=[])
    assert read_reply("yes please swap the shoes", "exchange_item", shoes) is PendingReply.CONFIRM
    assert read_reply("yes please swap the socks", "exchange_item", shoes) is not (
        PendingReply.CONFIRM
    )


def test_another_action_in_place_of_a_subscription_change_is_the_subscriptions() -> None:
    assert instead_of("nvm, just cancel it instead", "change_frequency") == ["cancel_subscription"]
    assert instead_of("no, cancel the order", "change_shipping_address") == ["cancel_order"]
    assert instead_of("no, pause it instead", "skip_next_delivery") == ["pause_subscription"]
    # "switch" names a shoe exchange and a coffee swap: with a skip dropped, the coffee's
    assert instead_of(
        "dont skip it. switch both bags to the decaf instead", "skip_next_delivery"
    ) == ["swap_product"]


def test_a_yes_that_repeats_the_preview_confirms_it() -> None:
    preview = Preview(
        confirmation_token="tok",
        action="change_frequency",
        request=ChangeFrequency(subscription_id=3, frequency="every-2-months"),
        summary="Change deliveries from every month to every 2 months.",
        changes=[Change(field="frequency", before="every month", after="every 2 months")],
        amount_change=None,
        expires_at=datetime(2026, 1, 20, tzinfo=UTC),
    )
    assert read_reply("yes, every 2 months", "change_frequency", preview) is PendingReply.CONFIRM
    assert read_reply("yes, every 2 months", "change_frequency") is PendingReply.UNRELATED
    assert read_reply("yes but every 6 weeks", "change_frequency", preview) in (
        PendingReply.OTHER_ACTION,
        PendingReply.UNRELATED,
    )  # another value: never this preview


def test_an_action_refused_or_already_done_is_not_named() -> None:
    assert "cancel_subscription" not in named_actions(
        "wait, actually don't cancel. every 2 months?"
    )
    assert named_actions("wait no, I swapped the last two digits") == set()
    assert "swap_product" in named_actions("no, swap it to decaf")


def test_a_question_in_other_words_of_the_preview_is_about_it() -> None:
    preview = Preview(
        confirmation_token="tok",
        action="pause_subscription",
        request=ChangeFrequency(subscription_id=3, frequency="every-2-months"),
        summary="Pause for 1 delivery: no deliveries or charges on Monday, February 23.",
        changes=[Change(field="status", before="active", after="paused")],
        amount_change=None,
        expires_at=datetime(2026, 1, 20, tzinfo=UTC),
    )
    assert about_the_preview("hmm would the feb one still get charged?", preview)
    assert not about_the_preview("how do I descale the kettle?", preview)
    # the decision waits for the answer, whatever the question's words
    asked = "Before I say yes - will I get a heads up before it starts again?"
    assert about_the_preview(asked, preview)
    assert not about_the_preview("before I say yes, let me check my calendar", preview)
    # "quick q first": the decision waits too; "the 23rd" is the preview's "23"
    assert about_the_preview("yes but quick q first, is that the end of it?", preview)
    assert about_the_preview("so nothing gets charged on the 23rd?", preview)
    # a yes held back by a question: "ok yes but…?" asks about what waits
    assert about_the_preview("ok yes but does she have to mail hers back first?", preview)
    assert not about_the_preview("does she have to mail hers back first?", preview)
    assert not about_the_preview("yes but actually can we do 7.5 instead?", preview)
    assert not about_the_preview("so nothing gets charged on the 24th?", preview)


def test_a_question_then_a_no_declines_and_a_question_then_a_yes_asks_again() -> None:
    text = "oh wait so after the 30th i wouldn't get any until march? nah forget it, keep it"
    assert read_reply(text, "change_frequency") is PendingReply.DECLINE
    assert read_reply("wait what does that cost? no dont", "pause_subscription") is (
        PendingReply.DECLINE
    )
    # a yes after a question is not taken as the go-ahead: the question is answered first
    assert read_reply("is that the latest? yes do it", "change_frequency") is not (
        PendingReply.CONFIRM
    )


def test_a_cancellation_word_confirms_either_cancellation_but_not_the_other_kind() -> None:
    # the languages' cancel verbs name both cancellations: each confirms the one that waits
    assert read_reply("oui, annulez-la", "cancel_order") is PendingReply.CONFIRM
    assert read_reply("ja, kündigen", "cancel_subscription") is PendingReply.CONFIRM
    # a word only the subscription's cancellation has is not the order's
    assert read_reply("yes unsubscribe me", "cancel_order") is not PendingReply.CONFIRM


def test_send_back_is_a_return_not_a_resend() -> None:
    asked = "oh and how long do i have to send back a kettle if i dont like it?"
    assert not other_actions(asked, "pause_subscription")
    assert other_actions("can you send the receipt again", "pause_subscription") == {
        "resend_confirmation"
    }


def test_a_question_about_what_the_preview_covers_is_answered_from_the_preview() -> None:
    preview = Preview(
        confirmation_token="tok",
        action="return_items",
        request=ChangeFrequency(subscription_id=3, frequency="every-2-months"),
        summary="Return 1 × Indoor camera from order #40001.",
        changes=[
            Change(field="return", before=None, after="1 × Indoor camera"),
            Change(field="refund", before=None, after="$63.96 to PayPal"),
        ],
        amount_change=None,
        expires_at=datetime(2026, 1, 20, tzinfo=UTC),
    )
    said = scope_answer(
        "just the camera right? the plug stays with her", "start this return", preview
    )
    assert said is not None
    assert "- return: 1 × Indoor camera" in said and "plug" not in said
    assert "start this return" in said
    assert scope_answer("only one of them?", "start this return", preview) is not None
    for other in ("how long does the refund take?", "just do it", "yes"):
        assert scope_answer(other, "start this return", preview) is None


def test_a_yes_on_condition_it_is_free_confirms_only_what_costs_nothing() -> None:
    def preview(amount: Decimal | None) -> Preview:
        return Preview(
            confirmation_token="tok",
            action="change_frequency",
            request=ChangeFrequency(subscription_id=3, frequency="every-2-months"),
            summary="Change deliveries from every month to every 2 months.",
            changes=[Change(field="frequency", before="every month", after="every 2 months")],
            amount_change=amount,
            expires_at=datetime(2026, 1, 20, tzinfo=UTC),
        )

    for said in ("yep as long as its free", "ok, if it's free", "Sure as long as it's free!"):
        assert read_reply(said, "change_frequency", preview(Decimal("0"))) is PendingReply.CONFIRM
        assert read_reply(said, "change_frequency", preview(None)) is PendingReply.CONFIRM
        # the preview charges: the condition fails, so it is asked again, never executed
        costs = preview(Decimal("6.95"))
        assert read_reply(said, "change_frequency", costs) is PendingReply.DOUBTFUL
    assert read_reply("yep as long as its free", "change_frequency") is PendingReply.DOUBTFUL


def test_a_reply_that_narrows_to_what_waits_asks_again() -> None:
    """ "no wait only the first one… just the shoes" while only the shoes' exchange waits: the
    customer keeps it (asked again), nothing is dropped; another thing named is no narrowing."""
    shoes = SimpleNamespace(
        summary="Exchange 1 × Velo 3 Running Shoe (9, navy) for 9.5", changes=[]
    )
    for text in (
        "no wait only the first one. my boyfriend will take the socks lol. just the shoes",
        "just the shoes please",
        "only the first one",
    ):
        assert read_reply(text, "exchange_item", shoes) is PendingReply.DOUBTFUL
    assert read_reply("no wait, just the socks", "exchange_item", shoes) is not (
        PendingReply.DOUBTFUL
    )
    assert read_reply("no, just cancel the order", "exchange_item", shoes) is not (
        PendingReply.DOUBTFUL
    )
    skip = SimpleNamespace(summary="Skip the delivery on Saturday, January 24", changes=[])
    assert read_reply("yes skip just that one", "skip_next_delivery", skip) is (
        PendingReply.CONFIRM
    )  # a yes, however it goes on


def test_an_order_named_while_a_plan_change_waits_is_the_orders_cancel() -> None:
    # "can you cancel order 48838?" with a skip waiting: the order, not the subscription
    assert instead_of("can you cancel order 48838?", "skip_next_delivery") == ["cancel_order"]
    assert instead_of("no wait, cancel the order instead", "skip_next_delivery") == ["cancel_order"]
    assert instead_of("just cancel it instead", "change_frequency") == ["cancel_subscription"]
