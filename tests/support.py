"""What many test packages share: the reference clock of the demo store and test settings."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from assistant.agent.clauses import RoutedClause
from assistant.agent.context import TurnContext
from assistant.agent.state import ConversationState
from assistant.commerce.requests import ChangeFrequency
from assistant.commerce.schemas import Change, Preview
from assistant.intents import Intent
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
_SELF_SERVICE: list[Path] = []


def self_service_returns_policy() -> Path:
    """The demo store's policy file, but with changed-mind returns (a fee is deducted) started
    by the assistant itself, without an agent's review: the store the self-service return
    machinery (preview, RMA, label, refund records) is tested against. The demo store itself
    hands those returns to a person, as its returns policy says."""
    if not _SELF_SERVICE:
        data = yaml.safe_load((DEMO_PACK / "store.yaml").read_text(encoding="utf-8"))
        for reason in data["returns"]["reasons"]:
            if reason["code"] == data["returns"]["default_reason"]:
                reason.pop("person_decides", None)
        path = Path(tempfile.mkdtemp(prefix="self-service-returns-")) / "store.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        _SELF_SERVICE.append(path)
    return _SELF_SERVICE[0]


def pack_view(pack: Path = DEMO_PACK) -> ShopView:
    """The planner's view of a data pack's store (:func:`evals.packs.pack_view`)."""
    return _pack_view(pack)


def turn_context(
    text: str, intent: Intent, confidence: float, clauses: Sequence[RoutedClause] = ()
) -> TurnContext:
    """A turn of a new conversation with the demo store, as the router read it."""
    return TurnContext(
        state=ConversationState(conversation_id="c"),
        text=text,
        intent=intent,
        confidence=confidence,
        ranked=[(intent, confidence)],
        now=datetime(2026, 1, 20, tzinfo=UTC),
        settings=Settings(environment="test"),
        shop=pack_view(),
        clauses=list(clauses),
    )


def preview_of(action: str, summary: str, change: Change) -> Preview:
    """A server preview of ``action`` for reading a reply to it (its request is not read)."""
    return Preview(
        confirmation_token="tok",
        action=action,
        request=ChangeFrequency(subscription_id=3, frequency="every-2-months"),
        summary=summary,
        changes=[change],
        amount_change=None,
        expires_at=datetime(2026, 1, 20, tzinfo=UTC),
    )
