"""Stock on import: a tracked Shopify variant's ``inventory_quantity`` becomes its
``variant_stock`` row, an untracked one (or one sold when out of stock) has none, a re-import
updates the rows in place; the demo pack's stock comes from its ``demo.yaml``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from assistant.store.clock import FixedClock
from assistant.store.demo_spec import demo_spec
from assistant.store.importer import import_store
from assistant.store.models import CatalogVariant
from assistant.store.models_returns import VariantStock
from assistant.store.store import Store, open_store
from tests.support import NOW, TZ, make_settings

PACK = Path("corpus/_store")
RIDGELINE = Path("corpus/_packs/ridgeline/_store")
pytestmark = pytest.mark.integration


def _variant(vid: int, colour: str, **inventory: Any) -> dict[str, Any]:
    return {"id": vid, "sku": "TST-MUG", "title": colour, "price": "12.00", "option1": colour,
            **inventory}  # fmt: skip


def _pack(directory: Path, variants: list[dict[str, Any]]) -> Path:
    directory.mkdir(exist_ok=True)
    shutil.copy(PACK / "store.yaml", directory / "store.yaml")
    product = {
        "id": 901,
        "title": "Test Mug",
        "product_type": "kitchen",
        "options": [{"name": "Colour", "position": 1}],
        "variants": variants,
    }
    (directory / "products.json").write_text(json.dumps({"products": [product]}), "utf-8")
    for kind in ("customers", "orders"):
        (directory / f"{kind}.json").write_text(json.dumps({kind: []}), "utf-8")
    return directory


def _stock(store: Store) -> dict[str, int]:
    with store.sessions() as session:
        return {r.variant_external_id: r.available for r in session.scalars(select(VariantStock))}


def test_tracked_variants_get_their_quantity_and_a_reimport_updates_it(tmp_path: Path) -> None:
    store = open_store(make_settings(tmp_path / "s.db"), clock=FixedClock(NOW, TZ), seed=False)
    try:
        first = [
            _variant(1, "red", inventory_management="shopify", inventory_quantity=7),
            _variant(2, "blue", inventory_management="shopify", inventory_quantity=-2),
            _variant(3, "green", inventory_management=None, inventory_quantity=0),
            _variant(
                4,
                "white",
                inventory_management="shopify",
                inventory_quantity=0,
                inventory_policy="continue",
            ),
            _variant(5, "black"),  # no inventory fields at all
        ]
        report = import_store(_pack(tmp_path / "pack", first), store)
        assert report.problems == []
        assert _stock(store) == {"1": 7, "2": 0}  # oversold counts as none left
        second = [
            _variant(1, "red", inventory_management="shopify", inventory_quantity=3),
            _variant(2, "blue", inventory_management=None, inventory_quantity=5),
            _variant(3, "green", inventory_management="shopify", inventory_quantity=4),
            _variant(5, "black"),  # variant 4 is gone
        ]
        import_store(_pack(tmp_path / "pack", second), store)
        import_store(_pack(tmp_path / "pack", second), store)  # idempotent
        assert _stock(store) == {"1": 3, "3": 4}
        with store.sessions() as session:
            assert session.scalar(select(func.count()).select_from(CatalogVariant)) == 4
    finally:
        store.close()


def test_the_demo_pack_and_the_seeder_have_the_spec_stock(tmp_path: Path) -> None:
    imported = open_store(make_settings(tmp_path / "i.db"), clock=FixedClock(NOW, TZ), seed=False)
    seeded = open_store(make_settings(tmp_path / "s.db"), clock=FixedClock(NOW, TZ))
    try:
        assert import_store(PACK, imported).problems == []
        stock = _stock(imported)
        assert stock == _stock(seeded)
        with imported.sessions() as session:
            velo = {
                (v.options["size"], v.options["colour"]): stock.get(v.external_id)
                for v in session.scalars(
                    select(CatalogVariant).where(CatalogVariant.sku == "STR-VELO3-W")
                )
            }
            coffee = session.scalars(
                select(CatalogVariant.external_id).where(CatalogVariant.sku == "RCC-PDR-12")
            ).all()
        assert velo[("10.5", "navy blue")] == 0 and velo[("9", "navy blue")] == 8
        assert not set(coffee) & set(stock)  # not tracked in the spec: no rows
        spec = demo_spec().product("STR-VELO3-W").stock
        assert spec is not None and spec.units_of({"size": "9", "colour": "black"}) == 1
    finally:
        imported.close()
        seeded.close()


def test_the_second_pack_imports_its_out_of_stock_variants(tmp_path: Path) -> None:
    pack = tmp_path / "ridgeline"
    pack.mkdir()
    for name in ("store.yaml", "products.json"):
        shutil.copy(RIDGELINE / name, pack / name)
    settings = make_settings(tmp_path / "r.db", store_policy_path=pack / "store.yaml")
    store = open_store(settings, clock=FixedClock(NOW, TZ), seed=False)
    try:
        import_store(pack, store)
        stock = _stock(store)
        assert len(stock) == 180 and sum(1 for n in stock.values() if n == 0) == 19
    finally:
        store.close()
