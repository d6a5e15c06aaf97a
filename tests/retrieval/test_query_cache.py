from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from assistant.retrieval.query_cache import QueryVectorCache
from ingest.embedding import HashingEmbedder


def test_a_text_is_embedded_once_and_gets_the_same_vector() -> None:
    inner = HashingEmbedder()
    cache = QueryVectorCache(inner)
    first = cache.embed(["where is my package?"])
    again = cache.embed(["where is my package?"])
    assert inner.calls == 1 and (cache.hits, cache.misses) == (1, 1)
    assert first.shape == (1, inner.dimension) and first.dtype == np.float32
    np.testing.assert_array_equal(first, again)
    np.testing.assert_array_equal(first, inner.embed(["where is my package?"]))
    assert (cache.model_id, cache.dimension) == (inner.model_id, inner.dimension)


def test_a_caller_changing_its_vector_does_not_change_the_cache() -> None:
    cache = QueryVectorCache(HashingEmbedder())
    vector = cache.embed(["reset my headphones"])
    expected = vector.copy()
    vector[0] *= 0
    np.testing.assert_array_equal(cache.embed(["reset my headphones"]), expected)


def test_batches_pass_through_uncached() -> None:
    inner = HashingEmbedder()
    cache = QueryVectorCache(inner)
    texts = ["warranty length", "return window"]
    np.testing.assert_array_equal(cache.embed(texts), inner.embed(texts))
    assert len(cache) == 0 and cache.embed([]).shape == (0, inner.dimension)


def test_the_least_recently_used_text_goes_first() -> None:
    inner = HashingEmbedder()
    cache = QueryVectorCache(inner, capacity=2)
    cache.embed(["a a"])
    cache.embed(["b b"])
    cache.embed(["a a"])  # used again: "b b" is now the oldest
    cache.embed(["c c"])
    assert len(cache) == 2
    calls = inner.calls
    cache.embed(["a a"])
    assert inner.calls == calls  # kept
    cache.embed(["b b"])
    assert inner.calls == calls + 1  # dropped, embedded again


def test_threads_share_it() -> None:
    cache = QueryVectorCache(HashingEmbedder(), capacity=8)
    texts = [f"question {i % 12}" for i in range(240)]
    results: dict[str, list[np.ndarray]] = {}
    lock = threading.Lock()

    def work(chunk: list[str]) -> None:
        for text in chunk:
            vector = cache.embed([text])[0]
            with lock:
                results.setdefault(text, []).append(vector)

    threads = [threading.Thread(target=work, args=(texts[i::6],)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(cache) <= 8 and cache.hits + cache.misses == 240
    for vectors in results.values():
        for vector in vectors[1:]:
            np.testing.assert_array_equal(vector, vectors[0])


def test_capacity_must_be_positive() -> None:
    with pytest.raises(ValueError, match="capacity"):
        QueryVectorCache(HashingEmbedder(), capacity=0)


def test_threads_asking_for_the_same_text_at_once_embed_it_once() -> None:
    inner = HashingEmbedder()
    entered, release = threading.Event(), threading.Event()
    original = inner.embed

    def slow(texts: list[str]) -> np.ndarray:
        entered.set()
        release.wait(5)
        return original(texts)

    inner.embed = slow  # type: ignore[method-assign]
    cache = QueryVectorCache(inner)
    vectors: list[np.ndarray] = []
    threads = [
        threading.Thread(target=lambda: vectors.append(cache.embed(["same words"])[0]))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    assert entered.wait(5)
    time.sleep(0.2)  # the other threads ask meanwhile
    release.set()
    for thread in threads:
        thread.join()
    assert inner.calls == 1 and (cache.misses, cache.hits) == (1, 3) and len(vectors) == 4


def test_a_failed_embedding_lets_the_next_caller_try() -> None:
    inner = HashingEmbedder()
    cache = QueryVectorCache(inner)
    original, failures = inner.embed, [RuntimeError("model not loaded")]

    def flaky(texts: list[str]) -> np.ndarray:
        if failures:
            raise failures.pop()
        return original(texts)

    inner.embed = flaky  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        cache.embed(["hello"])
    assert cache.embed(["hello"]).shape == (1, inner.dimension)
