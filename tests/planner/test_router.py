"""The intent router with the deterministic hashing embedder: training, routing, edge cases,
persistence and the warm-cache path (no retraining, no re-embedding)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from assistant.intents import INTENT_DESCRIPTIONS, Intent
from assistant.planner.router import (
    MAX_CHARS,
    ExamplesError,
    IntentRouter,
    load_examples,
    normalise,
)
from assistant.planner.router_store import PREFIX, cache_key, load_or_train, load_params
from ingest.embedding import HashingEmbedder, Vector


def tiny_examples() -> dict[Intent, list[str]]:
    """Two or more short lines per intent, taken from the published intent descriptions."""
    examples: dict[Intent, list[str]] = {}
    for intent, description in INTENT_DESCRIPTIONS.items():
        lines = [description, intent.value.replace("_", " ")]
        lines += [part.strip() for part in description.split(",") if part.strip() != description]
        examples[intent] = list(dict.fromkeys(lines))
    return examples


class RecordingEmbedder(HashingEmbedder):
    """The hashing fake, remembering every text it was asked to embed."""

    def __init__(self, model_id: str = "hashing-256") -> None:
        super().__init__()
        self.model_id = model_id
        self.seen: list[str] = []

    def embed(self, texts: Sequence[str]) -> Vector:
        self.seen.extend(texts)
        return super().embed(texts)


@pytest.fixture(scope="module")
def embedder() -> RecordingEmbedder:
    return RecordingEmbedder()


@pytest.fixture(scope="module")
def router(embedder: RecordingEmbedder) -> IntentRouter:
    return IntentRouter.train(tiny_examples(), embedder)


def test_routes_its_training_descriptions(router: IntentRouter) -> None:
    for intent, description in INTENT_DESCRIPTIONS.items():
        assert router.route(description).intent is intent


def test_ranked_covers_every_intent_once_best_first(router: IntentRouter) -> None:
    result = router.route("where is my package, it is late")
    intents = [i for i, _ in result.ranked]
    scores = [s for _, s in result.ranked]
    assert sorted(intents) == sorted(Intent)
    assert scores == sorted(scores, reverse=True)
    assert sum(scores) == pytest.approx(1.0, abs=1e-5)
    assert (result.intent, result.confidence) == result.ranked[0]
    assert 0.0 < result.confidence <= 1.0


def test_route_many_and_route_vector_agree_with_route(router: IntentRouter) -> None:
    texts = ["cancel an order", "", "   ", "hello, thanks", "charged twice!!"]
    batch = router.route_many(texts)
    for text, result in zip(texts, batch, strict=True):
        single = router.route(text)
        assert result.intent is single.intent
        assert result.confidence == pytest.approx(single.confidence, abs=1e-6)
    vector = router.embedder.embed([normalise("charged twice!!")])[0]
    assert router.route_vector("charged twice!!", vector).intent is batch[-1].intent


@pytest.mark.parametrize("text", ["", "   ", "\n\t  \r\n"])
def test_empty_input_is_out_of_scope_with_zero_confidence_and_embeds_nothing(
    text: str, router: IntentRouter, embedder: RecordingEmbedder
) -> None:
    embedder.seen.clear()
    result = router.route(text)
    assert result.intent is Intent.OUT_OF_SCOPE
    assert result.confidence == 0.0
    assert result.ranked[0] == (Intent.OUT_OF_SCOPE, 0.0)
    assert sorted(i for i, _ in result.ranked) == sorted(Intent)
    assert embedder.seen == []


def test_very_long_input_is_truncated_deterministically(
    router: IntentRouter, embedder: RecordingEmbedder
) -> None:
    long_text = "please cancel my order " * 2000
    first = router.route(long_text)
    again = router.route(long_text + " and also tell me a joke about the weather" * 100)
    assert len(embedder.seen[-1]) <= MAX_CHARS
    assert embedder.seen[-1] == normalise(long_text)
    assert first == again


def test_normalise_collapses_whitespace_and_cuts_at_a_word_boundary() -> None:
    assert normalise("  where\tis \n my   parcel ") == "where is my parcel"
    cut = normalise("word " * 500)
    assert len(cut) <= MAX_CHARS and cut.endswith("word") and not cut.endswith(" ")
    assert normalise("x" * 5000) == "x" * MAX_CHARS


def test_warm_cache_neither_retrains_nor_embeds(tmp_path: Path) -> None:
    examples = tiny_examples()
    cold = RecordingEmbedder()
    first = load_or_train(examples, cold, tmp_path)
    assert cold.calls == 1 and cold.texts_embedded == sum(len(v) for v in examples.values())
    names = sorted(p.suffix for p in tmp_path.glob(f"{PREFIX}*"))
    assert names == [".json", ".npz"]

    warm = RecordingEmbedder()
    started = time.perf_counter()
    second = load_or_train(examples, warm, tmp_path)
    assert time.perf_counter() - started < 0.5
    assert warm.calls == 0, "a warm start must not embed the training examples"
    for text in ["cancel an order", "send me the manual", "hello"]:
        a, b = first.route(text), second.route(text)
        assert a.intent is b.intent
        assert a.confidence == pytest.approx(b.confidence, abs=1e-6)


def test_changed_example_retrains_but_reembeds_only_that_example(tmp_path: Path) -> None:
    examples = tiny_examples()
    load_or_train(examples, RecordingEmbedder(), tmp_path)
    old_key = cache_key(examples, "hashing-256")
    examples[Intent.GREETING] = [*examples[Intent.GREETING], "good evening to you"]
    embedder = RecordingEmbedder()
    router = load_or_train(examples, embedder, tmp_path)
    assert embedder.seen == ["good evening to you"]  # the rest came from the embedding cache
    assert router.route("good evening to you").intent is Intent.GREETING
    assert cache_key(examples, "hashing-256") != old_key
    assert not list(tmp_path.glob(f"{PREFIX}{old_key}*")), "stale parameters are removed"


def test_cache_key_depends_on_the_embedder_model() -> None:
    examples = tiny_examples()
    assert cache_key(examples, "model-a") != cache_key(examples, "model-b")
    assert cache_key(examples, "model-a") == cache_key(tiny_examples(), "model-a")


def test_corrupt_or_foreign_cache_is_ignored_and_replaced(tmp_path: Path) -> None:
    examples = tiny_examples()
    load_or_train(examples, RecordingEmbedder(), tmp_path)
    key = cache_key(examples, "hashing-256")
    npz = tmp_path / f"{PREFIX}{key}.npz"
    npz.write_bytes(b"not a zip file")
    assert load_params(tmp_path, key) is None
    embedder = RecordingEmbedder()
    load_or_train(examples, embedder, tmp_path)
    assert embedder.calls == 0  # retrained from the embedding cache
    assert load_params(tmp_path, key) is not None
    with np.load(npz, allow_pickle=False) as data:  # plain arrays, no pickled objects
        assert data["w_ngrams"].dtype == np.float32


def test_router_refuses_another_embedders_parameters() -> None:
    params = IntentRouter.train(tiny_examples(), RecordingEmbedder()).params
    with pytest.raises(ValueError, match="trained with"):
        IntentRouter(params, RecordingEmbedder(model_id="other-model"))


def test_load_examples_reads_the_team_file() -> None:
    examples = load_examples()
    assert list(examples) == list(Intent)
    assert all(len(lines) >= 30 for lines in examples.values())


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("order_stat:\n  - hello\n", "unknown intent"),
        ("greeting:\n  - hello\n", "no training examples for"),
        ("- just a list\n", "expected a mapping"),
        ("greeting: hello\n", "expected a list of strings"),
    ],
)
def test_load_examples_refuses_bad_files(tmp_path: Path, yaml_text: str, message: str) -> None:
    path = tmp_path / "examples.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ExamplesError, match=message):
        load_examples(path)


def test_the_same_line_under_two_intents_is_refused() -> None:
    examples = tiny_examples()
    examples[Intent.COMPLAINT] = [*examples[Intent.COMPLAINT], "Talk to a  person"]
    with pytest.raises(ExamplesError, match="both"):
        IntentRouter.train(examples, RecordingEmbedder())


def test_open_router_keeps_its_cache_under_the_index_dir(tmp_path: Path) -> None:
    import yaml

    from assistant.planner.router_store import default_cache_dir, open_router

    path = tmp_path / "examples.yaml"
    path.write_text(
        yaml.safe_dump({i.value: lines for i, lines in tiny_examples().items()}), encoding="utf-8"
    )
    router = open_router(RecordingEmbedder(), tmp_path / "index", path)
    assert router.route("talk to a person").intent is Intent.HUMAN_AGENT
    cache = default_cache_dir(tmp_path / "index")
    assert cache == tmp_path / "index" / "router"
    assert {p.suffix for p in cache.iterdir()} >= {".npz", ".json", ".sqlite"}
