"""Which lines of a retrieved passage answer the query: the cosine of the query to each unit
(sentence, step, bullet) with the retriever's own embedder, so a question finds its answer line
with few words in common. Ingestion embeds every unit into the index's embedding cache
(:func:`ingest.pipeline.embed_units`), so a search reads unit vectors from there (then from
memory); only a unit missing from both is embedded at search time, and written back."""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from ingest.embedding import EmbeddingCache
from ingest.sentences import units_of_text

MAX_CACHED = 50_000
MAX_UNITS_PER_SEARCH = 48

Embed = Callable[[Sequence[str]], Sequence[Sequence[float]]]
QueryVector = Callable[[str], np.ndarray]


class UnitScorer:
    def __init__(
        self,
        embed: Embed,
        query_vector: QueryVector,
        model_id: str = "",
        cache_path: Path | None = None,
    ) -> None:
        self._embed = embed
        self._query_vector = query_vector
        self._model_id = model_id
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        if cache_path is not None and model_id and cache_path.exists():
            self._db = sqlite3.connect(cache_path, check_same_thread=False)

    def _remember(self, unit: str, vector: np.ndarray) -> None:
        norm = float(np.linalg.norm(vector)) or 1.0
        self._vectors[unit] = np.asarray(vector, dtype=np.float32) / norm
        while len(self._vectors) > MAX_CACHED:
            self._vectors.popitem(last=False)

    def _from_disk(self, units: list[str]) -> list[str]:
        """Load what the ingestion cache has; return the units it doesn't."""
        if self._db is None:
            return units
        keys = {EmbeddingCache.key(self._model_id, u): u for u in units}
        marks = ",".join("?" * len(keys))
        with self._lock:
            rows = self._db.execute(
                f"SELECT key, vec FROM embeddings WHERE key IN ({marks})", list(keys)
            ).fetchall()
            for key, blob in rows:
                self._remember(keys[key], np.frombuffer(blob, dtype=np.float32))
            return [u for u in units if u not in self._vectors]

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _unit_vectors(self, units: Sequence[str]) -> list[np.ndarray]:
        with self._lock:
            missing = [u for u in dict.fromkeys(units) if u not in self._vectors]
        if missing:
            missing = self._from_disk(missing)
        if missing:
            fresh = [np.asarray(v, dtype=np.float32) for v in self._embed(missing)]
            with self._lock:
                for unit, vector in zip(missing, fresh, strict=True):
                    self._remember(unit, vector)
        with self._lock:
            return [self._vectors[u] for u in units]

    def scores(self, query: str, texts: Sequence[str]) -> list[dict[str, float]]:
        """For each passage text, its units' cosine to ``query`` (first passages first, at most
        ``MAX_UNITS_PER_SEARCH`` units in all)."""
        per_text = [units_of_text(t) for t in texts]
        budget, chosen = MAX_UNITS_PER_SEARCH, []
        for units in per_text:
            take = units[: max(0, budget)]
            budget -= len(take)
            chosen.append(take)
        flat = [u for units in chosen for u in units]
        if not flat:
            return [{} for _ in texts]
        q = np.asarray(self._query_vector(query), dtype=np.float32)
        q = q / (float(np.linalg.norm(q)) or 1.0)
        vectors = self._unit_vectors(flat)
        cosines = iter(float(v @ q) for v in vectors)
        return [{u: round(next(cosines), 4) for u in units} for units in chosen]
