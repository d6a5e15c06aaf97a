"""What the agent loop and a model exchange: messages, tool specs, tool calls, model turns.

A model (the offline planner or an OpenAI-compatible LLM) sees the conversation as a list of
messages and the tools it may call *now* (the guards decide which), and answers with either tool
calls or a final text. It never sees secrets, confirmation tokens or the customer's id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol


@dataclass(frozen=True, slots=True)
class ToolSpec:
    name: str
    description: str
    parameters: dict[str, Any]  # JSON schema derived from the tool function's signature


@dataclass(frozen=True, slots=True)
class ToolCall:
    id: str
    name: str
    arguments: dict[str, Any]


@dataclass(slots=True)
class ToolOutcome:
    """The result of one tool call: ``value`` (typed, for the planner), ``content`` (JSON-able,
    for an LLM) or an ``error`` the model may react to (``error_code`` is machine-readable)."""

    call: ToolCall
    value: Any = None
    content: Any = None
    error: str | None = None
    error_code: str | None = None
    escalate: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True, slots=True)
class Message:
    role: Literal["user", "assistant", "tool", "system_note"]
    text: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    outcome: ToolOutcome | None = None
    at: datetime | None = None


@dataclass(slots=True)
class ModelTurn:
    """Either ``tool_calls`` to run, or a final ``text`` (with optional citations ids)."""

    tool_calls: list[ToolCall] = field(default_factory=list)
    text: str | None = None
    citation_ids: list[str] = field(default_factory=list)
    model_name: str = ""

    @property
    def is_final(self) -> bool:
        return not self.tool_calls


@dataclass(slots=True)
class ModelRequest:
    """Everything a model may use for its next step in this turn."""

    messages: list[Message]  # the conversation so far, this turn's tool results included
    tools: list[ToolSpec]  # what the guards allow right now
    turn_outcomes: list[ToolOutcome]  # this turn's tool results, typed
    context: Any  # the planner's view of the conversation (TurnContext); an LLM ignores it
    budget_left: float | None = None  # seconds the turn still has for model calls


TextSink = Callable[[str], None]


class Model(Protocol):
    name: str

    def next_step(self, request: ModelRequest, on_text: TextSink | None = None) -> ModelTurn:
        """The next step. A model that streams calls ``on_text`` with pieces of its final text
        as they arrive (the loop may still replace an ungrounded answer afterwards)."""
        ...


class ModelUnavailable(Exception):
    """The model failed, timed out or is switched off by its circuit breaker: fall back."""
