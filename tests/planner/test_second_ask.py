"""Two measures asked at once ("how much coffee … and how long"): both are answered."""

from __future__ import annotations

from assistant.planner.second_ask import complete, given

UNITS = [
    ("You need 100 g coffee and 800 g cold water.", False),
    ("Steep for 16–18 hours in the refrigerator.", False),
    ("1. Stir for 15 seconds.", True),
    ("Serve over ice.", False),
]


def test_the_amount_asked_beside_the_duration_is_added_before_it() -> None:
    lines = complete("how much coffee to water and how long do i leave it?", [UNITS[1][0]], UNITS)
    assert lines == [UNITS[0][0], UNITS[1][0]]


def test_one_measure_asked_adds_nothing() -> None:
    assert complete("how long do i leave it?", [UNITS[1][0]], UNITS) == [UNITS[1][0]]


def test_a_measure_already_given_adds_nothing() -> None:
    both = [UNITS[0][0], UNITS[1][0]]
    assert complete("how much coffee and how long?", both, UNITS) == both


def test_a_price_or_a_temperature_outside_is_no_amount_asked() -> None:
    asked = "its 80 degrees out. how much is it and how long does it keep?"
    assert complete(asked, [UNITS[1][0]], UNITS) == [UNITS[1][0]]


def test_a_clause_asking_only_the_measure_the_answer_gives_is_covered() -> None:
    assert given("how long do i leave it?", "Steep for 16–18 hours.")
    assert not given("how long does the battery last?", "Steep for 16–18 hours.")
    assert not given("how long do i leave it?", "Use 100 g of coffee.")
    assert not given("how long to charge it?", "Pairing takes about 1 minute.")
