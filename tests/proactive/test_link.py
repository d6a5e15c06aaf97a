from __future__ import annotations

from datetime import timedelta

from assistant.proactive.events import Event, EventType
from assistant.proactive.link import link_conversation, linked_message
from assistant.proactive.service import ProactiveService
from assistant.settings import Settings
from assistant.store.clock import FixedClock
from assistant.store.models import ProactiveMessage
from assistant.store.store import Store
from tests.proactive.factory import NOW, ShipmentSpec, add_customer, add_order


def queued(store: Store, settings: Settings) -> tuple[str, int]:
    customer = add_customer(store)
    add_order(store, customer, "47234", shipments=(ShipmentSpec(),))
    event = Event(id="e1", type=EventType.ORDER_SHIPPED, occurred_at=NOW, order_number="47234")
    public_id = ProactiveService(store, settings).handle(event).outbox_message_id
    assert public_id is not None
    return public_id, customer


def test_reply_links_a_conversation_and_gives_context(
    store: Store, settings: Settings, clock: FixedClock
) -> None:
    public_id, customer = queued(store, settings)
    context = link_conversation(store, public_id, "conv-1")
    assert context is not None
    assert context.kind == "order_shipped"
    assert (context.customer_id, context.order_number) == (customer, "47234")
    assert context.subject == "Your order #47234 has shipped"
    assert "ups.com" in context.text
    assert context.greeting == (
        "Hi! You're replying to our message about your order #47234 shipping. How can I help?"
    )
    assert linked_message(store, "conv-1") == public_id


def test_first_reply_wins(store: Store, settings: Settings, clock: FixedClock) -> None:
    public_id, _ = queued(store, settings)
    link_conversation(store, public_id, "conv-1")
    clock.advance(timedelta(hours=1))
    assert link_conversation(store, public_id, "conv-2") is not None
    with store.sessions() as session:
        row = session.get(ProactiveMessage, public_id)
        assert row is not None
        assert (row.conversation_id, row.replied_at) == ("conv-1", NOW)


def test_unknown_or_malformed_ids_give_none(store: Store, settings: Settings) -> None:
    queued(store, settings)
    for bad in ("pm_doesnotexist000", "1", "", "pm_../../etc", "x" * 500):
        assert link_conversation(store, bad, "conv-1") is None
    assert linked_message(store, "conv-1") is None
