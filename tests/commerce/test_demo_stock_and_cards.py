"""The demo store's own stock and cards on file, as its ``demo.yaml`` sets them: the Velo 3 in
size 10.5 navy blue is out of stock; Jordan keeps a Visa ending 4242 (order 47234's card) and a
Mastercard ending 8210 on file."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from assistant.commerce.errors import ActionNotAllowed, InvalidInput
from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.requests import ChangeOrderItem, ChangePaymentMethod, ExchangeItem
from assistant.commerce.schemas import OrderPublic
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.store.models import AuditRecord, Order
from assistant.store.models_returns import PaymentMethod
from tests.commerce.returns_support import deliver, run
from tests.support import NOW


def test_an_exchange_for_the_out_of_stock_demo_variant_is_refused(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer
) -> None:
    deliver(backend, "47234", NOW - timedelta(days=2))
    wanted = ExchangeItem(order_number="47234", sku="STR-VELO3-W", new_options={"size": "10.5"},
                          answers={"unused": True})  # fmt: skip
    with pytest.raises(ActionNotAllowed) as refused:
        backend.preview(jordan, wanted)
    assert refused.value.reason == "variant_out_of_stock"
    assert "size 10.5, navy blue is out of stock" in refused.value.message
    in_stock = wanted.model_copy(update={"new_options": {"size": "9"}})
    assert backend.preview(jordan, in_stock).action == "exchange_item"


def test_a_pending_order_item_cannot_change_to_an_out_of_stock_variant(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer
) -> None:
    change = ChangeOrderItem(order_number="47234", sku="STR-SOCK-3P",
                             new_options={"size": "large", "colour": "black"})  # fmt: skip
    with pytest.raises(ActionNotAllowed) as refused:
        backend.preview(jordan, change)
    assert refused.value.reason == "variant_out_of_stock"


def test_jordan_can_pay_with_the_other_card_on_file(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer
) -> None:
    with backend.store.sessions() as session:
        cards = session.scalars(
            select(PaymentMethod).where(PaymentMethod.customer_id == jordan.customer_id)
        ).all()
    assert [(c.brand, c.last4, c.is_default) for c in cards] == [
        ("Visa", "4242", True),
        ("Mastercard", "8210", False),
    ]
    preview = backend.preview(jordan, ChangePaymentMethod(order_number="47234", last4="8210"))
    assert "Mastercard ending 8210 instead of Visa ending 4242" in preview.summary
    result = run(backend, jordan, ChangePaymentMethod(order_number="47234", last4="8210"))
    assert isinstance(result.record, OrderPublic)
    assert result.record.payment.display == "Mastercard ending 8210"


def test_a_card_not_on_file_or_someone_elses_is_refused(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer
) -> None:
    for last4 in ("1111", "7316"):  # 7316: a card of another demo customer (Morgan)
        with pytest.raises(InvalidInput) as refused:
            backend.preview(jordan, ChangePaymentMethod(order_number="47234", last4=last4))
        assert refused.value.code == "payment_method_not_on_file"
        assert "Visa ending 4242, Mastercard ending 8210" in refused.value.message
    with backend.store.sessions() as session:
        outcomes = session.scalars(
            select(AuditRecord.outcome).where(
                AuditRecord.customer_id == jordan.customer_id,
                AuditRecord.action == "change_payment_method",
            )
        ).all()
    assert outcomes == ["refused_preview", "refused_preview"]
    assert backend.get_order(jordan, "47234").payment.display == "Visa ending 4242"


def test_generated_customers_keep_their_orders_card(backend: SqlCommerceBackend) -> None:
    with backend.store.sessions() as session:
        cards = {(c.customer_id, c.brand, c.last4) for c in session.scalars(select(PaymentMethod))}
        paid = session.execute(
            select(Order.customer_id, Order.payment_brand, Order.payment_last4).where(
                Order.payment_last4 != ""
            )
        ).all()
    assert {tuple(row) for row in paid} <= cards
    owners = [c[0] for c in cards]
    assert sum(owners.count(o) > 1 for o in set(owners)) >= 50  # a share keep a second card
