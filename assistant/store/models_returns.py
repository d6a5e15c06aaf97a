"""The store's tables for self-service returns and order edits (migrations 5 and 8): returns and
their lines, refunds, the stock of catalogue variants and the payment methods customers keep on
file. Same conventions as :mod:`assistant.store.models`, on its ``Base``."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assistant.store.models import Base, Json, OrderLine
from assistant.store.pricing import money


class ReturnRecord(Base):
    """A return (or the return half of an exchange): its RMA, the refund it leads to and the
    label the customer ships it with (migration 5). ``status``: ``label_sent``, ``received``
    once the parcel reached the store (``received_at``), ``refunded`` once its refund is issued
    (:mod:`assistant.commerce.returns_desk`)."""

    __tablename__ = "returns"
    id: Mapped[int] = mapped_column(primary_key=True)
    rma: Mapped[str] = mapped_column(String(20), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # return | exchange
    reason: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    refund_to: Mapped[str] = mapped_column(String(20))  # original_payment | store_credit
    items_amount: Mapped[Decimal]
    tax_amount: Mapped[Decimal]
    shipping_refund: Mapped[Decimal]
    fee: Mapped[Decimal]
    refund_total: Mapped[Decimal]
    answers: Mapped[Json]
    note: Mapped[str | None] = mapped_column(Text())
    exchange_order_number: Mapped[str | None] = mapped_column(String(32))
    carrier: Mapped[str] = mapped_column(String(40))
    label_file: Mapped[str] = mapped_column(String(255))
    drop_off_by: Mapped[date] = mapped_column(Date())
    created_at: Mapped[datetime]
    received_at: Mapped[datetime | None]  # the parcel reached the store (migration 8)
    lines: Mapped[list[ReturnLine]] = relationship(order_by="ReturnLine.id")


class ReturnLine(Base):
    __tablename__ = "return_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[int] = mapped_column(ForeignKey("returns.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"), index=True)
    sku: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    variant: Mapped[Json]
    quantity: Mapped[int]
    unit_price: Mapped[Decimal]
    amount: Mapped[Decimal]

    @classmethod
    def of(cls, line: OrderLine, quantity: int) -> ReturnLine:
        """``quantity`` units of an order line, at the price paid for them."""
        return cls(
            order_line_id=line.id,
            sku=line.sku,
            name=line.name,
            variant=dict(line.variant),
            quantity=quantity,
            unit_price=line.unit_price,
            amount=money(line.unit_price * quantity),
        )


class Refund(Base):
    """Money going back to a customer: for a return, a removed item or a cancelled order."""

    __tablename__ = "refunds"
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    return_id: Mapped[int | None] = mapped_column(ForeignKey("returns.id"))
    amount: Mapped[Decimal]
    destination: Mapped[str] = mapped_column(String(20))  # original_payment | store_credit
    method: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(20))  # awaiting_return | processing | issued
    expected_from: Mapped[date | None] = mapped_column(Date())
    expected_to: Mapped[date | None] = mapped_column(Date())
    created_at: Mapped[datetime]
    issued_at: Mapped[datetime | None]


class VariantStock(Base):
    """How many units of a catalogue variant can be sold (no row: not tracked, available)."""

    __tablename__ = "variant_stock"
    variant_external_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    available: Mapped[int]
    updated_at: Mapped[datetime]


class PaymentMethod(Base):
    """A payment method the customer keeps on file (brand and last digits only)."""

    __tablename__ = "payment_methods"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    brand: Mapped[str] = mapped_column(String(20))
    last4: Mapped[str] = mapped_column(String(4))
    is_default: Mapped[bool] = mapped_column(default=False)
