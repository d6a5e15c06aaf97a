"""The store_state query language, and snapshots read from a real (temporary) demo store."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from assistant.settings import Settings
from assistant.store.clock import FixedClock
from assistant.store.models import EscalationTicket, Subscription
from assistant.store.store import Store, open_store
from evals.store_state import Snapshot, check_state, durable_changes, read_snapshot

NOW = datetime(2026, 1, 20, 10, tzinfo=ZoneInfo("America/New_York"))

SNAP: Snapshot = {
    "order": [
        {
            "number": "47234",
            "customer": "j@x",
            "status": "placed",
            "skus": ["A", "B"],
            "total": "143.50",
        },
        {
            "number": "47102",
            "customer": "s@x",
            "status": "delivered",
            "skus": ["C"],
            "total": "9.00",
        },
    ],
    "subscription": [
        {"id": 1, "customer": "a@x", "next_delivery_date": "2026-03-15", "status": "active"}
    ],
    "ticket": [{"number": "ESC-1", "reason": "billing_dispute", "customer": "s@x"}],
    "feedback": [],
    "warranty_registration": [],
    "action": [],
}


def test_filters_match_as_text_case_insensitively() -> None:
    ok = check_state(
        SNAP, "subscription", {"customer": "A@X", "next_delivery_date": date(2026, 3, 15)}
    )
    assert ok.passed
    assert check_state(
        SNAP, "order", {"number": 47234, "status": "PLACED", "total": "143.50"}
    ).passed


def test_count() -> None:
    assert check_state(SNAP, "ticket", {"reason": "billing_dispute", "count": 1}).passed
    assert not check_state(SNAP, "ticket", {"count": 2}).passed
    assert check_state(SNAP, "ticket", {"reason": "frustration", "count": 0}).passed
    assert check_state(SNAP, "feedback", {"count": 0}).passed
    assert not check_state(SNAP, "feedback", {"customer": "s@x"}).passed  # at least one by default


def test_list_fields() -> None:
    assert check_state(SNAP, "order", {"number": "47234", "skus": "B"}).passed
    assert check_state(SNAP, "order", {"number": "47234", "skus": ["B", "A"]}).passed
    assert not check_state(SNAP, "order", {"number": "47234", "skus": ["A"]}).passed


def test_a_failure_shows_what_the_store_has_instead() -> None:
    result = check_state(SNAP, "subscription", {"customer": "a@x", "status": "paused"})
    assert not result.passed
    assert "0 record(s)" in result.detail and "'status': 'active'" in result.detail
    assert "unknown field" in check_state(SNAP, "order", {"colour": "red"}).detail
    assert "unknown entity" in check_state(SNAP, "invoice", {"count": 0}).detail


def test_durable_changes() -> None:
    after: Snapshot = {
        **SNAP,
        "order": [SNAP["order"][0] | {"status": "cancelled"}, SNAP["order"][1]],
        "warranty_registration": [{"registration_id": "WR-1", "sku": "C"}],
        "ticket": [],  # tickets are not durable store state
    }
    changes = durable_changes(SNAP, after)
    assert changes == [
        "order 47234 changed (status: placed -> cancelled)",
        "warranty_registration WR-1 added",
    ]
    assert durable_changes(SNAP, SNAP) == []


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    db = tmp_path_factory.mktemp("state") / "store.db"
    settings = Settings(database_url=f"sqlite:///{db}", store_now=NOW, embedder="hashing")
    return open_store(settings, clock=FixedClock(NOW))


def test_snapshot_of_the_demo_store(store: Store) -> None:
    snap = read_snapshot(store.engine, "conv-1")
    assert check_state(
        snap,
        "order",
        {
            "number": "47234",
            "customer": "jordan.rivera@example.com",
            "status": "placed",
            "items": 2,
        },
    ).passed
    assert check_state(
        snap,
        "subscription",
        {"customer": "alex.kim@example.com", "next_delivery_date": "2026-02-15"},
    ).passed
    assert check_state(snap, "ticket", {"count": 0}).passed  # demo tickets belong to others
    with store.write_sessions.begin() as session:
        session.execute(
            update(Subscription)
            .where(Subscription.first_order_number == "46890")
            .values(next_delivery_date=date(2026, 3, 15))
        )
        session.add(
            EscalationTicket(
                ticket_number="ESC-T1",
                customer_id=None,
                conversation_id="conv-1",
                order_number=None,
                reason="other",
                summary="s",
                priority="normal",
                status="open",
                created_at=NOW,
            )
        )
    after = read_snapshot(store.engine, "conv-1")
    assert check_state(after, "ticket", {"reason": "other", "count": 1}).passed
    assert check_state(read_snapshot(store.engine, "conv-2"), "ticket", {"count": 0}).passed
    changes = durable_changes(snap, after)
    assert len(changes) == 1 and "next_delivery_date: 2026-02-15 -> 2026-03-15" in changes[0]
