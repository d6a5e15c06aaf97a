from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from assistant.commerce.errors import ActionNotAllowed, InvalidInput, SubscriptionNotFound
from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.requests import (
    ActionRequest,
    CancelSubscription,
    ChangeFrequency,
    ChangeNextDate,
    PauseSubscription,
    SkipNextDelivery,
    SwapProduct,
)
from assistant.commerce.schemas import SubscriptionPublic
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.settings import Settings
from assistant.store.clock import FixedClock
from tests.commerce.conftest import login


def sub_id(backend: SqlCommerceBackend, alex: VerifiedCustomer) -> int:
    return backend.list_subscriptions(alex)[0].id


def run(
    backend: SqlCommerceBackend, who: VerifiedCustomer, request: ActionRequest
) -> SubscriptionPublic:
    preview = backend.preview(who, request)
    record = backend.confirm(who, preview.confirmation_token, idempotency_key="k").record
    assert isinstance(record, SubscriptionPublic)
    return record


def test_skip_next_delivery(backend: SqlCommerceBackend, alex: VerifiedCustomer) -> None:
    sid = sub_id(backend, alex)
    preview = backend.preview(alex, SkipNextDelivery(subscription_id=sid))
    assert "February 15" in preview.summary and "March 15" in preview.summary
    # why the next one is then: the plan's own frequency, as the store names it
    assert "It comes every month, so your next delivery" in preview.summary
    assert "last day for changes" not in preview.summary  # weeks before its last day
    record = backend.confirm(alex, preview.confirmation_token, idempotency_key="k").record
    assert isinstance(record, SubscriptionPublic)
    assert record.next_delivery_date == date(2026, 3, 15) and record.status == "active"
    assert record.history[-1].kind == "skip"


def test_a_monthly_plan_keeps_its_day_after_a_short_month(backend: SqlCommerceBackend) -> None:
    sophia = login(backend, "sophia.kowalski257@example.com", "conv-sophia")  # monthly, Jan 30
    sid = backend.list_subscriptions(sophia)[0].id
    preview = backend.preview(sophia, SkipNextDelivery(subscription_id=sid))
    assert "will be on Saturday, February 28" in preview.summary
    assert "February has no day 30" in preview.summary  # said before it is asked
    assert "the one after is on Monday, March 30" in preview.summary
    record = backend.confirm(sophia, preview.confirmation_token, idempotency_key="k1").record
    assert isinstance(record, SubscriptionPublic)
    assert record.next_delivery_date == date(2026, 2, 28)
    again = run(backend, sophia, SkipNextDelivery(subscription_id=sid))
    assert again.next_delivery_date == date(2026, 3, 30)  # its own day, not March 28


def test_a_plan_by_weeks_has_no_short_month(backend: SqlCommerceBackend) -> None:
    who = login(backend, "isabella.sanchez185@example.com", "conv-isabella")  # every 2 weeks
    sid = backend.list_subscriptions(who)[0].id
    preview = backend.preview(who, SkipNextDelivery(subscription_id=sid))
    assert "has no day" not in preview.summary


def test_skip_past_cutoff_is_refused(
    backend: SqlCommerceBackend, alex: VerifiedCustomer, clock: FixedClock
) -> None:
    clock.advance(timedelta(days=24))  # Feb 13 is the last day; now Feb 13 → allowed
    last = backend.preview(alex, SkipNextDelivery(subscription_id=sub_id(backend, alex)))
    assert "Today is the last day for changes to that delivery" in last.summary  # "still ok?"
    clock.advance(timedelta(days=1))  # Feb 14
    with pytest.raises(ActionNotAllowed) as err:
        backend.preview(alex, SkipNextDelivery(subscription_id=sub_id(backend, alex)))
    assert err.value.reason == "past_cutoff"


def test_pause_and_auto_resume(
    backend: SqlCommerceBackend, alex: VerifiedCustomer, clock: FixedClock
) -> None:
    sid = sub_id(backend, alex)
    record = run(backend, alex, PauseSubscription(subscription_id=sid, cycles=2))
    assert record.status == "paused" and record.paused_until == date(2026, 4, 15)
    assert record.next_delivery_date == date(2026, 4, 15)
    with pytest.raises(ActionNotAllowed) as err:
        backend.preview(alex, SkipNextDelivery(subscription_id=sid))
    assert err.value.reason == "subscription_paused"
    clock.advance(timedelta(days=85))  # April 15: resumed by itself
    assert backend.get_subscription(alex, sid).status == "active"


