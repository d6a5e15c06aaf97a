from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Literal

import pytest
import yaml

from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.schemas import OrderPublic, SubscriptionPublic
from assistant.escalation.packet import (
    SUMMARY_MAX_CHARS,
    EscalationPacket,
    TranscriptEntry,
    VerifiedIdentity,
    build_packet,
    decide_priority,
)
from assistant.escalation.reasons import EscalationReason
from assistant.intents import Intent
from assistant.redaction import CARD_MASK
from assistant.settings import Settings
from tests.escalation.conftest import NOW

SETTINGS = Settings(environment="test")  # the demo store.yaml: hand over above $1,000


def transcript(*texts: str) -> list[TranscriptEntry]:
    roles: tuple[Literal["customer", "assistant"], ...] = ("customer", "assistant")
    return [
        TranscriptEntry(role=roles[i % 2], text=t, at=NOW + timedelta(minutes=i))
        for i, t in enumerate(texts)
    ]


# --- priority --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reason", "vip", "total", "expected"),
    [
        (EscalationReason.CUSTOMER_REQUEST, False, None, "normal"),
        (EscalationReason.CUSTOMER_REQUEST, True, None, "high"),
        (EscalationReason.CUSTOMER_REQUEST, False, Decimal("1000.01"), "high"),
        (EscalationReason.CUSTOMER_REQUEST, False, Decimal("1000.00"), "normal"),  # not above
        (EscalationReason.CUSTOMER_REQUEST, True, Decimal("5000"), "high"),  # one level only
        (EscalationReason.BILLING_DISPUTE, False, Decimal("20"), "high"),
        (EscalationReason.BILLING_DISPUTE, True, None, "urgent"),
        (EscalationReason.FRUSTRATION, True, Decimal("2000"), "urgent"),
    ],
)
def test_decide_priority(
    reason: EscalationReason, vip: bool, total: Decimal | None, expected: str
) -> None:
    assert decide_priority(reason, vip, total, SETTINGS) == expected


def test_threshold_comes_from_the_store_policy(tmp_path: Path) -> None:
    policy = yaml.safe_load(SETTINGS.store_policy_path.read_text(encoding="utf-8"))
    policy["handover"]["order_value"] = "100.00"
    path = tmp_path / "store.yaml"
    path.write_text(yaml.safe_dump(policy), encoding="utf-8")
    low_bar = Settings(environment="test", store_policy_path=path)
    assert low_bar.escalate_order_value == Decimal("100.00")
    assert SETTINGS.escalate_order_value == Decimal("1000.00")
    assert decide_priority(EscalationReason.OTHER, False, Decimal("143.50"), low_bar) == "high"
    assert decide_priority(EscalationReason.OTHER, False, Decimal("143.50"), SETTINGS) == "normal"


# --- the packet ------------------------------------------------------------------------------


def test_packet_for_a_verified_customer_with_a_high_value_order(
    taylor: VerifiedCustomer, taylor_order: OrderPublic
) -> None:
    packet = build_packet(
        reason=EscalationReason.DEFECT_PERSISTS,
        conversation_id="conv-taylor",
        created_at=NOW,
        settings=SETTINGS,
        identity=VerifiedIdentity.of(taylor, vip=False),
        intent=Intent.TROUBLESHOOTING,
        order=taylor_order,
        steps_tried=["Reset all settings", "Updated the firmware", "  "],
        transcript=transcript("My Z8 shows Err 41 after every shot", "Let's try a reset."),
        issue="My Z8 shows Err 41 after every shot",
    )
    assert packet.priority == "high" and packet.priority_raised_by == ["order_value"]
    assert packet.identity == VerifiedIdentity(
        name="Taylor Brooks", email="taylor.brooks@example.com", vip=False, method="order_and_email"
    )
    assert packet.order == taylor_order and packet.subscription is None
    assert packet.steps_tried == ["Reset all settings", "Updated the firmware"]
    assert packet.ticket_number is None and packet.intent is Intent.TROUBLESHOOTING
    # the demo store's own line for the reason (its store.yaml), not the neutral one
    assert packet.next_steps.startswith("A support agent will review the problem")
    assert "within 1 business day" in packet.next_steps
    summary = packet.summary
    assert summary.startswith(
        "Defect persists after troubleshooting, priority high (raised from normal: high order "
        "value). Customer: Taylor Brooks <taylor.brooks@example.com>, verified by order number "
        "and email. Order #46511: delivered, placed 2025-12-"
    )
    assert f"total ${taylor_order.total:,.2f} (1 × Lumora Z8" in summary
    assert 'Customer says: "My Z8 shows Err 41 after every shot"' in summary
    assert "Already tried: Reset all settings; Updated the firmware." in summary
    assert summary.endswith("Chat: intent troubleshooting, 2 messages in the transcript.")
    assert "\n" not in summary


