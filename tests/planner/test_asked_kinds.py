"""What a measurement question asks for, and the lines that give it."""

from __future__ import annotations

import pytest

from assistant.planner.asked_kinds import (
    ASKS_COVERED,
    DURATION,
    HOW_HOT,
    SHARED,
    asks_about_plan,
    dimensions,
    gives_dimension,
)


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("how heavy is the kettle?", "Weight | 1.1 kg (2.4 lb)"),
        ("Quanto pesa una scarpa?", "Weight (US 8) 221 g (7.8 oz)"),
        ("how much do they weigh", "Weight 254 g (9.0 oz)"),
        ("how long is the cord on the base", "Power base with attached 30 in (76 cm) power cord"),
        ("How wide is the view?", "Field of view | 110° diagonal"),
        ("how far can I stand with the remote", "Range | up to 10 m (33 ft)"),
        ("whats the most pics per second it can take", "Continuous shooting | up to 30 fps"),
        (
            "how much coffee can I dump in the container on top at once?",
            "Bean hopper | Holds up to 8.8 oz (250 g) of whole beans.",
        ),
        ("if I fill it to the top, how many cups is that?", "Capacity | 1.7 L (57 fl oz)"),
    ],
)
def test_a_measurement_question_is_answered_by_the_line_that_gives_it(
    question: str, line: str
) -> None:
    assert gives_dimension(line, dimensions(question))


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("how heavy is the kettle?", "Capacity | 1.7 L"),
        ("How wide is the view?", "Operating temperature | 0–40 °C"),  # a temperature
        ("how long does it take to boil", "Power base with attached 30 in (76 cm) power cord"),
        ("can I wash it", "Weight | 254 g"),  # nothing measured is asked
        # how much to use is not what it holds; "Hold" the function is not "holds"
        ("how much vinegar do i put in the kettle", "Fill it to MAX 1.7 L with fresh water."),
        ("how many cups is a full kettle?", "Hold needs at least 0.5 L (MIN) of water."),
        ("how many schedules can i put on one plug?", "Maximum load | 15 A / 1800 W"),
    ],
)
def test_other_lines_do_not_give_it(question: str, line: str) -> None:
    assert not gives_dimension(line, dimensions(question))


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("like -20c at night. will the card survive that?", True),
        ("it gets to 40 degrees in the car", True),
        ("how hot does the base get", True),
        ("press start for my 2nd cup", False),
        ("i have 2 cats", False),
    ],
)
def test_a_temperature_in_the_question_asks_about_temperatures(question: str, asks: bool) -> None:
    assert bool(HOW_HOT.search(question)) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("Looking at Northfield Protect for my Z8. Is there a deductible?", True),
        ("how much is northfield protect for the grinder", True),
        ("does Northfield Protect cover accidental damage?", True),
        ("I was charged for Northfield Protect but I never bought it, why?", False),
        ("I bought Northfield Protect last week.", False),
        ("Is there a deductible on warranty claims?", False),  # the plan is not named
    ],
)
def test_a_question_about_the_stores_plan(text: str, asks: bool) -> None:
    assert asks_about_plan(text, "Northfield Protect") is asks


@pytest.mark.parametrize(
    "line",
    [
        "Returns are refunded within 5–7 business days after the return is inspected.",
        "Our warehouse inspects the return, usually within 3 business days.",
        "The return window is 30 days from the delivery date.",
    ],
)
def test_a_duration_in_business_days_is_a_duration(line: str) -> None:
    assert DURATION.search(line)


@pytest.mark.parametrize(
    ("text", "shared"),
    [
        ("how do i let my mom see the camera from her own phone?", True),
        ("how do i get the alerts on my wife's phone too", True),
        ("can my husband watch it as well?", True),
        ("and she wont be able to mess with my settings right?", True),
        ("how do i see the camera on my phone?", False),  # the customer's own phone
        ("can i watch it from work?", False),
    ],
)
def test_someone_else_given_access_asks_about_sharing(text: str, shared: bool) -> None:
    assert bool(SHARED.search(text)) is shared


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("it threw shutter error 3 times last night. is this covered?", True),
        ("is that a warranty thing?", True),
        ("does the warranty cover a weak battery", True),
        ("I did already the reset of 6 second. It is covered by garanty?", True),
        ("would that be covered under the warrenty?", True),
        ("it is covered in the manual how to reset it", False),
        ("it threw shutter error 3 times last night, what do i do?", False),
    ],
)
def test_whether_a_fault_is_the_warrantys(text: str, asks: bool) -> None:
    assert bool(ASKS_COVERED.search(text)) is asks
