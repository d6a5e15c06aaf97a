from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from conftest import login
from sqlalchemy import func, select, update

from assistant.commerce.errors import (
    ConfirmationExpired,
    ConfirmationInvalid,
    ConfirmationUsed,
    InvalidInput,
)
from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.requests import (
    AddItems,
    CancelOrder,
    ItemInput,
    ResendConfirmation,
    SkipNextDelivery,
    parse_action_request,
)
from assistant.commerce.schemas import ActionResult, OrderPublic, SubscriptionPublic
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.settings import Settings
from assistant.store.clock import FixedClock
from assistant.store.models import ActionConfirmation, IdempotencyRecord, Order, OrderLine


def test_confirmation_is_single_use(backend: SqlCommerceBackend, jordan: VerifiedCustomer) -> None:
    preview = backend.preview(jordan, CancelOrder(order_number="47234"))
    backend.confirm(jordan, preview.confirmation_token, idempotency_key="a")
    with pytest.raises(ConfirmationUsed):
        backend.confirm(jordan, preview.confirmation_token, idempotency_key="b")


def test_confirmation_expires(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer, clock: FixedClock
) -> None:
    preview = backend.preview(jordan, ResendConfirmation(order_number="47234"))
    clock.advance(timedelta(seconds=601))
    with pytest.raises(ConfirmationExpired):
        backend.confirm(jordan, preview.confirmation_token, idempotency_key="a")


def test_declined_confirmation_cannot_be_used(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer
) -> None:
    preview = backend.preview(jordan, CancelOrder(order_number="47234"))
    backend.decline(jordan, preview.confirmation_token)
    with pytest.raises(ConfirmationUsed):
        backend.confirm(jordan, preview.confirmation_token, idempotency_key="a")
    assert backend.get_order(jordan, "47234").status == "placed"


def test_tampered_arguments_are_rejected(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer
) -> None:
    request = AddItems(order_number="47234", items=[ItemInput(sku="LUM-RS-2", quantity=1)])
    preview = backend.preview(jordan, request)
    bigger = AddItems(order_number="47234", items=[ItemInput(sku="LUM-RS-2", quantity=5)])
    with pytest.raises(ConfirmationInvalid):  # the caller's args differ from the preview
        backend.confirm(jordan, preview.confirmation_token, idempotency_key="a", expected=bigger)
    with backend.store.write_sessions.begin() as session:  # args changed in storage
        session.execute(update(ActionConfirmation).values(args=bigger.model_dump(mode="json")))
    with pytest.raises(ConfirmationInvalid):
        backend.confirm(jordan, preview.confirmation_token, idempotency_key="a")
    cid, mac = preview.confirmation_token.split(".")
    for forged in (f"{cid}.{mac[:-1]}A", f"{'0' * 32}.{mac}", "nonsense", ""):
        with pytest.raises(ConfirmationInvalid):
            backend.confirm(jordan, forged, idempotency_key="a")
    with backend.store.sessions() as session:
        assert (
            session.scalar(
                select(func.count())
                .select_from(OrderLine)
                .join(Order)
                .where(Order.number == "47234")
            )
            == 2
        )


def test_another_customers_token_is_invalid(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer, sam: VerifiedCustomer
) -> None:
    preview = backend.preview(jordan, CancelOrder(order_number="47234"))
    with pytest.raises(ConfirmationInvalid):
        backend.confirm(sam, preview.confirmation_token, idempotency_key="a")
    with pytest.raises(ConfirmationInvalid):
        backend.decline(sam, preview.confirmation_token)
    assert backend.get_order(jordan, "47234").status == "placed"