@pytest.mark.parametrize("cycles", [0, 4, -1])
def test_pause_cycles_must_be_1_to_3(
    backend: SqlCommerceBackend, alex: VerifiedCustomer, cycles: int
) -> None:
    with pytest.raises(InvalidInput):
        backend.preview(
            alex, PauseSubscription(subscription_id=sub_id(backend, alex), cycles=cycles)
        )


def test_change_frequency(backend: SqlCommerceBackend, alex: VerifiedCustomer) -> None:
    sid = sub_id(backend, alex)
    record = run(backend, alex, ChangeFrequency(subscription_id=sid, frequency="every 2 weeks"))
    assert record.frequency == "every-2-weeks"
    assert record.next_delivery_date == date(2026, 2, 15)
    with pytest.raises(InvalidInput):
        backend.preview(alex, ChangeFrequency(subscription_id=sid, frequency="hourly"))
    with pytest.raises(InvalidInput) as err:
        backend.preview(alex, ChangeFrequency(subscription_id=sid, frequency="every-2-weeks"))
    assert err.value.code == "no_change"


def test_change_next_date_moves_only_the_next_delivery(
    backend: SqlCommerceBackend, alex: VerifiedCustomer
) -> None:
    sid = sub_id(backend, alex)  # monthly, next on Feb 15; today is Jan 20
    preview = backend.preview(
        alex, ChangeNextDate(subscription_id=sid, delivery_date=date(2026, 2, 8))
    )
    assert "February 15" in preview.summary and "February 8" in preview.summary
    assert "March 8" in preview.summary  # the one after follows the frequency from the new day
    record = backend.confirm(alex, preview.confirmation_token, idempotency_key="k").record
    assert isinstance(record, SubscriptionPublic)
    assert record.next_delivery_date == date(2026, 2, 8) and record.frequency == "monthly"
    assert record.status == "active" and record.history[-1].kind == "date"


def test_a_new_next_date_ends_a_pause(backend: SqlCommerceBackend, alex: VerifiedCustomer) -> None:
    """ "Resume now": a paused subscription resumes on the day chosen in the date window."""
    sid = sub_id(backend, alex)
    run(backend, alex, PauseSubscription(subscription_id=sid, cycles=2))  # paused to April 15
    preview = backend.preview(
        alex, ChangeNextDate(subscription_id=sid, delivery_date=date(2026, 1, 27))
    )
    assert preview.summary.startswith("End the pause")
    assert "April 15" in preview.summary and "January 27" in preview.summary
    record = backend.confirm(alex, preview.confirmation_token, idempotency_key="r").record
    assert isinstance(record, SubscriptionPublic)
    assert record.status == "active" and record.paused_until is None
    assert record.next_delivery_date == date(2026, 1, 27)
    assert record.history[-1].kind == "date" and record.history[-2].kind == "resume"


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(2026, 1, 22), "date_out_of_range"),  # 2 days ahead: the store's window starts at 3
        (date(2026, 4, 21), "date_out_of_range"),  # 91 days ahead: it ends at 90
        (date(2026, 2, 15), "no_change"),
    ],
)
def test_change_next_date_outside_the_window_is_refused_with_the_window(
    backend: SqlCommerceBackend, alex: VerifiedCustomer, day: date, code: str
) -> None:
    with pytest.raises(InvalidInput) as err:
        backend.preview(
            alex, ChangeNextDate(subscription_id=sub_id(backend, alex), delivery_date=day)
        )
    assert err.value.code == code
    if code == "date_out_of_range":
        assert "Friday, January 23" in str(err.value) and "Monday, April 20" in str(err.value)


def test_change_next_date_edges_of_the_window_are_allowed(
    backend: SqlCommerceBackend, alex: VerifiedCustomer
) -> None:
    sid = sub_id(backend, alex)
    for day in (date(2026, 1, 23), date(2026, 4, 20)):
        backend.preview(alex, ChangeNextDate(subscription_id=sid, delivery_date=day))


