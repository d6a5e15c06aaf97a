"""The words of a change of mind and of an amount the customer states: the colour or grind asked
"for" is the one wanted; a catalogue colour named by its first word ("navy"); "11,5" read as
one number in another language; a yes in other words ("perfecto, así", "so machen"); an
amount's unit told ("at 40%") that a line states a limit in."""

from __future__ import annotations

import pytest

from assistant.agent.confirm import PendingReply, read_reply
from assistant.agent.language import in_english
from assistant.planner.answers import naming_tokens
from assistant.planner.asked_kinds import stated_units, states_limit
from assistant.planner.limits import verdict
from assistant.planner.question_words import content_words
from assistant.planner.second_ask import complete
from assistant.planner.slots import wanted_colour

COLOURS = ["navy blue", "coral", "black"]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "can i exchange my velo 3s for navy? same size 10.5. the black ones get so hot",
            "navy blue",
        ),
        ("i got the velo 3 in navy, size 6.5, but i was hoping for black", "black"),
        ("swap the navy blue ones for coral", "coral"),
        ("in black instead of coral", "black"),
        ("the navy ones are great", "navy blue"),
    ],
)
def test_the_colour_asked_for_is_the_one_wanted(text: str, wanted: str) -> None:
    assert wanted_colour(text, COLOURS) == wanted


def test_a_first_word_two_colours_share_names_neither() -> None:
    assert wanted_colour("the blue ones", ["navy blue", "sky blue"]) is None


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("lieber 11,5, gleiche Farbe.", "rather 11.5, same colour."),
        ("el pedido me costó 49,99 y todavía no llegó", "49.99"),
        ("Une seule livraison alors", "just one delivery"),
        ("Mmm, pensándolo mejor no la canceles.", "don't cancel it"),
    ],
)
def test_other_languages_read_in_english(text: str, english: str) -> None:
    assert english in in_english(text)


@pytest.mark.parametrize(
    ("said", "reading"),
    [
        ("Sí, perfecto, así.", PendingReply.CONFIRM),
        ("Ja, bitte so machen.", PendingReply.CONFIRM),
        ("Top, ja, doe maar.", PendingReply.CONFIRM),
        ("ok ya go", PendingReply.CONFIRM),
        ("no, así no", PendingReply.DECLINE),
        ("nein, nicht so machen", PendingReply.DECLINE),
    ],
)
def test_a_yes_or_no_in_other_words(said: str, reading: PendingReply) -> None:
    assert read_reply(said, "skip_next_delivery") is reading


def test_the_unit_of_an_amount_told_finds_the_line_with_its_limit() -> None:
    told = stated_units("the battery is at 40 %, can I do it anyway?")
    assert told == {"%"}
    assert states_limit("Before updating, charge the battery to at least 50%.", told)
    assert not states_limit("An update takes about 4 minutes.", told)
    assert stated_units("it's an 1875 W heater") == {"w"}
    assert not stated_units("a 128gb card in continuous mode")  # a size, not a limit asked
    assert not stated_units("is it 100 % caffeine-free?")  # a whole asked about


@pytest.mark.parametrize(
    ("question", "lines", "said"),
    [
        (
            "the battery is at 40%, can I update?",
            ["Before updating, charge the battery to at least 50% (it refuses below 50%)."],
            "40% is below the minimum of 50%.",
        ),
        (
            "a 1500 watt space heater, that's ok right?",
            ["Loads above the rated 15 A / 1800 W trip the overload protection."],
            "1500 W is within the 1800 W limit.",
        ),
        (
            "my heater is 2000W",
            ["- Do not exceed 15 A / 1800 W."],
            "2000 W is over the 1800 W limit.",
        ),
        ("is a 128gb card ok?", ["Cards up to 256 GB work."], None),  # no amount compared
        ("at 40% can I?", ["at least 50%", "at least 30%"], None),  # two limits: none said
    ],
)
def test_an_amount_told_is_measured_against_the_one_limit_given(
    question: str, lines: list[str], said: str | None
) -> None:
    assert verdict(question, lines) == said


def test_a_second_ask_for_what_happens_next_gets_the_case_line() -> None:
    question = "how many days does it hold before it's full, and then what, does it just stop?"
    units = [
        ("When the card is full, the oldest recordings are overwritten.", False),
        ("A 128 GB card holds about 9 days.", False),
        ("1. Unplug the camera.", True),
        ("If the app shows an error, restart it.", False),
    ]
    lines = ["A 128 GB card holds about 9 days.", "1. Unplug the camera."]
    assert complete(question, lines, units)[0].startswith("When the card is full")
    assert "If the app shows" not in " ".join(complete(question, lines, units))


def test_the_names_number_in_the_plural_is_the_name_in_any_order() -> None:
    words = ["stride", "velo", "3", "women's", "running", "shoe"]
    one, other = naming_tokens(words), naming_tokens(list(reversed(words)))
    assert one == other  # no token made across two words
    assert set(content_words("are the velo 3s ok for trail running")) - one == {"trail"}
