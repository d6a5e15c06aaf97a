"""The second data pack works without code changes: its exports imported into each case's store,
its policy file for names, formats, hours and values. The offline planner runs behind a keyword
router and an empty retriever (no model), so what is checked is the store side: verification
with the pack's order numbers, its actions, its subscription, its hand-over value and hours."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from assistant.intents import Intent
from assistant.settings import Settings
from evals.conversations import ConversationCase, run_case
from evals.packs import PACKS
from evals.sandbox import Sandbox, Shared
from tests.evals.test_conversations_run import EmptyRetriever, KeywordRouter

PACK = PACKS["ridgeline"]
ROUTES = {
    "skip": Intent.SUBSCRIPTION_SKIP,
    "cancel my order": Intent.ORDER_CANCEL,
    "cancel order": Intent.ORDER_CANCEL,
    "person": Intent.HUMAN_AGENT,
    "where is": Intent.TRACKING,
    "pause": Intent.SUBSCRIPTION_PAUSE,
    "return": Intent.RETURNS_REFUNDS,
    "shipping": Intent.SHIPPING_INFO,
}


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    settings = Settings(
        environment="test",
        embedder="hashing",
        llm_base_url=None,
        corpus_dir=PACK.corpus,
        store_policy_path=PACK.policy_path,
    )
    shared = Shared(settings, EmptyRetriever(), KeywordRouter(ROUTES))  # type: ignore[arg-type]
    box = Sandbox(shared, pack_store=PACK.store, default_now=PACK.now)
    yield box
    box.close()


def run(sandbox: Sandbox, **raw: Any) -> dict[str, Any]:
    item = run_case(sandbox, ConversationCase.model_validate({"id": "c", "split": "dev", **raw}))
    failed = [c for c in item["checks"] if not c["passed"]]
    assert item["passed"], (failed, [t["reply"] for t in item["turns"]])
    return item


def test_verify_with_the_stores_order_number_and_cancel(sandbox: Sandbox) -> None:
    run(
        sandbox,
        turns=[
            {"say": "I need to cancel my order", "expect": {"facts": ["order number"]}},
            {
                "say": "its rgl-104439 and priya.shah.72@example.org",
                "expect": {"pending_action": "cancel_order", "facts": ["$67.78"]},
            },
            {"say": "yes", "expect": {"executed": ["cancel_order"]}},
        ],
        expect={
            "escalation": False,
            "store_state": [{"order": {"number": "RGL-104439", "status": "cancelled"}}],
        },
    )


def test_skip_the_packs_subscription(sandbox: Sandbox) -> None:
    run(
        sandbox,
        identity={"order_number": "RGL-104170", "email": "olivia.gonzalez.117@example.org"},
        turns=[
            {
                "say": "skip my next delivery",
                "expect": {
                    "pending_action": "skip_next_delivery",
                    "facts": ["Trail Snack Box", "$29.00", "November 30"],
                    "not_contains": ["Coffee Club", "bag"],
                },
            },
            {"say": "yes", "expect": {"executed": ["skip_next_delivery"]}},
        ],
    )


def test_the_greeting_and_the_hand_over_are_the_packs(sandbox: Sandbox) -> None:
    item = run(
        sandbox,
        turns=[
            {
                "say": "hello",
                "expect": {"facts": ["Ridgeline Outfitters"], "not_contains": ["Northfield"]},
            },
            {
                "say": "a person please",
                "expect": {
                    "escalation": "customer_request",
                    "facts": ["Monday–Friday 7 am–6 pm MT"],
                    "not_contains": ["pm ET"],
                },
            },
        ],
    )
    assert item["escalation_reasons"] == ["customer_request"]


def test_an_order_above_the_packs_hand_over_value_goes_to_a_person(sandbox: Sandbox) -> None:
    # $953.74: above this store's $750 hand-over value (the demo store's is $1,000)
    run(
        sandbox,
        identity={"order_number": "RGL-104415", "email": "ella.anderson.116@example.org"},
        turns=[
            {
                "say": "cancel order RGL-104415",
                "expect": {"escalation": "high_value_order", "pending_action": False},
            }
        ],
    )


def test_evals_run_on_a_pack_offers_the_packs_suites_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from evals.cli import main

    assert main(["run", "--pack", "ridgeline", "--suites", "retrieval,safety"]) == 2
    assert "unknown suite(s) ['retrieval']" in capsys.readouterr().err
    assert PACK.shoppers and PACK.safety and all(p.is_file() for p in PACK.conversations)


def test_tracking_reads_the_packs_shipments(sandbox: Sandbox) -> None:
    """The shipping method's remark is not the carrier service; a parcel past its estimate
    that is out for delivery is said to be out for delivery, not due on a past day."""
    run(
        sandbox,
        identity={"order_number": "RGL-104344", "email": "samuel.wilson.136@example.org"},
        turns=[
            {
                "say": "where is my package",
                "expect": {"facts": ["UPS Priority,", "delivered"], "not_contains": ["Alaska"]},
            }
        ],
    )
    run(
        sandbox,
        identity={"order_number": "RGL-104374", "email": "fatima.okafor.236@example.org"},
        turns=[
            {
                "say": "where is my package from order RGL-104374",
                "expect": {
                    "facts": ["out for delivery today"],
                    "not_contains": ["Estimated delivery"],
                },
            }
        ],
    )


def test_a_plan_the_store_does_not_pause_is_offered_a_skip(sandbox: Sandbox) -> None:
    # store.yaml `not_pausable`: the cartridge plan skips, it does not pause (subscriptions.md)
    run(
        sandbox,
        identity={"order_number": "RGL-104440", "email": "aiden.wilson.170@example.org"},
        turns=[
            {
                "say": "please pause my cartridge plan for a while",
                "expect": {
                    "facts": ["can't be paused", "skip"],
                    "not_contains": ["1, 2 or 3"],
                    "pending_action": False,
                },
            }
        ],
    )


def test_a_condition_stated_in_the_request_is_checked_before_asking(sandbox: Sandbox) -> None:
    """ "merino socks" names the pack's socks (a variant of them is on the order), and "I opened
    the pack" answers the policy's opened-consumable question: refused at once, nothing asked."""
    run(
        sandbox,
        identity={"order_number": "RGL-104347", "email": "noah.chen.217@example.org"},
        turns=[
            {
                "say": "can I return the merino socks from my last order? I opened the pack",
                "expect": {
                    "facts": ["can't be returned", "Switchrock Merino Hiking Socks"],
                    "not_contains": ["Which items", "?"],
                    "pending_action": False,
                },
            }
        ],
    )


def test_shipping_prices_are_the_policy_files(sandbox: Sandbox) -> None:
    """Prices and the free-shipping rule come from the pack's store.yaml, not the demo's."""
    run(
        sandbox,
        turns=[
            {
                "say": "hw much is shipping and when is it free",
                "expect": {
                    "facts": ["Standard Ground: $7.95", "$99.00", "Expedited: $18.95"],
                    "not_contains": ["$75"],
                },
            }
        ],
    )
