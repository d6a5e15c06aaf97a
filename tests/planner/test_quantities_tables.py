"""Quantities in one spelling, and table rows that come with a table's header."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.commerce.schemas import CatalogProduct, CatalogVariant
from assistant.planner.options import asks_for_options, options_answer
from assistant.planner.quantities import canonical_quantities
from assistant.planner.shopview import ShopView
from assistant.planner.tables import with_table_rows
from tests.support import pack_view


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("and only one litre?", "and only 1-litre?"),
        ("about 4 minutes for 1.0 L", "about 4-minute for 1-litre"),
        ("1,5 liters", "1.5-litre"),
        ("250 ml of water", "250-ml of water"),
        ("a 12 oz bag", "a 12-oz bag"),
        ("one of them", "one of them"),  # no unit: left alone
        ("2 in 1", "2 in 1"),
        ("steep 4 hrs", "steep 4-hour"),
    ],
)
def test_quantities_are_spelled_one_way(text: str, expected: str) -> None:
    assert canonical_quantities(text) == expected


TABLE = [
    "Choose the size from your shoe size.",
    "Size | Women's shoe | Men's shoe",
    "Small | 5–7 | 3.5–5.5",
    "Medium | 7.5–9.5 | 6–8",
    "Large | 10–12 | 8.5–10.5",
    "Unopened packs can be exchanged.",
]


def test_the_rows_holding_the_number_follow_the_header() -> None:
    out = with_table_rows([TABLE[1]], TABLE, "my sister wears a 7, which size?")
    assert out == [TABLE[1], TABLE[2], TABLE[3]]  # women's 5–7 and men's 6–8


def test_a_named_column_narrows_the_rows() -> None:
    out = with_table_rows([TABLE[1]], TABLE, "women's 7, which size?")
    assert out == [TABLE[1], TABLE[2]]


def test_a_short_table_without_a_number_comes_whole() -> None:
    assert with_table_rows([TABLE[1]], TABLE, "what sizes are there?") == TABLE[1:5]


def test_rows_the_question_names_by_their_first_cell_come_alone() -> None:
    blends = [
        "Coffee | Roast | Caffeine (8 fl oz cup)",
        "Medium Roast | Medium | about 95 mg",
        "Premium Dark Roast | Dark | about 90 mg",
        "Ethiopia Yirgacheffe | Light | about 105 mg",
    ]
    out = with_table_rows([blends[0]], blends, "how much caffeine is in the premium dark roast?")
    assert out == [blends[0], blends[2]]  # not the other blends' figures


def test_a_row_is_not_a_header_and_prose_is_untouched() -> None:
    assert with_table_rows([TABLE[3]], TABLE, "a 7?") == [TABLE[1], TABLE[3]]  # + its header
    assert with_table_rows([TABLE[0]], TABLE, "a 7?") == [TABLE[0]]


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("do the socks come in black?", True),
        ("what colours does it come in", True),
        ("is it available in a 9.5?", True),
        ("do you have them in another colour", True),
        ("which sizes are there", True),
        ("what size socks should i get her", False),  # a fit question: the size chart
        ("what colour should I wash them with", False),
        ("it came in a box that was damaged", False),
    ],
)
def test_what_asks_about_a_products_versions(text: str, asks: bool) -> None:
    assert asks_for_options(text) is asks


def test_a_manual_in_another_language_is_not_a_version() -> None:
    assert not asks_for_options("do you have the manual in spanish")


def test_a_version_the_catalogue_does_not_name_is_left_to_the_documents() -> None:
    shoe = CatalogProduct(
        external_id="p1",
        title="Trail Shoe",
        handle="trail-shoe",
        product_type="Shoes",
        vendor="Acme",
        warranty_months=12,
        options={"Size": ["8", "9"], "Colour": ["blue", "grey"]},
        variants=[
            CatalogVariant(
                external_id="v1",
                sku="TS-1",
                title="8 / blue",
                options={"Size": "8", "Colour": "blue"},
                price=Decimal("90"),
            )
        ],
    )
    shop = ShopView(pack_view().policy, [shoe])
    assert options_answer(shop, "does it come in a wide version?", "TS-1") is None
    said = options_answer(shop, "does it come in other colours?", "TS-1")
    assert said is not None and "blue and grey" in said
    said = options_answer(shop, "do they come in grey", "TS-1")
    assert said is not None and said.startswith("Yes")
    said = options_answer(shop, "do they come in pink", "TS-1")
    assert said is not None and said.startswith("No") and "blue and grey" in said


def test_rows_quoted_alone_bring_their_header() -> None:
    from assistant.planner.tables import with_table_rows

    units = [
        "Which blend for which method:",
        "Method | Dark | Light | Ethiopia",
        "Cold brew | Excellent | Good | Good",
        "Moka pot | Excellent | Good | Partly",
    ]
    quoted = with_table_rows(units[2:3], units, "is the ethiopia one good for cold brew")
    assert quoted == ["Method | Dark | Light | Ethiopia", "Cold brew | Excellent | Good | Good"]


def test_a_colour_asked_of_a_product_with_one_version_is_left_to_the_documents() -> None:
    pads = CatalogProduct(
        external_id="p2",
        title="Ear Pads",
        handle="ear-pads",
        product_type="Accessories",
        vendor="Acme",
        warranty_months=6,
        options={},
        variants=[
            CatalogVariant(
                external_id="v2", sku="EP-1", title="Default Title", options={}, price=Decimal("19")
            )
        ],
    )
    shop = ShopView(pack_view().policy, [pads])
    assert options_answer(shop, "do they come in white?", "EP-1") is None  # "sold in black only"
    assert options_answer(shop, "what colours do they come in?", "EP-1") == (
        "The Ear Pads comes in one version only."
    )
