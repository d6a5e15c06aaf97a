"""Exchanges of delivered items and edits of a pending order (Jordan's order 47234: Velo 3
size 8 navy blue $114.95 and a pack of socks $16.85, placed, Visa ending 4242)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from assistant.commerce.errors import ActionNotAllowed, InvalidInput
from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.requests import (
    CancelOrder,
    ChangeOrderItem,
    ChangePaymentMethod,
    ExchangeItem,
    RemoveOrderItem,
)
from assistant.commerce.schemas import OrderPublic, ReturnPublic
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.store.models import CatalogVariant
from assistant.store.models_returns import PaymentMethod, VariantStock
from tests.commerce.returns_support import deliver, run
from tests.support import NOW

SIZE_9 = ExchangeItem(
    order_number="47234", sku="STR-VELO3-W", new_options={"size": "9"}, answers={"unused": True}
)


def stock(backend: SqlCommerceBackend, options: dict[str, str], available: int) -> None:
    with backend.store.write_sessions.begin() as session:
        for variant in session.scalars(
            select(CatalogVariant).where(CatalogVariant.sku == "STR-VELO3-W")
        ):
            if {k.lower(): v for k, v in variant.options.items()} == options:
                session.merge(VariantStock(variant_external_id=variant.external_id,
                                           available=available, updated_at=NOW))  # fmt: skip
                return
    raise AssertionError(f"no variant {options}")


def test_an_exchange_creates_the_new_order_and_the_return_in_one_action(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer
) -> None:
    deliver(backend, "47234", NOW - timedelta(days=2))
    preview = backend.preview(jordan, SIZE_9)
    assert preview.amount_change == 0 and "size 9, navy blue" in preview.summary
    record = run(backend, jordan, SIZE_9).record
    assert isinstance(record, ReturnPublic) and record.type == "exchange"
    assert record.exchange_order_number == "47234-EX1" and record.refund_total == 0
    new = backend.get_order(jordan, "47234-EX1")
    assert new.status == "placed" and new.lines[0].variant == {"size": "9", "colour": "navy blue"}
    with pytest.raises(ActionNotAllowed) as again:
        backend.preview(jordan, SIZE_9)
    assert again.value.reason == "already_exchanged"


def test_an_out_of_stock_variant_cannot_be_exchanged_for(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer
) -> None:
    deliver(backend, "47234", NOW - timedelta(days=2))
    stock(backend, {"size": "9", "colour": "navy blue"}, 0)
    with pytest.raises(ActionNotAllowed) as refused:
        backend.preview(jordan, SIZE_9)
    assert refused.value.reason == "variant_out_of_stock"
    stock(backend, {"size": "9", "colour": "navy blue"}, 2)
    assert backend.preview(jordan, SIZE_9).action == "exchange_item"


def test_an_exchange_needs_a_variant_the_product_has_and_an_open_window(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer
) -> None:
    deliver(backend, "47234", NOW - timedelta(days=2))
    with pytest.raises(InvalidInput) as unknown:
        backend.preview(jordan, SIZE_9.model_copy(update={"new_options": {"size": "19"}}))
    assert unknown.value.code == "unknown_variant" and "9.5" in unknown.value.message
    deliver(backend, "47234", NOW - timedelta(days=40))
    with pytest.raises(ActionNotAllowed) as closed:
        backend.preview(jordan, SIZE_9)
    assert closed.value.reason == "return_window_closed"


def test_pending_order_item_change_and_removal(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer
) -> None:
    change = ChangeOrderItem(order_number="47234", sku="STR-VELO3-W", new_options={"size": "9"})
    result = run(backend, jordan, change)
    assert isinstance(result.record, OrderPublic)
    assert result.record.lines[0].variant["size"] == "9"
    remove = RemoveOrderItem(order_number="47234", sku="STR-SOCK-3P")
    preview = backend.preview(jordan, remove)
    assert preview.amount_change is not None and preview.amount_change < 0
    done = run(backend, jordan, remove).record
    assert isinstance(done, OrderPublic) and [ln.sku for ln in done.lines] == ["STR-VELO3-W"]
    [refund] = backend.refund_status(jordan)
    assert refund.status == "processing" and refund.amount == -preview.amount_change
    assert refund.expected_from is not None
    with pytest.raises(InvalidInput) as empty:
        backend.preview(jordan, RemoveOrderItem(order_number="47234", sku="STR-VELO3-W"))
    assert empty.value.code == "would_empty_order"


def test_payment_method_change_only_to_one_on_file(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer
) -> None:
    with pytest.raises(InvalidInput) as missing:
        backend.preview(jordan, ChangePaymentMethod(order_number="47234", last4="4444"))
    assert missing.value.code == "payment_method_not_on_file"
    with backend.store.write_sessions.begin() as session:
        session.add(PaymentMethod(customer_id=jordan.customer_id, brand="Mastercard",
                                  last4="4444", is_default=False))  # fmt: skip
    result = run(backend, jordan, ChangePaymentMethod(order_number="47234", last4="4444"))
    assert isinstance(result.record, OrderPublic)
    assert result.record.payment.display == "Mastercard ending 4444"


def test_edits_are_refused_once_the_order_is_delivered_and_cancel_keeps_the_reason(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer, sam: VerifiedCustomer
) -> None:
    with pytest.raises(ActionNotAllowed) as refused:
        backend.preview(sam, RemoveOrderItem(order_number="47102", sku="AUR-SWP-100"))
    assert refused.value.reason == "order_not_editable"
    reason = "found them cheaper somewhere else, sorry!"
    run(backend, jordan, CancelOrder(order_number="47234", reason=reason))
    assert backend.get_order(jordan, "47234").status == "cancelled"
    assert Decimal(backend.get_order(jordan, "47234").total) > 0


def test_a_colour_named_by_a_word_of_its_own_is_that_colour(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer
) -> None:
    deliver(backend, "47234", NOW - timedelta(days=2))
    navy = SIZE_9.model_copy(update={"new_options": {"size": "9", "colour": "navy"}})
    assert "size 9, navy blue" in backend.preview(jordan, navy).summary  # the only navy
    with pytest.raises(InvalidInput) as unknown:  # a word no colour has
        backend.preview(jordan, SIZE_9.model_copy(update={"new_options": {"colour": "teal"}}))
    assert unknown.value.code == "unknown_variant"
