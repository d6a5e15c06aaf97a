"""``Assistant``: the Python API. Build it once (``Assistant.from_settings``), start
conversations, and call ``reply(session, text) -> Reply`` for each customer message."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.agent.deps import Deps
from assistant.agent.highlights import UnitScorer
from assistant.agent.identifiers import CustomerDirectory
from assistant.agent.identity import switch_customer
from assistant.agent.language import loanwords
from assistant.agent.loop import AgentLoop, RouterLike
from assistant.agent.messages import Model, TextSink
from assistant.agent.reply import Reply
from assistant.agent.spelling import IndexWords, Speller
from assistant.agent.state import ConversationState
from assistant.agent.tools import build_toolset
from assistant.commerce.backend import CommerceBackend
from assistant.escalation.service import EscalationService
from assistant.planner.planner import OfflinePlanner
from assistant.retrieval.query import known_words
from assistant.retrieval.types import Retriever
from assistant.settings import Settings
from assistant.store.clock import Clock

MAX_MESSAGE_CHARS = 2000


class EmptyMessage(ValueError):
    """The customer's message has no text."""


@dataclass
class Assistant:
    backend: CommerceBackend
    retriever: Retriever
    router: RouterLike
    escalation: EscalationService
    settings: Settings
    clock: Clock
    llm: Model | None = None
    _closers: list[Any] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.loop = AgentLoop(build_toolset(), OfflinePlanner(), self.router, llm=self.llm)
        store = getattr(self.backend, "store", None)
        if store is not None and self.llm is not None:  # whose identifiers are whose
            self.loop.directory = CustomerDirectory.of_engine(store.engine)
        embedder = getattr(self.retriever, "embedder", None)
        query_vector = getattr(self.retriever, "query_vector", None)
        index = getattr(self.retriever, "store", None)
        self._scorer = (
            UnitScorer(
                embedder.embed,
                query_vector,
                getattr(embedder, "model_id", ""),
                getattr(index, "cache_path", None),
            )
            if embedder is not None and query_vector is not None
            else None
        )
        if self._scorer is not None:
            self._closers.append(self._scorer.close)
        if hasattr(self.retriever, "chunks") and hasattr(self.retriever, "version"):
            english = known_words()  # the embedder's own vocabulary, from its wheel
            self.loop.speller = Speller(
                english,
                IndexWords(self.retriever),  # type: ignore[arg-type]
                loanwords(),
            )

    # --- conversations ----------------------------------------------------------------------
    def start(
        self, conversation_id: str | None = None, *, storefront_token: str | None = None
    ) -> ConversationState:
        """A new conversation; a valid storefront token verifies the customer at once."""
        state = ConversationState(conversation_id=conversation_id or uuid.uuid4().hex)
        if storefront_token:
            state.customer = self.backend.verify_by_token(state.conversation_id, storefront_token)
        return state

    def verify(self, state: ConversationState, order_number: str, email: str) -> None:
        """Verify with order number and email (the widget's form; the chat can do it too).
        Verifying again as another customer switches the session and resets its customer data."""
        customer = self.backend.verify_by_order(state.conversation_id, order_number, email)
        switch_customer(state, customer, order_number)

    def reply(self, state: ConversationState, text: str, on_text: TextSink | None = None) -> Reply:
        text = " ".join(text.split())[:MAX_MESSAGE_CHARS]
        if not text:
            raise EmptyMessage("the message is empty")
        if state.customer is not None and state.vip is None:
            state.vip = self.backend.customer_profile(state.customer).vip
            state.high_value_orders = {
                o.number
                for o in self.backend.list_orders(state.customer, limit=50)
                if o.total > self.settings.escalate_order_value
            }
        deps = Deps(
            state=state,
            backend=self.backend,
            retriever=self.retriever,
            escalation=self.escalation,
            clock=self.clock,
            settings=self.settings,
            scorer=self._scorer,
        )
        return self.loop.run_turn(deps, text, on_text)

    def close(self) -> None:
        for closer in reversed(self._closers):
            closer()

    # --- building it ------------------------------------------------------------------------
    @classmethod
    def from_settings(cls, settings: Settings, *, clock: Clock | None = None) -> Assistant:
        """Open the store (migrated, demo-seeded), the live index (ingesting the corpus first
        if there is none), the router, and the LLM if one is configured."""
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from assistant.commerce.sql_backend import SqlCommerceBackend
        from assistant.escalation.helpdesk import HelpdeskClient
        from assistant.planner.router import load_examples
        from assistant.planner.router_store import load_or_train
        from assistant.retrieval.hybrid import HybridRetriever
        from assistant.retrieval.query_cache import QueryVectorCache
        from ingest.embedding import HashingEmbedder, MiniLMEmbedder
        from ingest.pipeline import Options, run_ingestion
        from ingest.versions import IndexStore

        embedder = HashingEmbedder() if settings.embedder == "hashing" else MiniLMEmbedder()
        if IndexStore(settings.index_dir).current_name() is None:
            run_ingestion(
                Options(
                    corpus=settings.corpus_dir,
                    store=settings.index_dir,
                    chroma_url=settings.chroma_url,
                ),
                lambda: embedder,
            )
        queries = QueryVectorCache(embedder)  # a text routed or searched again: not re-embedded
        retriever = HybridRetriever(settings.index_dir, queries, chroma_url=settings.chroma_url)
        backend = SqlCommerceBackend.from_settings(settings, clock=clock)
        router = load_or_train(load_examples(), queries, Path(settings.index_dir) / "router")
        helpdesk = HelpdeskClient.from_settings(settings)
        llm: Model | None = None
        if settings.llm_base_url:
            from assistant.llm.openai_model import OpenAICompatibleModel

            llm = OpenAICompatibleModel(settings)
        assistant = cls(
            backend=backend,
            retriever=retriever,
            router=router,
            escalation=EscalationService(
                backend, helpdesk, settings=settings, clock=backend.store.clock
            ),
            settings=settings,
            clock=backend.store.clock,
            llm=llm,
        )
        assistant._closers += [retriever.close, backend.close]
        return assistant
