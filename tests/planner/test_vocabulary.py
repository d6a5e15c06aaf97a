"""Product mentions come from catalogue data: any store's products work without code."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from assistant.planner.vocabulary import ProductVocabulary
from tests.support import pack_view


@dataclass(frozen=True)
class Item:
    sku: str
    name: str
    brand: str
    model: str
    price: Decimal


OUTDOOR = [
    Item("RO-TNT-AS2", "Cairnline Aspen 2 Backpacking Tent", "Cairnline", "Aspen 2", Decimal(349)),
    Item(
        "RO-TNT-FP2", "Cairnline Aspen 2 Footprint", "Cairnline", "Aspen 2 Footprint", Decimal(49)
    ),
    Item("RO-HLP-400", "Lumenpeak Trail 400 Headlamp", "Lumenpeak", "Trail 400", Decimal(59)),
    Item("RO-WTR-SQ", "Brookwell Squeeze Water Filter", "Brookwell", "Squeeze", Decimal(39)),
    Item(
        "RO-STV-MINI", "Kindle Works Mini Canister Stove", "Kindle Works", "Mini Stove", Decimal(69)
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my tent leaks at the seams", ["RO-TNT-AS2"]),
        ("does the aspen 2 footprint fit", ["RO-TNT-FP2"]),
        ("the trail 400 headlamp won't turn on", ["RO-HLP-400"]),
        ("how do I backflush the water filter", ["RO-WTR-SQ"]),
        ("cairnline", ["RO-TNT-AS2"]),  # a brand alone: its main (highest-priced) product
        ("the cairnline footprint", ["RO-TNT-FP2"]),  # a specific product beats its brand
        ("stove and headlamp", ["RO-STV-MINI", "RO-HLP-400"]),
        ("just in case it rains", []),
        ("the weather is light and dark", []),
    ],
)
def test_a_foreign_catalogue(text: str, expected: list[str]) -> None:
    assert ProductVocabulary(OUTDOOR).mentions(text) == expected


def test_the_demo_catalogue() -> None:
    from assistant.store.demo_spec import demo_products

    vocab = ProductVocabulary(demo_products())
    assert vocab.mentions("camera bag") == ["TRP-SLING-10"]
    assert vocab.mentions("my camera") == ["LUM-Z8-BODY"]
    # "camera" before "battery" only says which battery
    assert vocab.mentions("my order with the spare camera battery") == ["LUM-BP-F2"]
    # a battery named after headphones is theirs: no camera battery is sold for them
    assert vocab.mentions("my soundwave pro battery dies fast") == ["AUR-SWP-100"]
    assert vocab.mentions("my z8 card is full") == ["KST-SD128-V90"]  # sold for cameras
    assert "CUI-GRD-40" in vocab.mentions("grinder screen says MAn")  # "screen" is a part word
    assert vocab.mentions("sneakers size 9") == ["STR-VELO3-W"]
    assert vocab.mentions("the light is flashing blue") == []
    # "screen" of the screen protector's name is any product's display; the model's own word,
    # a brand or the product's noun name it for sure
    assert vocab.by_a_part_word("the little screen says E2") == {"LUM-GP-Z8"}
    assert vocab.by_a_part_word("does the screen protector fit") == set()
    assert vocab.by_a_part_word("do the soundwave pros come in black") == set()
    assert vocab.mentions("how do I descale the Cuisina kettle") == ["CUI-KTL-17"]
    # a capacity says what kind of card, not which one: "a 128gb one" is any card
    assert vocab.by_kind_only("got a 128gb one instead") == {"KST-SD128-V90"}
    assert vocab.by_kind_only("the kestrel 128gb card") == set()
    assert vocab.by_kind_only("and the other one? the cuisina kettle") == set()  # its brand


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my old TX-1 headlamp", []),  # a code the store does not sell: another model
        ("will my old TX-1 headlamp work with the aspen 2 tent", ["RO-TNT-AS2"]),
        ("the aspen 3 from years ago", []),  # the store sells the Aspen 2
        ("the aspen 2 tent", ["RO-TNT-AS2"]),
        ("my trail 400 headlamp", ["RO-HLP-400"]),
    ],
)
def test_another_model_of_a_product_is_not_that_product(text: str, expected: list[str]) -> None:
    assert ProductVocabulary(OUTDOOR).mentions(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a word of the title with its noun names the product, not every product with the word
        ("can I return the merino socks from my last order?", ["RO-SCK-MER-S"]),
        ("is the merino base layer itchy", ["RO-BSL-CRWM-S-CHR"]),
    ],
)
def test_a_word_and_the_noun_name_one_product(text: str, expected: list[str]) -> None:
    from tests.support import RIDGELINE_PACK, pack_view

    assert pack_view(RIDGELINE_PACK).vocabulary.mentions(text) == expected


_HEARTH = [
    Item("HOM-CAM", "Hearth Indoor Cam HD", "Hearth", "Indoor Cam HD", Decimal(59)),
    Item("HOM-PLUG", "Hearth Smart Plug", "Hearth", "Smart Plug", Decimal(29)),
    Item("PIX-CAM", "Pixelon X5 Mirrorless Camera", "Pixelon", "X5", Decimal(1499)),
]


def test_a_brand_before_another_brands_noun_names_its_own_product() -> None:
    vocab = ProductVocabulary(_HEARTH)
    assert vocab.mentions("I ordered the Hearth camera this morning") == ["HOM-CAM"]
    assert vocab.mentions("my camera") == ["PIX-CAM"]
    # a product named after the brand is read as before
    assert vocab.mentions("the hearth plug and the camera") == ["HOM-PLUG", "PIX-CAM"]


def test_a_noun_right_after_a_product_that_shares_its_stem_names_that_product_again() -> None:
    vocab = ProductVocabulary(_HEARTH)
    assert vocab.mentions("I ordered the Hearth indoor camera this morning") == ["HOM-CAM"]
    assert vocab.mentions("the indoor cam and the camera") == ["HOM-CAM", "PIX-CAM"]


def test_a_model_word_right_before_an_accessory_of_that_name_names_the_accessory() -> None:
    items = [
        Item("AX-100", "Aria X100 Headphones", "Aria", "X100", Decimal(199)),
        Item("AX-PADS", "Aria X100 Replacement Ear Pads", "Aria", "X100 Ear Pads", Decimal(19)),
    ]
    vocab = ProductVocabulary(items)
    # a typo breaks the full name; "x100" still qualifies the pads right after it
    assert vocab.mentions("warranty on the x100 replacment ear pads") == ["AX-PADS"]
    assert vocab.mentions("my x100 and the ear pads") == ["AX-100", "AX-PADS"]
    assert vocab.mentions("i meant the ear pads not the x100") == ["AX-PADS"]
    assert vocab.dismissed("i meant the ear pads not the x100") == ["AX-100"]


def test_a_product_noun_used_as_a_verb_names_nothing() -> None:
    vocab = ProductVocabulary(
        [
            Item("PL-2", "Glowbox Smart Plug (2-pack)", "Glowbox", "Smart Plug", Decimal(29)),
            Item("HP-1", "Tonal Air Wireless Headphones", "Tonal", "Air", Decimal(199)),
        ]
    )
    assert vocab.mentions("can i plug the tonal air into the seat tv?") == ["HP-1"]
    assert vocab.mentions("my plug keeps blinking amber") == ["PL-2"]
    assert vocab.mentions("i want to return the plugs") == ["PL-2"]


def test_a_product_set_aside_is_not_asked_about() -> None:
    vocab = ProductVocabulary(OUTDOOR)
    assert vocab.mentions("nvm, forget the stove. my headlamp won't turn on") == ["RO-HLP-400"]
    assert vocab.dismissed("nvm, forget the stove. my headlamp won't turn on") == ["RO-STV-MINI"]
    assert vocab.mentions("it's the headlamp, not the stove") == ["RO-HLP-400"]
    assert vocab.dismissed("how do I light the stove") == []


COFFEE = [
    Item(
        "RC-MLB",
        "Ridgeline Morning Light Breakfast Blend, 12 oz bag",
        "Ridgeline",
        "Morning Light Breakfast Blend",
        Decimal(16),
    ),
    Item(
        "RC-PDR", "Ridgeline Premium Dark Roast, 12 oz bag", "Ridgeline", "Dark Roast", Decimal(17)
    ),
    Item("ST-SOCK", "Stride Running Socks (3-pack)", "Stride", "Running Socks", Decimal(24)),
    Item("ST-VELO", "Stride Velo 3 Women's Running Shoe", "Stride", "Velo 3", Decimal(140)),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name of descriptive words only still names the one product that has it
        ("swap my coffee club to morning light", ["RC-MLB"]),
        ("is the premium dark any good in a moka pot", ["RC-PDR"]),
        # those words before another product's noun describe it
        ("i need women's running socks", ["ST-SOCK"]),
        ("something light for the morning", []),  # the words apart name nothing
    ],
)
def test_a_pair_of_descriptive_words_names_its_only_product(text: str, expected: list[str]) -> None:
    assert ProductVocabulary(COFFEE).mentions(text) == expected


def test_a_brand_named_alone_is_told_apart() -> None:
    vocabulary = ProductVocabulary(COFFEE)
    assert vocabulary.by_brand_only("switch my ridgeline to espresso grind") == {"RC-PDR"}
    assert vocabulary.by_brand_only("swap my premium dark to the morning light") == set()


_CODES = [
    Item("RO-HLP-V4", "Lumenpeak Vista 400R Headlamp", "Lumenpeak", "V-4", Decimal(79)),
    Item("RO-RMT-K2", "Cairnline K2 Remote", "Cairnline", "K2", Decimal(29)),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my v4 keeps blinking", ["RO-HLP-V4"]),  # typed without the catalogue's hyphen
        ("the v-4 headlamp", ["RO-HLP-V4"]),
        ("my k-2 remote is dead", ["RO-RMT-K2"]),  # typed with a hyphen the catalogue lacks
        ("my k2 remote", ["RO-RMT-K2"]),
    ],
)
def test_a_model_code_is_found_with_or_without_its_hyphen(text: str, expected: list[str]) -> None:
    assert ProductVocabulary(_CODES).mentions(text) == expected


def test_a_model_number_typed_joined_hyphenated_or_counted_names_the_product() -> None:
    shop = pack_view()
    spaced = shop.mentions("my velo 3 pinches")
    assert spaced and all(shop.mentions(t) == spaced for t in ("my velo3s", "the velo-3", "velo3"))
    assert shop.mentions("i bought a pro 3 days ago") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my headlamp died", {"RO-HLP-400"}),  # its noun only: any headlamp, theirs or ours
        ("my headlamps", {"RO-HLP-400"}),
        ("the water filter clogged", {"RO-WTR-SQ"}),  # generic words and the noun
        ("the trail 400 headlamp", set()),  # its model names it
        ("lumenpeak headlamp", set()),  # its brand names it
        ("aspen 2 footprint", set()),
    ],
)
def test_a_product_named_only_by_what_it_is(text: str, expected: set[str]) -> None:
    assert ProductVocabulary(OUTDOOR).by_kind_only(text) == expected


_LISTENING = [
    Item("QN-Q5", "Quenta Q5 Wireless Headphones", "Quenta", "Q5", Decimal(199)),
    Item("QN-Q5-PAD", "Quenta Q5 Replacement Ear Pads", "Quenta", "Q5 Ear Pads", Decimal(24)),
    Item("QN-Q5-BAG", "Quenta Q5 Carry Case", "Quenta", "Q5 Case", Decimal(29)),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a word of the accessory's name that is not its noun is a part of the product named
        ("my q5 right ear is a lot quieter than the left", ["QN-Q5"]),
        ("the quenta q5 left ear crackles", ["QN-Q5"]),
        # the accessory's noun names it
        ("the q5 ear pads are flat", ["QN-Q5-PAD"]),
        ("do you sell replacement ear pads for the q5", ["QN-Q5-PAD", "QN-Q5"]),
        ("does the q5 fit in the carry case", ["QN-Q5", "QN-Q5-BAG"]),
    ],
)
def test_a_part_said_with_a_word_of_an_accessory(text: str, expected: list[str]) -> None:
    assert ProductVocabulary(_LISTENING).mentions(text) == expected
