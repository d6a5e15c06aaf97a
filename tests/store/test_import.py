"""``assistant store import``: the demo pack loads into an empty database, a re-import updates
in place, bad records are reported with file and index and skipped, and the store's own order
number format verifies."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import func, select

from assistant.cli import main
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.settings import Settings
from assistant.store.clock import FixedClock
from assistant.store.importer import ImportReport, import_store
from assistant.store.models import CatalogProduct, Customer, Order, Shipment, Subscription
from assistant.store.store import Store, open_store
from tests.support import NOW, TZ, make_settings

PACK = Path("corpus/_store")
pytestmark = pytest.mark.integration


def _fresh(db: Path, **overrides: object) -> Store:
    return open_store(make_settings(db, **overrides), clock=FixedClock(NOW, TZ), seed=False)


def _count(store: Store, model: type[Any]) -> int:
    with store.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, ImportReport]]:
    store = _fresh(tmp_path_factory.mktemp("pack") / "store.db")
    report = import_store(PACK, store)
    yield store, report
    store.close()


def test_the_demo_pack_loads_like_the_seeder(
    imported: tuple[Store, ImportReport], tmp_path: Path
) -> None:
    store, report = imported
    assert report.problems == [] and report.skipped == 0
    seeded = open_store(make_settings(tmp_path / "seeded.db"), clock=FixedClock(NOW, TZ))
    try:
        for model in (Customer, Order, Shipment, Subscription, CatalogProduct):
            assert _count(store, model) == _count(seeded, model), model
        with store.sessions() as a, seeded.sessions() as b:
            mine = a.scalars(select(Order).where(Order.number == "47234")).one()
            theirs = b.scalars(select(Order).where(Order.number == "47234")).one()
            assert (mine.total, mine.status, mine.placed_at) == (
                theirs.total,
                theirs.status,
                theirs.placed_at,
            )
            assert [ln.variant for ln in mine.lines] == [ln.variant for ln in theirs.lines]
    finally:
        seeded.close()


def test_verification_and_reads_work_on_the_imported_store(
    imported: tuple[Store, ImportReport],
) -> None:
    store, _ = imported
    settings = make_settings(Path(str(store.engine.url.database)))
    backend = SqlCommerceBackend(store, settings)
    me = backend.verify_by_order("c-import", "#47234", "Jordan.Rivera@example.com")
    order = backend.get_order(me, "47234")
    assert [line.sku for line in order.lines] == ["STR-VELO3-W", "STR-SOCK-3P"]
    product = backend.product_by_sku("STR-VELO3-W")
    assert product is not None and "8" in product.options["size"]
    assert [p.quantity for p in backend.subscription_plans()] == [1, 2, 3]


def test_a_second_import_updates_in_place(imported: tuple[Store, ImportReport]) -> None:
    store, first = imported
    models = (Customer, Order, Shipment, Subscription, CatalogProduct)
    before = {m: _count(store, m) for m in models}
    second = import_store(PACK, store)
    assert {m: _count(store, m) for m in models} == before
    assert second.counts["orders.json"].created == 0
    assert second.counts["orders.json"].updated == first.counts["orders.json"].created


def _records(name: str, kind: str) -> list[dict[str, Any]]:
    data = json.loads((PACK / name).read_text(encoding="utf-8"))
    records: list[dict[str, Any]] = data[kind]
    return records


def _write(directory: Path, name: str, kind: str, records: list[Any]) -> None:
    (directory / name).write_text(json.dumps({kind: records}), encoding="utf-8")


@pytest.fixture
def corrupted(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    pack.mkdir()
    shutil.copy(PACK / "store.yaml", pack / "store.yaml")
    shutil.copy(PACK / "products.json", pack / "products.json")
    customers = _records("customers.json", "customers")[:40]
    customers[3]["created_at"] = "last tuesday"  # wrong type
    del customers[5]["email"]  # missing email
    customers[7]["id"] = customers[6]["id"]  # duplicate id
    customers[9]["surprise"] = {"unknown": "field"}  # ignored
    _write(pack, "customers.json", "customers", customers)
    wanted = {c["id"] for c in customers}
    orders = [o for o in _records("orders.json", "orders") if o["customer"]["id"] in wanted]
    orders[0]["line_items"][0]["sku"] = "NO-SUCH-SKU"  # unknown SKU
    orders[0]["line_items"][0]["variant_id"] = None
    orders[1]["line_items"][0]["quantity"] = "three"  # wrong type
    del orders[2]["email"]  # missing email
    orders[4]["id"] = orders[3]["id"]  # duplicate id
    orders[5].pop("fulfillments", None)  # optional: tolerated
    _write(pack, "orders.json", "orders", orders)
    (pack / "expected.json").write_text(json.dumps(len(orders)), encoding="utf-8")
    return pack


def test_bad_records_are_reported_and_skipped(corrupted: Path, tmp_path: Path) -> None:
    store = _fresh(tmp_path / "bad.db")
    try:
        report = import_store(corrupted, store)
        orders_loaded = _count(store, Order)
    finally:
        store.close()
    problems = {(p.file, p.index): p.message for p in report.problems}
    assert "created_at" in problems[("customers.json", 3)]
    assert "email: Field required" in problems[("customers.json", 5)]
    assert "duplicate id" in problems[("customers.json", 7)]
    assert "unknown SKU 'NO-SUCH-SKU'" in problems[("orders.json", 0)]
    assert "line_items[0].quantity" in problems[("orders.json", 1)]
    assert "email: Field required" in problems[("orders.json", 2)]
    assert "duplicate id" in problems[("orders.json", 4)]
    assert report.counts["customers.json"].loaded == 37
    total = json.loads((corrupted / "expected.json").read_text(encoding="utf-8"))
    # orders of the customers whose records were skipped still load: the customer is created
    # from the order's own email and name
    assert report.counts["orders.json"].skipped == 4
    assert orders_loaded == report.counts["orders.json"].loaded == total - 4


def test_strict_fails_on_any_skip(corrupted: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["store", "import", str(corrupted), "--database-url", url, "--quiet"]) == 0
    assert main(["store", "import", str(corrupted), "--database-url", url, "--strict"]) == 1
    assert main(["store", "import", str(tmp_path), "--database-url", url]) == 2  # no store.yaml


def test_the_stores_own_order_number_format_verifies(tmp_path: Path) -> None:
    pack = tmp_path / "nm"
    pack.mkdir()
    policy = yaml.safe_load((PACK / "store.yaml").read_text(encoding="utf-8"))
    policy["orders"].update(number_pattern=r"NM-\d{5}", number_example="NM-10023")
    (pack / "store.yaml").write_text(yaml.safe_dump(policy), encoding="utf-8")
    shutil.copy(PACK / "products.json", pack / "products.json")
    customers = _records("customers.json", "customers")[:3]
    _write(pack, "customers.json", "customers", customers)
    orders = [
        o for o in _records("orders.json", "orders") if o["customer"]["id"] == customers[0]["id"]
    ]
    order = dict(orders[0], name="nm-10023")
    _write(pack, "orders.json", "orders", [order, dict(orders[0], id=1, name="#47234")])
    settings: Settings = make_settings(tmp_path / "nm.db", store_policy_path=pack / "store.yaml")
    store = open_store(settings, clock=FixedClock(NOW, TZ), seed=False)
    try:
        report = import_store(pack, store)
        assert [(p.index, "number_pattern" in p.message) for p in report.problems] == [(1, True)]
        backend = SqlCommerceBackend(store, settings)
        me = backend.verify_by_order("c-nm", "order #NM-10023", customers[0]["email"])
        assert backend.get_order(me, "nm-10023").number == "NM-10023"
    finally:
        store.close()


RIDGELINE = Path("corpus/_packs/ridgeline/_store")


@pytest.mark.parametrize("pack", [PACK, RIDGELINE], ids=["demo", "ridgeline"])
def test_both_packs_import_and_verify_in_their_own_format(pack: Path, tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "pack.db", store_policy_path=pack / "store.yaml")
    store = open_store(settings, clock=FixedClock(NOW, TZ), seed=False)
    try:
        report = import_store(pack, store)
        assert report.problems == [], report.problems[:5]
        backend = SqlCommerceBackend(store, settings)
        policy = backend.policy()
        assert _count(store, Customer) >= 200 and _count(store, Order) >= 600
        assert len(backend.catalog()) >= 20
        with store.sessions() as session:
            statuses = set(session.scalars(select(Order.status)))
            # the format hint customers are shown names no real order
            hint = policy.orders.number_example
            assert session.scalars(select(Order).where(Order.number == hint)).first() is None
            example = session.scalars(select(Order).order_by(Order.number)).first()
            assert example is not None and re.fullmatch(policy.orders.number_pattern, hint)
        assert {s.value for s in statuses} >= {
            "placed",
            "processing",
            "shipped",
            "delivered",
            "cancelled",
            "returned",
        }
        me = backend.verify_by_order("c-pack", f"#{example.number.lower()}", example.email)
        assert backend.get_order(me, example.number).number == example.number
    finally:
        store.close()


def test_the_ridgeline_exports_are_what_the_generator_writes(tmp_path: Path) -> None:
    from assistant.store.policy import load_policy
    from evals.store_gen import Spec, generate, read_products

    spec = Spec(
        now=datetime.fromisoformat("2026-11-24T10:00:00-07:00"),
        customers=240,
        orders=640,
        subscriptions=36,
        seed=2611,
        number_format="RGL-{n:06d}",
        first_number=103801,
        email_domain="example.org",
    )
    files = generate(read_products(RIDGELINE), load_policy(RIDGELINE / "store.yaml"), spec)
    for kind, records in files.items():
        committed = json.loads((RIDGELINE / f"{kind}.json").read_text(encoding="utf-8"))
        assert committed[kind] == json.loads(json.dumps(records)), kind


def test_the_demo_exports_are_what_the_seeder_writes(tmp_path: Path) -> None:
    assert main(["store", "export-demo", str(tmp_path), "--now", NOW.isoformat()]) == 0
    for kind in ("products", "customers", "orders", "subscriptions"):
        written = (tmp_path / f"{kind}.json").read_text(encoding="utf-8")
        assert written == (PACK / f"{kind}.json").read_text(encoding="utf-8"), kind


def test_an_imported_store_is_never_seeded_with_the_demo(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "mine.db")
    store = open_store(settings, clock=FixedClock(NOW, TZ), seed=False)
    try:
        import_store(RIDGELINE, store)
        before = _count(store, Order)
    finally:
        store.close()
    reopened = open_store(settings, clock=FixedClock(NOW, TZ))  # seed_demo_data is on
    try:
        assert _count(reopened, Order) == before == 640
    finally:
        reopened.close()


def test_a_shipping_methods_remark_is_not_its_service_name() -> None:
    from assistant.store.importer.orders import service_name

    assert service_name("Priority (USPS, Alaska, Hawaii, PO boxes)") == "Priority"
    assert service_name("UPS 2nd Day Air") == "UPS 2nd Day Air"
    long = service_name("Economy ground freight for oversized and heavy parcels, no PO boxes")
    assert len(long) <= 32 and long == "Economy ground freight for"
