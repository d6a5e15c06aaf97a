"""What the app builds once at start-up (in its lifespan, never at import): the ``Assistant``
(store, index, router, model), warmed so the first customer does not pay for the model load,
and the conversation service over the store's database."""

from __future__ import annotations

import importlib
import logging
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from assistant.conversations.service import ConversationService
from assistant.runtime import Assistant
from assistant.settings import Settings
from assistant.store.store import Store, open_store
from ingest.versions import IndexStore

if TYPE_CHECKING:
    from assistant.api.reload import IndexReloader

log = logging.getLogger("assistant.api")


def _preload_model_code(settings: Settings) -> None:
    """Import the embedding model's library (most of the start-up time, mostly waiting on
    files) while the store, index and router open in the main thread."""
    if settings.embedder == "minilm":
        importlib.import_module("sentence_transformers")


@dataclass(slots=True)
class Services:
    settings: Settings
    assistant: Assistant
    store: Store  # the conversations' handle on the store database
    conversations: ConversationService
    startup_seconds: float
    reloader: IndexReloader | None = None  # set by the app's lifespan (hot index reload)

    @classmethod
    def build(cls, settings: Settings) -> Services:
        if settings.environment == "production" and settings.embedder == "hashing":
            raise ValueError("the hashing embedder is a test stand-in: not served in production")
        started = time.perf_counter()
        preload = threading.Thread(target=_preload_model_code, args=(settings,), daemon=True)
        preload.start()
        assistant = Assistant.from_settings(settings)
        preload.join()
        try:
            # Load the embedding model now: routing and search both embed the query.
            assistant.router.route("hello")
            assistant.retriever.search("warranty", k=1)
            store = open_store(settings, clock=assistant.clock, seed=False)
        except BaseException:
            assistant.close()
            raise
        conversations = ConversationService(assistant, store)
        seconds = time.perf_counter() - started
        log.info("assistant ready in %.1f s", seconds)
        return cls(settings, assistant, store, conversations, seconds)

    def index_versions(self) -> dict[str, str | float | None]:
        """The served and current index versions, and how long the served one has lagged."""
        if self.reloader is None:
            return {}
        status = self.reloader.status()
        return {
            "served": status.served,
            "current": status.current,
            "lag_seconds": status.lag_seconds,
        }

    def readiness(self) -> dict[str, bool]:
        """Checks for /readyz: the database answers and the live index is still in place (both
        checked now); the router is loaded (it routed the warm-up message at start-up); the
        served index is current, or has lagged ``CURRENT`` for at most ``index_max_lag_seconds``
        (``index_current``)."""
        try:
            with self.store.engine.connect() as connection:
                database = connection.execute(text("SELECT 1")).scalar() == 1
        except SQLAlchemyError:
            log.warning("readiness: the database does not answer", exc_info=True)
            database = False
        index = IndexStore(self.settings.index_dir).current_name() is not None
        checks = {"database": database, "index": index, "router": self.assistant.router is not None}
        if self.reloader is not None:
            checks["index_current"] = self.reloader.status().fresh
        return checks

    def close(self) -> None:
        self.store.close()
        self.assistant.close()
