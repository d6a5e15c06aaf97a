"""Every hand-over trigger, through the offline planner: the reply carries the escalation and a
ticket with its packet exists in the store."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from assistant.intents import Intent
from assistant.retrieval.types import Citation, Passage
from assistant.runtime import Assistant
from ingest.models import DocType
from tests.agent.conftest import FakeRetriever, FixedRouter, verified

STEPS = [
    Passage(
        chunk_id=f"p{i}",
        text=f"1. Step one of fix {i}.\n2. Step two of fix {i}.",
        citation=Citation("audio/manual.pdf", "Manual", f"Fix {i}", 3),
        doc_type=DocType.TROUBLESHOOTING,
        skus=("AUR-SWP-100",),
        score=1.0,
    )
    for i in range(8)
]


@pytest.mark.parametrize(
    ("intent", "order", "email", "text", "reason"),
    [
        (Intent.HUMAN_AGENT, None, None, "can I talk to a real person please", "customer_request"),
        (
            Intent.TRACKING,
            "47234",
            "jordan.rivera@example.com",
            "this is ridiculous, third time asking, where is my stuff?!!!",
            "frustration",
        ),
        (
            Intent.WARRANTY_CLAIM,
            "47102",
            "sam.patel@example.com",
            "my headphones are defective, the left side stopped working",
            "warranty_claim",
        ),
        (
            Intent.BILLING_DISPUTE,
            "47234",
            "jordan.rivera@example.com",
            "I was charged twice for my order",
            "billing_dispute",
        ),
        (
            Intent.RETURNS_REFUNDS,
            "47234",
            "jordan.rivera@example.com",
            "the socks arrived damaged and one pair is missing",
            "complex_return",
        ),
        (
            Intent.ORDER_CHANGE,
            "47102",
            "sam.patel@example.com",
            "please change the delivery address of order 47102",
            "order_change_after_fulfilment",
        ),
        (
            Intent.COMPLAINT,
            "41049",
            "olivia.jackson37@example.com",
            "I'm not happy with how my last order went",
            "vip_customer",
        ),
        (
            Intent.RETURNS_REFUNDS,
            "46511",
            "taylor.brooks@example.com",
            "I want to return the camera",
            "high_value_order",
        ),
        (  # "48 hours" is not a question about our hours
            Intent.HUMAN_AGENT,
            None,
            None,
            "FedEx says it was delivered, it was NOT. I want someone to actually DO something, "
            "not another 'please wait 48 hours'.",
            "customer_request",
        ),
        (
            Intent.BILLING_DISPUTE,
            "47234",
            "jordan.rivera@example.com",
            "my welcome code showed at checkout but i got charged the full amount, thats not "
            "what i agreed to pay",
            "billing_dispute",
        ),
        (  # a posted charge above the order's total: a wrong amount, for a person
            Intent.BILLING_DISPUTE,
            "47234",
            "jordan.rivera@example.com",
            "This order was $274.98, but the posted charge is $294.98. Posted, not pending, "
            "and I didn't add anything. I want the extra $20 back.",
            "billing_dispute",
        ),
        (  # a product that gave way in use, no return asked for: a claim
            Intent.RETURNS_REFUNDS,
            "46035",
            "henry.martinez143@example.com",
            "my velo 3s are a month old and the top eyelet has ripped right out of the upper, "
            "what can you do?",
            "warranty_claim",
        ),
    ],
)
def test_hand_over_triggers(
    build: Callable[..., Assistant],
    intent: Intent,
    order: str | None,
    email: str | None,
    text: str,
    reason: str,
) -> None:
    assistant = build(router=FixedRouter(intent))
    state = verified(assistant, order, email) if order and email else assistant.start()
    reply = assistant.reply(state, text)  # type: ignore[arg-type]
    assert reply.escalation is not None, reply.text
    assert reply.escalation.reason == reason
    assert reply.escalation.ticket_number in reply.text
    assert "pending authorization" not in reply.text or "twice" in text  # nothing to wait for


def test_a_defect_that_persists_after_troubleshooting(build: Callable[..., Assistant]) -> None:
    assistant = build(router=FixedRouter(Intent.TROUBLESHOOTING), retriever=FakeRetriever(STEPS))
    state = verified(assistant, "47102", "sam.patel@example.com")
    first = assistant.reply(state, "my soundwave headphones won't charge")  # type: ignore[arg-type]
    assert first.escalation is None and "Step one" in first.text
    second = assistant.reply(state, "still not working")  # type: ignore[arg-type]
    assert second.escalation is None and second.text != first.text
    third = assistant.reply(state, "it still doesn't work")  # type: ignore[arg-type]
    assert third.escalation is not None and third.escalation.reason == "defect_persists"


def test_repeated_low_confidence_hands_over_at_the_third_miss(
    build: Callable[..., Assistant],
) -> None:
    assistant = build(router=FixedRouter(Intent.ORDER_STATUS, confidence=0.1))
    state = assistant.start()
    for text in ("blorp the thing", "zzz fnord"):
        reply = assistant.reply(state, text)
        assert reply.escalation is None and "make sure I help with the right thing" in reply.text
    third = assistant.reply(state, "qwxv")
    assert third.escalation is not None
    assert third.escalation.reason == "repeated_low_confidence"
    fourth = assistant.reply(state, "asdf")  # one hand-over per conversation
    assert fourth.escalation is None and third.escalation.ticket_number in fourth.text


def test_a_high_value_order_ticket_names_the_order(
    build: Callable[..., Assistant], backend: object
) -> None:
    assistant = build(router=FixedRouter(Intent.RETURNS_REFUNDS))
    state = verified(assistant, "46511", "taylor.brooks@example.com")
    reply = assistant.reply(state, "I want to return my camera")  # type: ignore[arg-type]
    assert reply.escalation is not None and reply.escalation.reason == "high_value_order"
    assert state.focus_order == "46511"  # type: ignore[attr-defined]


def test_the_packet_carries_the_case(build: Callable[..., Assistant]) -> None:
    assistant = build(router=FixedRouter(Intent.BILLING_DISPUTE))
    state = verified(assistant, "47234", "jordan.rivera@example.com")
    reply = assistant.reply(state, "I was charged twice for order 47234")  # type: ignore[arg-type]
    assert reply.escalation is not None and reply.escalation.priority in ("high", "urgent")
