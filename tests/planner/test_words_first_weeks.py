"""The words and dates of the first weeks: a size needed ("are size small but i think i need
medium"), a light told by colour and pattern matched to the manual's line for it, "broken
already??" asked (not damage told), "and if that doesnt fix it?" after steps, a monthly plan's
day kept after a short month, the later month a skip is asked for, days and months written in
other languages, and a plan's box asked after as a parcel."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.agent.language import understand
from assistant.agent.tools import PassageOut
from assistant.planner.after_steps import _IF_NOT_FIXED
from assistant.planner.order_dates import month_of
from assistant.planner.reading import SHIPPED_ALREADY
from assistant.planner.return_words import arrived_damaged
from assistant.planner.skip_which import _MONTH
from assistant.planner.slots import extract_slots
from assistant.planner.told_lines import light_line, light_query
from assistant.store.calendar import next_cycle
from assistant.store.policy import Frequency
from tests.support import pack_view

MONTHLY = Frequency(label="every month", months=1)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        (
            "the socks are size small but i wear a 9 so i think i need medium? can i swap them",
            "medium",
        ),
        ("they sent size large, i want medium instead", "medium"),
        ("can i exchange the size 10 for a 10.5", "10.5"),
    ],
)
def test_the_size_needed_is_the_one_wanted(text: str, size: str) -> None:
    assert extract_slots(text, pack_view()).size == size


def _passage(section: str, text: str) -> PassageOut:
    return PassageOut(
        chunk_id=section,
        text=text,
        source="camera-guide.md",
        title="Camera guide",
        section=section,
        page=None,
        doc_type="manual",
        skus=["CAM-1"],
    )


def test_the_light_told_is_the_line_that_describes_it() -> None:
    lamp = _passage(
        "3.1 Charging",
        "4. Check the charge lamp: it lights steady orange while charging.\n"
        "- Steady orange: charging.\n"
        "- Blinking orange (about twice per second): charging error. Move the camera to room "
        "temperature.",
    )
    fix = _passage("10.1 Won't turn on", "1. Charge the battery.\n2. If it blinks orange, see 3.1.")
    told = "the little light by the usb port is blinking orange fast. broken already??"
    line = light_line([fix, lamp], fix.text, "CAM-1", told)
    assert line is not None and line.text.startswith("- Blinking orange (about twice")
    steady = light_line([lamp], fix.text, "CAM-1", "now the lamp is solid orange, is that ok?")
    assert steady is not None and steady.text == "- Steady orange: charging."
    assert light_line([lamp], fix.text, "CAM-1", "the light is orange, normal?") is None
    assert light_line([lamp], lamp.text, "CAM-1", told) is None  # the text shown


@pytest.mark.parametrize(
    ("text", "damaged"),
    [
        (
            "the light by the usb port is blinking orange fast as soon as i opened the box. broken "
            "already??",
            False,
        ),
        ("it came out of the box broken?", False),
        ("the screen arrived cracked", True),
        ("opened the box and the handle is broken", True),
    ],
)
def test_broken_asked_is_no_damage_told(text: str, damaged: bool) -> None:
    assert arrived_damaged(text) is damaged


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("ok and if that doesnt fix it either? i got them last may", True),
        ("what if it still doesn't work after all that?", True),
        ("and if not?", True),
        ("if they're still quieter, what then", True),
        ("ok and what happens if it keeps doing it after all that", True),
        ("if that fixes it great, thanks", False),
        ("it doesnt fix it", False),
    ],
)
def test_what_comes_after_the_steps_is_asked(text: str, asks: bool) -> None:
    assert bool(_IF_NOT_FIXED.search(text)) is asks


def test_a_monthly_plan_keeps_its_day_after_a_short_month() -> None:
    assert next_cycle(date(2026, 1, 29), MONTHLY) == date(2026, 2, 28)
    assert next_cycle(date(2026, 2, 28), MONTHLY) == date(2026, 3, 28)  # no day kept: its own
    assert next_cycle(date(2026, 2, 28), MONTHLY, keep_day=29) == date(2026, 3, 29)
    assert next_cycle(date(2026, 1, 31), MONTHLY, 3, keep_day=31) == date(2026, 4, 30)
    weekly = Frequency(label="every 2 weeks", days=14)
    assert next_cycle(date(2026, 2, 28), weekly, keep_day=29) == date(2026, 3, 14)


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("wait no, not that one. i need the january bag, its the february one", {1, 2}),
        ("im not back till feb 2. can you skip the coffee thats coming this weekend?", set()),
        ("yes but only the next one, i'm back home by april", set()),
        ("skip march please", {3}),
        ("can you skip the may delivery", {5}),
        ("i may be away", set()),
        ("can you skip june", {6}),
        ("can u skip my coffee in february, we're away", {2}),
        ("skip the july one, we're away", {7}),
    ],
)
def test_the_month_of_a_delivery_is_named_with_it(text: str, months: set[int]) -> None:
    found = {month_of(m.group("m") or m.group("n")) for m in _MONTH.finditer(text)}
    assert found == months


@pytest.mark.parametrize(
    ("text", "english"),
    [
        (
            "Wir sind vom 1. bis 25. März weg. Kann die Kaffeelieferung im März bitte ausfallen?",
            "from the 1 until 25 march",
        ),
        ("¿Puedo saltar la entrega de febrero?", "delivery of february"),
        ("Je voudrais sauter la livraison de mars.", "delivery of march"),
        ("Es kostet 25. Danke", "costs 25. thanks"),  # a sentence's end stays one
    ],
)
def test_dates_and_months_in_other_languages(text: str, english: str) -> None:
    assert english in understand(text).text


def test_where_a_plans_box_is_asks_for_its_parcel() -> None:
    assert SHIPPED_ALREADY.search("wheres my coffee club box, the decaf one?")
    assert not SHIPPED_ALREADY.search("when is my next coffee club delivery?")


def test_a_light_that_stays_is_steady_and_a_table_row_is_its_line() -> None:
    guide = _passage(
        "LED guide",
        "Status LED | Meaning\nSolid amber | Charging\nFlashes amber | Charging paused\n"
        "Solid green | Fully charged",
    )
    told = "the little light is orange and has been for like 40 min, is that normal"
    line = light_line([guide], "", "CAM-1", told)
    assert line is not None and line.text == "Solid amber | Charging"
    assert light_query(told, "Q5") == "Q5: LED light solid steady amber orange means"
    assert light_query("the light is orange", "Q5") is None  # no pattern: nothing to search
    flashing = light_line([guide], "", "CAM-1", "now the light blinks orange. what does it mean")
    assert flashing is not None and flashing.text == "Flashes amber | Charging paused"
