"""The store's rules and catalogue as the commerce services see them, on a store that is not the
demo (the Ridgeline Outfitters pack): per-variant SKUs, rules by product type, its frequencies."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from assistant.commerce import validation
from assistant.commerce.errors import InvalidInput
from assistant.commerce.requests import ItemInput
from assistant.commerce.shop import Shop
from assistant.store.clock import FixedClock
from assistant.store.importer import import_store
from assistant.store.policy import load_policy
from assistant.store.store import open_store
from tests.support import NOW, TZ, make_settings

PACK = Path("corpus/_packs/ridgeline/_store")
pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shop]:
    db = tmp_path_factory.mktemp("ridgeline") / "store.db"
    settings = make_settings(db, store_policy_path=PACK / "store.yaml")
    store = open_store(settings, clock=FixedClock(NOW, TZ), seed=False)
    assert import_store(PACK, store).problems == []
    yield Shop(load_policy(PACK / "store.yaml"), store)
    store.close()


def test_per_variant_skus_have_their_own_options(shop: Shop) -> None:
    tent = validation.known_product(shop, "ro-tnt-as2-grn")
    assert tent.product_type == "Tent" and tent.warranty_months == 36
    assert shop.options("RO-TNT-AS2-GRN") == {"colour": ["forest green"]}
    product, quantity, variant = validation.item(
        shop, ItemInput(sku="RO-TNT-AS2-GRN", quantity=2, variant={"Colour": "Forest Green"})
    )
    assert (product.sku, quantity, variant) == ("RO-TNT-AS2-GRN", 2, {"colour": "forest green"})
    with pytest.raises(InvalidInput) as err:
        validation.item(shop, ItemInput(sku="RO-TNT-AS2-GRN", variant={"colour": "sandstone"}))
    assert err.value.code == "invalid_variant"


def test_rules_by_product_type_come_from_the_policy(shop: Shop) -> None:
    assert shop.serial_format("RO-TNT-AS2-GRN") is not None
    assert validation.serial(shop, "RO-TNT-AS2-GRN", "cl-2409-0317") == "CL-2409-0317"
    with pytest.raises(InvalidInput, match="inside the door pocket"):
        validation.serial(shop, "RO-TNT-AS2-GRN", "SW0123456789")
    fuel = shop.sku("RO-FUL-ISO-230")
    assert fuel is not None and fuel.product_type == "Fuel" and fuel.warranty_months == 0
    assert shop.extended_offer("RO-TNT-AS2-GRN") is None


def test_subscription_frequencies_are_the_stores(shop: Shop) -> None:
    assert validation.frequency(shop, "every 3 months") == "every-3-months"
    assert shop.next_cycle(date(2026, 1, 31), "every-3-months") == date(2026, 4, 30)
    with pytest.raises(InvalidInput, match="every 6 months"):
        validation.frequency(shop, "every 2 weeks")
    plan = shop.catalogue.product_by_sku("RO-SUB-GFC-3M")
    assert plan is not None and plan.subscription_eligible
