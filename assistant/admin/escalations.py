"""The escalation queue: tickets with their hand-over packets, for ``GET
/v1/admin/escalations``.

The escalation service stores the ticket (reason, priority, summary) and delivers the full
packet to the helpdesk webhook; it does not store the packet itself. The queue rebuilds the
packet from what is stored: the ticket's summary (which the packet template wrote from the
typed facts: identity, order or subscription, steps tried), the reason's label and the line the
customer was told, the customer, and the conversation's transcript (card numbers masked).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Literal

from pydantic import BaseModel
from sqlalchemy import select

from assistant.escalation.reasons import PRIORITIES, EscalationReason
from assistant.redaction import redact
from assistant.store.models import Customer, EscalationTicket, ProactiveMessage
from assistant.store.models_conversations import ConversationMessage
from assistant.store.store import Store

MAX_TRANSCRIPT = 50


class TranscriptLine(BaseModel):
    role: Literal["customer", "assistant"]
    text: str
    at: datetime


class QueuePacket(BaseModel):
    reason: str
    reason_label: str
    priority: str
    summary: str
    next_steps: str | None
    customer: str | None  # "Name <email>" when verified
    order_number: str | None
    proactive_message_id: str | None
    transcript: list[TranscriptLine]


class QueueItem(BaseModel):
    ticket_number: str
    status: str
    reason: str
    priority: str
    order_number: str | None
    conversation_id: str
    created_at: datetime
    packet: QueuePacket


def _reason(code: str) -> EscalationReason | None:
    try:
        return EscalationReason(code)
    except ValueError:
        return None


def escalation_queue(
    store: Store, *, status: str | None = "open", limit: int = 50
) -> list[QueueItem]:
    """Tickets (``status`` or all when ``None``), most urgent first, then oldest first."""
    with store.sessions() as session:
        query = select(EscalationTicket, Customer).outerjoin(
            Customer, Customer.id == EscalationTicket.customer_id
        )
        if status is not None:
            query = query.where(EscalationTicket.status == status)
        rows = list(session.execute(query).all())
        rows.sort(
            key=lambda r: (
                -PRIORITIES.index(r[0].priority) if r[0].priority in PRIORITIES else 0,
                r[0].created_at,
            )
        )
        rows = rows[:limit]
        ids = [t.conversation_id for t, _ in rows]
        transcripts: dict[str, list[TranscriptLine]] = defaultdict(list)
        for msg in session.scalars(
            select(ConversationMessage)
            .where(ConversationMessage.conversation_id.in_(ids))
            .order_by(ConversationMessage.id)
        ):
            transcripts[msg.conversation_id].append(
                TranscriptLine(
                    role="customer" if msg.role == "customer" else "assistant",
                    text=redact(msg.text),
                    at=msg.created_at,
                )
            )
        linked = dict(
            session.execute(
                select(ProactiveMessage.conversation_id, ProactiveMessage.id).where(
                    ProactiveMessage.conversation_id.in_(ids)
                )
            )
            .tuples()
            .all()
        )
    items = []
    for ticket, customer in rows:
        reason = _reason(ticket.reason)
        items.append(
            QueueItem(
                ticket_number=ticket.ticket_number,
                status=ticket.status,
                reason=ticket.reason,
                priority=ticket.priority,
                order_number=ticket.order_number,
                conversation_id=ticket.conversation_id,
                created_at=ticket.created_at,
                packet=QueuePacket(
                    reason=ticket.reason,
                    reason_label=reason.label if reason else ticket.reason,
                    priority=ticket.priority,
                    summary=ticket.summary,
                    next_steps=reason.next_steps if reason else None,
                    customer=f"{customer.name} <{customer.email}>" if customer else None,
                    order_number=ticket.order_number,
                    proactive_message_id=linked.get(ticket.conversation_id),
                    transcript=transcripts.get(ticket.conversation_id, [])[-MAX_TRANSCRIPT:],
                ),
            )
        )
    return items
