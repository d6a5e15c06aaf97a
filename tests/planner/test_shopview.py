"""The planner's view of a store comes from the backend's catalogue and policy, one per backend,
rebuilt when the backend's data changes; two packs give two different stores."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from assistant.commerce.schemas import CatalogProduct, CatalogVariant
from assistant.planner.shopview import shop_view
from assistant.planner.slots import extract_slots
from assistant.store.policy import StorePolicy
from tests.support import RIDGELINE_PACK, pack_view


def _product(pid: str, title: str, vendor: str, sku: str, product_type: str) -> CatalogProduct:
    return CatalogProduct(
        external_id=pid,
        title=title,
        handle=pid,
        product_type=product_type,
        vendor=vendor,
        warranty_months=12,
        variants=[
            CatalogVariant(external_id=f"{pid}-1", sku=sku, title="Default", price=Decimal(10))
        ],
    )


@dataclass
class Backend:
    store_policy: StorePolicy
    products: list[CatalogProduct] = field(default_factory=list)
    calls: int = 0

    def policy(self) -> StorePolicy:
        return self.store_policy

    def catalog(self) -> list[CatalogProduct]:
        self.calls += 1
        return list(self.products)

    __hash__ = object.__hash__  # weakly referenced, like the SQL backend


def test_one_view_per_backend_rebuilt_when_the_catalogue_changes() -> None:
    policy = pack_view().policy
    lantern = _product("1", "Tarnwick Halo 3 Lantern", "Tarnwick", "HALO-3", "Lighting")
    first, second = Backend(policy, [lantern]), Backend(policy, [])
    view = shop_view(first)
    assert shop_view(first) is view  # cached for this backend
    assert shop_view(second) is not view and shop_view(second).items() == []
    assert view.mentions("my halo 3 lantern flickers") == ["HALO-3"]

    kettle = _product("2", "Quillby Kettle", "Quillby", "QK-1", "Kitchen")
    first.products = [lantern, kettle]  # an import added a product: the next turn sees it
    assert shop_view(first) is not view
    assert shop_view(first).mentions("the quillby kettle") == ["QK-1"]


def test_two_packs_two_stores() -> None:
    demo, ridgeline = pack_view(), pack_view(RIDGELINE_PACK)
    assert demo.store_name != ridgeline.store_name
    assert ridgeline.order_pattern != demo.order_pattern
    assert ridgeline.handover_value < demo.handover_value
    slots = extract_slots("order RGL-104233, my aspen 2 tent, size M", ridgeline)
    assert slots.order_number == "RGL-104233"
    assert slots.skus and ridgeline.model(slots.skus[0]).startswith("Cairnline Aspen 2")
    assert extract_slots("order RGL-104233", demo).order_number is None
    assert extract_slots("send it every 3 months", ridgeline).frequency == "every-3-months"
    assert extract_slots("send it every 3 months", demo).frequency is None


def test_my_tent_is_the_tent_i_own() -> None:
    shop = pack_view(RIDGELINE_PACK)
    named = extract_slots("how long is the warranty on my tent?", shop).skus
    assert named and shop.same_kind(named[0], "RO-TNT-AS2-GRN")
    assert not shop.same_kind("RO-TNT-AS2-GRN", "RO-TNT-FP2")  # a footprint is no tent
    assert shop.same_product("RO-TNT-AS2-GRN", "RO-TNT-AS2-SND")  # two colours, one product
    assert shop.is_accessory("RO-TNT-FP2") and not shop.is_accessory("RO-TNT-AS2-GRN")
