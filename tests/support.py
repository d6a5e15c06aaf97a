"""What many test packages share: the reference clock of the demo store and test settings."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from assistant.settings import Settings

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