def test_idempotent_retry_returns_the_same_result(
    backend: SqlCommerceBackend, alex: VerifiedCustomer
) -> None:
    sid = backend.list_subscriptions(alex)[0].id
    preview = backend.preview(alex, SkipNextDelivery(subscription_id=sid))
    first = backend.confirm(alex, preview.confirmation_token, idempotency_key="msg-42")
    again = backend.confirm(alex, preview.confirmation_token, idempotency_key="msg-42")
    assert again.replayed and not first.replayed
    assert again.record == first.record
    assert isinstance(first.record, SubscriptionPublic)
    assert backend.get_subscription(alex, sid).next_delivery_date == first.record.next_delivery_date
    other = backend.preview(alex, SkipNextDelivery(subscription_id=sid))
    with pytest.raises(InvalidInput) as err:
        backend.confirm(alex, other.confirmation_token, idempotency_key="msg-42")
    assert err.value.code == "idempotency_conflict"


def test_preview_changes_nothing(backend: SqlCommerceBackend, alex: VerifiedCustomer) -> None:
    sid = backend.list_subscriptions(alex)[0].id
    before = backend.get_subscription(alex, sid)
    backend.preview(alex, SkipNextDelivery(subscription_id=sid))
    assert backend.get_subscription(alex, sid) == before


def test_parse_action_request_gives_domain_errors() -> None:
    assert isinstance(
        parse_action_request({"action": "cancel_order", "order_number": "47234"}), CancelOrder
    )
    for bad in (
        {"action": "launch_rockets"},
        {"action": "pause_subscription", "subscription_id": "x", "cycles": 1},
        {"action": "cancel_order"},
        "nonsense",
        {"action": "cancel_order", "order_number": "1", "customer_id": 7},
    ):
        with pytest.raises(InvalidInput):
            parse_action_request(bad)


@pytest.mark.integration
@pytest.mark.parametrize("same_key", [False, True])
def test_concurrent_confirmations_yield_one_effect(
    settings: Settings, clock: FixedClock, same_key: bool
) -> None:
    backends = [SqlCommerceBackend.from_settings(settings, clock=clock) for _ in range(2)]
    try:
        alex = login(backends[0], "alex.kim@example.com")
        sid = backends[0].list_subscriptions(alex)[0].id
        preview = backends[0].preview(alex, SkipNextDelivery(subscription_id=sid))
        barrier = threading.Barrier(2)
        outcomes: list[ActionResult | Exception] = []

        def confirm(i: int) -> None:
            barrier.wait()
            try:
                key = "same" if same_key else f"key-{i}"
                outcomes.append(
                    backends[i].confirm(alex, preview.confirmation_token, idempotency_key=key)
                )
            except ConfirmationUsed as error:
                outcomes.append(error)

        threads = [threading.Thread(target=confirm, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        results = [o for o in outcomes if isinstance(o, ActionResult)]
        assert len(outcomes) == 2
        if same_key:
            assert len(results) == 2 and sum(r.replayed for r in results) == 1
        else:
            assert len(results) == 1
        sub = backends[0].get_subscription(alex, sid)
        assert str(sub.next_delivery_date) == "2026-03-15"  # skipped exactly once
        assert [e.kind for e in sub.history].count("skip") == 1
    finally:
        for b in backends:
            b.close()


@pytest.mark.integration
def test_restart_loses_no_acknowledged_change(settings: Settings, clock: FixedClock) -> None:
    first = SqlCommerceBackend.from_settings(settings, clock=clock)
    jordan = login(first, "jordan.rivera@example.com")
    preview = first.preview(jordan, CancelOrder(order_number="47234"))
    result = first.confirm(jordan, preview.confirmation_token, idempotency_key="r")
    assert isinstance(result.record, OrderPublic) and result.record.status == "cancelled"
    first.close()

    second = SqlCommerceBackend.from_settings(settings, clock=clock)
    try:
        jordan = login(second, "jordan.rivera@example.com")
        assert second.get_order(jordan, "47234").status == "cancelled"
        replay = second.confirm(jordan, preview.confirmation_token, idempotency_key="r")
        assert replay.replayed and replay.record == result.record
        with pytest.raises(ConfirmationUsed):
            second.confirm(jordan, preview.confirmation_token, idempotency_key="r2")
        with second.store.sessions() as session:
            assert session.scalar(select(func.count()).select_from(IdempotencyRecord)) == 1
    finally:
        second.close()
