from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from assistant.commerce.schemas import AccessoryStat
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.planner.shopview import shop_view
from assistant.recommend import CompatRow, compat_rows_from_chunks, recommend_accessories
from assistant.settings import Settings
from assistant.store.demo_spec import DemoProduct
from assistant.store.demo_spec import demo_product as product
from ingest.chunking import chunk_document
from ingest.loaders import load_file
from ingest.models import Chunk, DocType

ROOT = Path(__file__).resolve().parents[1]
Z8 = "LUM-Z8-BODY"
SHEET = "cameras/lumora-z8/lumora-z8-compatibility.csv"


def CATALOGUE(sku: str) -> DemoProduct | None:
    """The demo store's products, as the store's catalogue would give them."""
    try:
        return product(sku)
    except KeyError:
        return None


def row(
    accessory_sku: str | None,
    compatible: str = "yes",
    *,
    price: str | None = None,
    notes: str = "",
    product_sku: str = Z8,
    source: str = SHEET,
) -> CompatRow:
    sku_price = product(accessory_sku).price if accessory_sku and price is None else price
    return CompatRow.from_record(
        {
            "product_sku": product_sku,
            "product_name": "Lumora Z8",
            "accessory_sku": accessory_sku or "",
            "accessory_name": accessory_sku or "Something not sold here",
            "compatible": compatible,
            "price": str(sku_price or ""),
            "notes": notes or f"why {accessory_sku}",
        },
        source,
    )


def stat(sku: str, buyers: int, owners: int = 100, anchor: str = Z8) -> AccessoryStat:
    return AccessoryStat(
        anchor_sku=anchor,
        sku=sku,
        name=product(sku).name,
        price=product(sku).price,
        anchor_owners=owners,
        buyers=buyers,
        share=round(buyers / owners, 4),
    )


ROWS = [
    row("LUM-BP-F2"),
    row("KST-SD128-V90"),
    row(None, "yes", notes="CFexpress cards, not sold here"),
    row("TRP-SLING-10"),
    row("AUR-SWP-100", "no"),
    row("CLV-KIT-PRO"),
    row("LUM-GP-Z8"),
    row("LUM-RS-2"),
    row(None, "partial", notes="older battery"),
]
STATS = [
    stat("KST-SD128-V90", 58),
    stat("LUM-BP-F2", 56),
    stat("AUR-SWP-100", 54),  # bought a lot, but not compatible: never recommended
    stat("TRP-SLING-10", 39),
    stat("LUM-GP-Z8", 31),
    stat("CLV-KIT-PRO", 24),
    stat("LUM-RS-2", 17),
]


def test_ranks_compatible_catalogue_accessories_by_share() -> None:
    recs = recommend_accessories(Z8, ROWS, STATS, owned_skus=[Z8], catalogue=CATALOGUE)
    assert [r.sku for r in recs] == [
        "KST-SD128-V90",
        "LUM-BP-F2",
        "TRP-SLING-10",
        "LUM-GP-Z8",
        "CLV-KIT-PRO",
        "LUM-RS-2",
    ]
    card = recs[0]
    assert card.name == product("KST-SD128-V90").name and card.price == Decimal("89.99")
    assert (card.share, card.owners_count, card.buyers_count) == (0.58, 100, 58)
    assert card.percent == 58 and card.why == "why KST-SD128-V90" and card.source == SHEET


def test_excludes_what_the_customer_owns_and_the_anchor() -> None:
    rows = [*ROWS, row(Z8)]  # a sheet row pointing at the anchor itself
    recs = recommend_accessories(
        Z8, rows, STATS, owned_skus={"kst-sd128-v90", "LUM-RS-2"}, catalogue=CATALOGUE
    )
    skus = [r.sku for r in recs]
    assert "KST-SD128-V90" not in skus and "LUM-RS-2" not in skus and Z8 not in skus
    assert len(skus) == 4


def test_only_yes_rows_for_this_anchor_and_sold_by_the_store() -> None:
    rows = [
        row("LUM-BP-F2", "partial"),
        row("LUM-RS-2", "no"),
        row("NOPE-000", price="9.99"),  # not in the catalogue
        row("AUR-SWP-CASE", product_sku="AUR-SWP-100"),  # another product's sheet
        row("CLV-KIT-PRO"),
    ]
    assert [
        r.sku for r in recommend_accessories(Z8, rows, STATS, owned_skus=(), catalogue=CATALOGUE)
    ] == ["CLV-KIT-PRO"]


def test_without_statistics_keeps_sheet_order_and_unknown_shares_go_last() -> None:
    recs = recommend_accessories(Z8, ROWS, [], owned_skus=(), catalogue=CATALOGUE)
    assert [r.sku for r in recs][:2] == ["LUM-BP-F2", "KST-SD128-V90"]
    assert all(r.share is None and r.owners_count is None and r.percent is None for r in recs)
    partial = recommend_accessories(
        Z8, ROWS, [stat("LUM-RS-2", 10)], owned_skus=(), catalogue=CATALOGUE
    )
    assert partial[0].sku == "LUM-RS-2" and partial[1].sku == "LUM-BP-F2"


def test_ties_keep_sheet_order_and_other_anchors_stats_are_ignored() -> None:
    stats = [
        stat("TRP-SLING-10", 30),
        stat("LUM-BP-F2", 30),
        stat("LUM-RS-2", 99, anchor="AUR-SWP-100"),
    ]
    recs = recommend_accessories(Z8, ROWS, stats, owned_skus=(), limit=3, catalogue=CATALOGUE)
    assert [r.sku for r in recs] == ["LUM-BP-F2", "TRP-SLING-10", "KST-SD128-V90"]
    assert recs[2].share is None


