"""Conversations and their messages in the store's database (SQLAlchemy; SQLite or Postgres).

A turn (:meth:`ConversationRepository.turn`) loads the conversation and its transcript, and
saves the state JSON, the customer id and the new messages, only if nobody saved a turn since
this one was loaded (``version``); otherwise
:class:`~assistant.conversations.errors.ConversationBusy`.

On PostgreSQL the whole turn is one transaction that holds the conversation's row lock
(``FOR NO KEY UPDATE``) from load to save, so the turns of one conversation run one at a time
across every worker process, each waiting up to ``lock_timeout`` for the one before. SQLite
allows one writer at a time, so there a turn reads in one transaction and writes in another
(the version check still refuses a turn that raced another process); the writes of one process
queue on a lock of their own before they ask for SQLite's, so a waiting writer starts the moment
the one before it commits instead of sleeping in SQLite's busy handler (1, 2, 5, 10... ms).

Every request of a conversation passes here, so the statements are SQLAlchemy Core on the
tables (no ORM session, identity map or unit of work): a turn is one read (the row and the
transcript) and one write (the row's update and the new messages), and checking a token reads
only the token's hash.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, cast

from sqlalchemy import Connection, Row, Table, insert, select, text, update
from sqlalchemy.exc import OperationalError

from assistant.agent.reply import Reply
from assistant.conversations.errors import ConversationBusy, ConversationNotFound
from assistant.store.db import write_engine
from assistant.store.models_conversations import Conversation, ConversationMessage
from assistant.store.store import Store

Role = Literal["customer", "assistant"]
CONVERSATIONS = cast(Table, Conversation.__table__)
MESSAGES = cast(Table, ConversationMessage.__table__)
_ROW = tuple(
    CONVERSATIONS.c[name]
    for name in ("id", "token_hash", "customer_id", "status", "state", "version", "created_at")
)


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


def _record(row: Row[Any]) -> ConversationRecord:
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
    connection: Connection, conversation_id: str, *, replies: bool = True
) -> list[MessageRecord]:
    """The transcript, oldest first; without ``replies`` the stored reply JSON is neither read
    nor validated (a turn needs only who said what, when)."""
    m = MESSAGES.c
    columns = (m.role, m.text, m.created_at, m.reply) if replies else (m.role, m.text, m.created_at)
    rows = connection.execute(
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
        self._reader = store.engine
        self._writer = write_engine(store.engine)  # SQLite: BEGIN IMMEDIATE (one writer)
        self._row_locks = store.engine.dialect.name == "postgresql"
        self._write_queue: AbstractContextManager[object] = (
            nullcontext() if self._row_locks else threading.Lock()
        )

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """A write transaction (committed at the end), after this process's earlier ones."""
        with self._write_queue, self._writer.begin() as connection:
            yield connection

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
        with self._transaction() as connection:
            connection.execute(
                insert(CONVERSATIONS).values(
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
            connection.execute(
                insert(MESSAGES).values(
                    conversation_id=conversation_id,
                    role="assistant",
                    text=greeting,
                    reply=None,
                    created_at=now,
                )
            )

    def get(self, conversation_id: str) -> ConversationRecord | None:
        with self._reader.connect() as connection:
            row = connection.execute(select(*_ROW).where(CONVERSATIONS.c.id == conversation_id))
            found = row.one_or_none()
        return None if found is None else _record(found)

    def token_hash(self, conversation_id: str) -> str | None:
        """The stored hash of the conversation's token (``None``: no such conversation)."""
        c = CONVERSATIONS.c
        with self._reader.connect() as connection:
            found = connection.execute(select(c.token_hash).where(c.id == conversation_id))
            return found.scalar_one_or_none()

    def messages(self, conversation_id: str) -> list[MessageRecord]:
        with self._reader.connect() as connection:
            return _history(connection, conversation_id)

    @contextmanager
    def turn(self, conversation_id: str, *, lock_timeout: float = 30.0) -> Iterator[Turn]:
        """Load the conversation for a turn: ``ConversationNotFound`` if it does not exist,
        ``ConversationBusy`` if another worker's turn holds it longer than ``lock_timeout``
        (PostgreSQL) or saved first (both). Nothing is saved unless the turn calls ``save``."""
        by_id = CONVERSATIONS.c.id == conversation_id
        if not self._row_locks:
            with self._reader.connect() as connection:
                row = connection.execute(select(*_ROW).where(by_id)).one_or_none()
                if row is None:
                    raise ConversationNotFound
                record = _record(row)
                history = _history(connection, conversation_id, replies=False)

            def write_later(outcome: TurnOutcome) -> None:
                with self._transaction() as connection:
                    self._save(connection, record, outcome)

            yield Turn(record, history, write_later)
            return
        with self._writer.connect() as connection, connection.begin():
            milliseconds = max(1, int(lock_timeout * 1000))
            connection.execute(text(f"SET LOCAL lock_timeout = {milliseconds}"))
            try:
                row = connection.execute(
                    select(*_ROW)
                    .where(by_id)
                    .with_for_update(key_share=True)  # FOR NO KEY UPDATE: messages may refer
                ).one_or_none()
            except OperationalError as error:  # lock_timeout: another worker's turn
                raise ConversationBusy from error
            if row is None:
                raise ConversationNotFound
            locked = _record(row)

            def write_now(outcome: TurnOutcome) -> None:
                self._save(connection, locked, outcome)

            yield Turn(locked, _history(connection, conversation_id, replies=False), write_now)

    def save(self, record: ConversationRecord, outcome: TurnOutcome) -> None:
        """Store a turn that started from ``record``; ``ConversationBusy`` if another turn was
        saved in between."""
        with self._transaction() as connection:
            self._save(connection, record, outcome)

    def _save(
        self, connection: Connection, record: ConversationRecord, outcome: TurnOutcome
    ) -> None:
        c = CONVERSATIONS.c
        saved = connection.execute(
            update(CONVERSATIONS)
            .where(c.id == record.id, c.version == record.version)
            .values(
                state=outcome.state,
                customer_id=outcome.customer_id,
                status=outcome.status,
                version=record.version + 1,
                updated_at=self._store.clock.now(),
            )
        )
        if saved.rowcount != 1:
            raise ConversationBusy
        if outcome.messages:
            connection.execute(
                insert(MESSAGES),
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