def test_summary_is_deterministic(taylor: VerifiedCustomer, taylor_order: OrderPublic) -> None:
    def build() -> EscalationPacket:
        return build_packet(
            reason=EscalationReason.WARRANTY_CLAIM,
            conversation_id="c",
            created_at=NOW,
            settings=SETTINGS,
            identity=VerifiedIdentity.of(taylor, vip=True),
            order=taylor_order,
        )

    first, second = build(), build()
    assert first == second
    assert "(raised from normal: VIP customer and high order value)" in first.summary
    assert "VIP, verified by" in first.summary
    assert "Nothing has been tried in chat yet." in first.summary


def test_unverified_packet() -> None:
    packet = build_packet(
        reason=EscalationReason.CUSTOMER_REQUEST,
        conversation_id="conv-anon",
        created_at=NOW,
        settings=SETTINGS,
        transcript=transcript("talk to a human"),
    )
    assert packet.identity == "unverified" and packet.order is None
    assert packet.priority == "normal" and packet.priority_raised_by == []
    assert "Customer not verified" in packet.summary
    assert packet.summary.endswith("Chat: 1 message in the transcript.")


def test_subscription_snapshot(alex_subscription: SubscriptionPublic) -> None:
    packet = build_packet(
        reason=EscalationReason.BILLING_DISPUTE,
        conversation_id="conv-alex",
        created_at=NOW,
        settings=SETTINGS,
        subscription=alex_subscription,
    )
    assert packet.subscription == alex_subscription
    assert f"Subscription #{alex_subscription.id}: " in packet.summary
    assert alex_subscription.product_name in packet.summary
    assert "next delivery 2026-02-15" in packet.summary


def test_card_numbers_are_masked_everywhere_the_customer_typed() -> None:
    card = "4111 1111 1111 1111"
    packet = build_packet(
        reason=EscalationReason.BILLING_DISPUTE,
        conversation_id="c",
        created_at=NOW,
        settings=SETTINGS,
        steps_tried=[f"customer quoted card {card}"],
        transcript=transcript(f"my card is {card}", "Please never share it."),
        issue=f"charged twice on {card}",
    )
    dumped = packet.model_dump_json()
    assert "4111" not in dumped and CARD_MASK in packet.transcript[0].text
    assert CARD_MASK in packet.summary and CARD_MASK in packet.steps_tried[0]


def test_summary_fits_a_ticket(taylor_order: OrderPublic) -> None:
    packet = build_packet(
        reason=EscalationReason.OTHER,
        conversation_id="c",
        created_at=NOW,
        settings=SETTINGS,
        order=taylor_order,
        steps_tried=[f"step {i} " + "x" * 500 for i in range(30)],
        issue="y" * 5000,
    )
    assert len(packet.summary) <= SUMMARY_MAX_CHARS
    assert "; and 22 more." in packet.summary
    assert len(packet.steps_tried) == 30  # the packet keeps them all


def test_packet_round_trips_through_json(
    taylor: VerifiedCustomer, taylor_order: OrderPublic
) -> None:
    packet = build_packet(
        reason=EscalationReason.COMPLEX_RETURN,
        conversation_id="c",
        created_at=NOW,
        settings=SETTINGS,
        identity=VerifiedIdentity.of(taylor, vip=False),
        order=taylor_order,
        transcript=transcript("I want to return a damaged camera"),
    )
    assert EscalationPacket.model_validate_json(packet.model_dump_json()) == packet
