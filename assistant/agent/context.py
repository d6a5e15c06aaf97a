"""The planner's view of the current turn (an LLM gets the same facts as messages)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from assistant.agent.clauses import RoutedClause
from assistant.agent.messages import ModelTurn, ToolOutcome
from assistant.agent.state import ConversationState
from assistant.intents import Intent
from assistant.planner.shopview import ShopView
from assistant.settings import Settings


@dataclass(slots=True)
class TurnContext:
    state: ConversationState
    text: str
    intent: Intent
    confidence: float
    ranked: list[tuple[Intent, float]]
    now: datetime
    settings: Settings
    shop: ShopView  # the store's catalogue and policies, read through the backend
    language: str = "en"  # the customer's language; ``text`` is glossed into English
    confirmation: ToolOutcome | None = None  # the confirm/decline the loop ran this turn
    lead: str = ""  # the planner's read-back of it when the message asked more (go_ahead.py)
    notes: list[str] = field(default_factory=list)
    # several requests in one message: each clause routed on its own (two or more clauses)
    clauses: list[RoutedClause] = field(default_factory=list)
    # the planner's progress through them: answered parts (turn, proposed an action), the rest
    parts: list[tuple[ModelTurn, bool]] = field(default_factory=list)
    queue: list[RoutedClause] = field(default_factory=list)
    # a handler's final answer, kept while the planner searches for the message's other
    # questions (handlers record what they showed; running one twice would skip it)
    memo: dict[str, ModelTurn] = field(default_factory=dict)
    full_text: str = ""  # the whole message when ``text`` is narrowed to one of its clauses
    # the product talked about before this message (handlers move ``state.focus_sku`` within it)
    focus_before: str | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.focus_before = self.state.focus_sku

    @property
    def today(self) -> date:
        """The store's date now (its time zone, not the server's)."""
        return self.now.astimezone(self.shop.tz).date()
