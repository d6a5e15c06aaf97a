"""The store's tables for the service itself: persisted conversations and their messages, failed
verifications across conversations, and the rate-limit hits every worker shares. Same
conventions as :mod:`assistant.store.models`, on its ``Base``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from assistant.store.models import Base, Json


class Conversation(Base):
    """A chat conversation: the hash of its bearer token, the dialogue state (JSON, no
    identity: the customer is restored through ``CustomerVerification``) and an optimistic
    ``version`` so that two workers can never both save a turn."""

    __tablename__ = "conversations"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    state: Mapped[Json]
    version: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ConversationMessage(Base):
    """One message of a conversation's transcript; an assistant message keeps its reply JSON."""

    __tablename__ = "conversation_messages"
    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text())
    reply: Mapped[Json | None] = mapped_column(JSON(none_as_null=True))
    created_at: Mapped[datetime]


class VerificationThrottle(Base):
    """Failed identity checks per order number, email or client (``kind:sha256``), across
    conversations and workers, and the back-off lock that follows too many."""

    __tablename__ = "verification_throttle"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    locks: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    updated_at: Mapped[datetime]


class RateLimitHit(Base):
    """One request counted by a rate limit shared by every worker (``assistant.store.ratelimits``):
    ``key`` is ``<limit>:<client or conversation>``, ``at`` seconds since the epoch."""

    __tablename__ = "rate_limit_hits"
    __table_args__ = (Index("ix_rate_limit_hits_key_at", "key", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    at: Mapped[float]
