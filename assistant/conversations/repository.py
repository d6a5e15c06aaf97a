"""Conversations and their messages in the store's database (SQLAlchemy; SQLite or Postgres).

A turn (:meth:`ConversationRepository.turn`) loads the conversation and its transcript, and
saves the state JSON, the customer id and the new messages, only if nobody saved a turn since
this one was loaded (``version``); otherwise
:class:`~assistant.conversations.errors.ConversationBusy`.

On PostgreSQL the whole turn is one transaction that holds the conversation's row lock
(``FOR NO KEY UPDATE``) from load to save, so the turns of one conversation run one at a time
across every worker process, each waiting up to ``lock_timeout`` for the one before. SQLite
allows one writer at a time, so there a turn reads in one transaction and writes in another
(the version check still refuses a turn that raced another process).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import insert, select, text, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from assistant.agent.reply import Reply
from assistant.conversations.errors import ConversationBusy, ConversationNotFound
from assistant.store.models_conversations import Conversation, ConversationMessage
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


@dataclass(frozen=True, slots=True)
class TurnOutcome:
    state: dict[str, Any]
    customer_id: int | None
    status: str
    messages: Sequence[MessageRecord] = ()


@dataclass(slots=True)
class Turn:
    """One turn's view of a conversation: its row and transcript as loaded (without the stored
    reply JSON); :meth:`save` stores the turn's outcome (once)."""

    record: ConversationRecord
    history: list[MessageRecord]
    _write: Callable[[TurnOutcome], None] = field(repr=False)
    saved: bool = False

    def save(self, outcome: TurnOutcome) -> None:
        if self.saved:
            raise RuntimeError("a turn is saved once")
        self._write(outcome)
        self.saved = True


def _record(row: Conversation) -> ConversationRecord:
    return ConversationRecord(
        id=row.id,
        token_hash=row.token_hash,
        customer_id=row.customer_id,
        status=row.status,
        state=row.state,
        version=row.version,
        created_at=row.created_at,
    )


def _history(
    session: Session, conversation_id: str, *, replies: bool = True
) -> list[MessageRecord]:
    """The transcript, oldest first; without ``replies`` the stored reply JSON is neither read
    nor validated (a turn needs only who said what, when)."""
    m = ConversationMessage
    columns = (m.role, m.text, m.created_at, m.reply) if replies else (m.role, m.text, m.created_at)
    rows = session.execute(
        select(*columns).where(m.conversation_id == conversation_id).order_by(m.id)
    ).all()
    return [
        MessageRecord(
            role="customer" if row[0] == "customer" else "assistant",
            text=row[1],
            at=row[2],
            reply=ConversationReply.model_validate(row[3]) if replies and row[3] else None,
        )
        for row in rows
    ]


class ConversationRepository:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._row_locks = store.engine.dialect.name == "postgresql"

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
            return None if row is None else _record(row)

    def messages(self, conversation_id: str) -> list[MessageRecord]:
        with self._store.sessions() as session:
            return _history(session, conversation_id)

    @contextmanager
    def turn(self, conversation_id: str, *, lock_timeout: float = 30.0) -> Iterator[Turn]:
        """Load the conversation for a turn: ``ConversationNotFound`` if it does not exist,
        ``ConversationBusy`` if another worker's turn holds it longer than ``lock_timeout``
        (PostgreSQL) or saved first (both). Nothing is saved unless the turn calls ``save``."""
        if not self._row_locks:
            with self._store.sessions() as session:
                row = session.get(Conversation, conversation_id)
                if row is None:
                    raise ConversationNotFound
                record = _record(row)
                history = _history(session, conversation_id, replies=False)

            def write_later(outcome: TurnOutcome) -> None:
                with self._store.write_sessions.begin() as session:
                    self._write(session, record, outcome)

            yield Turn(record, history, write_later)
            return
        with self._store.write_sessions() as session, session.begin():
            milliseconds = max(1, int(lock_timeout * 1000))
            session.execute(text(f"SET LOCAL lock_timeout = {milliseconds}"))
            try:
                row = session.scalars(
                    select(Conversation)
                    .where(Conversation.id == conversation_id)
                    .with_for_update(key_share=True)  # FOR NO KEY UPDATE: messages may refer
                ).one_or_none()
            except OperationalError as error:  # lock_timeout: another worker's turn
                raise ConversationBusy from error
            if row is None:
                raise ConversationNotFound
            locked = _record(row)

            def write_now(outcome: TurnOutcome) -> None:
                self._write(session, locked, outcome)

            yield Turn(locked, _history(session, conversation_id, replies=False), write_now)

    def save(self, record: ConversationRecord, outcome: TurnOutcome) -> None:
        """Store a turn that started from ``record``; ``ConversationBusy`` if another turn was
        saved in between."""
        with self._store.write_sessions.begin() as session:
            self._write(session, record, outcome)

    def _write(self, session: Session, record: ConversationRecord, outcome: TurnOutcome) -> None:
        saved = session.execute(
            update(Conversation)
            .where(Conversation.id == record.id, Conversation.version == record.version)
            .values(
                state=outcome.state,
                customer_id=outcome.customer_id,
                status=outcome.status,
                version=record.version + 1,
                updated_at=self._store.clock.now(),
            )
            .execution_options(synchronize_session=False)
        )
        if saved.rowcount != 1:  # type: ignore[attr-defined]
            raise ConversationBusy
        if outcome.messages:
            session.execute(
                insert(ConversationMessage),
                [
                    {
                        "conversation_id": record.id,
                        "role": message.role,
                        "text": message.text,
                        "reply": message.reply.model_dump(mode="json") if message.reply else None,
                        "created_at": message.at,
                    }
                    for message in outcome.messages
                ],
            )
