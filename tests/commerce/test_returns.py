"""Self-service returns against the demo store (policy: corpus/_store/store.yaml, 30 days,
America/New_York). Sam's order 47102 (SoundWave Pro, $249.99, express shipping $14.99, tax
6.625 %) was delivered on January 19, 2026 at 13:40 ET; the clock is January 20, 10:00 ET."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from sqlalchemy import select

from assistant.commerce.errors import ActionNotAllowed, InvalidInput
from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.requests import ReturnItemInput, ReturnItems
from assistant.commerce.schemas import ReturnPublic
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.settings import Settings
from assistant.store.clock import FixedClock
from assistant.store.models import Order
from assistant.store.models_returns import Refund, ReturnRecord
from assistant.store.types import OrderStatus
from tests.commerce.returns_support import deliver, run
from tests.support import NOW, TZ

HEADPHONES = ReturnItemInput(sku="AUR-SWP-100")
UNUSED = {"unused": True}


def sam_return(**extra: object) -> ReturnItems:
    values: dict[str, object] = {"order_number": "47102", "items": [HEADPHONES], "answers": UNUSED}
    values.update(extra)
    return ReturnItems.model_validate(values)


def test_a_return_inside_the_window_issues_an_rma_label_and_refund(
    backend: SqlCommerceBackend, sam: VerifiedCustomer
) -> None:
    preview = backend.preview(sam, sam_return())
    # items 249.99 + tax 16.56 (6.625 %) − 6.95 changed-mind fee; express shipping not refunded
    assert preview.amount_change == Decimal("-259.60")
    assert "Mastercard ending 5510" in preview.summary and "6.95" in preview.summary
    result = run(backend, sam, sam_return())
    record = result.record
    assert isinstance(record, ReturnPublic)
    assert record.rma.startswith("RMA-") and record.refund_total == Decimal("259.60")
    assert record.shipping_refund == 0 and record.fee == Decimal("6.95")
    assert record.drop_off_by.isoformat() == "2026-02-03"
    assert f"/v1/returns/{record.rma}/label.pdf?expires=" in record.label_url
    refunds = backend.refund_status(sam)
    assert [(r.amount, r.status, r.rma) for r in refunds] == [
        (Decimal("259.60"), "awaiting_return", record.rma)
    ]
    assert backend.get_order(sam, "47102").status == "returned"  # its only item


def test_the_label_pdf_has_the_rma_addresses_and_a_barcode(
    backend: SqlCommerceBackend, sam: VerifiedCustomer
) -> None:
    record = run(backend, sam, sam_return()).record
    assert isinstance(record, ReturnPublic)
    expires = int(record.label_url.split("expires=")[1].split("&")[0])
    sig = record.label_url.split("sig=")[1]
    path = backend.label_for_link(record.rma, expires, sig)
    assert path is not None and path.suffix == ".pdf"
    reader = PdfReader(path)
    text = reader.pages[0].extract_text()
    assert record.rma in text and "Northfield Market Returns" in text
    assert "Secaucus, NJ 07094" in text and "Sam Patel" in text
    assert b" re f" in path.read_bytes()  # the barcode's bars
    assert backend.label_for_link(record.rma, expires, sig[:-2] + "xx") is None
    assert backend.label_for_link(record.rma, expires + 1, sig) is None


def test_a_second_return_of_the_same_item_is_refused(
    backend: SqlCommerceBackend, sam: VerifiedCustomer
) -> None:
    first = run(backend, sam, sam_return()).record
    assert isinstance(first, ReturnPublic)
    with pytest.raises(ActionNotAllowed) as refused:
        backend.preview(sam, sam_return())
    assert refused.value.reason == "already_returned" and first.rma in refused.value.message


@pytest.mark.parametrize(
    ("now", "allowed"),
    [
        (datetime(2026, 2, 18, 23, 59, tzinfo=TZ), True),  # the 30th day, store time
        (datetime(2026, 2, 19, 3, 30, tzinfo=UTC), True),  # still Feb 18 in New York
        (datetime(2026, 2, 19, 0, 0, tzinfo=TZ), False),
    ],
)
def test_the_window_ends_at_the_day_boundary_in_the_store_time_zone(
    settings: Settings, now: datetime, allowed: bool
) -> None:
    backend = SqlCommerceBackend.from_settings(settings, clock=FixedClock(now, UTC))
    try:
        sam = backend.verify_by_order("conv-edge", "47102", "sam.patel@example.com")
        if allowed:
            assert backend.preview(sam, sam_return()).amount_change == Decimal("-259.60")
            return
        with pytest.raises(ActionNotAllowed) as refused:
            backend.preview(sam, sam_return())
        assert refused.value.reason == "return_window_closed" and refused.value.escalate
        assert "closed on Wednesday, February 18, 2026" in refused.value.message
        assert "delivered on Monday, January 19, 2026" in refused.value.message
    finally:
        backend.close()


def test_a_closed_window_says_when_it_closed(
    backend: SqlCommerceBackend, alex: VerifiedCustomer
) -> None:
    request = ReturnItems(order_number="46890", items=[ReturnItemInput(sku="RCC-PDR-12")])
    with pytest.raises(ActionNotAllowed) as refused:
        backend.preview(alex, request)
    assert "closed on Thursday, December 18, 2025" in refused.value.message
    assert "63 days have passed" in refused.value.message


def test_condition_questions_come_first_and_an_opened_pack_is_not_returnable(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer
) -> None:
    deliver(backend, "47234", NOW - timedelta(days=2))
    socks = ReturnItems(order_number="47234", items=[ReturnItemInput(sku="STR-SOCK-3P")])
    asked = backend.return_questions(jordan, socks)
    assert [q.key for q in asked] == ["unused", "opened_socks"]
    with pytest.raises(InvalidInput) as unanswered:
        backend.preview(jordan, socks)
    assert unanswered.value.code == "condition_unanswered"
    opened = socks.model_copy(update={"answers": {"unused": True, "opened_socks": True}})
    with pytest.raises(ActionNotAllowed) as refused:
        backend.preview(jordan, opened)
    assert refused.value.reason == "condition_not_met" and "hygiene" in refused.value.message
    assert not refused.value.escalate
    used = socks.model_copy(update={"answers": {"unused": False, "opened_socks": False}})
    with pytest.raises(ActionNotAllowed) as review:
        backend.preview(jordan, used)
    assert review.value.reason == "condition_review" and review.value.escalate
    # an answer given before the other questions is checked at once, not after them
    early = socks.model_copy(update={"answers": {"opened_socks": True}})
    with pytest.raises(ActionNotAllowed) as at_once:
        backend.return_questions(jordan, early)
    assert at_once.value.reason == "condition_not_met"


def test_a_partial_return_then_the_rest_of_the_order(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer
) -> None:
    deliver(backend, "47234", NOW - timedelta(days=2))
    answers = {"unused": True, "opened_socks": False}
    socks = ReturnItems(
        order_number="47234", items=[ReturnItemInput(sku="STR-SOCK-3P")], answers=answers
    )
    run(backend, jordan, socks)
    assert backend.get_order(jordan, "47234").status == "delivered"  # shoes still there
    shoes = socks.model_copy(update={"items": [ReturnItemInput(sku="STR-VELO3-W")]})
    record = run(backend, jordan, shoes).record
    assert isinstance(record, ReturnPublic) and record.lines[0].sku == "STR-VELO3-W"
    assert backend.get_order(jordan, "47234").status == "returned"
    assert len(backend.list_returns(jordan)) == 2


def test_several_items_in_one_return(backend: SqlCommerceBackend, jordan: VerifiedCustomer) -> None:
    deliver(backend, "47234", NOW - timedelta(days=2))
    both = ReturnItems(
        order_number="47234",
        items=[ReturnItemInput(sku="STR-SOCK-3P"), ReturnItemInput(sku="STR-VELO3-W")],
        answers={"unused": True, "opened_socks": False},
    )
    record = run(backend, jordan, both).record
    assert isinstance(record, ReturnPublic)
    assert {ln.sku for ln in record.lines} == {"STR-SOCK-3P", "STR-VELO3-W"}
    assert record.items_amount == Decimal("131.80")


def test_our_error_refunds_shipping_without_a_fee_and_damage_goes_to_a_person(
    backend: SqlCommerceBackend, sam: VerifiedCustomer
) -> None:
    defective = backend.preview(sam, sam_return(reason="defective", answers={}))
    assert defective.amount_change == -(Decimal("249.99") + Decimal("16.56") + Decimal("14.99"))
    with pytest.raises(ActionNotAllowed) as damaged:
        backend.preview(sam, sam_return(reason="damaged_on_arrival"))
    assert damaged.value.reason == "person_decides" and damaged.value.escalate


def test_store_credit_only_where_the_policy_offers_it(
    backend: SqlCommerceBackend, sam: VerifiedCustomer
) -> None:
    with pytest.raises(InvalidInput) as refused:
        backend.preview(sam, sam_return(refund_to="store_credit"))
    assert refused.value.code == "store_credit_not_offered"


def test_above_the_hand_over_value_a_person_takes_over(
    backend: SqlCommerceBackend, settings: Settings
) -> None:
    deliver(backend, "46511", NOW - timedelta(days=3))
    taylor = backend.verify_by_order("conv-t", "46511", "taylor.brooks@example.com")
    camera = ReturnItems(
        order_number="46511", items=[ReturnItemInput(sku="LUM-Z8-BODY")], answers=UNUSED
    )
    with pytest.raises(ActionNotAllowed) as refused:
        backend.preview(taylor, camera)
    assert refused.value.reason == "above_handover_value" and refused.value.escalate
    assert "$1,000.00" in refused.value.message


def test_non_returnable_product_types_come_from_the_policy(
    settings: Settings, tmp_path: Path
) -> None:
    data = yaml.safe_load(settings.store_policy_path.read_text())
    data["returns"]["non_returnable_product_types"] = ["audio"]
    policy = tmp_path / "store.yaml"
    policy.write_text(yaml.safe_dump(data))
    changed = settings.model_copy(update={"store_policy_path": policy})
    backend = SqlCommerceBackend.from_settings(changed, clock=FixedClock(NOW, TZ))
    try:
        sam = backend.verify_by_order("conv-p", "47102", "sam.patel@example.com")
        with pytest.raises(ActionNotAllowed) as refused:
            backend.preview(sam, sam_return())
        assert refused.value.reason == "not_returnable" and "audio" in refused.value.message
    finally:
        backend.close()


def test_an_undelivered_order_cannot_be_returned(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer
) -> None:
    request = ReturnItems(order_number="47234", items=[ReturnItemInput(sku="STR-SOCK-3P")])
    with pytest.raises(ActionNotAllowed) as refused:
        backend.preview(jordan, request)
    assert refused.value.reason == "not_delivered"


def test_refund_status_reads_the_store_refund_records(
    backend: SqlCommerceBackend, sam: VerifiedCustomer, alex: VerifiedCustomer
) -> None:
    assert backend.refund_status(sam) == []
    run(backend, sam, sam_return())
    with backend.store.write_sessions.begin() as session:
        refund = session.scalars(select(Refund).where(Refund.customer_id == sam.customer_id)).one()
        refund.status, refund.issued_at = "issued", NOW + timedelta(days=6)
        mine = select(ReturnRecord).where(ReturnRecord.customer_id == sam.customer_id)
        assert session.scalars(mine).one().status == "label_sent"
        assert session.scalars(select(Order).where(Order.number == "47102")).one().status is (
            OrderStatus.RETURNED
        )
    [status] = backend.refund_status(sam)
    assert status.status == "issued" and status.issued_at is not None
    assert backend.refund_status(alex) == []  # another customer's refunds are never shown


def test_the_return_window_of_an_order(
    backend: SqlCommerceBackend, sam: VerifiedCustomer, alex: VerifiedCustomer
) -> None:
    window = backend.return_window(sam, "47102")
    assert (window.delivered_on.isoformat(), window.last_day.isoformat()) == (
        "2026-01-19",
        "2026-02-18",
    )
    assert window.open and window.window_days == 30
    assert not backend.return_window(alex, "46890").open
