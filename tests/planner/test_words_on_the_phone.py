"""Messages typed on a phone (shoppers_dev74 and dev75 situations): how long a thing keeps once
opened (not how long it measures), how long a parcel takes once shipped, a question after a
lead-in's colon, an order asked to be stopped, a charge the customer does not know, a charge
told as posted on a cancelled order, a European size told in passing, something seen floating
that worries, a line that points to a numbered section, a Spanish refund question, "can u send
one to my son in toronto", coffee asked to be used in a pot (no plan change), "and in english
pls", "how long til i hear back", how often a light blinks, and "how long does that take" of
the section just shown."""

from __future__ import annotations

import pytest

from assistant.agent.clauses import RoutedClause
from assistant.agent.language import understand
from assistant.agent.messages import Message
from assistant.intents import Intent
from assistant.planner.after_steps import _IN_ENGLISH, in_english
from assistant.planner.answers import PROBLEM
from assistant.planner.asked_kinds import UNIT_ASKED, dimensions, gives_dimension
from assistant.planner.charge_totals import asks_what_charge
from assistant.planner.common import _WHEN_THEY_REPLY
from assistant.planner.kit import Done, Step
from assistant.planner.measures import measurement
from assistant.planner.orders import _STILL_CHARGED
from assistant.planner.plan_reading import _USED_IN
from assistant.planner.policies import _COST
from assistant.planner.questions import _OF_IT
from assistant.planner.request_kinds import names_its_topic
from assistant.planner.reset_pointer import _SEE
from assistant.planner.scenes import ASKS
from assistant.planner.several_words import STOP_THE_ORDER
from assistant.planner.told_lines import _light_fit, _told_light
from tests.support import turn_context

_OPEN_BAG = "how long is an open bag of the ground stuff actually good for"


def _labels(question: str) -> list[frozenset[str]]:
    return [names for names, _ in dimensions(question)]


def test_how_long_it_keeps_once_opened_is_a_time_not_a_length() -> None:
    assert _labels(_OPEN_BAG) == [frozenset({"fresh", "opened", "shelf"})]
    asked = "does that stuff go bad? like how long is it good for once its been opened"
    assert _labels(asked) == [frozenset({"fresh", "opened", "shelf"})]
    assert UNIT_ASKED.search(asked)  # a figure no page gives is said to be missing
    assert _labels("how long is the cable") == [frozenset({"length"})]
    assert _labels("how long does the battery last") == []
    assert _labels("my coffee bag showed up all puffed up?? did it go bad?") == []  # spoiled?
    assert _labels("has my warranty expired") == []


def test_the_line_that_gives_the_keeping_time() -> None:
    asked = dimensions(_OPEN_BAG)
    assert gives_dimension(
        "After you open the bag, use whole bean within about 3 weeks and ground coffee within "
        "about 2 weeks.",
        asked,
    )
    # a condition that names a time after opening is not how long it keeps
    assert not gives_dimension(
        "Or it was opened within 4 weeks of the roast date and smells or tastes flat.", asked
    )


def test_how_long_until_it_gets_here_asks_the_transit_time() -> None:
    assert _COST.search("ok and once it ships how long til it gets to me in boston")
    assert _COST.search("how long until they arrive")
    assert not _COST.search("how long is the warranty")


def test_a_question_after_a_lead_ins_colon_asks() -> None:
    assert ASKS.search("few quick coffee club qs: when is my next bag coming")
    assert not ASKS.search("few quick coffee club qs: my next bag came yesterday")


def test_an_order_asked_to_be_stopped() -> None:
    assert STOP_THE_ORDER.search(
        "i see a new coffee order from this morning, can you stop that one"
    )
    assert STOP_THE_ORDER.search("could u cancel the order pls")
    assert not STOP_THE_ORDER.search("the kettle stops before the water boils")


def test_a_charge_the_customer_does_not_know() -> None:
    assert asks_what_charge(
        "theres a charge on my mastercard from northfield for $139.38 and I don't know what its for"
    )
    assert asks_what_charge("a 139.38 charge on my card, i dont remember buying anything")
    assert not asks_what_charge("i was charged $139.38 for my order, thanks")


def test_a_charge_told_as_posted() -> None:
    assert _STILL_CHARGED.search("its not pending tho, it posted and its still there")
    assert _STILL_CHARGED.search("the money never came back")
    assert not _STILL_CHARGED.search("was i charged for the cancelled one?")
    assert not _STILL_CHARGED.search("it says cancelled, is there anything i need to do?")


