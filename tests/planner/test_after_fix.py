"""Follow-ups: a fix that worked then something new; a follow-up question then what it is about."""

from __future__ import annotations

import pytest

from assistant.planner.after_fix import asks_a_question, what_is_new
from assistant.planner.follow_ups import opens_a_follow_up


@pytest.mark.parametrize(
    ("text", "new"),
    [
        (
            "that worked!! it beeped and the light is solid blue now 🙌 i mounted it on the "
            "hallway ceiling though and the picture is upside down lol",
            "i mounted it on the hallway ceiling though and the picture is upside down lol",
        ),
        (
            "ok its paired and i turned on auto transfer. but the pics on my phone are tiny",
            "but the pics on my phone are tiny",
        ),
        (
            "omg it found most of them 😭🙏 theyre all on my laptop now. can i just put the card "
            "back in the camera and keep shooting?",
            "can i just put the card back in the camera and keep shooting?",
        ),
        ("it worked but now the app says offline", "but now the app says offline"),
        (
            "perfect, the reset sorted it!! quick one tho, can i keep listening while they charge?",
            "quick one tho, can i keep listening while they charge?",
        ),
        (
            "turned off the 5ghz and it connected!! wait, did that reset delete my clips?",
            "wait, did that reset delete my clips?",
        ),
        (
            "Perfect, that did the trick. How do I turn the beeping off though?",
            "How do I turn the beeping off though?",
        ),
        (  # the fault gone "again", then a question without its mark
            "ok, put a smaller card in and formatted it, light is green again. if i leave it on "
            "all day how many hours does it record",
            "if i leave it on all day how many hours does it record",
        ),
    ],
)
def test_the_new_part_after_a_fix_that_worked(text: str, new: str) -> None:
    assert what_is_new(text) == new


@pytest.mark.parametrize(
    "text",
    [
        "that worked, thanks!",  # nothing new
        "ok done. still offline",  # the fix did not hold: read whole elsewhere
        "my headphones won't pair, but the case charges fine",  # no fix reported first
        "it worked. but why?",  # too little to search on its own
        "how do i pair it with my laptop?",
        "its blinking red again. what now?",  # back, not gone
        "it is offline again. how many times do i have to reset it",
    ],
)
def test_no_new_part(text: str) -> None:
    assert what_is_new(text) is None


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        (
            "ok good. and the other one? i got the soundwave headphones too, they came a day "
            "later in a separate order",
            True,
        ),
        ("and the battery?", True),
        ("nice. what about the cleaning kit i bought in september?", True),  # thanks, then it
        ("ok. and the other one? is it covered too?", True),
        ("and the other one? also how do i pair it and what about the case?", False),
        ("the other day it stopped. why does it keep doing that? it's new", False),
    ],
)
def test_a_follow_up_question_first_then_what_it_is_about(text: str, opens: bool) -> None:
    assert opens_a_follow_up(text) is opens


@pytest.mark.parametrize(
    ("new", "asks"),
    [
        ("can i keep listening while they charge?", True),
        # the leak is what the clip shows, told after the question: no new fault
        (
            "wait, did that reset delete the clips on the sd card? theres one of the leak under "
            "the sink i need for insurance",
            True,
        ),
        ("but now it leaks from the bottom. is that normal?", False),
        ("though the picture is upside down", False),
    ],
)
def test_a_question_after_a_fix_that_worked(new: str, asks: bool) -> None:
    assert asks_a_question(new) is asks
