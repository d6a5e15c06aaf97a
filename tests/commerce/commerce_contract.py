"""Contract tests for any ``CommerceBackend``: subclass and provide the fixtures ``backend``
(seeded with the demo store's reference customers) and ``clock`` pinned to 2026-01-20 10:00 ET.

An HTTP adapter (Shopify/Recharge) runs the same class against its fake HTTP transport.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.commerce.backend import CommerceBackend
from assistant.commerce.errors import (
    ActionNotAllowed,
    ConfirmationUsed,
    InvalidInput,
    OrderNotFound,
    SubscriptionNotFound,
    VerificationFailed,
)
from assistant.commerce.requests import (
    CancelOrder,
    ResendConfirmation,
    ReturnItemInput,
    ReturnItems,
    SkipNextDelivery,
)


class CommerceBackendContract:
    def test_verify_by_order_and_read_own_order(self, backend: CommerceBackend) -> None:
        me = backend.verify_by_order("c-1", "#47234", "jordan.rivera@example.com")
        order = backend.get_order(me, "47234")
        assert order.status == "placed"
        assert order.total == Decimal("143.50")
        assert [line.sku for line in order.lines] == ["STR-VELO3-W", "STR-SOCK-3P"]
        assert order.payment.display == "Visa ending 4242"

    def test_wrong_email_and_unknown_order_fail_identically(self, backend: CommerceBackend) -> None:
        with pytest.raises(VerificationFailed) as wrong_email:
            backend.verify_by_order("c-2", "47234", "someone@example.com")
        with pytest.raises(VerificationFailed) as no_order:
            backend.verify_by_order("c-3", "40001", "jordan.rivera@example.com")
        assert str(wrong_email.value) == str(no_order.value)

    def test_other_customers_records_are_not_found(self, backend: CommerceBackend) -> None:
        sam = backend.verify_by_order("c-4", "47102", "sam.patel@example.com")
        with pytest.raises(OrderNotFound):
            backend.get_order(sam, "47234")
        with pytest.raises(OrderNotFound):
            backend.get_shipments(sam, "46511")
        alex = backend.verify_by_order("c-5", "46890", "alex.kim@example.com")
        sub_id = backend.list_subscriptions(alex)[0].id
        with pytest.raises(SubscriptionNotFound):
            backend.get_subscription(sam, sub_id)

    def test_preview_confirm_read_back(self, backend: CommerceBackend) -> None:
        me = backend.verify_by_order("c-6", "47234", "jordan.rivera@example.com")
        preview = backend.preview(me, ResendConfirmation(order_number="47234"))
        assert "jordan.rivera@example.com" in preview.summary
        result = backend.confirm(me, preview.confirmation_token, idempotency_key="k-1")
        assert result.record.kind == "order"
        assert result.record.confirmation_email_status == "resent"
        with pytest.raises(ConfirmationUsed):
            backend.confirm(me, preview.confirmation_token, idempotency_key="k-2")

    def test_refused_action_has_reason_code(self, backend: CommerceBackend) -> None:
        sam = backend.verify_by_order("c-7", "47102", "sam.patel@example.com")
        with pytest.raises(ActionNotAllowed) as refused:
            backend.preview(sam, CancelOrder(order_number="47102"))
        assert refused.value.reason == "already_shipped"

    def test_subscription_skip(self, backend: CommerceBackend) -> None:
        alex = backend.verify_by_order("c-8", "46890", "alex.kim@example.com")
        sub = backend.list_subscriptions(alex)[0]
        preview = backend.preview(alex, SkipNextDelivery(subscription_id=sub.id))
        result = backend.confirm(alex, preview.confirmation_token, idempotency_key="k-3")
        assert result.record.kind == "subscription"
        assert str(result.record.next_delivery_date) == "2026-03-15"

    def test_bad_input_is_a_domain_error(self, backend: CommerceBackend) -> None:
        with pytest.raises(InvalidInput):
            backend.verify_by_order("c-9", "ABC", "jordan.rivera@example.com")
        with pytest.raises(InvalidInput):
            backend.verify_by_order("c-9", "47234", "not-an-email")
        with pytest.raises(InvalidInput):
            backend.accessory_stats("NOPE-123")

    def test_accessory_stats(self, backend: CommerceBackend) -> None:
        stats = backend.accessory_stats("LUM-Z8-BODY", limit=3)
        assert {"LUM-BP-F2", "KST-SD128-V90"} <= {s.sku for s in stats}
        assert 0 < stats[-1].share <= stats[0].share <= 1

    def test_catalogue_and_policy_come_from_the_store(self, backend: CommerceBackend) -> None:
        catalog = backend.catalog()
        assert len(catalog) >= 20 and len({p.external_id for p in catalog}) == len(catalog)
        shoes = backend.product_by_sku("STR-VELO3-W")
        assert shoes is not None and shoes.product_type == "footwear"
        assert {"size", "colour"} <= set(shoes.options) and shoes.warranty_months == 6
        variant = shoes.variants[0]
        assert backend.product_by_variant(variant.external_id) == shoes
        assert backend.product_by_sku("NOPE-123") is None
        assert [plan.quantity for plan in backend.subscription_plans()] == [1, 2, 3]
        policy = backend.policy()
        assert policy.returns.window_days == 30 and policy.orders.number_example == "10234"

    def test_a_return_and_its_refund(self, backend: CommerceBackend) -> None:
        me = backend.verify_by_order("c-r", "47102", "sam.patel@example.com")
        items = [ReturnItemInput(sku="AUR-SWP-100")]
        request = ReturnItems(order_number="47102", items=items)
        assert [q.key for q in backend.return_questions(me, request)] == ["unused"]
        answered = request.model_copy(update={"answers": {"unused": True}})
        preview = backend.preview(me, answered)
        result = backend.confirm(me, preview.confirmation_token, idempotency_key="contract-r")
        assert result.action == "return_items" and result.record.kind == "return"
        [refund] = backend.refund_status(me)
        assert refund.amount == -(preview.amount_change or 0) and refund.status == "awaiting_return"
        [record] = backend.list_returns(me)
        assert record.order_number == "47102" and record.label_url
