"""Conversations survive a restart: a new app on the same database continues them, with the
verified customer and the pending action restored only from the server's own records."""

from __future__ import annotations

import threading

from fastapi.testclient import TestClient
from sqlalchemy import update

from assistant.store.models_conversations import Conversation
from tests.api.conftest import ApiTemplate, Chat, MakeClient, start
from tests.databases import Databases


def _reopen(chat: Chat, client: TestClient) -> Chat:
    return Chat(client, chat.id, chat.token, chat.started)


def test_restart_keeps_the_customer_and_the_pending_action(
    make_client: MakeClient, api_template: ApiTemplate, databases: Databases
) -> None:
    db = databases.copy(api_template.database)
    with make_client(db) as first:
        skip = start(first, customer="alex.kim@example.com")
        assert skip.say("Skip next month's coffee delivery")["pending_action"] is not None
        order = start(first)
        assert order.say("Did my order go through? I never got a confirmation email")[
            "needs_verification"
        ]
        verified = order.post(
            "verify", {"order_number": "47234", "email": "jordan.rivera@example.com"}
        )
        assert verified.status_code == 200
        before = skip.transcript()

    with make_client(db) as second:
        skip, order = _reopen(skip, second), _reopen(order, second)
        assert skip.transcript() == before
        done = skip.post("confirm")
        assert done.status_code == 200, done.text
        assert [a["action"] for a in done.json()["executed_actions"]] == ["skip_next_delivery"]
        answer = order.say("Did my order go through?")
        assert answer["needs_verification"] is False and "#47234" in answer["text"]
        assert len(skip.transcript()) == len(before) + 2


def test_a_stored_customer_id_alone_does_not_verify(
    make_client: MakeClient, api_template: ApiTemplate, databases: Databases
) -> None:
    db = databases.copy(api_template.database)
    with make_client(db) as first:
        chat = start(first)
        store = first.app.state.services.store  # type: ignore[attr-defined]
        with store.write_sessions.begin() as session:  # as if the row were edited
            session.execute(
                update(Conversation).where(Conversation.id == chat.id).values(customer_id=1)
            )
    with make_client(db) as second:
        reply = _reopen(chat, second).say(
            "Did my order go through? I never got a confirmation email"
        )
        assert reply["needs_verification"] is True


def test_turns_of_one_conversation_run_one_at_a_time(client: TestClient) -> None:
    chat = start(client)
    errors: list[AssertionError] = []

    def talk(text: str) -> None:
        try:
            chat.say(text)
        except AssertionError as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=talk, args=(f"hello number {i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    messages = chat.transcript()
    assert [m["role"] for m in messages] == ["assistant"] + ["customer", "assistant"] * 4
    asked = sorted(m["text"] for m in messages if m["role"] == "customer")
    assert asked == [f"hello number {i}" for i in range(4)]
