from __future__ import annotations

import pytest

from assistant.planner.slots import Slots, extract_slots
from tests.support import pack_view


def slots_of(text: str, pattern: str | None = None) -> Slots:
    """The slots of ``text`` in the demo store's terms."""
    return extract_slots(text, pack_view(), pattern)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "order #47234 and jordan.rivera@example.com",
            {"order_number": "47234", "email": "jordan.rivera@example.com"},
        ),
        ("my order number is 47102", {"order_number": "47102"}),
        ("Got my wireless headphones, cant pair them", {"skus": ["AUR-SWP-100"]}),
        ("I love my new camera", {"skus": ["LUM-Z8-BODY"]}),
        (
            "add the socks in size medium, black",
            {"skus": ["STR-SOCK-3P"], "size": "medium", "colour": "black"},
        ),
        (
            "women's running shoes size 8 navy blue",
            {"skus": ["STR-VELO3-W"], "size": "8", "colour": "navy blue"},
        ),
        ("pause it for two deliveries", {"cycles": 2}),
        ("send it every 2 weeks instead", {"frequency": "every-2-weeks"}),
        ("every other month is enough", {"frequency": "every-2-months"}),
        ("switch me to the decaf, espresso grind", {"skus": ["RCC-DEC-12"], "grind": "espresso"}),
        (
            "my serial is SW2601184471",
            {"serial": "SW2601184471", "skus": ["AUR-SWP-100"], "order_number": None},
        ),
        ("I'd rate it 4 out of 5", {"csat": 4}),
        ("no confirmation email yet", {"mentions_email": True}),
    ],
)
def test_slots(text: str, expected: dict[str, object]) -> None:
    slots = slots_of(text)
    for key, value in expected.items():
        assert getattr(slots, key) == value, key


def test_no_slots_in_small_talk() -> None:
    slots = slots_of("hello there")
    assert slots.order_number is None and slots.email is None and slots.skus == []


@pytest.mark.parametrize(
    ("text", "order_number"),
    [
        ("change the address to 45 Park Ave Apt 3 New York 10016", None),
        ("Jane Doe, 77 Atlantic Ave, Brooklyn, NY 11201", None),
        ("ship to 12 Main Street Springfield 11201 for order #47234", "47234"),
        ("it is 46890", "46890"),
        ("order number: 47102 please", "47102"),
        ("oh wait sorry, the zip is 85281 not 85282", None),  # a ZIP named, and the one before
        ("zip code: 11217", None),
    ],
)
def test_a_zip_beside_a_street_is_never_an_order_number(
    text: str, order_number: str | None
) -> None:
    assert slots_of(text).order_number == order_number


@pytest.mark.parametrize(
    ("text", "pattern", "expected"),
    [
        ("my order is NM-10023", r"[A-Z]{2}-\d{5}", "NM-10023"),
        ("order #W2611340 never came", r"W\d{7}", "W2611340"),
        ("it's #1001", r"\d{4}", "1001"),
        ("rgl-104233 and my email", r"RGL-\d{6}", "RGL-104233"),
    ],
)
def test_order_numbers_in_the_store_format(text: str, pattern: str, expected: str) -> None:
    assert slots_of(text, pattern).order_number == expected


def test_several_products_are_all_kept_in_order() -> None:
    slots = slots_of("one decaf and one ethiopia please")
    assert slots.skus == ["RCC-DEC-12", "RCC-ETH-12"]


def test_worded_sizes_from_the_catalogue_stand_alone() -> None:
    slots = slots_of("add the cushionlite socks, medium white")
    assert (slots.size, slots.colour) == ("medium", "white")


def test_a_typed_fast_pause_length_is_read() -> None:
    assert slots_of("pause my cofee 3 montsh").cycles == 3


def test_a_bare_count_after_pausing_is_the_number_of_deliveries() -> None:
    assert slots_of("wait no dont skip it, pause it for 2 instead").cycles == 2
    assert slots_of("pause it for 2.5 weeks").cycles is None
    # a duration for context, then the count of deliveries: the deliveries are the count
    text = "away for about a month, can you pause my coffee club for 2 deliveries?"
    assert slots_of(text).cycles == 2


@pytest.mark.parametrize(
    ("text", "attempt"),
    [
        ("Please register my headphones, the serial number is SW12345", "SW12345"),
        ("serial no. 4471-22", "4471-22"),
        ("the serial number is on the box", None),
        ("my serial is SW2601184471", None),  # a valid serial is the serial, not an attempt
    ],
)
def test_a_serial_in_no_known_format_is_kept_as_an_attempt(text: str, attempt: str | None) -> None:
    assert slots_of(text).serial_attempt == attempt


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("please change the delivery address to 55 King St W, Toronto, ON M5K 1A1", "CA"),
        ("send it to 10 Downing St, London SW1A 2AA", "GB"),
        ("12 rue de Rivoli, Paris, France", "FR"),
        ("77 Atlantic Ave, Brooklyn, NY 11217", None),
        ("I'd like 2 bags every 3 weeks", None),
    ],
)
def test_an_address_abroad_is_recognised(text: str, country: str | None) -> None:
    from assistant.planner.addresses import foreign_address

    assert foreign_address(text, ["US"]) == country


def test_an_address_in_a_country_the_store_ships_to_is_not_abroad() -> None:
    from assistant.planner.addresses import foreign_address

    assert foreign_address("55 King St W, Toronto, ON M5K 1A1", ["US", "CA"]) is None


