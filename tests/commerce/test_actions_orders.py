from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from assistant.commerce.errors import ActionNotAllowed, InvalidInput
from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.requests import (
    ActionRequest,
    AddItems,
    AddressInput,
    CancelOrder,
    ChangeShippingAddress,
    ItemInput,
    RegisterWarranty,
    ResendConfirmation,
)
from assistant.commerce.schemas import ActionResult, OrderPublic, WarrantyRegistrationPublic
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.store.clock import FixedClock
from assistant.store.models import AuditRecord, Order, OutboxMessage
from assistant.store.types import OrderStatus

NEW_ADDRESS = AddressInput(
    name="Jordan Rivera", line1="77 Court St", city="Brooklyn", region="ny", postal_code="11201"
)


def run(backend: SqlCommerceBackend, who: VerifiedCustomer, request: ActionRequest) -> ActionResult:
    preview = backend.preview(who, request)
    return backend.confirm(who, preview.confirmation_token, idempotency_key=f"k-{preview.action}")


def set_status(backend: SqlCommerceBackend, number: str, status: OrderStatus) -> None:
    with backend.store.write_sessions.begin() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        order.status = status


def test_resend_confirmation_goes_to_email_on_file(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer
) -> None:
    result = run(backend, jordan, ResendConfirmation(order_number="47234"))
    assert isinstance(result.record, OrderPublic)
    assert result.record.confirmation_email_status == "resent"
    with backend.store.sessions() as session:
        message = session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "order_confirmation")
        ).one()
        assert message.recipient == "jordan.rivera@example.com"
    with pytest.raises(ActionNotAllowed) as err:  # cooldown
        backend.preview(jordan, ResendConfirmation(order_number="47234"))
    assert err.value.reason == "recently_resent"


def test_change_address_before_shipping(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer
) -> None:
    preview = backend.preview(
        jordan, ChangeShippingAddress(order_number="47234", address=NEW_ADDRESS)
    )
    assert "77 Court St" in preview.summary and "123 Main St" in preview.summary
    result = backend.confirm(jordan, preview.confirmation_token, idempotency_key="a")
    assert isinstance(result.record, OrderPublic)
    assert result.record.shipping_address.line1 == "77 Court St"
    assert result.record.shipping_address.region == "NY"


def test_change_address_after_shipping_escalates(
    backend: SqlCommerceBackend, sam: VerifiedCustomer
) -> None:
    with pytest.raises(ActionNotAllowed) as err:
        backend.preview(sam, ChangeShippingAddress(order_number="47102", address=NEW_ADDRESS))
    assert err.value.reason == "already_shipped" and err.value.escalate


@pytest.mark.parametrize(
    "field,value", [("region", "XX"), ("postal_code", "1120"), ("country", "CA"), ("line1", "  ")]
)
def test_change_address_rejects_bad_addresses(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer, field: str, value: str
) -> None:
    bad = NEW_ADDRESS.model_copy(update={field: value})
    with pytest.raises(InvalidInput):
        backend.preview(jordan, ChangeShippingAddress(order_number="47234", address=bad))


def test_add_items_recomputes_totals(backend: SqlCommerceBackend, jordan: VerifiedCustomer) -> None:
    request = AddItems(
        order_number="47234",
        items=[
            ItemInput(sku="STR-SOCK-3P", quantity=1, variant={"size": "large", "colour": "black"})
        ],
    )
    preview = backend.preview(jordan, request)
    # 131.80 + 16.85 = 148.65; tax 13.19; total 161.84
    assert preview.amount_change == Decimal("161.84") - Decimal("143.50")
    result = backend.confirm(jordan, preview.confirmation_token, idempotency_key="x")
    assert isinstance(result.record, OrderPublic)
    assert (result.record.subtotal, result.record.tax, result.record.total) == (
        Decimal("148.65"),
        Decimal("13.19"),
        Decimal("161.84"),
    )
    assert len(result.record.lines) == 3


