"""The words of customers in their first days (shoppers_dev72 and dev73 situations): a device's
message quoted is no fix tried, a battery taken out is one, "is the cable broken?" claims nothing,
"i dont want a refund" is no remedy claimed, all the money back wanted, how the money comes
back, "did they forget it" drops nothing, the deliveries to come after a move, a skip asked in so
many words, a part not found in the box, what the store does not sell, the product a remote
was got for, calories asked."""

from __future__ import annotations

from assistant.agent.confirm import leaves_it
from assistant.agent.tools import PassageOut
from assistant.intents import Intent
from assistant.planner.account_words import asks_plan_address
from assistant.planner.asked_kinds import UNIT_ASKED
from assistant.planner.asks_change import ADDRESS_CHANGE, asks_plainly_for
from assistant.planner.missing_part import MISSING, _box_line
from assistant.planner.not_sold import _best_row, _named
from assistant.planner.parts import unqualified
from assistant.planner.persists import fault_persists, needs_diagnosis
from assistant.planner.return_words import MONEY_GOES, WANTS_REFUND
from tests.support import pack_view

SHUTTER = (
    "my z8 keeps saying 'Shutter error. Restart camera'. took the battery out for like 10 sec, "
    "restarted, and it happens again after a couple shots. what do i do"
)


def test_a_quoted_message_is_no_fix_and_a_battery_taken_out_is_one() -> None:
    assert fault_persists(SHUTTER)  # two fixes: the battery out, a restart
    assert not fault_persists("it keeps saying 'Restart camera. Reset it'. what now")


def test_a_camera_left_on_and_a_question_if_it_is_broken_claim_nothing() -> None:
    assert not fault_persists(
        "i plugged it into my laptop and left it on all night, and its still at 40%. is the "
        "cable broken?"
    )


def test_a_refund_declined_is_no_remedy_claimed() -> None:
    told = (
        "wont charge at all. tried 2 cables and 2 chargers, did the reset. nothing, no light. i "
        "dont want a refund i want headphones that work"
    )
    assert needs_diagnosis(told)
    assert not needs_diagnosis(told.replace("i dont want a refund", "i want a refund"))


def test_all_the_money_back_is_a_refund_wanted() -> None:
    assert WANTS_REFUND.search("I want ALL my money back, every cent")
    assert WANTS_REFUND.search("we'd like our entire refund")


def test_how_the_money_comes_back_is_where_a_refund_goes() -> None:
    assert MONEY_GOES.search("if I send them back, how does the money come back?")
    assert MONEY_GOES.search("how would i get my money back if they don't fit")
    assert not MONEY_GOES.search("how does the return label come back")


def test_did_they_forget_it_leaves_nothing() -> None:
    assert not leaves_it("there was no brush in my box?? did they forget it")
    assert leaves_it("nah forget it")


def test_the_deliveries_after_a_move_are_the_plans() -> None:
    shop = pack_view()
    assert ADDRESS_CHANGE.search("how do i make sure the ones after that go to the new place?")
    assert asks_plan_address(
        "I'm moving on feb 5 so how do i make sure the coffee after that goes to the new place?",
        shop,
    )
    clause = "I'm moving, how do i make sure the ones after that go to the new place?"
    assert not asks_plan_address(clause, shop)  # alone, nothing says whose deliveries
    assert asks_plan_address(clause, shop, "can you skip my next coffee. " + clause)


def test_a_skip_asked_in_so_many_words() -> None:
    text = "three things about my decaf club: please skip the next delivery"
    assert asks_plainly_for(text, Intent.SUBSCRIPTION_SKIP)
    assert not asks_plainly_for(text, Intent.SUBSCRIPTION_PAUSE)


def test_a_part_not_found_in_the_box() -> None:
    assert MISSING.search("the booklet talks about a brush but there was no brush in my box??")
    assert MISSING.search("the cable wasn't in the box")
    assert not MISSING.search("the box arrived today, how do i set it up")
    found = MISSING.search("i cant find the little brush, was it meant to come with one?")
    assert found is not None and found.group("e") == "brush"
    assert not MISSING.search("i cant find the setting for night mode")
    found = MISSING.search("there's no lens in the box?? just a black plastic cap")
    assert found is not None and found.group("a") == "lens"  # the part missed, not the cap
    box = PassageOut(
        chunk_id="c",
        text="- Grinder body\n- Cleaning brush (clipped into the back of the body)",
        source="s",
        title="Grinder guide",
        section="In the box and parts",
        page=None,
        doc_type="manual",
        skus=[],
    )
    line, _ = _box_line([box], {"brush"}) or ("", None)
    assert line == "Cleaning brush (clipped into the back of the body)"
    assert _box_line([box.model_copy(update={"section": "Cleaning"})], {"brush"}) is None


def _row(name: str, sku: str, compatible: str) -> PassageOut:
    return PassageOut(
        chunk_id=name,
        text=f"{name} is compatible.",
        source="s",
        title="Compatibility",
        section=name,
        page=None,
        doc_type="compatibility",
        skus=[],
        record={
            "accessory_name": name,
            "accessory_sku": sku,
            "compatible": compatible,
            "product_sku": "CAM-1",
        },
    )


def test_what_the_store_does_not_sell_is_a_row_without_its_product() -> None:
    assert _named("where do i get one of those cfexpress ones") == ["cfexpress"]
    assert _named("what battery do i buy") == ["battery"]
    rows = [
        _row("CFexpress Type A memory cards (not sold by us)", "", "no"),
        _row("CFexpress Type B memory cards (not sold by us)", "", "yes"),
        _row("Kestrel card", "KST-1", "yes"),
    ]
    best = _best_row(rows, ["cfexpress"])
    assert best is not None and best.section.startswith("CFexpress Type B")  # one that fits
    assert _best_row(rows, ["kestrel"]) is None  # the catalogue's own product
    assert _best_row(rows, ["cfexpress"], {"KETTLE-1"}) is None  # another product's sheet
    assert _best_row(rows, ["sold"]) is None  # "(not sold by us)" is no part of the name


def test_the_product_a_remote_was_got_for_only_says_which_remote() -> None:
    shop = pack_view()
    text = "the little wireless remote i got for my camera flashes orange"
    assert unqualified(shop, text, shop.mentions(text)) == ["LUM-RS-2"]


def test_calories_are_a_figure_asked() -> None:
    assert UNIT_ASKED.search("how many calories is one cup?")


def test_when_a_paused_plan_starts_again_is_the_accounts() -> None:
    from assistant.planner.account_words import asks_own_next

    assert asks_own_next("and my decaf club is paused, when does it start again?")
    assert not asks_own_next("the grinder stopped mid-grind, when does it start again?")
