"""The words of busy messages: a product named only as "a battery" is not the one asked about;
a grind asked for in the plural ("as whole beans instead of drip"); "can i still change that
for the delivery on the 27th" asks the cutoff; a question after a dash asks; a bag "from that
order" is not the plan's."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.agent.tools import PassageOut
from assistant.planner.account_words import ADD_TO_ORDER
from assistant.planner.cutoff import asks_a_cutoff
from assistant.planner.headings import about_it
from assistant.planner.resolve import only_as_a_kind
from assistant.planner.scenes import asks
from assistant.planner.several_words import ABOUT_AN_ORDER, FROM_AN_ORDER
from assistant.planner.slots import extract_slots
from tests.support import pack_view

TODAY = date(2026, 1, 20)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("does the remote need a battery or is it rechargeable?", {"LUM-BP-F2"}),
        ("can i use any memory card in the z8?", {"KST-SD128-V90"}),
        ("does the remote need the battery from the camera?", set()),
        ("my bp-f2 battery dies fast", set()),
    ],
)
def test_a_product_named_only_as_a_kind(text: str, kinds: set[str]) -> None:
    assert only_as_a_kind(pack_view(), text) == kinds


def _passage(section: str, skus: list[str]) -> PassageOut:
    return PassageOut(
        chunk_id=section,
        title="Lumora Z8 Accessories Handbook",
        section=section,
        text="…",
        skus=skus,
        doc_type="manual",
        page=1,
        source="handbook.pdf",
    )


def test_sections_headed_by_the_kind_named_are_not_the_answer() -> None:
    battery = _passage("1. Lumora BP-F2 Rechargeable Battery > 1.3 Checking battery health", [])
    remote = _passage("6. Lumora RS-2 Wireless Remote Shutter > 6.4 Replacing the battery", [])
    kept = about_it(pack_view(), [battery, remote], "does the remote need a battery?", "LUM-RS-2")
    assert kept == [remote]
    row = _passage("Lumora BP-F2 Rechargeable Battery", []).model_copy(
        update={"doc_type": "compatibility"}
    )  # a sheet's row for the two says whether one fits
    assert about_it(pack_view(), [battery, row], "does the remote need a battery?", "LUM-RS-2") == [
        row
    ]
    overview = _passage("", [])
    overview = overview.model_copy(
        update={"text": "This handbook covers the BP-F2 battery, the RS-2 remote and the GP-Z8."}
    )
    assert about_it(
        pack_view(), [overview, remote], "does the remote need a battery?", "LUM-RS-2"
    ) == [remote]
    # nothing else left: the passages stay
    assert about_it(pack_view(), [battery], "does the remote need a battery?", "LUM-RS-2") == [
        battery
    ]


@pytest.mark.parametrize(
    ("text", "grind"),
    [
        ("i want my coffee club bags as whole beans instead of drip", "whole bean"),
        ("switch my grind to drip", "drip"),
        ("not espresso, french press please", "french press"),
    ],
)
def test_the_grind_asked_for(text: str, grind: str) -> None:
    assert extract_slots(text, pack_view()).grind == grind


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("can i still change that for the delivery on the 27th", True),
        ("could we still swap it before the box on friday?", True),
        ("whats the last day to change the next delivery", True),
        ("can i still use the grinder on the 27th", False),
        ("the delivery on the 27th was late", False),
    ],
)
def test_can_i_still_change_asks_the_cutoff(text: str, asked: bool) -> None:
    assert asks_a_cutoff(text, TODAY) is asked


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("the grinder from my christmas order - can i pour the ground decaf into it", True),
        ("the kettle — do i need to descale it", True),
        ("the grinder from my christmas order - works great", False),
    ],
)
def test_a_question_after_a_dash_asks(text: str, asked: bool) -> None:
    assert asks(text) is asked


def test_a_bag_from_an_order_is_not_a_question_about_the_order() -> None:
    text = "can i pour the espresso ground decaf bag from that order into it"
    assert ABOUT_AN_ORDER.search(text)
    assert not ABOUT_AN_ORDER.search(FROM_AN_ORDER.sub("", text))
    assert FROM_AN_ORDER.sub("", "has my order shipped") == "has my order shipped"


@pytest.mark.parametrize(
    ("text", "asked"),
    [("did my last order ship", True), ("did you get my email", True), ("did the reset", False)],
)
def test_did_asks_of_a_subject(text: str, asked: bool) -> None:
    assert asks(text) is asked


@pytest.mark.parametrize(
    ("text", "adding"),
    [
        ("can i put the drip ground bag from that order in it to make it finer", False),
        ("can we pour the beans into it", False),
        ("can you put a bag of decaf in it too", True),
        ("can i put a bag of decaf in my order", True),
        ("throw a pack of socks onto my order", True),
        ("can i add the case to it", True),
    ],
)
def test_putting_something_into_a_product_adds_nothing_to_an_order(text: str, adding: bool) -> None:
    assert bool(ADD_TO_ORDER.search(text)) is adding


def test_the_product_asked_for_sale_is_the_one_after_the_question() -> None:
    """ "do you sell a grinder": the grinder's price line, never another product the answer
    names; "do you sell something to clean it" about the Z8: not the camera's price."""
    from types import SimpleNamespace

    from assistant.planner.for_sale import price_lines

    shop = pack_view()
    step = SimpleNamespace(
        ctx=SimpleNamespace(
            text="and do you sell a grinder", shop=shop, state=SimpleNamespace(focus_sku=None)
        ),
        done=SimpleNamespace(value=lambda name: []),
    )
    line = price_lines(step, "Grind only whole roasted coffee beans.")  # type: ignore[arg-type]
    assert line.startswith("We sell the Cuisina Conical Burr Coffee Grinder for $129.99")
    step.ctx.text = "my z8 has dust on the sensor. do you sell something to clean it?"
    line = price_lines(step, "use the ClearView Sensor and Lens Cleaning Kit")  # type: ignore[arg-type]
    assert line.startswith("We sell the ClearView Sensor and Lens Cleaning Kit")


def test_every_day_a_message_names() -> None:
    from assistant.planner.order_dates import days_said

    text = "$54.43 on jan 10 (fine) and then ANOTHER $54.43 on jan 13 that i don't recognise"
    assert days_said(text, TODAY) == [date(2026, 1, 10), date(2026, 1, 13)]
    assert days_said("charged on 3 December", TODAY) == [date(2025, 12, 3)]
    assert days_said("no day here", TODAY) == []


@pytest.mark.parametrize(
    ("text", "plan"),
    [
        ("and i paused it a while back, when is it going to charge me again?", True),
        ("when will you bill me next", True),
        ("why did you charge me twice", False),
    ],
)
def test_when_the_next_charge_comes_is_about_the_plan(text: str, plan: bool) -> None:
    from assistant.planner.account_words import about_subscription

    assert about_subscription(text, pack_view()) is plan


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("whats the last day i can still change stuff for that delivery", True),
        ("whats the last day i can change this order", False),  # an order, not a delivery
    ],
)
def test_that_delivery_is_the_plans(text: str, asked: bool) -> None:
    assert asks_a_cutoff(text, TODAY) is asked


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("And once it's here, where does the Kestrel card go, I read there are two slots", True),
        ("where does my order go if i move", False),  # no product named: the parcel
    ],
)
def test_where_a_product_goes_is_a_question_about_it(text: str, where: bool) -> None:
    from assistant.planner.several_words import GOES_WHERE

    shop = pack_view()
    assert bool(GOES_WHERE.search(text) and shop.mentions(text)) is where
    assert asks(text)