@pytest.mark.parametrize(
    "item,code",
    [
        (ItemInput(sku="NOPE-1"), "unknown_sku"),
        (
            ItemInput(sku="STR-SOCK-3P", quantity=-1, variant={"size": "large", "colour": "black"}),
            "invalid_quantity",
        ),
        (
            ItemInput(sku="STR-SOCK-3P", quantity=0, variant={"size": "large", "colour": "black"}),
            "invalid_quantity",
        ),
        (
            ItemInput(sku="STR-SOCK-3P", quantity=1, variant={"size": "huge", "colour": "black"}),
            "invalid_variant",
        ),
        (ItemInput(sku="STR-SOCK-3P", quantity=1), "missing_variant"),
    ],
)
def test_add_items_bad_input(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer, item: ItemInput, code: str
) -> None:
    with pytest.raises(InvalidInput) as err:
        backend.preview(jordan, AddItems(order_number="47234", items=[item]))
    assert err.value.code == code


@pytest.mark.parametrize(
    "status,reason",
    [
        (OrderStatus.PROCESSING, "processing_started"),
        (OrderStatus.SHIPPED, "already_shipped"),
        (OrderStatus.CANCELLED, "order_cancelled"),
    ],
)
def test_add_items_and_cancel_only_while_placed(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer, status: OrderStatus, reason: str
) -> None:
    set_status(backend, "47234", status)
    for request in (
        AddItems(order_number="47234", items=[ItemInput(sku="LUM-RS-2")]),
        CancelOrder(order_number="47234"),
    ):
        with pytest.raises(ActionNotAllowed) as err:
            backend.preview(jordan, request)
        assert err.value.reason == reason


def test_cancel_placed_order(backend: SqlCommerceBackend, jordan: VerifiedCustomer) -> None:
    preview = backend.preview(jordan, CancelOrder(order_number="47234", reason="ordered twice"))
    assert preview.amount_change == Decimal("-143.50")
    assert "Visa ending 4242" in preview.summary
    result = backend.confirm(jordan, preview.confirmation_token, idempotency_key="c")
    assert isinstance(result.record, OrderPublic)
    assert result.record.status == "cancelled" and result.record.allowed_actions == [
        "resend_confirmation"
    ]
    with pytest.raises(ActionNotAllowed) as err:
        backend.preview(jordan, CancelOrder(order_number="47234"))
    assert err.value.reason == "order_cancelled"


def test_state_change_between_preview_and_confirm_is_refused_without_writes(
    backend: SqlCommerceBackend, jordan: VerifiedCustomer
) -> None:
    preview = backend.preview(jordan, CancelOrder(order_number="47234"))
    set_status(backend, "47234", OrderStatus.PROCESSING)
    with pytest.raises(ActionNotAllowed):
        backend.confirm(jordan, preview.confirmation_token, idempotency_key="late")
    with backend.store.sessions() as session:
        order = session.scalars(select(Order).where(Order.number == "47234")).one()
        assert order.status is OrderStatus.PROCESSING and order.cancelled_at is None
        outcomes = session.scalars(select(AuditRecord.outcome)).all()
        assert "refused_confirm" in outcomes and "executed" not in outcomes


def test_register_warranty(backend: SqlCommerceBackend, sam: VerifiedCustomer) -> None:
    result = run(
        backend,
        sam,
        RegisterWarranty(order_number="47102", sku="AUR-SWP-100", serial_number="sw 0123456789"),
    )
    record = result.record
    assert isinstance(record, WarrantyRegistrationPublic)
    assert record.registration_id.startswith("WR-") and len(record.registration_id) == 9
    assert record.serial_number == "SW0123456789"
    assert record.coverage.registered and record.coverage.status == "active"
    assert record.coverage.ends_on is not None and record.coverage.ends_on.year == 2027
    with pytest.raises(ActionNotAllowed) as err:
        backend.preview(
            sam,
            RegisterWarranty(order_number="47102", sku="AUR-SWP-100", serial_number="SW9999999999"),
        )
    assert err.value.reason == "already_registered"
    assert len(backend.list_warranty_registrations(sam)) == 1


