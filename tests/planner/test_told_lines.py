"""What the customer tells after a fix was shown is matched to the line of that fix whose
condition it is: a light by what it does (no light, colour, flashing or steady), other news
by the condition's words."""

from __future__ import annotations

import pytest

from assistant.agent.tools import PassageOut
from assistant.planner.told_lines import condition, light_state, told_line


def passage(section: str, text: str) -> PassageOut:
    return PassageOut.model_validate(
        {
            "chunk_id": section,
            "text": text,
            "source": "guide.md",
            "title": "Guide",
            "section": section,
            "page": None,
            "doc_type": "manual",
            "skus": ["X"],
            "unit_scores": {},
        }
    )


REMOTE = passage(
    "6.5 Troubleshooting the remote",
    "1. LED flashes amber: turn the camera on and move within 10 m.\n"
    "2. No LED at all: replace the coin battery (section 6.4).\n"
    "3. Pairing fails: delete the old pairing and pair again.\n"
    "4. LED flashes green but nothing happens: switch the lens to MF.",
)
PLUG = passage(
    "Troubleshooting > Offline",
    "1. Check the LED. Slow amber blinking means it lost Wi-Fi: restart the router.\n"
    "2. If you changed the Wi-Fi name or password, reset the plug and set it up again.\n"
    "3. Check that the outlet has power.",
)


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("now the remote doesnt light up at all", {"none"}),
        ("no light whatsoever", {"none"}),
        ("the little light is blinking orange, slowly", {"amber", "flash", "slow"}),
        ("solid green", {"green", "steady"}),
        ("we got a new router", set()),
    ],
)
def test_what_a_light_does(text: str, state: set[str]) -> None:
    assert light_state(text) == state


def test_a_lines_condition() -> None:
    assert condition("2. No LED at all: replace the battery.") == "No LED at all"
    assert condition("2. If you changed the password, reset it.") == "you changed the password"
    assert condition("1. Check the LED. Slow amber blinking means it lost Wi-Fi: restart.") == (
        "Slow amber blinking"
    )
    assert condition("Press the button twice to pair.") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("camera was on and right next to it. now the remote doesnt light up at all", 2),
        ("it flashes green and still nothing", 4),
        ("the light is blinking orange", 1),
    ],
)
def test_a_light_described_finds_its_line(text: str, expected: int) -> None:
    found = told_line([REMOTE], text)
    assert found is not None
    assert found[1].startswith(f"{expected}. ")


def test_news_that_is_a_lines_condition_finds_it() -> None:
    found = told_line([PLUG], "ohh we switched providers, new router with a new wifi password")
    assert found is not None and found[1].startswith("2. If you changed")


@pytest.mark.parametrize(
    "text",
    [
        "thanks, that worked",
        "it's blinking red now",  # no line for a red light: not the amber one
        "what does the warranty cover?",
    ],
)
def test_nothing_fits(text: str) -> None:
    assert told_line([REMOTE, PLUG], text) is None


def test_how_the_last_fix_went_says_no_line() -> None:
    appear = passage("Pairing", "5. If it still does not appear, reset the headphones.")
    assert told_line([appear], "still not working") is None
    assert told_line([appear], "it still won't turn on") is None


def test_a_colour_that_is_no_light_says_no_line() -> None:
    night = passage(
        "Night vision", "If the night image is white or foggy, move objects close to the lens."
    )
    assert told_line([night], "still all white after all that") is None


def test_a_light_is_a_word_not_part_of_one() -> None:
    from assistant.planner.told_lines import mentions_a_light

    assert mentions_a_light("If the LED blinks red, charge it.")
    assert mentions_a_light("the status light stays off")
    # "slightly thicker socks", "installed", "called": no light to ask about
    assert not mentions_a_light("Wear slightly thicker socks. Once installed, it is called Home.")


def test_a_condition_the_customer_says_is_not_so_is_not_their_line() -> None:
    setup = passage(
        "Setup fails",
        "1. Make sure you chose a 2.4 GHz network. If your router has separate names, pick the "
        "one without 5G.\n"
        "2. Retype the Wi-Fi password carefully.\n"
        "3. If the router uses one name for both bands, turn off 5 GHz while you set it up.",
    )
    told = told_line([setup], "our router has no separate names, just the one")
    assert told is None or not told[1].startswith("1. Make sure")
    # said without the negation, the first line is theirs
    told = told_line([setup], "the router has separate names for the two bands")
    assert told is not None and told[1].startswith("1. Make sure")
