"""Which messages tell of a danger happening (the safety line, then a person, at once) and
which only mention one."""

from __future__ import annotations

import pytest

from assistant.planner.hazard import reports_danger

BATTERY_LINE = (
    "Battery is swollen, leaking, very hot or smells unusual: stop using it immediately, do not "
    "charge it, put it on a non-flammable surface and contact support."
)


@pytest.mark.parametrize(
    "text",
    [
        "my homely cam gets really hot and smells like burnt plastic, i want a replacement",
        "the kettle base sparked and now it smells of burning",
        "theres smoke coming out of the grinder",
        "the charging cable melted at the plug end",
        "it smells of burning when it heats",
        "is it normal for the grinder to smell a bit like burning the first time?",
        "my grinder smells slightly of burning when i use it",
    ],
)
def test_a_danger_told_is_a_danger(text: str) -> None:
    assert reports_danger(text)


@pytest.mark.parametrize(
    "text",
    [
        "my kettle doesnt turn on, no smoke or anything, just nothing",
        "what should i do if the grinder ever starts smoking?",
        "the motor overheats and stops after a minute",  # the manual's thermal cut-out
        "the cam gets really hot, is that normal?",
        "the bag is puffed up, is it bad?",  # fresh beans give off gas: no line calls it danger
        "my stove flame is tiny this morning, it was -4C last night",  # a stove's flame
        "the stream is glacier melt, how long do the tablets take?",
        "the igniter sparks but there's no flame",  # no line calls a spark a danger
    ],
)
def test_a_danger_only_mentioned_is_not(text: str) -> None:
    assert not reports_danger(text)


def test_a_swollen_battery_is_a_danger_where_the_documents_say_so() -> None:
    text = "my spare battery has puffed up and the door wont close"
    assert not reports_danger(text)  # swelling alone: the documents decide
    assert reports_danger(text, BATTERY_LINE)


def test_a_spark_is_a_danger_where_the_documents_say_so() -> None:
    line = "If the power base sparks or smells of burning, unplug it and do not use it."
    assert not reports_danger("the base sparked when i put the kettle on")
    assert reports_danger("the base sparked when i put the kettle on", line)
