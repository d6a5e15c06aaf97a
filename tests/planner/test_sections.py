"""Which section answers a setup or troubleshooting message: the line of another section that
states the symptom as its condition, and a section that sends the reader to another by its
code ("follow the E3 steps")."""

from __future__ import annotations

import pytest

from assistant.agent.tools import PassageOut
from assistant.planner.sections import direct_line, names_quoted_code, pointed_at, pointed_code


def passage(section: str, scores: dict[str, float]) -> PassageOut:
    return PassageOut.model_validate(
        {
            "chunk_id": section,
            "text": "\n".join(scores),
            "source": "guide.pdf",
            "title": "Guide",
            "section": section,
            "page": None,
            "doc_type": "manual",
            "skus": ["CAM"],
            "unit_scores": scores,
        }
    )


WONT_START = passage("10.1 The camera won't turn on", {"1. Charge the battery.": 0.56})


def test_a_line_stating_the_symptom_as_its_condition_comes_first_if_it_is_closer() -> None:
    setup = passage(
        "3.4 Date and time",
        {
            "If the date resets every time you change the battery, leave a charged battery in "
            "the camera for 24 hours.": 0.63,
            "To change these later, go to Menu > Setup.": 0.3,
        },
    )
    direct = direct_line([WONT_START, setup], WONT_START, "CAM")
    assert direct is not None and direct.text.startswith("If the date resets")


def test_a_plain_line_needs_the_wide_margin_and_a_condition_a_margin_too() -> None:
    plain = passage("3.4 Date and time", {"The date is kept by a backup battery.": 0.63})
    assert direct_line([WONT_START, plain], WONT_START, "CAM") is None
    near = passage("3.4 Date and time", {"If the date resets, charge it.": 0.58})
    assert direct_line([WONT_START, near], WONT_START, "CAM") is None


@pytest.mark.parametrize(
    ("text", "section", "code"),
    [
        ('If "---" stays on with the kettle in place, follow the E3 steps.', "The display", "E3"),
        ("Still no picture? See E12 and reset the camera.", "No picture", "E12"),
        ("If E3 continues, contact support.", "E3: Base connection error", None),
        ("Follow the E3 steps again.", "E3: Base connection error", None),  # its own section
        ("Set it to 195 °F and try 5 seconds later.", "Brewing", None),
    ],
)
def test_a_section_that_sends_the_reader_to_another_by_its_code(
    text: str, section: str, code: str | None
) -> None:
    assert pointed_code(text, section) == code


def test_the_section_pointed_at_is_the_one_whose_heading_names_the_code() -> None:
    e3 = passage("8. Error codes > E3: Base connection error", {"1. Lift the kettle.": 0.4})
    e1 = passage("8. Error codes > E1: Dry boil", {"1. Lift the kettle.": 0.4})
    assert pointed_at(e3, "E3") and not pointed_at(e1, "E3")


def test_a_quoted_error_code_names_its_section_but_a_model_or_a_format_does_not() -> None:
    e3 = "8. Error codes > E3: Base connection error"
    assert names_quoted_code("the screen says E3 and it won't heat", e3, "Precision Kettle")
    assert not names_quoted_code("it says E1", e3, "Precision Kettle")
    assert not names_quoted_code("my z8 stops in 4k 60p", "10.4 Overheating in 4K", "Lumora Z8")
    assert not names_quoted_code("my z8 won't start", "Z8 battery", "Lumora Z8")
