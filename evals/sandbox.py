"""Where eval conversations run: the heavy parts (retriever, router, LLM) built once and shared,
and for every case a fresh copy of the demo store with the clock pinned to the case's ``now``.

Seeding the demo store takes about a second, so each distinct ``now`` is seeded once into a
template database and every case gets a file copy of it. Each turn's tool outcomes are recorded
(the loop's toolset is wrapped) so that the invented-fact check can compare a reply with what the
tools and passages actually said.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from assistant.agent.deps import Deps
from assistant.agent.guards import evidence_text, ungrounded_facts
from assistant.agent.loop import RouterLike
from assistant.agent.messages import Model, ToolCall, ToolOutcome
from assistant.agent.reply import Reply
from assistant.agent.state import ConversationState
from assistant.agent.toolkit import Toolset
from assistant.agent.tools import PassageOut, build_toolset
from assistant.commerce.errors import CommerceError
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.escalation.service import EscalationService
from assistant.retrieval.types import Retriever
from assistant.runtime import Assistant
from assistant.settings import Settings
from assistant.store.clock import FixedClock
from assistant.store.importer import import_store
from assistant.store.store import open_store
from evals.store_state import Snapshot, read_snapshot
from ingest.embedding import Embedder

DEFAULT_NOW = datetime.fromisoformat("2026-01-20T10:00:00-05:00")


class RecordingToolset(Toolset):
    """The assistant's toolset, remembering every outcome it returns (for the evidence)."""

    def __init__(self) -> None:
        super().__init__(build_toolset())
        self.outcomes: list[ToolOutcome] = []

    def invoke(self, deps: Deps, call: ToolCall) -> ToolOutcome:
        outcome = super().invoke(deps, call)
        self.outcomes.append(outcome)
        return outcome


@dataclass(frozen=True, slots=True)
class Identity:
    """How the case's customer is verified before turn 1 (as in ``assistant chat`` scripts):
    an order number and its email, or a storefront sign-in (``customer_email``)."""

    order_number: str | None = None
    email: str | None = None
    customer_email: str | None = None


@dataclass(slots=True)
class Turn:
    """One customer message and what came back."""

    text: str
    reply: Reply
    latency_ms: float
    invented: list[str]


@dataclass
class Conversation:
    """A conversation against a fresh store; :meth:`say` runs one customer turn."""

    assistant: Assistant
    backend: SqlCommerceBackend
    toolset: RecordingToolset
    state: ConversationState
    today: date
    turns: list[Turn] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # tool results, executed actions, texts
    verification_error: str | None = None

    def verify(self, identity: Identity | None) -> None:
        if identity is None:
            return
        try:
            if identity.customer_email:
                token = self.backend.identity.issue_storefront_token(identity.customer_email)
                self.state.customer = self.backend.verify_by_token(
                    self.state.conversation_id, token
                )
            elif identity.order_number and identity.email:
                self.assistant.verify(self.state, identity.order_number, identity.email)
        except CommerceError as exc:
            self.verification_error = f"{exc.code}: {exc}"
            return
        given = (identity.order_number, identity.email, identity.customer_email)
        self.evidence += [v for v in given if v]

    def say(self, text: str) -> Turn:
        self.toolset.outcomes.clear()
        started = time.perf_counter()
        reply = self.assistant.reply(self.state, text)
        latency = (time.perf_counter() - started) * 1000
        executed = [a.model_dump_json() for a in reply.executed_actions]
        # passages also as plain text: JSON escapes line breaks, which hides dates next to them
        passages = [
            p.text
            for o in self.toolset.outcomes
            if isinstance(o.value, list)
            for p in o.value
            if isinstance(p, PassageOut)
        ]
        self.evidence.append(evidence_text(self.toolset.outcomes, [text, *executed, *passages]))
        invented = ungrounded_facts(reply.text, "\n".join(self.evidence), self.today)
        turn = Turn(text, reply, round(latency, 2), invented)
        self.turns.append(turn)
        return turn

    def snapshot(self) -> Snapshot:
        return read_snapshot(self.backend.store.engine, self.state.conversation_id)


