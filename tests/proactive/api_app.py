"""The real app (``create_app``) without its lifespan: ``app.state.services`` is built here over
the hand-made store with a fake retriever, so no model or index is loaded."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI

from assistant.api.app import create_app
from assistant.api.services import Services
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.conversations.service import ConversationService
from assistant.escalation.service import EscalationService
from assistant.runtime import Assistant
from assistant.settings import Settings
from assistant.store.store import Store
from tests.proactive.factory import FakeRetriever


@dataclass
class _Route:
    intent: str = "greeting"
    confidence: float = 1.0


class StubRouter:
    def route(self, text: str) -> _Route:
        return _Route()


def ops_app(settings: Settings, store: Store, retriever: FakeRetriever) -> FastAPI:
    app = create_app(settings)
    backend = SqlCommerceBackend(store, settings)
    assistant = Assistant(
        backend=backend,
        retriever=retriever,
        router=StubRouter(),  # type: ignore[arg-type]
        escalation=EscalationService(backend, None, settings=settings, clock=store.clock),
        settings=settings,
        clock=store.clock,
    )
    services = Services(settings, assistant, store, ConversationService(assistant, store), 0.0)
    app.state.services = services
    app.state.assistant = assistant
    return app
