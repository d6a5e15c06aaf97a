"""``QueryVectorCache``: an embedder that remembers the vectors of the queries it embeds.

A turn embeds the customer's message to route it, each clause of a message with several
requests, and the search queries the answer needs; the same short messages recur ("where is
my package?", "yes", "thanks") and a follow-up searches a query again. The router and the
retriever share one cache, so a text both route and search embeds once per process.

Only single-text calls are cached, and a hit returns the very vector the wrapped embedder
gave for that text alone (a copy): a batch can differ from one-by-one embedding in the last
bits (padding), so batches pass through untouched. Bounded (least recently used first out)
and thread-safe: threads that ask for a text another thread is embedding wait for its vector
instead of embedding it too (the first customers after a start often send the same words at
once). The wrapped embedder's ``model_id`` and ``dimension`` are its own.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from ingest.embedding import Embedder, Vector

DEFAULT_CAPACITY = 4096  # 384-d float32: 1.5 kB a vector, ~6 MB full


class QueryVectorCache:
    def __init__(self, embedder: Embedder, *, capacity: int = DEFAULT_CAPACITY) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.inner = embedder
        self.model_id = embedder.model_id
        self.dimension = embedder.dimension
        self.capacity = capacity
        self.hits = 0
        self.misses = 0
        self._vectors: OrderedDict[str, Vector] = OrderedDict()
        self._running: dict[str, threading.Event] = {}  # texts being embedded, by one thread
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> Vector:
        if len(texts) != 1:
            return self.inner.embed(texts)
        text = texts[0]
        while True:
            with self._lock:
                vector = self._vectors.get(text)
                if vector is not None:
                    self._vectors.move_to_end(text)
                    self.hits += 1
                    return vector.reshape(1, -1).copy()
                running = self._running.get(text)
                if running is None:  # this thread embeds it
                    running = self._running[text] = threading.Event()
                    break
            running.wait()  # another thread is embedding this text: then look again
        try:  # outside the lock: other texts are embedded meanwhile
            vector = np.array(self.inner.embed([text])[0], dtype=np.float32)
            with self._lock:
                self.misses += 1
                self._vectors[text] = vector
                while len(self._vectors) > self.capacity:
                    self._vectors.popitem(last=False)
        finally:
            with self._lock:
                del self._running[text]
            running.set()
        return vector.reshape(1, -1).copy()

    def __len__(self) -> int:
        with self._lock:
            return len(self._vectors)
