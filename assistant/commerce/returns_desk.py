"""The store's returns desk: a returned parcel arrives, then its refund is issued.

Staff run these steps (``POST /v1/admin/returns/{rma}/received`` and ``.../refund-issued``,
or ``assistant store receive-return RMA [--issue-refund]``); the rules and dates are those of
:mod:`assistant.store.refund_lifecycle`. Each step runs in one transaction with an audit record
(``receive_return`` / ``issue_refund``: executed, or refused with the reason) and an email to
the customer in the outbox. A step that does not fit the return's state is refused
(``ActionNotAllowed``: already received, not received yet, already refunded, no refund due);
an unknown RMA is ``ReturnNotFound``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Literal, cast

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.commerce.errors import ActionNotAllowed, ReturnNotFound
from assistant.commerce.schemas import RefundPublic
from assistant.store.models import AuditRecord, Customer, Order, OutboxMessage
from assistant.store.models_returns import Refund, ReturnRecord
from assistant.store.policy import StorePolicy
from assistant.store.refund_lifecycle import mark_received, mark_refunded
from assistant.store.store import Store

RefundTo = Literal["original_payment", "store_credit"]
RefundStatus = Literal["awaiting_return", "processing", "issued"]


class ReturnProgress(BaseModel):
    """Where a return stands, as staff see it."""

    rma: str
    order_number: str
    type: Literal["return", "exchange"]
    status: str
    created_at: datetime
    received_at: datetime | None
    refunds: list[RefundPublic]


def _refund(refund: Refund, order: Order, record: ReturnRecord) -> RefundPublic:
    return RefundPublic(
        reference=refund.reference,
        order_number=order.number,
        rma=record.rma,
        amount=refund.amount,
        destination=cast(RefundTo, refund.destination),
        method=refund.method,
        status=cast(RefundStatus, refund.status),
        expected_from=refund.expected_from,
        expected_to=refund.expected_to,
        created_at=refund.created_at,
        issued_at=refund.issued_at,
        received_at=record.received_at,
    )


Step = Callable[[ReturnRecord, list[Refund]], None]


class ReturnsDesk:
    def __init__(self, store: Store, policy: StorePolicy) -> None:
        self._store = store
        self._policy = policy

    def waiting(self, status: str = "label_sent", limit: int = 50) -> list[ReturnProgress]:
        """Returns in ``status`` (default: labels sent, parcels not arrived yet), oldest first."""
        with self._store.sessions() as session:
            records = session.scalars(
                select(ReturnRecord)
                .where(ReturnRecord.status == status)
                .order_by(ReturnRecord.created_at, ReturnRecord.id)
                .limit(limit)
            ).all()
            return [self._progress(session, r) for r in records]

    def progress(self, rma: str) -> ReturnProgress:
        """The return and its refunds as they are now."""
        with self._store.sessions() as session:
            record = self._load(session, rma)
            return self._progress(session, record)

    def receive(self, rma: str, *, by: str) -> ReturnProgress:
        """The parcel arrived: the return is received and its refund starts processing."""

        def step(record: ReturnRecord, refunds: list[Refund]) -> None:
            if record.status != "label_sent":
                raise ActionNotAllowed(
                    f"Return {record.rma} was already received.",
                    reason="return_already_received",
                )
            now = self._store.clock.now()
            mark_received(record, refunds, self._policy.returns, now, self._store.clock.tz)

        return self._run(rma, "receive_return", "return_received", step, by)

    def issue_refund(self, rma: str, *, by: str) -> ReturnProgress:
        """The received return passed inspection: its refund is sent."""

        def step(record: ReturnRecord, refunds: list[Refund]) -> None:
            if record.status == "label_sent":
                raise ActionNotAllowed(
                    f"Return {record.rma} has not been received yet; receive it first.",
                    reason="return_not_received",
                )
            if not any(r.status == "processing" for r in refunds):
                issued = any(r.status == "issued" for r in refunds)
                raise ActionNotAllowed(
                    f"The refund of return {record.rma} was already issued."
                    if issued
                    else f"Return {record.rma} has no refund due.",
                    reason="refund_already_issued" if issued else "no_refund_due",
                )
            now = self._store.clock.now()
            mark_refunded(record, refunds, self._policy.returns, now, self._store.clock.tz)

        return self._run(rma, "issue_refund", "refund_issued", step, by)

    def _run(self, rma: str, action: str, notice: str, step: Step, by: str) -> ReturnProgress:
        found: tuple[str, int] | None = None  # RMA and customer, for a refusal's audit
        try:
            with self._store.write_sessions.begin() as session:
                record = self._load(session, rma)
                found = (record.rma, record.customer_id)
                refunds = self._refunds(session, record)
                step(record, refunds)
                progress = self._progress(session, record)
                details = {
                    "rma": record.rma,
                    "by": by,
                    "refunds": [f"{r.reference}:{r.status}" for r in refunds],
                }
                self._audit(session, record.customer_id, action, "executed", details)
                self._notify(session, record, notice, progress)
        except ActionNotAllowed as error:  # rolled back; the refusal is still recorded
            if found is not None:
                refused = {"rma": found[0], "by": by, "code": error.code}
                with self._store.write_sessions.begin() as session:
                    self._audit(session, found[1], action, "refused", refused)
            raise
        return progress

    def _audit(
        self, session: Session, customer_id: int, action: str, outcome: str, details: dict[str, Any]
    ) -> None:
        session.add(
            AuditRecord(
                at=self._store.clock.now(),
                customer_id=customer_id,
                conversation_id=None,
                action=action,
                outcome=outcome,
                confirmation_id=None,
                details=details,
            )
        )

    def _notify(
        self, session: Session, record: ReturnRecord, kind: str, progress: ReturnProgress
    ) -> None:
        email = session.scalar(select(Customer.email).where(Customer.id == record.customer_id))
        if email is None:
            return
        session.add(
            OutboxMessage(
                customer_id=record.customer_id,
                channel="email",
                recipient=email,
                kind=kind,
                payload={
                    "rma": record.rma,
                    "order_number": progress.order_number,
                    "refunds": [r.model_dump(mode="json") for r in progress.refunds],
                },
                status="pending",
                created_at=self._store.clock.now(),
            )
        )

    @staticmethod
    def _load(session: Session, rma: str) -> ReturnRecord:
        wanted = rma.strip().upper()
        record = session.scalars(select(ReturnRecord).where(ReturnRecord.rma == wanted)).first()
        if record is None:
            raise ReturnNotFound(wanted)
        return record

    @staticmethod
    def _refunds(session: Session, record: ReturnRecord) -> list[Refund]:
        return list(
            session.scalars(select(Refund).where(Refund.return_id == record.id).order_by(Refund.id))
        )

    def _progress(self, session: Session, record: ReturnRecord) -> ReturnProgress:
        session.flush()
        order = session.get_one(Order, record.order_id)
        return ReturnProgress(
            rma=record.rma,
            order_number=order.number,
            type="exchange" if record.kind == "exchange" else "return",
            status=record.status,
            created_at=record.created_at,
            received_at=record.received_at,
            refunds=[_refund(r, order, record) for r in self._refunds(session, record)],
        )
