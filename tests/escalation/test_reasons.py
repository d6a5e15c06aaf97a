from __future__ import annotations

import re

import pytest

from assistant.escalation.reasons import PRIORITIES, EscalationReason, raise_priority
from assistant.settings import Settings


def test_every_reason_has_a_priority_a_label_and_one_customer_line() -> None:
    assert len(EscalationReason) == 13
    for reason in EscalationReason:
        assert reason.default_priority in PRIORITIES
        assert reason.label
        line = reason.next_steps
        assert line.endswith(".") and "\n" not in line and len(line) <= 200
        assert len(reason.value) <= 40  # what open_ticket accepts as a reason


def test_reason_codes_are_the_published_ones() -> None:
    assert [r.value for r in EscalationReason] == [
        "customer_request",
        "frustration",
        "defect_persists",
        "warranty_claim",
        "billing_dispute",
        "complex_return",
        "order_change_after_fulfilment",
        "vip_customer",
        "high_value_order",
        "repeated_low_confidence",
        "privacy_request",
        "safety_hazard",
        "other",
    ]


@pytest.mark.parametrize(
    ("reason", "promise"),
    [
        # payments-and-billing.md: "A billing specialist replies within 2 business days."
        (EscalationReason.BILLING_DISPUTE, "billing specialist.*within 2 business days"),
        # warranty-registration-and-claims.html: a specialist reviews within 2 business days
        (EscalationReason.WARRANTY_CLAIM, "specialist.*usually within 2 business days"),
        # customer-support.md: agent hours, and an email within 1 business day outside them
        # (the demo store.yaml's support section says the same)
        (
            EscalationReason.CUSTOMER_REQUEST,
            "Monday–Friday 8 am–8 pm ET and Saturday 9 am–5 pm ET.*1 business day",
        ),
        # orders-changes-and-cancellations.md: redirects not guaranteed, USPS cannot redirect
        (EscalationReason.ORDER_CHANGE_AFTER_FULFILMENT, "isn't guaranteed.*USPS"),
        # returns-and-refunds.html: the label is issued once the agent has approved the return
        (EscalationReason.COMPLEX_RETURN, "return label once it's approved"),
    ],
)
def test_next_steps_match_the_policies(reason: EscalationReason, promise: str) -> None:
    policy = Settings(environment="test").store_policy()  # the demo store's
    assert re.search(promise, reason.next_steps_for(policy))


def test_the_store_file_names_only_real_reasons() -> None:
    policy = Settings(environment="test").store_policy()
    assert set(policy.handover.next_steps) <= {r.value for r in EscalationReason}


def test_a_store_without_its_own_lines_gets_neutral_ones() -> None:
    """Another store's hand-over promises are not the demo store's."""
    demo = Settings(environment="test").store_policy()
    other = demo.model_copy(
        update={"handover": demo.handover.model_copy(update={"next_steps": {}})}
    )
    for reason in EscalationReason:
        line = reason.next_steps_for(other)
        assert "business day" not in line.replace("Monday", "") or "reply by email" in line
        assert "USPS" not in line and "prepaid" not in line and "30 days" not in line


def test_next_steps_without_a_store_promise_no_hours() -> None:
    text = EscalationReason.CUSTOMER_REQUEST.next_steps
    assert "agents reply as soon as they can" in text and "{" not in text


def test_defaults_put_money_and_anger_first() -> None:
    assert EscalationReason.BILLING_DISPUTE.default_priority == "high"
    assert EscalationReason.FRUSTRATION.default_priority == "high"
    assert EscalationReason.CUSTOMER_REQUEST.default_priority == "normal"


def test_raise_priority_caps_at_urgent() -> None:
    assert raise_priority("low") == "normal"
    assert raise_priority("high") == "urgent"
    assert raise_priority("urgent") == "urgent"
    assert raise_priority("low", 5) == "urgent"
    assert raise_priority("normal", 0) == "normal"
