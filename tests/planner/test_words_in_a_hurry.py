"""The words of customers in a hurry (shoppers_dev72 situations): a list typed with bare numbers,
a fault after every fix with a working product wanted, a supposed return by someone else, what
the store said held against the answer, a comparison with a guess, an amount that is no error
code, a warranty's years, "the camera" of the indoor cam, a question after a hand-over, a light
told orange."""

from __future__ import annotations

import pytest

from assistant.agent.clauses import split_clauses
from assistant.planner import fmt
from assistant.planner.code_search import _AMOUNT
from assistant.planner.common import _WHEN_THEY_REPLY
from assistant.planner.for_sale import _UNFIT
from assistant.planner.persists import fault_persists, wants_it_working
from assistant.planner.product_reading import _HOW_MUCH_HOLDS
from assistant.planner.question_words import COMPARED, STORE_SAID
from assistant.planner.questions import superlative
from assistant.planner.return_words import (
    IF_IT_FAILS,
    SOMEONE_ELSES,
    SUPPOSED,
    asked_topic,
    asks_refund_status,
)
from assistant.retrieval.query import broader_word
from tests.support import pack_view

WONT_CHARGE = (
    "my new soundwave pros wont charge at all. tried 2 different cables and 2 chargers, cleaned "
    "the port with a toothpick, did the reset with them plugged in and left them 30 min. nothing, "
    "no light at all. i dont want a refund i want headphones that work"
)


def test_a_list_announced_with_bare_numbers_is_split_by_them() -> None:
    text = (
        "3 things re my velo 3 order: 1 where are they, i have a half marathon saturday 2 is it "
        "dumb to race in brand new shoes 3 if they end up being wrong after i run in them can i "
        "still send them back"
    )
    assert split_clauses(text) == [
        "3 things re my velo 3 order",
        "where are they, i have a half marathon saturday",
        "is it dumb to race in brand new shoes",
        "if they end up being wrong after i run in them can i still send them back",
    ]
    # "1 bag", "2 bags": amounts, not a list's numbers
    amounts = "two things: 1 bag of decaf please and 2 bags of dark"
    assert split_clauses(amounts) == [amounts]


@pytest.mark.parametrize(
    ("text", "persists"),
    [
        (WONT_CHARGE, True),
        # a question after the fault, not a fix tried
        (
            "every time i swap batteries on my z8 it makes me set the date and time again like "
            "its brand new. super annoying. did i get a defective camera??",
            False,
        ),
        (
            "the charging cable only charges if i hold it at an angle. tried another cable same "
            "thing. can i clean the port out with something",
            False,
        ),
    ],
)
def test_a_fault_after_the_customers_fixes(text: str, persists: bool) -> None:
    assert fault_persists(text) is persists


def test_a_working_product_wanted_not_the_money() -> None:
    assert wants_it_working(WONT_CHARGE)
    assert wants_it_working("not looking for a refund, i want a replacement")
    assert not wants_it_working("its not even a month old i just want a refund")


def test_a_warrantys_length_in_years_too() -> None:
    assert fmt.term(60) == "60-month (5-year)"
    assert fmt.term(24) == "24-month (2-year)"
    assert fmt.term(12) == "12-month"
    assert fmt.term(18) == "18-month"


def test_a_return_supposed_or_someone_elses() -> None:
    friend = "and if my friend ends up returning it where does the refund go"
    assert SUPPOSED.search(friend)
    assert not asks_refund_status(friend)  # where a refund goes, no refund of theirs
    assert SOMEONE_ELSES.search("and if she hates them can she send them back")
    assert IF_IT_FAILS.search("if they end up being wrong after i run in them can i return them")
    assert asked_topic("and if she hates them can she send them back") == "return window days"
    assert asked_topic("where does the refund go") == "refund original payment method timing"


def test_what_the_store_said_is_no_new_question() -> None:
    assert STORE_SAID.search("your site says a month??")
    assert STORE_SAID.search("you guys told me it was free")
    assert not STORE_SAID.search("what does the site say about returns?")


def test_a_comparison_and_its_superlative() -> None:
    text = "which ridgeline coffee has the most, the dark roast right?"
    assert COMPARED.search(text)
    assert superlative(text) == "highest"
    assert superlative("which one is the lightest?") == "lightest"
    assert not COMPARED.search("which grind should i get for my french press?")


def test_an_amount_is_no_code_shown() -> None:
    said = "i need like 150g for the big french press, at 10% and a 128gb card"
    assert _AMOUNT.sub(" ", said).split().count("150g") == 0
    assert "128gb" not in _AMOUNT.sub(" ", said)
    assert "E3" in _AMOUNT.sub(" ", "it shows E3 again")


def test_how_much_a_product_holds() -> None:
    assert _HOW_MUCH_HOLDS.search("roughly how many raw photos fit on my kestrel card")
    assert _HOW_MUCH_HOLDS.search("how many minutes of 4k will it hold")
    assert not _HOW_MUCH_HOLDS.search("what lenses fit my camera")


def test_the_camera_named_a_clause_before() -> None:
    vocab = pack_view().vocabulary
    assert vocab.could_be("HMY-CAM-2K", "we're moving the camera into the baby's room")
    assert not vocab.could_be("HMY-PLUG-2P", "we're moving the camera into the baby's room")
    assert not vocab.could_be("HMY-CAM-2K", "no product here")


@pytest.mark.parametrize(
    "text",
    [
        "so what happens now, can someone actually sort this before thursday?",
        "ok yes please get someone on it asap. will i at least hear back before saturday?",
        "what happens next?",
    ],
)
def test_a_question_about_the_hand_over_made(text: str) -> None:
    assert _WHEN_THEY_REPLY.search(text)


def test_a_product_said_not_to_fit_is_not_offered_for_sale() -> None:
    assert _UNFIT.search("Full-size SD cards do not fit the slot.")
    assert _UNFIT.search("Cards larger than 256 GB are not supported.")
    assert not _UNFIT.search("Use the ClearView Sensor and Lens Cleaning Kit.")


def test_an_orange_light_is_searched_as_amber_too() -> None:
    assert broader_word("orange", lambda w: w == "amber") == "amber"