@dataclass
class Shared:
    """What every case reuses: settings (the LLM endpoint among them), retriever, router, LLM."""

    settings: Settings
    retriever: Retriever
    router: RouterLike
    llm: Model | None = None

    @classmethod
    def build(
        cls, settings: Settings, index: Path, embedder: Embedder, router_cache: Path
    ) -> Shared:
        """The assistant's retriever over ``index``, its router (trained once, then loaded from
        ``router_cache``) and the LLM when ``settings.llm_base_url`` is set."""
        from assistant.planner.router import load_examples
        from assistant.planner.router_store import load_or_train
        from assistant.retrieval.hybrid import HybridRetriever

        llm: Model | None = None
        if settings.llm_base_url:
            from assistant.llm.openai_model import OpenAICompatibleModel

            llm = OpenAICompatibleModel(settings)
        return cls(
            settings=settings,
            retriever=HybridRetriever(index, embedder),
            router=load_or_train(load_examples(), embedder, router_cache),
            llm=llm,
        )

    @property
    def llm_name(self) -> str:
        """``planner`` (the offline default) or the LLM's model name and endpoint."""
        if self.llm is None:
            return "planner"
        return f"{self.settings.llm_model} at {self.settings.llm_base_url}"

    def with_retriever(self, retriever: Retriever) -> Shared:
        return Shared(self.settings, retriever, self.router, self.llm)

    def close(self) -> None:
        close = getattr(self.retriever, "close", None)
        if callable(close):
            close()


class Sandbox:
    """Runs conversations, each on its own copy of the demo store (see the module doc), or of
    a data pack's store when ``pack_store`` names its exports (imported as ``assistant store
    import`` does; the policy file is the shared settings' ``store_policy_path``)."""

    def __init__(
        self,
        shared: Shared,
        workdir: Path | None = None,
        pack_store: Path | None = None,
        default_now: datetime | None = None,
    ) -> None:
        self.shared = shared
        self.pack_store = pack_store
        self.default_now = default_now or DEFAULT_NOW
        self._tmp = tempfile.TemporaryDirectory(prefix="aftercare-evals-", dir=workdir)
        self.root = Path(self._tmp.name)
        self._templates: dict[datetime, Path] = {}

    def close(self) -> None:
        self._tmp.cleanup()

    def _settings(self, db: Path, now: datetime) -> Settings:
        values: dict[str, Any] = {
            **self.shared.settings.model_dump(),
            "database_url": f"sqlite:///{db}",
            "store_now": now,
            "helpdesk_webhook_url": None,  # tickets stay in the store: nothing leaves the run
        }
        if self.pack_store is not None:
            values["seed_demo_data"] = False
        return Settings(**values)

    def _template(self, now: datetime) -> Path:
        path = self._templates.get(now)
        if path is None:
            path = self.root / f"template-{len(self._templates)}.db"
            settings = self._settings(path, now)
            store = open_store(settings, clock=FixedClock(now, ZoneInfo(settings.store_timezone)))
            try:
                if self.pack_store is not None:
                    report = import_store(self.pack_store, store)
                    if report.skipped:
                        raise RuntimeError(f"{self.pack_store}: {report.summary()}")
            finally:
                store.close()
            self._templates[now] = path
        return path

    @contextmanager
    def conversation(
        self, conversation_id: str, now: datetime | None = None
    ) -> Iterator[Conversation]:
        now = now or self.default_now
        db = self.root / f"case-{conversation_id}.db"
        template = self._template(now)
        for suffix in ("", "-wal"):  # a closed SQLite store has no WAL left; copy one if it has
            if Path(f"{template}{suffix}").exists():
                shutil.copyfile(f"{template}{suffix}", f"{db}{suffix}")
        settings = self._settings(db, now)
        clock = FixedClock(now, ZoneInfo(settings.store_timezone))
        backend = SqlCommerceBackend.from_settings(settings, clock=clock)
        assistant = Assistant(
            backend=backend,
            retriever=self.shared.retriever,
            router=self.shared.router,
            escalation=EscalationService(backend, None, settings=settings, clock=clock),
            settings=settings,
            clock=clock,
            llm=self.shared.llm,
        )
        toolset = RecordingToolset()
        assistant.loop.toolset = toolset  # the loop's tool seam: same tools, outcomes recorded
        state = assistant.start(conversation_id)
        try:
            yield Conversation(assistant, backend, toolset, state, clock.now().date())
        finally:
            backend.close()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
