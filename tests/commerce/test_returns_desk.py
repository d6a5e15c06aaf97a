"""The returns desk: a return's parcel is received (refund processing, expected dates from the
policy: 3 inspection then 5–7 refund business days), then its refund is issued; steps that do
not fit the return's state are refused and audited; the demo's past returns read back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from assistant.commerce.errors import ActionNotAllowed, ReturnNotFound
from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.requests import ReturnItemInput, ReturnItems
from assistant.commerce.returns_desk import ReturnsDesk
from assistant.commerce.schemas import ReturnPublic
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.store.clock import FixedClock
from assistant.store.models import AuditRecord, OutboxMessage
from tests.commerce.returns_support import run
from tests.support import NOW

HEADPHONES = ReturnItems(
    order_number="47102", items=[ReturnItemInput(sku="AUR-SWP-100")], answers={"unused": True}
)


def _sams_return(backend: SqlCommerceBackend, sam: VerifiedCustomer) -> str:
    record = run(backend, sam, HEADPHONES).record
    assert isinstance(record, ReturnPublic)
    return record.rma


def _audit(backend: SqlCommerceBackend, customer_id: int) -> list[tuple[str, str]]:
    with backend.store.sessions() as session:
        rows = session.scalars(
            select(AuditRecord)
            .where(
                AuditRecord.customer_id == customer_id,
                AuditRecord.action.in_(("receive_return", "issue_refund")),
            )
            .order_by(AuditRecord.id)
        ).all()
        return [(r.action, r.outcome) for r in rows]


def test_received_then_issued_with_the_policy_dates(
    backend: SqlCommerceBackend, sam: VerifiedCustomer, clock: FixedClock
) -> None:
    rma = _sams_return(backend, sam)
    desk = ReturnsDesk(backend.store, backend.policy())
    [waiting] = backend.refund_status(sam)
    assert waiting.status == "awaiting_return" and waiting.expected_from is None
    clock.advance(timedelta(days=3))  # Friday, January 23
    received = desk.receive(rma.lower(), by="test")  # RMAs are matched in any case
    assert received.status == "received" and received.received_at == clock.now()
    [processing] = backend.refund_status(sam)
    assert processing.status == "processing" and processing.received_at == clock.now()
    # 3 inspection + 5..7 refund business days after Friday, January 23
    assert (processing.expected_from, processing.expected_to) == (
        date(2026, 2, 4),
        date(2026, 2, 6),
    )
    assert backend.list_returns(sam)[0].received_at == clock.now()
    clock.advance(timedelta(days=4))  # Tuesday, January 27
    issued = desk.issue_refund(rma, by="test")
    assert issued.status == "refunded"
    [refund] = backend.refund_status(sam)
    assert refund.status == "issued" and refund.issued_at == clock.now()
    assert (refund.expected_from, refund.expected_to) == (date(2026, 2, 3), date(2026, 2, 5))
    assert _audit(backend, sam.customer_id) == [
        ("receive_return", "executed"),
        ("issue_refund", "executed"),
    ]
    with backend.store.sessions() as session:
        kinds = session.scalars(
            select(OutboxMessage.kind).where(OutboxMessage.customer_id == sam.customer_id)
        ).all()
    assert {"return_received", "refund_issued"} <= set(kinds)


def test_steps_out_of_order_are_refused_and_audited(
    backend: SqlCommerceBackend, sam: VerifiedCustomer
) -> None:
    rma = _sams_return(backend, sam)
    desk = ReturnsDesk(backend.store, backend.policy())
    with pytest.raises(ActionNotAllowed) as early:
        desk.issue_refund(rma, by="test")
    assert early.value.reason == "return_not_received"
    desk.receive(rma, by="test")
    with pytest.raises(ActionNotAllowed) as twice:
        desk.receive(rma, by="test")
    assert twice.value.reason == "return_already_received"
    desk.issue_refund(rma, by="test")
    with pytest.raises(ActionNotAllowed) as again:
        desk.issue_refund(rma, by="test")
    assert again.value.reason == "refund_already_issued"
    assert _audit(backend, sam.customer_id) == [
        ("issue_refund", "refused"),
        ("receive_return", "executed"),
        ("receive_return", "refused"),
        ("issue_refund", "executed"),
        ("issue_refund", "refused"),
    ]
    assert [r.status for r in backend.refund_status(sam)] == ["issued"]
    with pytest.raises(ReturnNotFound):
        desk.receive("RMA-NOSUCH00", by="test")


def test_the_demo_customer_with_past_returns_has_refunds_in_every_state(
    backend: SqlCommerceBackend,
) -> None:
    morgan = backend.verify_by_order("conv-morgan", "40958", "morgan.ellis@example.com")
    refunds = {r.order_number: r for r in backend.refund_status(morgan)}
    assert {n: r.status for n, r in refunds.items()} == {
        "40958": "awaiting_return",
        "40912": "processing",
        "40871": "issued",
    }
    issued = refunds["40871"]
    assert issued.issued_at is not None and issued.received_at is not None
    assert issued.issued_at.date() == (NOW - timedelta(days=15)).date()
    assert issued.amount == sum(
        r.refund_total for r in backend.list_returns(morgan) if r.rma == issued.rma
    )
    desk = ReturnsDesk(backend.store, backend.policy())
    assert refunds["40958"].rma is not None
    desk.receive(refunds["40958"].rma, by="test")
    assert {r.order_number: r.status for r in backend.refund_status(morgan)}["40958"] == (
        "processing"
    )
