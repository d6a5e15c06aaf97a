"""The data packs the suites can run on: a store's exports and policy file plus its corpus.

``demo`` is the demo store (its data seeded by the demo seeder, as ``make run`` does);
``ridgeline`` is the second pack, an outdoor-gear shop in ``corpus/_packs/ridgeline``, whose
exports are imported into each case's store exactly as ``assistant store import`` would. The
assistant's code is the same for both: only data differs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from evals.datasets import DATASETS

if TYPE_CHECKING:
    from assistant.planner.shopview import ShopView

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True, slots=True)
class Pack:
    name: str
    corpus: Path  # the documents (ingestion skips the ``_store`` folder inside)
    store: Path  # ``store.yaml`` and the Shopify/Recharge exports
    now: datetime  # the store clock cases run at unless they set their own
    seeded: bool = False  # the demo seeder builds the store instead of an import
    conversations: tuple[Path, ...] = field(default_factory=tuple)
    shoppers: tuple[Path, ...] = field(default_factory=tuple)  # default: the shopper splits
    safety: tuple[Path, ...] = field(default_factory=tuple)  # default: the safety splits

    @property
    def policy_path(self) -> Path:
        return self.store / "store.yaml"


PACKS: dict[str, Pack] = {
    "demo": Pack(
        "demo",
        ROOT / "corpus",
        ROOT / "corpus" / "_store",
        datetime.fromisoformat("2026-01-20T10:00:00-05:00"),
        seeded=True,
        conversations=(DATASETS / "conversations_dev.yaml", DATASETS / "conversations_test.yaml"),
    ),
    "ridgeline": Pack(
        "ridgeline",
        ROOT / "corpus" / "_packs" / "ridgeline",
        ROOT / "corpus" / "_packs" / "ridgeline" / "_store",
        datetime.fromisoformat("2026-11-24T14:00:00-07:00"),  # the pack's newest orders are today
        conversations=(DATASETS / "packs" / "ridgeline_conversations.yaml",),
        shoppers=(DATASETS / "packs" / "ridgeline_shoppers.yaml",),
        safety=(DATASETS / "packs" / "ridgeline_safety.yaml",),
    ),
}


@cache
def pack_view(store: Path) -> ShopView:
    """The planner's view of a pack's store without a database on disk: its ``products.json``
    imported into an in-memory store as ``assistant store import`` would, and its policy."""
    from assistant.commerce.catalogue import CatalogueService
    from assistant.planner.shopview import ShopView
    from assistant.store import exports
    from assistant.store.clock import FixedClock
    from assistant.store.db import make_engine, session_factory, write_session_factory
    from assistant.store.importer import upsert_product
    from assistant.store.migrations import migrate
    from assistant.store.policy import load_policy
    from assistant.store.store import Store

    policy = load_policy(store / "store.yaml")
    engine = make_engine("sqlite://")
    migrate(engine)
    db = Store(
        engine,
        session_factory(engine),
        write_session_factory(engine),
        FixedClock(datetime.now(policy.tz)),
    )
    raw = json.loads((store / "products.json").read_text(encoding="utf-8"))
    with db.write_sessions.begin() as session:
        for record in raw["products"]:
            upsert_product(session, exports.Product.model_validate(record), policy)
    products = CatalogueService(db).catalog()
    db.close()
    return ShopView(policy, products)


def demo_view() -> ShopView:
    """The demo store's view: the routing datasets' slots are in its terms."""
    return pack_view(PACKS["demo"].store)
