"""Answer extraction: the lines that answer the question, never the whole section."""

from __future__ import annotations

from assistant.agent.tools import PassageOut
from assistant.planner.answers import best_answer


def passage(text: str, section: str = "Care", doc_type: str = "manual", **kw: object) -> PassageOut:
    fields: dict[str, object] = {
        "chunk_id": f"c-{abs(hash(text)) % 10_000}",
        "text": text,
        "source": "x.md",
        "title": "Guide",
        "section": section,
        "page": None,
        "doc_type": doc_type,
        "skus": ["SKU-1"],
    }
    fields.update(kw)
    return PassageOut.model_validate(fields)


CARE = passage(
    "These socks are made of merino and nylon. They come in three sizes.\n"
    "Machine wash warm, at no more than 40 °C (104 °F), inside out. "
    "Tumble dry on low heat or hang to dry. Do not iron the cushioned sole. "
    "Store them flat in a drawer. Replace them after about 500 miles of running."
)
PAIRING = passage(
    "Pairing takes about a minute.\nTo pair with a phone:\n1. Turn the headphones off.\n"
    "2. Hold Power for 5 seconds until the light flashes blue and red.\n"
    "3. Open Bluetooth settings and choose the headphones.\n"
    "The headphones remember 8 devices. Battery life is 40 hours with noise cancelling on.",
    section="Pairing",
)


def test_a_fact_question_gets_its_sentence_not_the_section() -> None:
    answer = best_answer("what temperature can I wash them at", [CARE])
    assert answer is not None
    assert "40 °C" in answer.text
    assert "500 miles" not in answer.text  # not the whole section
    assert len(answer.lines) <= 4


def test_a_how_to_question_gets_the_whole_procedure() -> None:
    answer = best_answer("how do I pair the headphones with my phone", [PAIRING])
    assert answer is not None and answer.steps
    assert answer.text.count("\n") >= 2 and "Hold Power for 5 seconds" in answer.text
    assert "40 hours" not in answer.text


def test_support_is_low_when_nothing_answers() -> None:
    answer = best_answer("do you sell gift cards for birthdays", [CARE, PAIRING])
    assert answer is None or answer.support < 0.5


def test_a_sheet_row_does_not_answer_a_care_question() -> None:
    row = passage(
        "Tumble dry balls are not compatible with the socks.",
        section="Dryer balls",
        doc_type="compatibility",
    )
    answer = best_answer("can I tumble dry them", [row, CARE])
    assert answer is not None and answer.passage.doc_type == "manual"
    assert "low heat" in answer.text


def test_semantic_scores_from_search_find_a_line_with_no_shared_word() -> None:
    policy = passage(
        "We ship to all 50 US states.\nWe do not ship outside the United States.",
        section="Where we ship",
        unit_scores={
            "We ship to all 50 US states.": 0.4,
            "We do not ship outside the United States.": 0.7,
        },
    )
    answer = best_answer("is delivery to toronto possible", [policy])
    assert answer is not None and "outside the United States" in answer.text