def test_a_european_size_told_in_passing() -> None:
    told = measurement("shes a 39 in european. what us size do i get her")
    assert told is not None and (told.value, told.unit) == (39.0, "eu")
    told = measurement("she wears 37.5 eu, which size?")
    assert told is not None and (told.value, told.unit) == (37.5, "eu")


def test_something_seen_floating_that_worries_is_a_problem() -> None:
    assert PROBLEM.search("theres little white flakes floating in my tea?? is that bad")
    assert PROBLEM.search("is it dangerous")
    assert not PROBLEM.search("how do i make green tea")


def test_a_line_that_points_to_a_numbered_section() -> None:
    seen = _SEE.search("Descale the kettle (section 7) and clean the filter (section 11).")
    assert seen is not None and seen.group("number") == "7"
    seen = _SEE.search("2. Use the heel lock (see Lacing techniques).")
    assert seen is not None and seen.group("heading") == "Lacing techniques"


def test_a_spanish_refund_question_reads_as_one() -> None:
    read = understand(
        "devolví unas zapatillas velo 3 en julio, ¿me devolvieron el dinero? ¿a qué tarjeta fue?"
    )
    assert "did I get my money back" in read.text
    assert "which card" in read.text


def test_sending_one_abroad_names_where_the_store_ships() -> None:
    asked = RoutedClause("can you send one to my son in toronto", Intent.SHIPPING_INFO, 0.39)
    assert names_its_topic(asked)
    assert not names_its_topic(RoutedClause("how much is 2 bags now", Intent.SHIPPING_INFO, 0.3))


def test_coffee_used_in_a_pot_is_no_plan_change() -> None:
    assert _USED_IN.search(
        "got a moka pot for xmas, can i use the morning light espresso grind i still have from "
        "my coffee club in it?"
    )
    assert not _USED_IN.search("can you switch my club to the espresso grind")
    assert not _USED_IN.search("could you put my coffee on hold for a bit")  # a pause
    assert not _USED_IN.search("can i put my coffee on hold for a month")


def test_the_answer_asked_again_in_english() -> None:
    assert _IN_ENGLISH.search("and in english please, for my roommate")
    assert _IN_ENGLISH.search("can you say that in english?")
    assert not _IN_ENGLISH.search("is the manual in english?")


@pytest.mark.parametrize(
    ("before", "again"),
    [
        ("Kann ich sie schnell auf die Heizung stellen oder mit dem Föhn trocknen?", True),
        ("skip my next coffee delivery please", False),  # the answer was in English already
    ],
)
def test_the_answer_again_only_after_another_language(before: str, again: bool) -> None:
    ctx = turn_context("and in english pls", Intent.PRODUCT_QUESTION, 0.5)
    reply = "Never put them in a dryer.\n\n(From the care guide.)\n\n(A note on the answer.)"
    ctx.state.messages = [
        Message(role="user", text=before),
        Message(role="assistant", text=reply),
        Message(role="user", text="and in english pls"),
    ]
    turn = in_english(Step(ctx, Done([]), frozenset()))
    assert (turn is not None) is again
    if turn is not None:
        assert "Never put them in a dryer." in (turn.text or "")
        assert "A note on the answer" not in (turn.text or "")


def test_how_long_until_the_team_replies() -> None:
    assert _WHEN_THEY_REPLY.search("whatever. how long til i hear back")
    assert not _WHEN_THEY_REPLY.search("how long does the battery last")


def test_how_often_a_light_blinks_picks_the_lamp_row() -> None:
    told = _told_light("the plug light is blinking orange slow, like every 2 sec")
    row = _light_fit("Blinks slow amber (once every 2 seconds)", told)
    assert row == (1.0, 4)  # colour, blinking, slow and how often
    assert row > _light_fit("Slow amber blinking", told)
    assert _light_fit("Blinks amber (once every 5 seconds)", told) == (0.0, 0)  # another rate
    # a rate not told asks nothing of the row
    assert (
        _light_fit("Blinks slow amber (once every 2 seconds)", _told_light("blinks slow amber"))[0]
        == 1.0
    )


def test_how_long_that_takes_asks_about_what_was_shown() -> None:
    assert _OF_IT.search("ok and how long does that take")
    assert _OF_IT.search("and how often do i have to do it")
    assert not _OF_IT.search("how long is it?")  # a length asked, not of what was shown