@pytest.mark.parametrize(
    "sku,serial,error,code",
    [
        ("AUR-SWP-100", "12345", InvalidInput, "invalid_serial"),
        ("LUM-Z8-BODY", "Z81234567", InvalidInput, "sku_not_in_order"),
        ("NOPE", "SW0123456789", InvalidInput, "unknown_sku"),
    ],
)
def test_register_warranty_bad_input(
    backend: SqlCommerceBackend,
    sam: VerifiedCustomer,
    sku: str,
    serial: str,
    error: type[Exception],
    code: str,
) -> None:
    with pytest.raises(InvalidInput) as err:
        backend.preview(sam, RegisterWarranty(order_number="47102", sku=sku, serial_number=serial))
    assert err.value.code == code


def test_register_warranty_rules(
    backend: SqlCommerceBackend,
    jordan: VerifiedCustomer,
    taylor: VerifiedCustomer,
    clock: FixedClock,
) -> None:
    with pytest.raises(ActionNotAllowed) as err:  # accessories/shoes need no registration
        backend.preview(
            jordan, RegisterWarranty(order_number="47234", sku="STR-VELO3-W", serial_number="x")
        )
    assert err.value.reason == "registration_not_needed"
    clock.advance(timedelta(days=30))  # Taylor's camera was delivered 35 days ago → 65 days
    with pytest.raises(ActionNotAllowed) as err:
        backend.preview(
            taylor,
            RegisterWarranty(order_number="46511", sku="LUM-Z8-BODY", serial_number="Z81234567"),
        )
    assert err.value.reason == "registration_window_closed"


def test_tickets_and_feedback(backend: SqlCommerceBackend, sam: VerifiedCustomer) -> None:
    ticket = backend.open_ticket(
        sam,
        "conv-sam",
        reason="address_change_after_shipping",
        summary="Wants to redirect parcel",
        order_number="#47102",
        priority="high",
    )
    assert ticket.ticket_number.startswith("ESC-") and ticket.order_number == "47102"
    with pytest.raises(Exception) as err:
        backend.open_ticket(sam, "conv-sam", reason="x", summary="y", order_number="47234")
    assert type(err.value).__name__ == "OrderNotFound"
    feedback = backend.record_feedback(sam, "conv-sam", csat=5, nps=9, comment="great")
    assert feedback.csat == 5
    for bad in ({"csat": 0}, {"csat": 6}, {"nps": 11}, {"nps": -1}, {}):
        with pytest.raises(InvalidInput):
            backend.record_feedback(sam, "conv-sam", **bad)  # type: ignore[arg-type]
    with backend.store.sessions() as session:
        assert (session.scalar(select(func.count()).select_from(AuditRecord)) or 0) >= 1


def test_each_plug_of_a_2_pack_registers_once(backend: SqlCommerceBackend) -> None:
    """The store's serial format says a 2-pack carries two serials: one registered (seeded) is
    not "registered" yet; the second registers; a third does not."""
    grace = backend.verify_by_order("conv-grace", "45918", "grace.white19@example.com")
    before = backend.warranty_coverage(grace, "45918", "HMY-PLUG-2P")
    assert not before.registered and len(before.registered_serials) == 1
    record = run(
        backend,
        grace,
        RegisterWarranty(order_number="45918", sku="HMY-PLUG-2P", serial_number="HMP-7C2E90B4"),
    ).record
    assert isinstance(record, WarrantyRegistrationPublic)
    after = backend.warranty_coverage(grace, "45918", "HMY-PLUG-2P")
    assert after.registered and "HMP-7C2E90B4" in after.registered_serials
    with pytest.raises(ActionNotAllowed) as err:
        backend.preview(
            grace,
            RegisterWarranty(order_number="45918", sku="HMY-PLUG-2P", serial_number="HMP-00000001"),
        )
    assert err.value.reason == "already_registered"
    camera = backend.warranty_coverage(grace, "45918", "HMY-CAM-2K")  # one camera, one serial
    assert camera.registered and camera.registered_serials == ["HMC-0B3D9AAA"]
