"""Answer extraction: the steps or sentences that answer, with the passage to cite."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from assistant.retrieval.extract import (
    AnswerExtractor,
    extract_answer,
    is_how_to,
    split_units,
)
from ingest.embedding import HashingEmbedder


@dataclass(frozen=True)
class Doc:
    text: str
    name: str


KETTLE = Doc(
    "The kettle boils 1.7 litres in about four minutes.\n\n"
    "1. Mix one part white vinegar with two parts water.\n"
    "2. Fill to the MAX line and boil the vinegar mix.\n"
    "3. Let it stand for 20 minutes.\n"
    "4. Rinse twice with fresh water.\n\n"
    "Descale every month in hard water areas. The warranty does not cover limescale damage.",
    "kettle",
)
HEADPHONES = Doc(
    "The headphones play for 40 hours on one charge. A 10 minute charge gives 5 hours of "
    "playback. Charge them with the USB-C cable in the box.",
    "headphones",
)
SPECS = Doc("Spec | Value\nBattery | 40 hours\nWeight | 250 g", "specs")


def test_units_keep_steps_rows_and_sentences_apart() -> None:
    units = split_units(KETTLE.text)
    kinds = [u.kind for u in units]
    assert kinds == ["sentence", "step", "step", "step", "step", "sentence", "sentence"]
    assert len({u.group for u in units if u.kind == "step"}) == 1
    assert [u.kind for u in split_units(SPECS.text)] == ["row", "row", "row"]


def test_how_to_detection() -> None:
    assert is_how_to("how do I descale my kettle?")
    assert is_how_to("steps to pair the headphones")
    assert not is_how_to("how long does the battery last?")
    assert not is_how_to("is the case covered by the warranty")


def test_a_how_to_question_gets_the_whole_procedure_in_order() -> None:
    answer = extract_answer(
        "how do I descale the kettle with vinegar", [HEADPHONES, KETTLE], HashingEmbedder()
    )
    assert answer is not None and answer.is_procedure
    assert answer.passage is KETTLE and answer.passage_index == 1
    assert answer.text.splitlines() == [
        "1. Mix one part white vinegar with two parts water.",
        "2. Fill to the MAX line and boil the vinegar mix.",
        "3. Let it stand for 20 minutes.",
        "4. Rinse twice with fresh water.",
    ]


def test_a_fact_question_gets_a_few_sentences_not_the_passage() -> None:
    question = "how many hours of playback from a 10 minute charge"
    answer = extract_answer(question, [HEADPHONES, KETTLE], HashingEmbedder())
    assert answer is not None and not answer.is_procedure
    assert answer.passage is HEADPHONES
    assert "A 10 minute charge gives 5 hours of playback." in answer.text
    assert len(answer.units) <= 3 and len(answer.text) < len(HEADPHONES.text)
    assert all(u.text in HEADPHONES.text for u in answer.units)


def test_max_units_bounds_the_quote() -> None:
    answer = extract_answer(
        "descale warranty limescale hard water", [KETTLE], HashingEmbedder(), max_units=1
    )
    assert answer is not None and len(answer.units) == 1


def test_unit_vectors_are_memoised_and_the_question_vector_reused() -> None:
    embedder = HashingEmbedder()
    extractor = AnswerExtractor(embedder)
    question = "how long does the battery last"
    vector = embedder.embed([question])[0]
    extractor.extract(question, [HEADPHONES], question_vector=vector)
    calls, texts = embedder.calls, embedder.texts_embedded
    again = extractor.extract(question, [HEADPHONES], question_vector=vector)
    assert again is not None
    assert (embedder.calls, embedder.texts_embedded) == (calls, texts)


def test_warming_embeds_every_unit_once_ahead_of_time() -> None:
    embedder = HashingEmbedder()
    extractor = AnswerExtractor(embedder)
    assert extractor.warm([KETTLE.text, HEADPHONES.text, KETTLE.text], batch=4) == 10
    before = embedder.texts_embedded
    vector = embedder.embed(["descale"])[0]
    extractor.extract("descale", [KETTLE, HEADPHONES], question_vector=vector)
    assert embedder.texts_embedded == before + 1  # only the question embedded above


def test_nothing_to_quote() -> None:
    assert extract_answer("anything", [], HashingEmbedder()) is None
    assert extract_answer("anything", [Doc("   ", "blank")], HashingEmbedder()) is None


@pytest.mark.integration
def test_the_real_model_picks_the_answer_sentence(minilm: object) -> None:
    extractor = AnswerExtractor(minilm)  # type: ignore[arg-type]
    passage = Doc(
        "The SoundWave Pro folds flat into its pouch. The battery lasts about 40 hours of "
        "playback on one charge. The ear cushions are protein leather. It comes in black and "
        "silver.",
        "headphones",
    )
    answer = extractor.extract("how long will the battery last?", [passage], max_units=1)
    assert answer is not None
    assert answer.text == "The battery lasts about 40 hours of playback on one charge."
    assert answer.passage is passage and np.isfinite(answer.score)
