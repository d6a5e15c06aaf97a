"""Past returns in the demo store: return records, their lines and refunds, in the state their
dates give (label sent, received, refunded) through :mod:`assistant.store.refund_lifecycle`.

Generated returned orders get one each (the spec's ``past_returns``: reasons, how many days the
parcel takes to arrive; the refund is issued after the policy's inspection business days);
reference orders with ``returned`` get theirs at the spec's offsets. Past returns carry no label
file (their label links answer "not found"). References come from a seeded random generator, so
the same seed and clock give the same data.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta, tzinfo
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from assistant.store.calendar import add_business_days
from assistant.store.clock import Clock
from assistant.store.demo_spec import PastReturns
from assistant.store.models import Order, OrderLine
from assistant.store.models_returns import Refund, ReturnLine, ReturnRecord
from assistant.store.policy import StorePolicy
from assistant.store.policy_returns import ReturnReason
from assistant.store.refund_lifecycle import mark_received, mark_refunded, refund_parts
from assistant.store.types import OrderStatus

_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
ISSUE_HOUR = 14  # refunds go out in the afternoon, after inspection


def reference(rng: random.Random, prefix: str) -> str:
    return prefix + "".join(rng.choice(_ALPHABET) for _ in range(8))


def policy_reason(policy: StorePolicy, code: str) -> ReturnReason:
    reason = policy.returns.reason(code)
    if reason is None:
        raise ValueError(f"return reason {code!r} is not in the store's policy")
    return reason


def past_return(
    session: Session,
    rng: random.Random,
    policy: StorePolicy,
    tz: tzinfo,
    order: Order,
    lines: list[OrderLine],
    reason: ReturnReason,
    times: tuple[datetime, datetime | None, datetime | None],
) -> ReturnRecord:
    """A return of ``lines`` labelled, received and refunded at ``times`` (``None``: not yet)."""
    created, received, issued = times
    rules = policy.returns
    whole = {ln.id for ln in lines} == {ln.id for ln in order.lines}
    amounts = refund_parts(
        policy,
        order,
        sum((ln.line_total for ln in lines), Decimal("0")),
        reason,
        whole_order=whole,
        shipping_refunded=False,
    )
    items, tax, shipping, fee = amounts
    total = max(Decimal("0.00"), items + tax + shipping - fee)
    record = ReturnRecord(
        rma=reference(rng, "RMA-"),
        customer_id=order.customer_id,
        order_id=order.id,
        kind="return",
        reason=reason.code,
        status="label_sent",
        refund_to="original_payment",
        items_amount=items,
        tax_amount=tax,
        shipping_refund=shipping,
        fee=fee,
        refund_total=total,
        answers={},
        note=None,
        exchange_order_number=None,
        carrier=rules.label_carrier,
        label_file="",
        drop_off_by=created.astimezone(tz).date() + timedelta(days=rules.drop_off_days),
        created_at=created,
        received_at=None,
        lines=[ReturnLine.of(ln, ln.quantity) for ln in lines],
    )
    session.add(record)
    session.flush()
    refunds = []
    if total > 0:
        card = order.payment_brand + (
            f" ending {order.payment_last4}" if order.payment_last4 else ""
        )
        refunds.append(
            Refund(
                reference=reference(rng, "RF-"),
                customer_id=order.customer_id,
                order_id=order.id,
                return_id=record.id,
                amount=total,
                destination="original_payment",
                method=card,
                status="awaiting_return",
                expected_from=None,
                expected_to=None,
                created_at=created,
                issued_at=None,
            )
        )
        session.add_all(refunds)
    if received is not None:
        mark_received(record, refunds, rules, received, tz)
        if issued is not None:
            mark_refunded(record, refunds, rules, issued, tz)
    if whole and order.status is not OrderStatus.RETURNED:
        order.status, order.returned_at = OrderStatus.RETURNED, created
        order.updated_at = max(order.updated_at, created)
    return record


def add_past_returns(
    session: Session, clock: Clock, policy: StorePolicy, spec: PastReturns | None
) -> int:
    """A return record for every generated returned order; how many were added."""
    if spec is None:
        return 0
    rng = random.Random(spec.seed)
    reasons = [policy_reason(policy, code) for code in spec.reasons]
    now, tz = clock.now(), clock.tz
    inspection = policy.returns.inspection_business_days
    orders = session.scalars(
        select(Order)
        .where(Order.status == OrderStatus.RETURNED, Order.returned_at.is_not(None))
        .options(selectinload(Order.lines))
        .order_by(Order.id)
    ).all()
    taken = set(session.scalars(select(ReturnRecord.order_id)))
    added = 0
    for order in orders:
        if order.id in taken or order.returned_at is None:
            continue
        created = order.returned_at
        arrived = created + timedelta(days=rng.randint(*spec.received_after_days))
        received = arrived if arrived <= now else None
        issued = None
        if received is not None:
            day = add_business_days(received.astimezone(tz).date(), inspection)
            sent = datetime.combine(day, time(ISSUE_HOUR), tzinfo=tz)
            issued = sent if sent <= now else None
        reason = rng.choice(reasons)
        past_return(session, rng, policy, tz, order, list(order.lines), reason,
                    (created, received, issued))  # fmt: skip
        added += 1
    session.flush()
    return added
