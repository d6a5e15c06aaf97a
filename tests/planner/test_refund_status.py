"""How a refund's state reads to the customer: waiting for the parcel, received and processing
(with the expected dates), issued (with the day and when it should show)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from assistant.commerce.schemas import RefundPublic
from assistant.planner import fmt
from assistant.planner.refunds import describe_refund

TZ = ZoneInfo("America/New_York")
TODAY = date(2026, 1, 23)


def refund(**fields: object) -> RefundPublic:
    values: dict[str, object] = {
        "reference": "RF-TEST0001",
        "order_number": "40912",
        "rma": "RMA-TEST0001",
        "amount": Decimal("21.24"),
        "destination": "original_payment",
        "method": "Mastercard ending 2290",
        "status": "awaiting_return",
        "expected_from": None,
        "expected_to": None,
        "created_at": datetime(2026, 1, 12, 10, tzinfo=TZ),
        "issued_at": None,
    }
    values.update(fields)
    return RefundPublic.model_validate(values)


def test_each_state_says_where_the_money_is() -> None:
    with fmt.store_zone(TZ):
        waiting = describe_refund(refund(), TODAY)
        processing = describe_refund(
            refund(
                status="processing",
                received_at=datetime(2026, 1, 19, 23, 30, tzinfo=TZ),  # late evening, local
                expected_from=date(2026, 1, 29),
                expected_to=date(2026, 2, 2),
            ),
            TODAY,
        )
        issued = describe_refund(
            refund(
                status="issued",
                received_at=datetime(2026, 1, 19, 11, tzinfo=TZ),
                issued_at=datetime(2026, 1, 22, 14, tzinfo=TZ),
                expected_from=date(2026, 1, 29),
                expected_to=date(2026, 2, 2),
            ),
            TODAY,
        )
        late = describe_refund(
            refund(
                status="issued",
                issued_at=datetime(2026, 1, 5, 14, tzinfo=TZ),
                expected_from=date(2026, 1, 12),
                expected_to=date(2026, 1, 14),
            ),
            TODAY,
        )
        removed = describe_refund(
            refund(
                rma=None,
                status="processing",
                expected_from=date(2026, 1, 27),
                expected_to=date(2026, 1, 29),
            ),
            TODAY,
        )
    assert "$21.24" in waiting and "haven't received the return" in waiting
    assert "we received the return on Monday, January 19" in processing
    assert "expected January 29 – February 2" in processing
    assert "was issued on Thursday, January 22 to Mastercard ending 2290" in issued
    assert "(we received the return on Monday, January 19)" in issued
    assert "statement by Monday, February 2" in issued
    assert "issued on Monday, January 5" in late and "should already show" in late
    assert "received" not in removed and "expected January 27–29" in removed


def test_asking_whether_a_refund_came_through_is_a_refund_status_question() -> None:
    from assistant.planner.return_words import REFUND_STATUS

    assert REFUND_STATUS.search("i never checked if the refund came through. did it?")
    assert REFUND_STATUS.search("has my refund come through yet")
    assert not REFUND_STATUS.search("how do refunds work for opened socks")
