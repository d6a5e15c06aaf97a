from __future__ import annotations

from datetime import timedelta

from assistant.admin.escalations import escalation_queue
from assistant.store.models import EscalationTicket
from assistant.store.store import Store
from tests.metrics.chat import add_conversation, reply
from tests.proactive.factory import NOW, add_customer


def ticket(
    store: Store,
    number: str,
    conversation: str,
    *,
    reason: str,
    priority: str,
    status: str = "open",
    customer: int | None = None,
    minutes: int = 0,
) -> None:
    with store.write_sessions.begin() as session:
        session.add(
            EscalationTicket(
                ticket_number=number,
                customer_id=customer,
                conversation_id=conversation,
                order_number="47234" if customer else None,
                reason=reason,
                summary=f"Summary of {number}.",
                priority=priority,
                status=status,
                created_at=NOW + timedelta(minutes=minutes),
            )
        )


def test_queue_is_most_urgent_first_with_packets(store: Store) -> None:
    jordan = add_customer(store)
    add_conversation(
        store,
        "conv-1",
        NOW,
        [
            (
                "I was charged twice, card 4242 4242 4242 4242",
                "A billing specialist will review it.",
                reply("billing_dispute"),
            )
        ],
        customer_id=jordan,
    )
    ticket(store, "ESC-1", "conv-0", reason="customer_request", priority="normal", minutes=0)
    ticket(
        store,
        "ESC-2",
        "conv-1",
        reason="billing_dispute",
        priority="high",
        customer=jordan,
        minutes=5,
    )
    ticket(store, "ESC-3", "conv-2", reason="other", priority="normal", status="closed")
    items = escalation_queue(store)
    assert [i.ticket_number for i in items] == ["ESC-2", "ESC-1"]
    top = items[0].packet
    assert top.reason_label == "billing dispute"
    assert top.next_steps is not None and "billing specialist" in top.next_steps
    assert top.summary == "Summary of ESC-2."
    assert top.customer == "Jordan Rivera <jordan@example.com>"
    assert [line.role for line in top.transcript] == ["assistant", "customer", "assistant"]
    assert "[card number removed]" in top.transcript[1].text
    assert "4242 4242" not in top.transcript[1].text
    assert items[1].packet.customer is None and items[1].packet.transcript == []
    assert [i.ticket_number for i in escalation_queue(store, status=None)] == [
        "ESC-2",
        "ESC-1",
        "ESC-3",
    ]
    assert [i.ticket_number for i in escalation_queue(store, status="closed")] == ["ESC-3"]
    assert len(escalation_queue(store, status=None, limit=1)) == 1
