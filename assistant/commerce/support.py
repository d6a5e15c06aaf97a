"""Requests the customer makes directly (no confirmation step): escalation tickets, feedback."""

from __future__ import annotations

import secrets
from typing import Literal

from sqlalchemy import select

from assistant.commerce import validation
from assistant.commerce.errors import InvalidInput
from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.reads import load_order
from assistant.commerce.schemas import FeedbackPublic, TicketPublic
from assistant.store.models import AuditRecord, EscalationTicket, Feedback
from assistant.store.store import Store

Priority = Literal["low", "normal", "high", "urgent"]


def _conversation(conversation_id: str) -> str:
    if not isinstance(conversation_id, str) or not 1 <= len(conversation_id) <= 64:
        raise InvalidInput("Invalid conversation id.", field="conversation_id")
    return conversation_id


class SupportService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def open_ticket(
        self,
        customer: VerifiedCustomer | None,
        conversation_id: str,
        *,
        reason: str,
        summary: str,
        order_number: str | None = None,
        priority: Priority = "normal",
    ) -> TicketPublic:
        """Hand the conversation to a human. An order number must be the customer's own."""
        conversation = _conversation(conversation_id)
        reason_text = validation.free_text(reason, "reason", 40)
        summary_text = validation.free_text(summary, "summary")
        if reason_text is None or summary_text is None:
            raise InvalidInput("A reason and a summary are required.", field="reason")
        if priority not in ("low", "normal", "high", "urgent"):
            raise InvalidInput("Unknown priority.", field="priority")
        now = self._store.clock.now()
        with self._store.write_sessions.begin() as session:
            number = None
            if order_number is not None:
                number = (
                    load_order(session, customer, order_number).number
                    if customer
                    else validation.order_lookup(order_number)
                )
            while True:
                ticket_number = f"ESC-{secrets.randbelow(900000) + 100000}"
                if (
                    session.scalar(
                        select(EscalationTicket.id).where(
                            EscalationTicket.ticket_number == ticket_number
                        )
                    )
                    is None
                ):
                    break
            ticket = EscalationTicket(
                ticket_number=ticket_number,
                customer_id=customer.customer_id if customer else None,
                conversation_id=conversation,
                order_number=number,
                reason=reason_text,
                summary=summary_text,
                priority=priority,
                status="open",
                created_at=now,
            )
            session.add(ticket)
            session.add(
                AuditRecord(
                    at=now,
                    customer_id=ticket.customer_id,
                    conversation_id=conversation,
                    action="open_ticket",
                    outcome="executed",
                    confirmation_id=None,
                    details={"ticket_number": ticket_number, "reason": reason},
                )
            )
        return TicketPublic(
            ticket_number=ticket.ticket_number,
            status=ticket.status,
            reason=ticket.reason,
            priority=ticket.priority,
            order_number=ticket.order_number,
            created_at=ticket.created_at,
        )

    def record_feedback(
        self,
        customer: VerifiedCustomer | None,
        conversation_id: str,
        *,
        csat: int | None = None,
        nps: int | None = None,
        comment: str | None = None,
    ) -> FeedbackPublic:
        """CSAT 1–5, NPS 0–10, an optional comment; at least one of them."""
        conversation = _conversation(conversation_id)
        if csat is not None and (isinstance(csat, bool) or csat not in range(1, 6)):
            raise InvalidInput("CSAT is a score from 1 to 5.", field="csat")
        if nps is not None and (isinstance(nps, bool) or nps not in range(0, 11)):
            raise InvalidInput("NPS is a score from 0 to 10.", field="nps")
        text = validation.free_text(comment, "comment")
        if csat is None and nps is None and text is None:
            raise InvalidInput("Feedback needs a score or a comment.", field="csat")
        with self._store.write_sessions.begin() as session:
            row = Feedback(
                customer_id=customer.customer_id if customer else None,
                conversation_id=conversation,
                csat=csat,
                nps=nps,
                comment=text,
                created_at=self._store.clock.now(),
            )
            session.add(row)
            session.flush()
            return FeedbackPublic(
                id=row.id,
                csat=row.csat,
                nps=row.nps,
                comment=row.comment,
                created_at=row.created_at,
            )
