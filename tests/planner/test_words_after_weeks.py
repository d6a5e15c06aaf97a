"""The words of owners some weeks in: which steps of a fix they say they did ("balance is dead
center and mono is off") and which case they tell ("it's plugged into the tv's usb port"); a
fault told in plain words ("the lights dont come on anymore"); a refund asked about for a
return someone else sent; an exchange asked "for coral same size"; the store's extended plan
named by its last word; the scene a split-off supposition was asked in."""

from __future__ import annotations

import pytest

from assistant.planner.asked_kinds import names_the_plan
from assistant.planner.next_steps import shown_steps, steps_left
from assistant.planner.return_words import (
    REFUND_STATUS,
    SENT_BACK,
    WANTS_REFUND,
    asks_exchange,
    describes_fault,
)
from assistant.planner.scenes import told_scene

STEPS = [
    "1. Check the balance setting on the phone and set it to the center.",
    "2. Make sure Mono Audio is off in the same settings.",
    "3. In the app, set the equalizer to Balanced.",
    "4. Remove the ear cushions and brush dust off the fabric screen.",
    "5. Refit both cushions so that all clips click into place.",
    "6. If one side is still quieter, contact support.",
]
POWER = [
    "1. Slow blinking red means Wi-Fi is lost: restart the router and wait 5 minutes.",
    "2. Check the power: use the included adapter. TV and computer USB ports may not supply "
    "enough power.",
    "3. Check the Wi-Fi signal; move the camera or router closer.",
    "4. If you changed the Wi-Fi password, reset the camera and set it up again.",
]


def test_the_steps_told_as_done_are_passed() -> None:
    said = "balance is dead center and mono is off. equalizer was already on balanced too"
    assert steps_left(STEPS, f"{said}. still quieter on the right", "right side quieter") == [
        3,
        4,
        5,
    ]


def test_a_step_whose_case_is_told_is_where_to_start() -> None:
    text = (
        "restarted the router twice, still drops off. its plugged into the usb port on the "
        "back of the tv if that matters"
    )
    assert steps_left(POWER, text, "my cam keeps going offline, light blinks red") == [1, 2, 3]


def test_steps_done_out_of_order_leave_the_ones_between() -> None:
    text = "ok i moved it right next to the router and rebooted the router, still blinking"
    assert steps_left(POWER, text, "my cam is offline, light blinks red") == [1, 3]


def test_the_fault_told_before_says_no_step() -> None:
    # "quieter" and "side" were the fault's own words: they match step 6, but say nothing new
    assert steps_left(STEPS, "still quieter on the right side", "right side is quieter") is None


def test_only_the_first_numbered_list_of_a_reply_is_read() -> None:
    reply = "Here's what the guide says:\n1. a\n2. b\n3. c\n\n(From X.)\n\n1. other\n2. list"
    assert shown_steps(reply) == ["1. a", "2. b", "3. c"]


@pytest.mark.parametrize(
    "text",
    [
        "shows a totally black picture at night and the red lights dont come on anymore",
        "the screen doesnt switch on",
        "it stopped working",
    ],
)
def test_a_fault_told_in_plain_words(text: str) -> None:
    assert describes_fault(text)


def test_a_colour_is_no_fault() -> None:
    assert not describes_fault("can i swap the black ones for coral?")


def test_a_refund_asked_about_for_a_return_someone_else_sent() -> None:
    text = "my wife sent back the shoes before christmas. did you guys ever refund that?"
    assert REFUND_STATUS.search(text) and SENT_BACK.search(text)
    assert REFUND_STATUS.search("how long until the money is back on my card")
    assert not SENT_BACK.search("my order shipped yesterday")


def test_a_refund_asked_for_in_a_hurry() -> None:
    assert WANTS_REFUND.search("this is not what i ordered. honestly just refund me")


def test_an_exchange_for_a_colour_in_the_same_size() -> None:
    assert asks_exchange("she wants coral instead. can we swap for coral same size?")
    assert not asks_exchange("can i switch to 2 bags?")


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("also how much is that protect thing and how long do i have to decide?", True),
        ("is the protect plan worth it", True),
        ("does Northfield Protect cover drops?", True),
        ("will the case protect it from rain?", False),
        ("how do i protect the lens", False),
    ],
)
def test_the_plan_named_by_its_last_word_as_a_noun(text: str, named: bool) -> None:
    assert names_the_plan(text, "Northfield Protect") is named


def test_a_question_split_from_its_message_is_asked_in_its_scene() -> None:
    message = (
        "thinking about cancelling my coffee club. if i cancel today do i still get charged? "
        "and if i change my mind later can i get the same plan back?"
    )
    clause = "and if i change my mind later can i get the same plan back?"
    scene = told_scene(message, clause)
    assert scene is not None and scene.startswith("thinking about cancelling my coffee club")
    assert "still get charged" not in scene  # another question, not the scene
    assert told_scene(clause, clause) is None  # not split: no scene to add
    # a fault told is no change's scene; a question that supposes nothing needs none
    assert (
        told_scene("there's a bubble on the screen. and if i peel it off?", "and if i peel it off?")
        is None
    )
    assert told_scene(message, "if i cancel today do i still get charged?") is not None
    assert told_scene(message, "how long do the bags stay fresh?") is None


def test_a_step_passed_over_after_most_of_the_fix_is_not_sent_back_to() -> None:
    text = (
        "balance is in the middle. brushed the fabric screen, clicked the cushions back on, "
        "refitted all the clips. still quiet"
    )
    assert steps_left(STEPS, text, "right side is quieter") == [5]  # only "contact support"
