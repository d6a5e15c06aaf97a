"""What many test packages share: the reference clock of the demo store and test settings."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from assistant.planner.shopview import ShopView
from assistant.settings import Settings
from evals.packs import pack_view as _pack_view

TZ = ZoneInfo("America/New_York")
NOW = datetime(2026, 1, 20, 10, 0, tzinfo=TZ)  # the reference conversations' "now"


def make_settings(db: Path, **overrides: object) -> Settings:
    """Settings for a test store at ``db`` with the clock pinned to :data:`NOW`."""
    values: dict[str, object] = {
        "environment": "test",
        "database_url": f"sqlite:///{db}",
        "store_now": NOW,
        "storefront_secret": "test-storefront-secret",
        "confirmation_secret": "test-confirmation-secret",
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


DEMO_PACK = Path(__file__).resolve().parents[1] / "corpus" / "_store"
RIDGELINE_PACK = Path(__file__).resolve().parents[1] / "corpus" / "_packs" / "ridgeline" / "_store"


def pack_view(pack: Path = DEMO_PACK) -> ShopView:
    """The planner's view of a data pack's store (:func:`evals.packs.pack_view`)."""
    return _pack_view(pack)