def test_limit() -> None:
    assert (
        len(recommend_accessories(Z8, ROWS, STATS, owned_skus=(), limit=2, catalogue=CATALOGUE))
        == 2
    )
    assert recommend_accessories(Z8, ROWS, STATS, owned_skus=(), limit=0, catalogue=CATALOGUE) == []


def test_duplicate_rows_are_recommended_once() -> None:
    rows = [row("LUM-BP-F2", source="a.csv"), row("LUM-BP-F2", source="b.csv")]
    (rec,) = recommend_accessories(Z8, rows, STATS, owned_skus=(), catalogue=CATALOGUE)
    assert rec.source == "a.csv"


def test_catalogue_price_wins_over_a_stale_sheet(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="assistant.recommend"):
        (rec,) = recommend_accessories(
            Z8, [row("LUM-BP-F2", price="59.99")], [], owned_skus=(), catalogue=CATALOGUE
        )
    assert rec.price == Decimal("69.99")
    assert "sheet price 59.99 for LUM-BP-F2 differs from the catalogue's 69.99" in caplog.text


# --- rows from chunks ------------------------------------------------------------------------


def chunk(index: int, record: dict[str, str] | None, *, source: str = SHEET) -> Chunk:
    return Chunk(
        id=f"abc123-{index:04d}",
        text="passage",
        source=source,
        title="Lumora Z8 Compatibility",
        doc_type=DocType.COMPATIBILITY if record is not None else DocType.MANUAL,
        section=("row",),
        page=None,
        skus=(Z8,),
        model="",
        content_hash=str(index),
        record=record,
    )


def record(accessory_sku: str, compatible: str = "yes", price: str = "69.99") -> dict[str, str]:
    return {
        "product_sku": Z8,
        "product_name": "Lumora Z8",
        "accessory_sku": accessory_sku,
        "accessory_name": accessory_sku or "Third-party charger",
        "compatible": compatible,
        "price": price,
        "notes": "notes",
    }


def test_rows_from_chunks_in_sheet_order_with_source(caplog: pytest.LogCaptureFixture) -> None:
    chunks = [
        chunk(2, record("LUM-RS-2", price="$39.99")),
        chunk(0, record("LUM-BP-F2")),
        chunk(1, None),  # a manual passage
        chunk(3, record("", "Partial", price="")),
        chunk(4, record("LUM-GP-Z8", "maybe")),  # unusable
        chunk(5, record("LUM-GP-Z8", price="n/a")),  # unusable
        chunk(0, record("LUM-BP-F2")),  # the same row twice
    ]
    with caplog.at_level(logging.WARNING, logger="assistant.recommend"):
        rows = compat_rows_from_chunks(chunks)
    assert [(r.accessory_sku, r.compatible, r.price) for r in rows] == [
        ("LUM-BP-F2", "yes", Decimal("69.99")),
        ("LUM-RS-2", "yes", Decimal("39.99")),
        (None, "partial", None),
    ]
    assert {r.source for r in rows} == {SHEET}
    assert caplog.text.count("skipping compatibility row") == 2


def test_compat_row_rejects_rows_without_a_verdict() -> None:
    with pytest.raises(ValueError):
        CompatRow.from_record({"product_sku": Z8, "compatible": ""}, SHEET)


# --- the real store and the real sheet -------------------------------------------------------


@pytest.fixture
def sql_backend(tmp_path: Path) -> Iterator[SqlCommerceBackend]:
    settings = Settings(
        environment="test",
        database_url=f"sqlite:///{tmp_path}/s.db",
        store_now=datetime(2026, 1, 20, 10, tzinfo=ZoneInfo("America/New_York")),
    )
    backend = SqlCommerceBackend.from_settings(settings)
    yield backend
    backend.close()


@pytest.mark.integration
def test_taylor_gets_the_six_camera_accessories(sql_backend: SqlCommerceBackend) -> None:
    """The real sheet, parsed as ingestion does, and the demo store's purchase statistics."""
    document = load_file(ROOT / "corpus" / SHEET, SHEET, max_bytes=10_000_000)
    rows = compat_rows_from_chunks(chunk_document(document))
    assert len(rows) == 16 and {r.source for r in rows} == {SHEET}

    taylor = sql_backend.verify_by_order("conv-taylor", "46511", "taylor.brooks@example.com")
    owned = {p.sku for p in sql_backend.owned_products(taylor)}
    stats = sql_backend.accessory_stats(Z8, exclude_owned_by=taylor, limit=50)
    recs = recommend_accessories(Z8, rows, stats, owned, catalogue=shop_view(sql_backend).item)

    assert {r.sku for r in recs} == {
        "LUM-BP-F2",
        "KST-SD128-V90",
        "TRP-SLING-10",
        "CLV-KIT-PRO",
        "LUM-GP-Z8",
        "LUM-RS-2",
    }
    assert [r.share for r in recs] == sorted((r.share or 0.0 for r in recs), reverse=True)
    for rec in recs:
        assert rec.price == product(rec.sku).price and rec.source == SHEET
        assert rec.share is not None and rec.owners_count and rec.buyers_count is not None
        assert rec.share == pytest.approx(rec.buyers_count / rec.owners_count, abs=1e-4)
        assert rec.why.startswith(("The ", "Any "))
    card = recs[0]
    assert card.sku == "KST-SD128-V90" and card.percent == 55
    assert "slot 2" in card.why
