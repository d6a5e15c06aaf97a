"""Edits of a pending order in shopper wording (Jordan's order 47234 is placed: Velo 3 size 8
navy blue and a pack of socks, Visa ending 4242), through the loop and the offline planner."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select

from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.intents import Intent
from assistant.runtime import Assistant
from assistant.store.models import OutboxMessage
from assistant.store.models_returns import PaymentMethod
from tests.agent.conftest import FixedRouter
from tests.commerce.returns_support import deliver
from tests.support import NOW


def start(build: Callable[..., Assistant], intent: Intent) -> tuple[Assistant, object]:
    assistant = build(router=FixedRouter(intent))
    state = assistant.start()
    assistant.verify(state, "47234", "jordan.rivera@example.com")
    return assistant, state


def test_another_size_for_a_pending_order(
    build: Callable[..., Assistant], backend: SqlCommerceBackend
) -> None:
    assistant, state = start(build, Intent.ORDER_CHANGE)
    preview = assistant.reply(state, "can you change the running shoes to a size 9?")  # type: ignore[arg-type]
    assert preview.pending_action is not None
    assert preview.pending_action.action == "change_order_item"
    done = assistant.reply(state, "yes please")  # type: ignore[arg-type]
    assert [a.action for a in done.executed_actions] == ["change_order_item"]
    customer = state.customer  # type: ignore[attr-defined]
    assert backend.get_order(customer, "47234").lines[0].variant["size"] == "9"


def test_removing_an_item_then_changing_ones_mind(
    build: Callable[..., Assistant], backend: SqlCommerceBackend
) -> None:
    assistant, state = start(build, Intent.ORDER_CHANGE)
    preview = assistant.reply(state, "please take the socks off my order")  # type: ignore[arg-type]
    assert preview.pending_action is not None
    assert preview.pending_action.action == "remove_order_item"
    assert "refunded to Visa ending 4242" in preview.text
    kept = assistant.reply(state, "hmm no, keep them actually")  # type: ignore[arg-type]
    assert kept.executed_actions == []
    customer = state.customer  # type: ignore[attr-defined]
    assert len(backend.get_order(customer, "47234").lines) == 2


def test_paying_with_another_card_on_file(
    build: Callable[..., Assistant], backend: SqlCommerceBackend
) -> None:
    assistant, state = start(build, Intent.ORDER_CHANGE)
    customer = state.customer  # type: ignore[attr-defined]
    with backend.store.write_sessions.begin() as session:
        session.add(PaymentMethod(customer_id=customer.customer_id, brand="Mastercard",
                                  last4="4444", is_default=False))  # fmt: skip
    preview = assistant.reply(state, "can I pay with my other card ending 4444 instead?")  # type: ignore[arg-type]
    assert preview.pending_action is not None
    assert "Mastercard ending 4444" in preview.text
    done = assistant.reply(state, "yes")  # type: ignore[arg-type]
    assert [a.action for a in done.executed_actions] == ["change_payment_method"]


def test_a_cancellation_keeps_the_customers_words(
    build: Callable[..., Assistant], backend: SqlCommerceBackend
) -> None:
    assistant, state = start(build, Intent.ORDER_CANCEL)
    words = "please cancel order 47234, I found the shoes cheaper somewhere else"
    assistant.reply(state, words)  # type: ignore[arg-type]
    done = assistant.reply(state, "yes cancel it")  # type: ignore[arg-type]
    assert [a.action for a in done.executed_actions] == ["cancel_order"]
    with backend.store.sessions() as session:
        sent = session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "order_cancelled")
        ).one()
    assert sent.payload["reason"] == words


def test_more_items_for_a_shipped_order_are_a_separate_order_not_a_hand_over(
    build: Callable[..., Assistant], backend: SqlCommerceBackend
) -> None:
    deliver(backend, "47234", NOW - timedelta(days=1))  # it has left the warehouse
    assistant, state = start(build, Intent.ORDER_CHANGE)
    reply = assistant.reply(state, "can i add another pack of socks so shipping is free?")  # type: ignore[arg-type]
    assert reply.escalation is None and reply.pending_action is None
    assert "separate order" in reply.text and "#47234" in reply.text
    # an apartment number added to the address is an address change, not an item
    assistant, state = start(build, Intent.ORDER_CHANGE)
    address = assistant.reply(state, "can you add an apartment number to the address, 4B")  # type: ignore[arg-type]
    assert "separate order" not in address.text
