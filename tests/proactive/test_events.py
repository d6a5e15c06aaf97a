from __future__ import annotations

import json

import pytest

from assistant.proactive.errors import InvalidSignature, MalformedEvent
from assistant.proactive.events import EventType, parse_event, sign, verify_signature

SECRET = "s3cret"


def body(**fields: object) -> bytes:
    event: dict[str, object] = {
        "id": "evt-1",
        "type": "order.shipped",
        "occurred_at": "2026-01-20T10:00:00-05:00",
        "order_number": "47234",
    }
    event.update(fields)
    return json.dumps(event).encode()


def test_signature_of_the_exact_body_is_accepted() -> None:
    raw = body()
    verify_signature(raw, sign(raw, SECRET), SECRET)


@pytest.mark.parametrize(
    "header",
    [None, "", "md5=abc", "sha256=" + "0" * 64, "sha256=deadbeef"],
)
def test_missing_or_wrong_signature_is_refused(header: str | None) -> None:
    with pytest.raises(InvalidSignature):
        verify_signature(body(), header, SECRET)


def test_signature_of_another_body_or_secret_is_refused() -> None:
    raw = body()
    with pytest.raises(InvalidSignature):
        verify_signature(raw + b" ", sign(raw, SECRET), SECRET)
    with pytest.raises(InvalidSignature):
        verify_signature(raw, sign(raw, "other"), SECRET)
    with pytest.raises(InvalidSignature):
        verify_signature(raw, sign(raw, ""), "")


def test_parse_a_valid_event() -> None:
    event = parse_event(body(data={"tracking_number": "1Z"}))
    assert event.type is EventType.ORDER_SHIPPED
    assert event.order_number == "47234"
    assert event.data_text("tracking_number") == "1Z"
    assert event.data_text("missing") is None


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"not json", "Invalid event"),
        (body(type="order.teleported"), "type"),
        (body(occurred_at="2026-01-20T10:00:00"), "occurred_at"),  # naive
        (body(order_number=None), "needs order_number"),
        (body(type="subscription.renewal_upcoming"), "needs subscription_id"),
        (body(type="warranty.expiring"), "needs sku"),
        (body(id=""), "id"),
        (body(id="has space"), "id"),
        (body(subscription_id=0), "subscription_id"),
    ],
)
def test_malformed_events_say_what_is_wrong(raw: bytes, problem: str) -> None:
    with pytest.raises(MalformedEvent) as caught:
        parse_event(raw)
    assert problem in caught.value.message
    assert "Traceback" not in caught.value.message


def test_renewal_needs_no_order_number() -> None:
    event = parse_event(
        body(type="subscription.renewal_upcoming", order_number=None, subscription_id=3)
    )
    assert event.subscription_id == 3