@pytest.mark.parametrize(
    ("text", "line1", "name"),
    [
        # a request around the address: the words before the street and after the ZIP go
        (
            "pls ship my battery to 742 Alvarado St, Los Angeles, CA 90057 instead",
            "742 Alvarado St",
            "",
        ),
        (
            "sure, the new address is 77 Atlantic Ave Brooklyn NY 11217 thanks",
            "77 Atlantic Ave",
            "",
        ),
        (
            "Jordan Rivera, 77 Atlantic Ave, Apt 2, Brooklyn, NY 11217",
            "77 Atlantic Ave",
            "Jordan Rivera",
        ),
        # a sentence before it and after it ("…instead? 1420 E Apache Blvd, … i'm staying…")
        (
            "hey, the coffee i ordered yesterday (47191), can you ship it to my mom's instead? "
            "1420 E Apache Blvd, Tempe AZ 85282. i'm staying with her for a few weeks",
            "1420 E Apache Blvd",
            "",
        ),
    ],
)
def test_an_address_inside_a_request(text: str, line1: str, name: str) -> None:
    from assistant.planner.addresses import parse_address

    parsed = parse_address(text)
    assert parsed is not None and parsed["line1"] == line1 and parsed["name"] == name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the socks, can i get them in black instead of white", "black"),
        ("not white, black please", "black"),
        ("navy blue please", "navy blue"),
        # a colour corrected mid-message: the one after the correction (dev47)
        ("can we swap them for the black ones? wait no, white. black would be worse", "white"),
        ("black please. sorry, i meant navy blue", "navy blue"),
    ],
)
def test_the_colour_asked_for_is_not_the_one_to_leave(text: str, expected: str) -> None:
    from assistant.planner.slots import wanted_colour

    assert wanted_colour(text, ["white", "black", "navy blue"]) == expected


def test_an_opener_does_not_hide_a_policy_question() -> None:
    from assistant.planner import return_words as words

    assert words.ASKS.search("ok whats the return policy if the shoes dont fit")
    assert words.HOW.search("hmm how do i send it back")


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("my shoes in size 6.5 pinch, can I exchange them for a 7 in the same black?", "7"),
        ("swap them to a medium", "medium"),
        ("exchange for size 8 please", "8"),
        ("I wear size 7, which socks fit?", "7"),  # no exchange: the size given
        ("change it to size 9 for 2 weeks", "9"),  # "2 weeks" is not a size
    ],
)
def test_the_size_wanted_in_an_exchange(text: str, size: str) -> None:
    assert slots_of(text).size == size


def test_the_frequency_to_leave_and_every_frequency_named() -> None:
    from assistant.planner.slots import named_frequencies, wanted_frequency

    patterns = pack_view().frequency_patterns
    assert wanted_frequency("every month instead of every 6 weeks", patterns) == "monthly"
    assert wanted_frequency("switch from every month to every 2 months", patterns) == (
        "every-2-months"
    )
    assert wanted_frequency("actually hmm make that 6 weeks", patterns) == "every-6-weeks"
    assert wanted_frequency("pause it for 2 months", patterns) is None
    corrected = "if i switched to every 6 weeks… actually no, make that every 2 weeks"
    assert wanted_frequency(corrected, patterns) == "every-2-weeks"  # the one after the correction
    assert named_frequencies("2 bags every two weeks is too much, every 6 weeks?", patterns) == [
        "every-2-weeks",
        "every-6-weeks",
    ]


def test_one_unit_of_a_pack_is_part_of_a_set() -> None:
    from assistant.planner.return_words import PART_OF_SET

    for text in (
        "I bought the 2-pack but it turns out I only need one plug. The second one is still "
        "sealed. Can I return just that one for a refund of half?",
        "can i send back one of the two and keep the other",
    ):
        assert PART_OF_SET.search(text), text
    assert not PART_OF_SET.search("I only need one, please cancel the order")
    assert not PART_OF_SET.search("can I return the kettle? I only need one kettle")


def test_the_grind_asked_for_is_the_one_the_change_goes_to() -> None:
    from assistant.planner.slots import _grind

    choices = ["whole bean", "espresso", "drip", "french press"]
    assert _grind("my espresso machine died, change my grind to drip", choices) == "drip"
    assert _grind("switch from espresso to french press", choices) == "french press"
    assert _grind("i want espresso grind not drip", choices) == "espresso"
    assert _grind("no grind mentioned", choices) is None


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("yes but actually can we do 7.5 instead? i'm kind of between sizes", "7.5"),
        ("hmm let's go with a 9 then", None),  # no change word: not an exchange's size
        ("can we swap them? let's go with a 9 then", "9"),
        ("i'm between sizes, which one do i order?", None),  # "sizes" holds no size "s"
        ("exchange them for size m please", "m"),
        ("can i swap and do 2 bags instead", None),  # a count of something, not a size
        ("oh wait, actually make it a 7 in coral", "7"),
        ("actually make it 3", None),  # a count corrected, not a size
        ("they r tight in the toe box, can i get them in an 11.5 instead", "11.5"),
        ("can i get them in 2 days instead?", None),  # a time, not a size
    ],
)
def test_the_size_an_exchange_asks_for(text: str, size: str | None) -> None:
    assert slots_of(text).size == size


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("can we swap them for a 7? actually no wait, she says 7.5, same color", "7.5"),
        ("exchange for a 9 please. sorry i mean 8.5", "8.5"),
        ("swap for a 9.5 please, actually she runs 3 times a week", "9.5"),  # a count, no size
        ("swap for a 10, wait is it free?", "10"),
    ],
)
def test_a_size_corrected_in_the_same_message_is_the_one_wanted(text: str, size: str) -> None:
    assert slots_of(text).size == size
