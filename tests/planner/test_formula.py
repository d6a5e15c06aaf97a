"""A guide's calibration rule worked out with the customer's numbers, and only when all three of
its values are known. Written as a scale owner, a dosing pump owner and a printer owner would
ask, not only from the grinder in the demo corpus."""

from __future__ import annotations

from assistant.agent.tools import PassageOut
from assistant.planner.formula import work_out


def passage(text: str) -> PassageOut:
    return PassageOut(
        chunk_id="g-1",
        text=text,
        source="guide.md",
        title="Guide",
        section="Dosing",
        page=None,
        doc_type="manual",
        skus=[],
    )


RULE = passage(
    "The timer runs for a set time, not a weight.\n"
    "Dose | Time\n30 g press | 14.0 s\n"
    "Calculate the new time: current time × target weight ÷ actual weight. Example: 11 s gave "
    "18 g and you want 20 g."
)
TABLE_ANSWER = "Dose | Time\n30 g press | 14.0 s | about 2.1 g per second"


def test_the_current_value_comes_from_the_row_that_held_the_target() -> None:
    worked = work_out(
        [RULE], "did exactly that, only 26 g came out", ["what time for 30g?"], TABLE_ANSWER
    )
    assert worked is not None
    assert worked.text == "14 × 30 ÷ 26 = 16.2 s"
    assert worked.rule.startswith("Calculate the new time")


def test_values_said_now_win_and_a_bare_target_after_not() -> None:
    worked = work_out([RULE], "ok did 16.5 and got 16.5g not 18.", ["how long for 18 g?"], "")
    assert worked is not None and worked.text == "16.5 × 18 ÷ 16.5 = 18.0 s"


def test_nothing_is_worked_out_without_a_reported_result_or_a_value() -> None:
    asked = ["what time for 30g?"]
    assert work_out([RULE], "what about 26 g?", asked, TABLE_ANSWER) is None  # no result told
    assert work_out([RULE], "only got 26 g", [], "") is None  # no target, no current value
    assert work_out([RULE], "only got 30 g", asked, TABLE_ANSWER) is None  # on target already
    plain = passage("Weigh the grounds and adjust the time.")
    assert work_out([plain], "only got 26 g", asked, TABLE_ANSWER) is None  # no rule


def test_a_rule_of_another_shape_is_not_worked_out() -> None:
    odd = passage("New speed: belt width × roller count ÷ motor size.")
    assert work_out([odd], "only got 26 g", ["30 g?"], TABLE_ANSWER) is None


def test_only_a_table_row_of_the_previous_answer_gives_the_current_value() -> None:
    # a recipe line holds the target weight too, but its minutes are a steeping time
    recipe = "French press: 30 g coffee to 450 g water, steep 4 minutes."
    assert work_out([RULE], "tried it, came out 35g not 30", ["30 g?"], recipe) is None
    worked = work_out([RULE], "ok ran it at 14 and my scale says 35 g", ["30 g?"], recipe)
    assert worked is not None and worked.text == "14 × 30 ÷ 35 = 12.0 s"  # not the recipe's unit
