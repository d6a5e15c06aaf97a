"""Which day a shopper moves the next delivery to, read against today (Tuesday, January 20,
2026) and the current next delivery (Sunday, February 15)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.planner.move_date import asks_to_move, named_day

TODAY, NEXT = date(2026, 1, 20), date(2026, 2, 15)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("can u just push my next one back a week", date(2026, 2, 22)),
        ("push it back by 5 days", date(2026, 2, 20)),
        ("ship it a week earlier", date(2026, 2, 8)),
        ("bring it forward 2 weeks", date(2026, 2, 1)),
        ("could the next bag come sooner, like friday?", date(2026, 1, 23)),
        ("reschedule it to next Tuesday", date(2026, 1, 27)),  # the first Tuesday after today
        ("move it to the 20th", date(2026, 2, 20)),  # today is the 20th: the next one
        ("move my delivery to 8 march", date(2026, 3, 8)),
        ("deliver it on March 8 instead", date(2026, 3, 8)),
        ("change the date to 2026-03-01", date(2026, 3, 1)),
        ("in 2 weeks please", date(2026, 2, 3)),
        ("the 25 please", date(2026, 1, 25)),
        ("can you postpone my next delivery of the club of coffee a week?", date(2026, 2, 22)),
        ("can you my next coffee delivery a week postpone?", date(2026, 2, 22)),  # German order
        ("could you bring forward my next delivery by 3 days", date(2026, 2, 12)),
        ("hey skip my coffee this month, actually no just push it to the 28th", date(2026, 2, 28)),
        ("postpone it to friday", date(2026, 2, 20)),
        ("saturday the 14th please", date(2026, 2, 14)),  # not this Saturday, the 24th
        (
            "Make it Friday the 6th instead then.",
            date(2026, 2, 6),
        ),  # the first Friday after February 15
        ("can I get the next one sooner?", None),
        ("can you delay my next shipment", None),
        ("the 2 bags", None),
    ],
)
def test_the_day_named(text: str, day: date | None) -> None:
    assert named_day(text, TODAY, NEXT) == day


@pytest.mark.parametrize(
    "text",
    [
        "can u just push my next one back a week",
        "could my next coffee club bag come sooner?",
        "I need to postpone my coffee delivery",
        "can you delay my next shipment",
        "reschedule it to next Tuesday",
        "move it to the 20th",
        "pick a different day for it",
        "hey skip my coffee this month, actually no just push it to the 28th",
        "change the date of my next delivery",
        "hi, i need to move my next coffee delivery. when is it scheduled right now?",
        "out of coffee!! can you ship my next coffee club bag tomorrow?",
        "can you move my next coffee delivery to tomorrow?",
        "running low on beans.. can I get my next coffee club bag sooner?",
    ],
)
def test_asks_to_move(text: str) -> None:
    assert asks_to_move(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm moving to a new address",
        "we move to Denver next month, update my coffee club address",
        "can i still skip the coffee that's due thursday? i havent finished the last bags",
        "skip tomorrow's coffee delivery",
        "FedEx says my coffee was delivered on the 9th. It was NOT.",
        "my coffee club box shipped last wednesday and it STILL isn't here",
        "where's the decaf that shipped last week? and can you skip the one on the 30th",
        "first delivery on 31 january, when does the delivery in february come?",
        "make it every 2 weeks",
        "skip the next one",
        "when is my next delivery?",
        "pause it for two months",
    ],
)
def test_other_requests_do_not_move_a_date(text: str) -> None:
    assert not asks_to_move(text)
