"""Failed verifications counted per order, email and client across conversations, in the
database: limits, the doubling back-off, forgetting after a quiet window, what a success clears,
and the per-conversation lock still in front. Verification goes through the real identity
service over the demo store."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from assistant.commerce.errors import VerificationFailed, VerificationLocked
from assistant.commerce.identity import IdentityService
from assistant.commerce.throttle import Throttle, ThrottleKey, current_client
from assistant.settings import Settings
from assistant.store.clock import FixedClock
from assistant.store.models_conversations import VerificationThrottle
from assistant.store.store import Store, open_store
from tests.support import NOW, TZ, make_settings

ORDER, EMAIL = "47234", "jordan.rivera@example.com"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW, TZ)


@pytest.fixture
def empty(tmp_path: Path, clock: FixedClock) -> Store:
    settings = make_settings(tmp_path / "empty.db", seed_demo_data=False)
    return open_store(settings, clock=clock)


def _throttle(store: Store, **overrides: int) -> Throttle:
    values = {
        "verification_failures_per_order": 3,
        "verification_failures_per_email": 3,
        "verification_failures_per_client": 5,
        "verification_lockout_seconds": 60,
        "verification_failure_window_seconds": 600,
        "verification_max_lockout_seconds": 200,
        **overrides,
    }
    return Throttle(store, Settings(environment="test", **values))  # type: ignore[arg-type]


def test_the_back_off_doubles_up_to_its_ceiling(empty: Store, clock: FixedClock) -> None:
    throttle = _throttle(empty)
    keys = [ThrottleKey("order", ORDER)]
    locks = []
    for _ in range(4):
        assert throttle.record_failure(keys) is None
        assert throttle.record_failure(keys) is None
        until = throttle.record_failure(keys)
        assert until is not None and throttle.locked_until(keys) == until
        locks.append(until - clock.now())
        clock.advance(until - clock.now())  # the lock runs out
        assert throttle.locked_until(keys) is None
    assert locks == [timedelta(seconds=s) for s in (60, 120, 200, 200)]


def test_failures_are_forgotten_after_a_quiet_window(empty: Store, clock: FixedClock) -> None:
    throttle = _throttle(empty)
    keys = [ThrottleKey("email", EMAIL)]
    throttle.record_failure(keys)
    throttle.record_failure(keys)
    clock.advance(timedelta(seconds=601))
    assert throttle.record_failure(keys) is None  # counts from 1 again
    assert throttle.record_failure(keys) is None


def test_each_kind_has_its_own_limit_and_any_lock_refuses(empty: Store) -> None:
    throttle = _throttle(empty)
    client = [ThrottleKey("client", "203.0.113.7")]
    for _ in range(4):
        assert throttle.record_failure(client) is None
    assert throttle.record_failure(client) is not None
    mixed = [ThrottleKey("order", ORDER), *client]
    assert throttle.locked_until(mixed) is not None
    assert throttle.locked_until([ThrottleKey("order", ORDER)]) is None


def test_keys_are_stored_hashed(empty: Store) -> None:
    _throttle(empty).record_failure(Throttle.keys(order=ORDER, email=EMAIL, client="10.0.0.1"))
    with empty.sessions() as session:
        stored = [row.key for row in session.query(VerificationThrottle)]
    assert len(stored) == 3
    assert not any(EMAIL in k or ORDER in k or "10.0.0.1" in k for k in stored)
    assert sorted(k.split(":")[0] for k in stored) == ["client", "email", "order"]


def test_the_client_comes_from_the_request_context() -> None:
    assert [k.kind for k in Throttle.keys(order=ORDER)] == ["order"]
    token = current_client.set("198.51.100.4")
    try:
        keys = Throttle.keys(order=ORDER, email=EMAIL.upper())
    finally:
        current_client.reset(token)
    assert keys == [
        ThrottleKey("order", ORDER),
        ThrottleKey("email", EMAIL),
        ThrottleKey("client", "198.51.100.4"),
    ]


@pytest.fixture
def identity(settings: Settings, clock: FixedClock) -> IdentityService:
    store = open_store(settings, clock=clock)
    return IdentityService(store, settings)


def test_new_conversations_get_no_fresh_tries(identity: IdentityService) -> None:
    """The default limit (5 per order) across conversations; then even the right email fails."""
    outcomes = []
    for i in range(8):
        try:
            identity.verify_by_order(f"conv-{i}", ORDER, f"guess{i}@example.com")
        except (VerificationFailed, VerificationLocked) as exc:
            outcomes.append(type(exc).__name__)
    assert outcomes == ["VerificationFailed"] * 4 + ["VerificationLocked"] * 4
    with pytest.raises(VerificationLocked):
        identity.verify_by_order("conv-new", ORDER, EMAIL)


def test_a_success_clears_the_order_and_email_but_not_the_client(
    identity: IdentityService,
) -> None:
    token = current_client.set("203.0.113.50")
    try:
        for i in range(4):
            with pytest.raises(VerificationFailed):
                identity.verify_by_order(f"conv-{i}", ORDER, f"guess{i}@example.com")
        assert identity.verify_by_order("conv-ok", ORDER, EMAIL).email == EMAIL
        with pytest.raises(VerificationFailed):  # the order's count started again
            identity.verify_by_order("conv-again", ORDER, "guess-again@example.com")
        outcomes = []  # the client's did not: 5 failures so far, locked at its 10th
        for i in range(5):
            try:
                identity.verify_by_order(f"conv-b{i}", str(41000 + i), f"other{i}@example.com")
            except (VerificationFailed, VerificationLocked) as exc:
                outcomes.append(type(exc).__name__)
        assert outcomes == ["VerificationFailed"] * 4 + ["VerificationLocked"]
    finally:
        current_client.reset(token)


def test_a_forged_token_counts_against_the_client(identity: IdentityService) -> None:
    token = current_client.set("203.0.113.60")
    try:
        for i in range(10):
            with pytest.raises((VerificationFailed, VerificationLocked)):
                identity.verify_by_token(f"conv-t{i}", "v1.forged.token")
        with pytest.raises(VerificationLocked):
            identity.verify_by_token("conv-t-last", identity.issue_storefront_token(EMAIL))
    finally:
        current_client.reset(token)
