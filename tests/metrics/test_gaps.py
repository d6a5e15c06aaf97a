from __future__ import annotations

from assistant.metrics.gaps import (
    gap_questions,
    group_questions,
    jaccard,
    knowledge_gaps,
    mask,
    tokens,
)
from tests.metrics.records import conversation, turn

NOT_FOUND = "I couldn't find instructions for that in the SoundWave Pro documents."


def test_tokens_drop_stopwords_and_stem_lightly() -> None:
    assert tokens("How do I pair my headphones with the laptop?") == {"pair", "headphone", "laptop"}
    assert jaccard(tokens("pairing headphones laptop"), tokens("pair headphones to laptop")) == 1.0
    assert jaccard(frozenset(), tokens("x")) == 0.0


def test_which_questions_are_gaps() -> None:
    convs = [
        conversation(
            "nf",
            turn("how do I pair with two laptops", "setup_help", answer=NOT_FOUND),
            focus_sku="AUR-SWP-100",
        ),
        conversation(
            "low",
            turn("equalizer presets on the app", "troubleshooting", confidence=0.2, citations=1),
        ),
        conversation("nocite", turn("kettle beeps three times", "troubleshooting", citations=0)),
        conversation("score", turn("firmware update android app", None, top_score=0.1)),
        conversation(
            "esc",
            turn("the grinder makes a squeaking noise", "troubleshooting"),
            turn("talk to a person", "human_agent", escalation="customer_request"),
        ),
        conversation("fine", turn("how do I pair my headphones", "setup_help")),
        conversation(
            "order",
            turn("where is order 12345", "order_status", answer="I couldn't find that order."),
        ),
        conversation("hello", turn("hi", "greeting", answer=NOT_FOUND)),
    ]
    found = {q.text: q.reason for q in gap_questions(convs)}
    assert found == {
        "how do I pair with two laptops": "not_found",
        "equalizer presets on the app": "low_confidence",
        "kettle beeps three times": "no_citation",
        "firmware update android app": "low_score",
        "the grinder makes a squeaking noise": "escalated",
    }


def test_similar_questions_group_per_product() -> None:
    swp = "AUR-SWP-100"
    convs = [
        conversation(
            "a",
            turn("how do I pair two laptops at once", "setup_help", answer=NOT_FOUND, skus=(swp,)),
        ),
        conversation(
            "b",
            turn(
                "pair with two laptops simultaneously?", "setup_help", answer=NOT_FOUND, skus=(swp,)
            ),
        ),
        conversation(
            "c", turn("can it pair two laptops", "setup_help", answer=NOT_FOUND, skus=(swp,))
        ),
        conversation(
            "d", turn("pair two laptops", "setup_help", answer=NOT_FOUND, skus=("HMY-CAM-2K",))
        ),
        conversation(
            "e",
            turn(
                "does the case fit in an overhead bin", "setup_help", answer=NOT_FOUND, skus=(swp,)
            ),
        ),
    ]
    groups = knowledge_gaps(convs)
    assert [(g.product_sku, g.count) for g in groups] == [
        (swp, 3),
        (swp, 1),
        ("HMY-CAM-2K", 1),
    ]
    top = groups[0]
    assert "laptop" in top.label and "pair" in top.label
    assert len(top.examples) == 3
    assert top.reasons == {"not_found": 3}


def test_threshold_controls_grouping() -> None:
    from assistant.metrics.gaps import GapQuestion

    questions = [
        GapQuestion("reset the camera wifi", None, "not_found"),
        GapQuestion("camera wifi keeps dropping", None, "not_found"),
    ]
    assert len(group_questions(questions, threshold=0.2)) == 1
    assert len(group_questions(questions, threshold=0.9)) == 2


def test_examples_are_masked() -> None:
    assert mask("my card 4242 4242 4242 4242 and me@example.com") == (
        "my card [card number removed] and [email removed]"
    )
