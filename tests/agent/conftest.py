"""Fixtures for the agent: a demo store copied per test, a scripted stand-in model that tries
whatever a test tells it to, a fixed router and a fake retriever."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from assistant.agent.messages import ModelRequest, ModelTurn, TextSink, ToolCall
from assistant.agent.state import ConversationState
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.escalation.service import EscalationService
from assistant.intents import Intent
from assistant.retrieval.types import Citation, Passage, SearchFilters
from assistant.runtime import Assistant
from assistant.settings import Settings
from assistant.store.clock import FixedClock
from assistant.store.store import open_store
from ingest.models import DocType
from tests.support import NOW, TZ
from tests.support import make_settings as shared_settings


def make_settings(db: Path, **overrides: object) -> Settings:
    """Test settings with the deterministic hashing embedder unless told otherwise."""
    return shared_settings(db, **{"embedder": "hashing", **overrides})


Step = ModelTurn | Callable[[ModelRequest], ModelTurn]


@dataclass
class ScriptedModel:
    """Plays scripted steps in order (a ModelTurn, or a function of the request); fails the test
    if it is asked for more steps than scripted, and records every request it saw."""

    steps: list[Step]
    name: str = "scripted"
    requests: list[ModelRequest] = field(default_factory=list)

    def next_step(self, request: ModelRequest, on_text: TextSink | None = None) -> ModelTurn:
        self.requests.append(request)
        if not self.steps:
            raise AssertionError("the scripted model was asked for more steps than scripted")
        step = self.steps.pop(0)
        turn = step(request) if callable(step) else step
        if on_text and turn.text:
            on_text(turn.text)
        return turn


def calls(*items: tuple[str, dict[str, object]]) -> ModelTurn:
    return ModelTurn(tool_calls=[ToolCall(f"s{i}", n, a) for i, (n, a) in enumerate(items)])


@dataclass
class FixedRoute:
    intent: Intent
    confidence: float
    ranked: list[tuple[Intent, float]]


@dataclass
class FixedRouter:
    intent: Intent = Intent.ORDER_STATUS
    confidence: float = 0.95

    def route(self, text: str) -> FixedRoute:
        return FixedRoute(self.intent, self.confidence, [(self.intent, self.confidence)])


@dataclass
class FakeRetriever:
    """Returns the given passages for every search (filters recorded)."""

    passages: Sequence[Passage] = ()
    searches: list[tuple[str, SearchFilters | None]] = field(default_factory=list)
    chunks: list[object] = field(default_factory=list)

    def search(
        self, query: str, *, filters: SearchFilters | None = None, k: int = 5
    ) -> list[Passage]:
        self.searches.append((query, filters))
        return list(self.passages)[:k]


def passage(
    text: str, source: str = "policies/x.md", chunk_id: str = "c1", skus: tuple[str, ...] = ()
) -> Passage:
    return Passage(
        chunk_id=chunk_id,
        text=text,
        citation=Citation(source, "Doc", "Section", None),
        doc_type=DocType.POLICY,
        skus=skus,
        score=1.0,
    )


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("agent-template") / "demo.db"
    open_store(make_settings(db), clock=FixedClock(NOW, TZ)).close()
    return db


@pytest.fixture
def settings(template_db: Path, tmp_path: Path) -> Settings:
    db = tmp_path / "store.db"
    shutil.copyfile(template_db, db)
    return make_settings(db)


@pytest.fixture
def backend(settings: Settings) -> Iterator[SqlCommerceBackend]:
    sql = SqlCommerceBackend.from_settings(settings, clock=FixedClock(NOW, TZ))
    yield sql
    sql.close()


@pytest.fixture
def build(backend: SqlCommerceBackend, settings: Settings) -> Callable[..., Assistant]:
    def make(
        *, llm: object = None, router: object = None, retriever: object = None, **changes: object
    ) -> Assistant:
        chosen = settings.model_copy(update=changes) if changes else settings
        return Assistant(
            backend=backend,
            retriever=retriever or FakeRetriever(),  # type: ignore[arg-type]
            router=router or FixedRouter(),  # type: ignore[arg-type]
            escalation=EscalationService(backend, None, settings=chosen, clock=backend.store.clock),
            settings=chosen,
            clock=backend.store.clock,
            llm=llm,
        )  # type: ignore[arg-type]

    return make


def real_assistant(real_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The assistant with the real MiniLM model and index, over a fresh demo store."""
    db = tmp_path_factory.mktemp("real") / "store.db"
    return Assistant.from_settings(make_settings(db, embedder="minilm", index_dir=real_index))


@pytest.fixture(scope="module")
def real(real_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """:func:`real_assistant`, once per test module."""
    built = real_assistant(real_index, tmp_path_factory)
    yield built
    built.close()


def signed_in(assistant: Assistant, email: str) -> ConversationState:
    """A conversation started with a storefront token for ``email``."""
    token = assistant.backend.identity.issue_storefront_token(email)  # type: ignore[attr-defined]
    return assistant.start(storefront_token=token)


def verified(assistant: Assistant, order: str, email: str) -> ConversationState:
    """A conversation verified with an order number and its e-mail."""
    state = assistant.start()
    assistant.verify(state, order, email)
    return state
