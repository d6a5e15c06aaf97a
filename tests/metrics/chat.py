"""Stored conversations (the API's tables) written directly, for the SQL source tests."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from assistant.store.models_conversations import Conversation, ConversationMessage
from assistant.store.store import Store


def reply(intent: str, **extra: Any) -> dict[str, Any]:
    return {
        "text": "",
        "intent": intent,
        "confidence": 0.9,
        "citations": [],
        "tool_calls": [],
        "escalation": None,
        "fallback": None,
        **extra,
    }


def add_conversation(
    store: Store,
    cid: str,
    at: datetime,
    exchanges: list[tuple[str, str, dict[str, Any]]],
    *,
    customer_id: int | None = None,
    state: dict[str, Any] | None = None,
) -> None:
    """``exchanges``: (customer text, assistant text, reply JSON), one turn each, a minute
    apart, each answered in 3 seconds."""
    with store.write_sessions.begin() as session:
        session.add(
            Conversation(
                id=cid,
                token_hash="x" * 64,
                customer_id=customer_id,
                status="open",
                state=state or {},
                version=len(exchanges),
                created_at=at,
                updated_at=at,
            )
        )
        session.flush()
        session.add(
            ConversationMessage(
                conversation_id=cid, role="assistant", text="Hi!", reply=None, created_at=at
            )
        )
        for i, (asked, answered, data) in enumerate(exchanges):
            when = at + timedelta(minutes=i + 1)
            session.add(
                ConversationMessage(
                    conversation_id=cid, role="customer", text=asked, reply=None, created_at=when
                )
            )
            session.add(
                ConversationMessage(
                    conversation_id=cid,
                    role="assistant",
                    text=answered,
                    reply={**data, "text": answered},
                    created_at=when + timedelta(seconds=3),
                )
            )
