"""Second looks at a purchase (shoppers_dev73 and dev74 situations): how many flashes a light
gives, a section's opening line before its steps, the how-to of the section a direct line comes
from, "how do i do that", a purchase to come that is no order, "i bought X in december" that
asks nothing, "is the usb cable broken?" that claims nothing, and "quiero pedir"."""

from __future__ import annotations

from assistant.agent.language import understand
from assistant.agent.tools import PassageOut
from assistant.planner.account_words import asks_own_next
from assistant.planner.asked_kinds import MAY_I
from assistant.planner.persists import fault_persists
from assistant.planner.product_reading import SERIAL_ASKED
from assistant.planner.return_words import PUT_BACK
from assistant.planner.sections import HOW_DO_THAT, procedure_of
from assistant.planner.several_words import BOUGHT_WHEN, FROM_AN_ORDER
from assistant.planner.spans import intro
from assistant.planner.told_lines import fitting, light_line, light_state


def _passage(chunk: str, text: str, section: str, sku: str = "RS2") -> PassageOut:
    return PassageOut.model_validate(
        {
            "chunk_id": chunk,
            "text": text,
            "source": "handbook.pdf",
            "title": "Handbook",
            "section": section,
            "page": 6,
            "doc_type": "manual",
            "skus": [sku],
            "unit_scores": {},
        }
    )


LEGEND = _passage(
    "c",
    "• Status LED: blinks blue while pairing; one green flash when the camera received a "
    "command; one amber flash when the command was not received (camera off, out of range or "
    "not paired); blinks red 3 times when the battery is low.",
    "6. Remote > 6.1 Controls",
)
TROUBLE = _passage(
    "t",
    "1. LED flashes amber: turn the camera on and move within 10 m.\n"
    "2. No LED at all: replace the battery.",
    "6. Remote > 6.5 Troubleshooting",
)


def test_how_many_flashes_is_part_of_the_light_told() -> None:
    assert "once" in light_state("a tiny light on it flashes orange once")
    assert "once" in light_state("it blinks orange one time")
    assert "times" in light_state("blinks red 3 times when the battery is low")
    assert "times" not in light_state("blinking orange (about twice per second)")  # a rate
    told = "when i press the button a tiny light on it flashes orange once"
    line = light_line([TROUBLE, LEGEND], "", "RS2", told)
    assert line is not None and "not paired" in line.text  # the legend's case, not "flashes"
    # no count told: the shorter condition still wins
    plain = light_line([TROUBLE, LEGEND], "", "RS2", "the light flashes orange, help")
    assert plain is not None and plain.text.startswith("1. LED flashes amber")


def test_a_sections_short_opening_goes_with_its_steps() -> None:
    units = [
        ("Try the camera's automatic cleaning first: Menu > Setup > Clean Now.", False),
        ("Work in a clean, still room.", False),
        ("1. Charge the battery to 50%.", True),
        ("2. Remove the lens.", True),
    ]
    assert intro(units, 2) == [units[0][0], units[1][0]]
    long = [(" ".join(["word"] * 45), False), ("1. Do it.", True)]
    assert intro(long, 1) == []  # a long opening is not a lead-in
    assert intro([("Before you start:", False), ("1. Do it.", True)], 1) == []  # its list's


def test_the_how_to_of_a_direct_lines_section() -> None:
    line = _passage(
        "b",
        "When the camera is turned on with a cable connected, it does not charge the battery.",
        "3. Setup > 3.1 Charging the battery",
        "CAM",
    )
    steps = _passage(
        "a",
        "The battery charges in the camera.\n\n1. Set the power switch to OFF.\n"
        "2. Connect the cable (from a computer about 5 hours).",
        "3. Setup > 3.1 Charging the battery",
        "CAM",
    )
    found = procedure_of(line, [steps, line])
    assert found is not None and "about 5 hours" in found.text
    fault = line.model_copy(update={"section": "10. Troubleshooting > 10.1 Won't charge"})
    assert procedure_of(fault, [steps.model_copy(update={"section": fault.section})]) is None
    assert procedure_of(line, [line]) is None  # no steps found


def test_how_do_i_do_that_asks_for_the_steps_again() -> None:
    assert HOW_DO_THAT.search("yeah i never paired anything lol. how do i do that")
    assert HOW_DO_THAT.search("ok how do you do it")
    assert not HOW_DO_THAT.search("how do i pair the remote")


def test_a_purchase_to_come_and_a_purchase_told_ask_for_no_order() -> None:
    assert FROM_AN_ORDER.sub("", "i want to order cushionlite socks, what size") == (
        "i  cushionlite socks, what size"
    )
    assert FROM_AN_ORDER.search("the grinder from my december order")
    assert BOUGHT_WHEN.search("i bought velo 3 size 6 in december")
    assert BOUGHT_WHEN.search("we got it back in august")
    assert not BOUGHT_WHEN.search("i bought them because the reviews were good")


def test_asking_if_a_cable_is_broken_claims_nothing() -> None:
    assert not fault_persists(
        "left my camera plugged into my laptop all night and switched on, battery still at 40% "
        "this morning. is the usb cable broken?"
    )


def test_quiero_pedir_is_to_order() -> None:
    assert (
        "I want to order"
        in understand(
            "Ah, y quiero pedir unos calcetines CushionLite, ¿qué talla me corresponde?"
        ).text
    )


def test_a_pdf_lamp_tables_row_and_a_light_that_stays() -> None:
    table = _passage(
        "g",
        "LED Meaning\nSolid amber Charging\nSolid green Fully charged (cable still connected)\n"
        "Flashes amber Charging paused: temperature outside 5–40 °C",
        "LED guide",
        "HP",
    )
    told = "the little light just stays green the whole night and never goes off??"
    line = light_line([table], "", "HP", told)
    assert line is not None and line.text == "Solid green Fully charged (cable still connected)"
    assert light_line([table], "", "HP", "the light is green") is None  # steady or not: untold


def test_a_setting_named_by_its_apps_name_fits_the_line() -> None:
    manual = _passage(
        "m",
        "Multipoint and LDAC cannot be used at the same time. When you choose LDAC (Sound Quality "
        "Priority) in the Auralis Sound app, the app turns multipoint off. Turn multipoint back "
        "on under Connection > Multipoint.",
        "Multipoint",
        "HP",
    )
    told = "since i turned on the sound quality mode in the app the laptop won't connect anymore"
    found = fitting([(manual, manual.text)], told)
    assert found is not None and "Connection > Multipoint" in found[1]
    assert fitting([(manual, manual.text)], "the laptop won't connect anymore") is None


def test_words_of_second_looks() -> None:
    assert asks_own_next("is my decaf subscription still on pause? when does the next one go out")
    assert SERIAL_ASKED.search("do they need the serial or anything from me? where is it on this")
    assert PUT_BACK.search("how do i get them back in the app")
    assert not PUT_BACK.search("can i send them back for a refund")
    assert MAY_I.search("and for next time, can i pay by bank transfer?")
    assert "warranty issue" in understand("Ist das normal oder ein Garantiefall?").text
