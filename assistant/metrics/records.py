"""The read interface the support metrics and the knowledge-gap report are computed from.

Everything is a frozen dataclass built by a :class:`SupportDataSource` (the SQL one is
:class:`~assistant.metrics.store_source.SqlSupportData`; tests build records by hand).
Datetimes are timezone-aware.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class TurnRecord:
    """One customer message and the assistant's reply to it."""

    asked_at: datetime
    text: str  # what the customer wrote
    answered_at: datetime | None = None
    answer: str = ""  # the assistant's reply text
    intent: str | None = None
    confidence: float | None = None
    citations: int = 0
    escalation_reason: str | None = None
    fallback: str | None = None
    skus: tuple[str, ...] = ()  # products the turn was about
    recommended_skus: tuple[str, ...] = ()  # accessories the reply recommended
    top_score: float | None = None  # best retrieval score, when the source knows it


@dataclass(frozen=True, slots=True)
class ConversationRecord:
    conversation_id: str
    customer_id: int | None  # the verified customer, if any
    started_at: datetime
    turns: tuple[TurnRecord, ...] = ()
    focus_sku: str | None = None
    proactive_message_id: str | None = None

    @property
    def last_at(self) -> datetime:
        times = [self.started_at]
        for t in self.turns:
            times.append(t.answered_at or t.asked_at)
        return max(times)

    @property
    def intents(self) -> tuple[str, ...]:
        return tuple(t.intent for t in self.turns if t.intent)


@dataclass(frozen=True, slots=True)
class FeedbackRecord:
    conversation_id: str
    created_at: datetime
    csat: int | None = None
    nps: int | None = None
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class TicketRecord:
    conversation_id: str
    ticket_number: str
    reason: str
    priority: str
    status: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Cancellation:
    customer_id: int
    subscription_id: int
    at: datetime


@dataclass(frozen=True, slots=True)
class Purchase:
    customer_id: int
    sku: str
    at: datetime


@dataclass(frozen=True, slots=True)
class SupportData:
    """Conversations that started in the period, plus what happened after them (later
    conversations, purchases, cancellations) up to the source's look-ahead."""

    conversations: Sequence[ConversationRecord]
    later_conversations: Sequence[ConversationRecord] = ()
    feedback: Sequence[FeedbackRecord] = ()
    tickets: Sequence[TicketRecord] = ()
    cancellations: Sequence[Cancellation] = ()
    purchases: Sequence[Purchase] = field(default_factory=tuple)


class SupportDataSource(Protocol):
    def load(self, start: datetime, end: datetime, *, lookahead_days: int) -> SupportData:
        """Conversations started in ``[start, end)``; later conversations, tickets, feedback,
        cancellations and purchases up to ``end + lookahead_days``."""
        ...

    def conversations_since(self, since: datetime) -> Sequence[ConversationRecord]:
        """Conversations started at or after ``since`` (for the knowledge-gap report)."""
        ...
