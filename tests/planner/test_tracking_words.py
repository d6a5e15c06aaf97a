"""Words that say a parcel marked delivered is not there (assistant.planner.tracking)."""

from __future__ import annotations

import pytest

from assistant.planner.tracking import _NOT_RECEIVED


@pytest.mark.parametrize(
    "text",
    [
        "ups says it was left at my front door yesterday but there's nothing there??",
        "tracking says delivered but nothing here",
        "it says delivered but I never got it",
        "the box wasn't there when I got home",
    ],
)
def test_a_missing_delivered_parcel_is_read(text: str) -> None:
    assert _NOT_RECEIVED.search(text)


@pytest.mark.parametrize(
    "text",
    ["it was delivered yesterday, thanks!", "is there anything else I need to do with it?"],
)
def test_a_delivered_parcel_that_arrived_is_not_missing(text: str) -> None:
    assert not _NOT_RECEIVED.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "and if it still is not here by friday, should i write to you again?",
        "should we contact you if nothing happens?",
        "it's been sitting in newark since sunday, should i be worried?",
    ],
)
def test_a_worry_about_a_parcel_in_transit_is_read(text: str) -> None:
    from assistant.planner.account_words import WORRIED

    assert WORRIED.search(text)


def test_a_question_about_where_we_ship_names_the_destination() -> None:
    from assistant.planner.policies import _DESTINATION

    assert _DESTINATION.search("Do you send orders to Portugal?")
    assert _DESTINATION.search("can you ship a bag to toronto")
    assert not _DESTINATION.search("how much is express shipping?")
