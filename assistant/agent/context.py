"""The planner's view of the current turn (an LLM gets the same facts as messages)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from assistant.agent.messages import ToolOutcome
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
    notes: list[str] = field(default_factory=list)
