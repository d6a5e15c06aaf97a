"""Conversations and their messages in the store's database (SQLAlchemy; SQLite or Postgres).

A turn is saved in one transaction: the state JSON, the customer id and the new messages, and
only if nobody saved a turn since this one was loaded (``version``); otherwise
:class:`~assistant.conversations.errors.ConversationBusy`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select, update

from assistant.agent.reply import Reply
from assistant.conversations.errors import ConversationBusy
from assistant.store.models import Conversation, ConversationMessage
from assistant.store.store import Store

Role = Literal["customer", "assistant"]


class ConversationReply(Reply):
    """The reply of one turn as a conversation keeps it: plus whether the customer should now
    be shown the verification form (asked for order number and email, not verified)."""

    needs_verification: bool = False


@dataclass(frozen=True, slots=True)
class ConversationRecord:
    id: str
    token_hash: str
    customer_id: int | None
    status: str
    state: dict[str, Any]
    version: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class MessageRecord:
    role: Role
    text: str
    at: datetime
    reply: ConversationReply | None = None


class ConversationRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    def create(
        self,
        conversation_id: str,
        *,
        token_hash: str,
        customer_id: int | None,
        state: dict[str, Any],
        greeting: str,
    ) -> None:
        now = self._store.clock.now()
        with self._store.write_sessions.begin() as session:
            session.add(
                Conversation(
                    id=conversation_id,
                    token_hash=token_hash,
                    customer_id=customer_id,
                    status="open",
                    state=state,
                    version=0,
                    created_at=now,
                    updated_at=now,
                )
            )
            session.flush()  # the conversation row before its first message (foreign key)
            session.add(
                ConversationMessage(
                    conversation_id=conversation_id, role="assistant", text=greeting, created_at=now
                )
            )

    def get(self, conversation_id: str) -> ConversationRecord | None:
        with self._store.sessions() as session:
            row = session.get(Conversation, conversation_id)
            if row is None:
                return None
            return ConversationRecord(
                id=row.id,
                token_hash=row.token_hash,
                customer_id=row.customer_id,
                status=row.status,
                state=row.state,
                version=row.version,
                created_at=row.created_at,
            )

    def messages(self, conversation_id: str) -> list[MessageRecord]:
        with self._store.sessions() as session:
            rows = session.scalars(
                select(ConversationMessage)
                .where(ConversationMessage.conversation_id == conversation_id)
                .order_by(ConversationMessage.id)
            ).all()
        return [
            MessageRecord(
                role="customer" if row.role == "customer" else "assistant",
                text=row.text,
                at=row.created_at,
                reply=ConversationReply.model_validate(row.reply) if row.reply else None,
            )
            for row in rows
        ]

    def save(
        self,
        record: ConversationRecord,
        *,
        state: dict[str, Any],
        customer_id: int | None,
        status: str,
        messages: Sequence[MessageRecord] = (),
    ) -> None:
        """Store a turn that started from ``record``; ``ConversationBusy`` if another turn was
        saved in between."""
        with self._store.write_sessions.begin() as session:
            saved = session.execute(
                update(Conversation)
                .where(Conversation.id == record.id, Conversation.version == record.version)
                .values(
                    state=state,
                    customer_id=customer_id,
                    status=status,
                    version=record.version + 1,
                    updated_at=self._store.clock.now(),
                )
                .execution_options(synchronize_session=False)
            )
            if saved.rowcount != 1:  # type: ignore[attr-defined]
                raise ConversationBusy
            session.add_all(
                ConversationMessage(
                    conversation_id=record.id,
                    role=message.role,
                    text=message.text,
                    reply=message.reply.model_dump(mode="json") if message.reply else None,
                    created_at=message.at,
                )
                for message in messages
            )
