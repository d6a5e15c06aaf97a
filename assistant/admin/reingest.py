"""Re-ingesting the corpus from the admin API: :class:`ReingestRunner`.

``start()`` runs ``ingest.pipeline.run_ingestion`` on ``settings.corpus_dir`` into
``settings.index_dir`` in a background thread and returns ``False`` if a run is already going
(the API answers 409). When the run ends, ``refresh()`` (the assistant's retriever) switches the
live index to the new version. :meth:`last_run` is what ``GET /v1/admin/reingest`` shows.
A failure is recorded (its message, not a traceback); the previous index keeps serving.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel

from ingest.embedding import Embedder
from ingest.errors import IngestError
from ingest.pipeline import Options, Summary, run_ingestion

logger = logging.getLogger(__name__)

RunIngestion = Callable[[Options, Callable[[], Embedder]], Summary]


class ReingestRun(BaseModel):
    status: Literal["idle", "running", "succeeded", "failed"]
    started_at: datetime | None = None
    finished_at: datetime | None = None
    summary: dict[str, Any] | None = None
    refreshed: bool | None = None  # the retriever switched to the new version
    error: str | None = None


class ReingestRunner:
    def __init__(
        self,
        options: Options,
        embedder_factory: Callable[[], Embedder],
        *,
        refresh: Callable[[], bool] | None,
        now: Callable[[], datetime],
        run: RunIngestion = run_ingestion,
    ) -> None:
        self._options = options
        self._embedder_factory = embedder_factory
        self._refresh = refresh
        self._now = now
        self._run = run
        self._lock = threading.Lock()
        self._state = ReingestRun(status="idle")
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        with self._lock:
            return self._state.status == "running"

    def last_run(self) -> ReingestRun:
        with self._lock:
            return self._state.model_copy()

    def start(self) -> bool:
        """Start a run in the background; ``False`` if one is running."""
        with self._lock:
            if self._state.status == "running":
                return False
            self._state = ReingestRun(status="running", started_at=self._now())
            self._thread = threading.Thread(target=self._work, name="reingest", daemon=True)
            self._thread.start()
        return True

    def join(self, timeout: float | None = None) -> None:
        """Wait for the current run (tests, shutdown)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _work(self) -> None:
        summary: dict[str, Any] | None = None
        refreshed: bool | None = None
        error: str | None = None
        try:
            result = self._run(self._options, self._embedder_factory)
            summary = result.as_dict()
            if self._refresh is not None:
                refreshed = self._refresh()
        except IngestError as exc:
            error = str(exc)
        except Exception as exc:  # the thread must record every failure, not die silently
            logger.exception("reingest failed")
            error = f"re-ingestion failed ({type(exc).__name__})"
        with self._lock:
            self._state = ReingestRun(
                status="failed" if error else "succeeded",
                started_at=self._state.started_at,
                finished_at=self._now(),
                summary=summary,
                refreshed=refreshed,
                error=error,
            )
