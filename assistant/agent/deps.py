"""The one typed dependencies object every tool receives."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.agent.highlights import UnitScorer
from assistant.agent.state import ConversationState
from assistant.commerce.backend import CommerceBackend
from assistant.escalation.service import EscalationService
from assistant.retrieval.types import Retriever
from assistant.settings import Settings
from assistant.store.clock import Clock


@dataclass(slots=True)
class Deps:
    state: ConversationState  # the verified session: the only source of the customer's identity
    backend: CommerceBackend
    retriever: Retriever
    escalation: EscalationService
    clock: Clock
    settings: Settings
    scorer: UnitScorer | None = None  # scores passage sentences against the query
