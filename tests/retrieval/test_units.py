"""Max-sim: a chunk also scores its best answer unit (sentence, step, row), read from the
embedding cache that ingestion fills, never embedded at query time."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.retrieval.fusion import RetrievalConfig, rerank
from assistant.retrieval.hybrid import HybridRetriever
from assistant.retrieval.units import UnitMatrix, load_units, unit_texts
from ingest.embedding import HashingEmbedder
from ingest.pipeline import Options, run_ingestion

MANUAL = (
    "# Oven manual\n\n## Cleaning\n\n"
    "Wipe the door seal with a damp cloth after each use. The racks go in the dishwasher. "
    "Never use oven spray on the fan cover. The enamel floor takes a paste of baking soda. "
    "Let the oven cool for an hour before you start. Dry every part before you close the door. "
    "The grill element folds down for cleaning behind it. The lamp cover unscrews by hand.\n\n"
    "## Timer\n\nSet the timer with the clock key, then turn the dial to the minutes you want.\n"
)


@pytest.fixture
def index(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "oven.md").write_text(MANUAL, encoding="utf-8")
    store = tmp_path / "store"
    run_ingestion(Options(corpus=corpus, store=store), HashingEmbedder)
    return store


def test_units_are_embedded_once_then_read_from_the_cache(index: Path) -> None:
    config = RetrievalConfig(max_sim=0.3)
    first = HashingEmbedder()
    retriever = HybridRetriever(index, first, config=config)  # loads the unit matrix now
    retriever.close()
    context = [u for c in retriever.chunks for u in unit_texts(c, "context")]
    assert context[0].startswith("Oven manual > ")
    # the units under their heading, once; a one-sentence chunk's is the chunk's own text,
    # already in the cache
    assert first.texts_embedded == len(set(context)) - 1
    embedder = HashingEmbedder()
    retriever = HybridRetriever(index, embedder, config=config)
    try:
        assert embedder.texts_embedded == 0  # now all from the embedding cache
        units = retriever._index.units(embedder, "context")
        assert units.starts[-1] == units.matrix.shape[0] == len(context)
        retriever.search("how do I clean the door seal", k=3)
        assert embedder.texts_embedded == 1  # the query only
    finally:
        retriever.close()


def test_best_is_each_chunks_best_unit_and_a_chunk_without_units_keeps_its_cosine() -> None:
    matrix = np.array([[1, 0], [0, 1], [0.6, 0.8]], dtype=np.float32)
    units = UnitMatrix(matrix, np.array([0, 2, 2, 3]))  # chunk 1 has no units
    best = units.best(np.array([1.0, 0.0], dtype=np.float32), np.array([0.1, 0.2, 0.3]))
    assert np.allclose(best, [1.0, 0.2, 0.6])
    rows = np.array([2, 1, 0])  # only these chunks' units are read, in this order
    some = units.best(np.array([1.0, 0.0], dtype=np.float32), np.array([0.3, 0.2, 0.1]), rows)
    assert np.allclose(some, [0.6, 0.2, 1.0])


def test_load_units_without_a_cache_embeds_them(index: Path) -> None:
    embedder = HashingEmbedder()
    retriever = HybridRetriever(index, embedder, config=RetrievalConfig(max_sim=0.0))
    try:
        units = load_units(retriever.chunks, embedder, None, "heading")
        assert embedder.texts_embedded == units.matrix.shape[0]  # no duplicate units here
        assert units.starts[1] - units.starts[0] == len(unit_texts(retriever.chunks[0], "heading"))
        assert load_units([], embedder, None).matrix.shape == (0, embedder.dimension)
    finally:
        retriever.close()


def test_rerank_lifts_a_passage_whose_one_unit_answers() -> None:
    ranked = [(0, 1.0), (1, 0.9), (2, 0.5), (3, 0.4)]
    best_unit = {0: 0.3, 1: 0.9, 2: 0.2, 3: 0.95}
    out = rerank(ranked, best_unit, 0.5, depth=3)
    assert [r for r, _ in out] == [1, 0, 2, 3]  # row 3 is past the depth: stays last
    assert out[-1][1] <= min(s for _, s in out[:3])
    assert rerank(ranked, best_unit, 0.0, depth=3)[:3] == [(0, 1.0), (1, 0.9), (2, 0.5)]


def test_max_sim_off_reads_no_units(index: Path) -> None:
    embedder = HashingEmbedder()
    retriever = HybridRetriever(index, embedder)
    try:
        retriever.search("lamp cover", k=3)
        assert embedder.texts_embedded == 1 and not retriever._index._units
    finally:
        retriever.close()
