"""The structured reply of one turn (what the CLI prints and the API returns)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field


class CitationOut(BaseModel):
    source: str  # path relative to the corpus root
    title: str
    section: str
    page: int | None


class ToolCallOut(BaseModel):
    name: str
    arguments: dict[str, Any]
    ok: bool = True
    error_code: str | None = None


class ChangeOut(BaseModel):
    field: str
    before: str | None
    after: str


class PendingActionOut(BaseModel):
    action: str
    summary: str
    changes: list[ChangeOut]
    amount_change: Decimal | None
    expires_at: datetime


class ExecutedActionOut(BaseModel):
    action: str
    summary: str
    confirmation_id: str
    record: dict[str, Any]


class EscalationOut(BaseModel):
    reason: str
    priority: str
    ticket_number: str


class Reply(BaseModel):
    text: str
    intent: str
    confidence: float
    citations: list[CitationOut] = Field(default_factory=list)
    tool_calls: list[ToolCallOut] = Field(default_factory=list)
    pending_action: PendingActionOut | None = None
    executed_actions: list[ExecutedActionOut] = Field(default_factory=list)
    escalation: EscalationOut | None = None
    model: str = "planner"
    fallback: str | None = Field(default=None, description="why the planner answered instead")
