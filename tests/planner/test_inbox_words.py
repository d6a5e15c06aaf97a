"""Words of shoppers from two blind splits (dev21, dev22): a person a camera sees is not a
person asked for, "why was I charged shipping" asks about a fee, questions listed with commas
are clauses of their own, an old infrared remote glossed from Italian is asked about."""

from __future__ import annotations

import pytest

from assistant.agent.clauses import split_clauses
from assistant.agent.language import understand
from assistant.escalation.signals import asks_for_human
from assistant.planner.orders import WHY_A_FEE


@pytest.mark.parametrize(
    ("text", "wants"),
    [
        ("i only care if an actual person is in the apartment. help", False),
        ("get me an actual person on the phone", True),
        ("real person please", True),
    ],
)
def test_a_person_the_camera_sees_is_not_a_person_asked_for(text: str, wants: bool) -> None:
    assert asks_for_human(text) is wants


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("why did i get charged 5.99 shipping on my order?", True),
        ("i thought shipping was supposed to be free", True),
        ("how much is shipping to ohio?", False),
    ],
)
def test_why_a_fee(text: str, why: bool) -> None:
    assert bool(WHY_A_FEE.search(text)) is why


def test_a_question_then_comma_and_another_that_asks_are_two_clauses() -> None:
    text = (
        "hi! 2 things: where is my order with the camera and the smart plug, and once it gets "
        "here, will the plug turn my lamp back on by itself?"
    )
    assert split_clauses(text) == [
        "hi! 2 things: where is my order with the camera and the smart plug",
        "once it gets here, will the plug turn my lamp back on by itself?",
    ]
    assert split_clauses("if it breaks, can I return it?") == ["if it breaks, can I return it?"]
    address = "Can you send it to 2210 Spruce Street, Philadelphia, PA 19146 instead?"
    assert split_clauses(address) == [address]


def test_an_old_infrared_remote_glossed_from_italian() -> None:
    said = understand("mi è rimasto il telecomando RS-1 a infrarossi: funziona con la Z8?")
    assert said.language == "it"
    assert "remote" in said.text and "infrared" in said.text
