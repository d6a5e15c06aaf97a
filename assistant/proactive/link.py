"""A reply to a proactive message continues in a conversation.

The notice's channel (email, SMS, push) carries its public ``proactive_message_id``. When the
customer replies, the client creates the conversation with ``POST /v1/conversations
{"proactive_message_id": ...}`` and the conversations route calls::

    context = link_conversation(store, proactive_message_id, conversation_id)

``None`` means the id is unknown (or malformed): the route carries on with an ordinary
conversation (or answers 404, its choice). Otherwise the message is linked to the conversation
(the first reply wins; ``replied_at`` is set once) and the route gets a
:class:`ProactiveContext`: what the notice was about and a greeting that refers to it.

The link is **not** identity verification: ``customer_id`` is for analytics and for the
assistant to suggest the order, but order data is shown only after the usual verification
(storefront token or order number + email).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from assistant.commerce.shop import sku_facts
from assistant.store.models import OutboxMessage, ProactiveMessage
from assistant.store.store import Store

_PUBLIC_ID = re.compile(r"^pm_[A-Za-z0-9_-]{8,37}$")


@dataclass(frozen=True, slots=True)
class ProactiveContext:
    proactive_message_id: str
    kind: str
    customer_id: int
    order_number: str | None
    subscription_id: int | None
    sku: str | None
    subject: str
    text: str
    sent_at: datetime | None
    greeting: str


def _topic(kind: str, order_number: str | None, model: str) -> str:
    order = f"your order #{order_number}" if order_number else "your order"
    topics = {
        "order_received": order,
        "order_shipped": f"{order} shipping",
        "out_for_delivery": f"{order} arriving",
        "shipment_delayed": f"the delay on {order}",
        "setup_tips": f"getting started with your {model}",
        "renewal_upcoming": "your upcoming subscription delivery",
        "warranty_expiring": f"the warranty on your {model}",
    }
    return topics.get(kind, "our recent message")


def link_conversation(
    store: Store, proactive_message_id: str, conversation_id: str
) -> ProactiveContext | None:
    """Link ``conversation_id`` to the proactive message; its context, or ``None``."""
    if not isinstance(proactive_message_id, str) or not _PUBLIC_ID.match(proactive_message_id):
        return None
    with store.write_sessions.begin() as session:
        row = session.get(ProactiveMessage, proactive_message_id)
        if row is None:
            return None
        if row.conversation_id is None:
            row.conversation_id = conversation_id
            row.replied_at = store.clock.now()
        outbox = session.scalar(select(OutboxMessage).where(OutboxMessage.id == row.outbox_id))
        payload = dict(outbox.payload) if outbox is not None else {}
        facts = sku_facts(session, row.sku) if row.sku else None
        topic = _topic(row.kind, row.order_number, facts.model if facts else "your purchase")
        return ProactiveContext(
            proactive_message_id=row.id,
            kind=row.kind,
            customer_id=row.customer_id,
            order_number=row.order_number,
            subscription_id=row.subscription_id,
            sku=row.sku,
            subject=str(payload.get("subject", "")),
            text=str(payload.get("text", "")),
            sent_at=outbox.sent_at if outbox is not None else None,
            greeting=f"Hi! You're replying to our message about {topic}. How can I help?",
        )


def linked_message(store: Store, conversation_id: str) -> str | None:
    """The proactive message id a conversation continues, if any (for metrics and admin)."""
    with store.sessions() as session:
        return session.scalar(
            select(ProactiveMessage.id).where(ProactiveMessage.conversation_id == conversation_id)
        )