def test_change_next_date_past_cutoff_is_refused(
    backend: SqlCommerceBackend, alex: VerifiedCustomer, clock: FixedClock
) -> None:
    clock.advance(timedelta(days=25))  # Feb 14: the Feb 15 delivery is being prepared
    with pytest.raises(ActionNotAllowed) as err:
        backend.preview(
            alex,
            ChangeNextDate(subscription_id=sub_id(backend, alex), delivery_date=date(2026, 3, 1)),
        )
    assert err.value.reason == "past_cutoff" and "2 days before" in str(err.value)


def test_swap_product(backend: SqlCommerceBackend, alex: VerifiedCustomer) -> None:
    sid = sub_id(backend, alex)
    record = run(backend, alex, SwapProduct(subscription_id=sid, sku="RCC-ETH-12", grind="drip"))
    assert (record.sku, record.grind, str(record.price)) == ("RCC-ETH-12", "drip", "34.99")
    with pytest.raises(ActionNotAllowed) as err:
        backend.preview(alex, SwapProduct(subscription_id=sid, sku="LUM-Z8-BODY"))
    assert err.value.reason == "not_subscription_eligible"
    with pytest.raises(InvalidInput):
        backend.preview(alex, SwapProduct(subscription_id=sid, sku="UNKNOWN-SKU"))
    with pytest.raises(InvalidInput):
        backend.preview(alex, SwapProduct(subscription_id=sid, sku="RCC-MLB-12", grind="coarse"))


def test_cancel_is_one_step_even_past_cutoff(
    backend: SqlCommerceBackend, alex: VerifiedCustomer, clock: FixedClock
) -> None:
    sid = sub_id(backend, alex)
    clock.advance(timedelta(days=25))  # Feb 14: past the cut-off, cancel still allowed
    record = run(backend, alex, CancelSubscription(subscription_id=sid, reason="moving"))
    assert record.status == "cancelled" and record.next_delivery_date is None
    for request in (CancelSubscription(subscription_id=sid), SkipNextDelivery(subscription_id=sid)):
        with pytest.raises(ActionNotAllowed):
            backend.preview(alex, request)


def test_other_customer_cannot_touch_subscription(
    backend: SqlCommerceBackend, alex: VerifiedCustomer, jordan: VerifiedCustomer
) -> None:
    with pytest.raises(SubscriptionNotFound):
        backend.preview(jordan, CancelSubscription(subscription_id=sub_id(backend, alex)))


def _policy(settings: Settings, tmp_path: Path, **subscriptions: object) -> Settings:
    """Settings whose store policy has these ``subscriptions`` fields changed (None: removed)."""
    data = yaml.safe_load(settings.store_policy_path.read_text(encoding="utf-8"))
    for key, value in subscriptions.items():
        if value is None:
            data["subscriptions"].pop(key, None)
        else:
            data["subscriptions"][key] = value
    policy = tmp_path / "store.yaml"
    policy.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return settings.model_copy(update={"store_policy_path": policy})


def test_a_subscription_the_policy_does_not_pause_is_refused(
    settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    """`subscriptions.not_pausable`: the tool refuses, whatever the caller (planner or model)."""
    policy = _policy(settings, tmp_path, not_pausable=["RCC-PDR-12"])
    backend = SqlCommerceBackend.from_settings(policy, clock=clock)
    try:
        alex = login(backend, "alex.kim@example.com", "conv-alex")
        sid = sub_id(backend, alex)
        with pytest.raises(ActionNotAllowed) as err:
            backend.preview(alex, PauseSubscription(subscription_id=sid, cycles=1))
        assert err.value.reason == "not_pausable"
        backend.preview(alex, SkipNextDelivery(subscription_id=sid))  # a skip is still fine
    finally:
        backend.close()


def test_a_store_without_a_date_window_does_not_move_dates(
    settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    backend = SqlCommerceBackend.from_settings(
        _policy(settings, tmp_path, change_date=None), clock=clock
    )
    try:
        alex = login(backend, "alex.kim@example.com", "conv-alex")
        request = ChangeNextDate(
            subscription_id=sub_id(backend, alex), delivery_date=date(2026, 2, 8)
        )
        with pytest.raises(ActionNotAllowed) as err:
            backend.preview(alex, request)
        assert err.value.reason == "date_change_not_offered"
    finally:
        backend.close()
