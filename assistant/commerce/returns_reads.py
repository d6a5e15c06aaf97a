"""Reads about returns, scoped to the verified customer: their returns (with a signed label
link), their refunds and where each stands, and the condition questions a return still needs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Literal, cast

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from assistant.commerce.errors import ActionNotAllowed
from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.plans import ActionContext
from assistant.commerce.reads import load_order
from assistant.commerce.requests import ReturnItems
from assistant.commerce.returns_rules import (
    check_answers,
    check_returnable,
    conditions_for,
    pick_line,
    refund_timing,
    remaining,
    require_open_window,
    resolve_reason,
    return_window,
    store_today,
)
from assistant.commerce.schemas import (
    RefundPublic,
    ReturnLinePublic,
    ReturnPublic,
    ReturnQuestion,
    ReturnWindowPublic,
)
from assistant.commerce.shop import Shop
from assistant.returns.links import LabelLinks
from assistant.returns.provider import ReturnsProvider
from assistant.store.clock import today
from assistant.store.models import Order
from assistant.store.models_returns import Refund, ReturnRecord
from assistant.store.store import Store

RefundTo = Literal["original_payment", "store_credit"]


def return_public(
    record: ReturnRecord, order: Order, shop: Shop, links: LabelLinks, now: datetime
) -> ReturnPublic:
    reason = shop.policy.returns.reason(record.reason)
    refund = next(iter(record_refunds(record)), None)
    method = refund.method if refund is not None else "no refund due"
    return ReturnPublic(
        rma=record.rma,
        type="exchange" if record.kind == "exchange" else "return",
        order_number=order.number,
        reason=record.reason,
        reason_label=reason.label if reason else record.reason,
        status=record.status,
        lines=[
            ReturnLinePublic(
                sku=ln.sku,
                name=ln.name,
                variant=dict(ln.variant),
                quantity=ln.quantity,
                unit_price=ln.unit_price,
                amount=ln.amount,
            )
            for ln in record.lines
        ],
        items_amount=record.items_amount,
        tax_amount=record.tax_amount,
        shipping_refund=record.shipping_refund,
        fee=record.fee,
        refund_total=record.refund_total,
        refund_to=cast(RefundTo, record.refund_to),
        refund_method=method,
        refund_timing=refund_timing(shop.policy.returns, method),
        carrier=record.carrier,
        drop_off_by=record.drop_off_by,
        label_url=links.url(record.rma, now),
        exchange_order_number=record.exchange_order_number,
        created_at=record.created_at,
        received_at=record.received_at,
    )


def record_refunds(record: ReturnRecord) -> list[Refund]:
    session = Session.object_session(record)
    if session is None:
        return []
    return list(session.scalars(select(Refund).where(Refund.return_id == record.id)))


def load_return(session: Session, customer: VerifiedCustomer, rma: str) -> ReturnRecord | None:
    return session.scalars(
        select(ReturnRecord)
        .where(ReturnRecord.rma == rma, ReturnRecord.customer_id == customer.customer_id)
        .options(selectinload(ReturnRecord.lines))
    ).first()


class ReturnsReadService:
    def __init__(
        self, store: Store, shop: Shop, links: LabelLinks, provider: ReturnsProvider
    ) -> None:
        self._store = store
        self._shop = shop
        self._links = links
        self._provider = provider

    def list_returns(self, customer: VerifiedCustomer) -> list[ReturnPublic]:
        """The customer's returns and exchanges, newest first."""
        now = self._store.clock.now()
        with self._store.sessions() as session:
            rows = session.scalars(
                select(ReturnRecord)
                .where(ReturnRecord.customer_id == customer.customer_id)
                .options(selectinload(ReturnRecord.lines))
                .order_by(ReturnRecord.created_at.desc(), ReturnRecord.id.desc())
            ).all()
            return [
                return_public(r, session.get_one(Order, r.order_id), self._shop, self._links, now)
                for r in rows
            ]

    def refund_status(self, customer: VerifiedCustomer) -> list[RefundPublic]:
        """The customer's refunds (newest first): amount, where it goes, status, expected dates."""
        with self._store.sessions() as session:
            rows = session.execute(
                select(Refund, Order.number, ReturnRecord.rma, ReturnRecord.received_at)
                .join(Order, Order.id == Refund.order_id)
                .outerjoin(ReturnRecord, ReturnRecord.id == Refund.return_id)
                .where(Refund.customer_id == customer.customer_id)
                .order_by(Refund.created_at.desc(), Refund.id.desc())
            ).all()
            return [
                RefundPublic(
                    reference=refund.reference,
                    order_number=number,
                    rma=rma,
                    amount=refund.amount,
                    destination=cast(RefundTo, refund.destination),
                    method=refund.method,
                    status=cast(Literal["awaiting_return", "processing", "issued"], refund.status),
                    expected_from=refund.expected_from,
                    expected_to=refund.expected_to,
                    created_at=refund.created_at,
                    issued_at=refund.issued_at,
                    received_at=received_at,
                )
                for refund, number, rma, received_at in rows
            ]

    def return_questions(
        self, customer: VerifiedCustomer, request: ReturnItems, *, exchange: bool = False
    ) -> list[ReturnQuestion]:
        """The policy's condition questions for these items that are not answered yet (for an
        exchange: those of the policy's exchange reason)."""
        clock = self._store.clock
        rules = self._shop.policy.returns
        with self._store.sessions() as session:
            ctx = ActionContext(session, customer, clock.now(), today(clock), clock.tz, self._shop)
            order = load_order(session, customer, request.order_number)
            reason = resolve_reason(rules, rules.exchange_reason if exchange else request.reason)
            require_open_window(ctx, order, "exchange" if exchange else "return")
            questions: dict[str, ReturnQuestion] = {}
            for item in request.items:
                line = pick_line(order, item.sku, item.variant)
                remaining(session, line, 1)
                check_returnable(self._shop, line, reason)
                conditions = conditions_for(ctx.shop, line.sku, reason)
                answered = [c for c in conditions if c.key in request.answers]
                check_answers(answered, request.answers, line.name)  # a blocking answer: refused
                for condition in conditions:
                    if condition.key in request.answers:
                        continue
                    known = questions.get(condition.key)
                    skus = [*(known.skus if known else []), line.sku]
                    questions[condition.key] = ReturnQuestion(
                        key=condition.key,
                        question=condition.question,
                        skus=skus,
                        yes_words=condition.yes_words,
                        no_words=condition.no_words,
                    )
            if reason.person_decides and not questions:  # what the policy asks, then a person
                raise ActionNotAllowed(
                    f'Returns because of "{reason.label}" are reviewed by a support agent '
                    "before a label is issued (our returns policy).",
                    reason="person_decides",
                    escalate=True,
                )
            return list(questions.values())

    def return_window(self, customer: VerifiedCustomer, order_number: str) -> ReturnWindowPublic:
        """The return window of one of the customer's delivered orders."""
        clock = self._store.clock
        with self._store.sessions() as session:
            ctx = ActionContext(session, customer, clock.now(), today(clock), clock.tz, self._shop)
            order = load_order(session, customer, order_number)
            window = return_window(ctx, order)
            return ReturnWindowPublic(
                order_number=order.number,
                delivered_on=window.delivered_on,
                last_day=window.last_day,
                window_days=window.days,
                open=window.open_on(store_today(ctx)),
            )

    def label_for_customer(self, customer: VerifiedCustomer, rma: str) -> Path | None:
        """The label of one of this customer's returns (``None`` for anyone else's)."""
        with self._store.sessions() as session:
            record = load_return(session, customer, rma)
            file = record.label_file if record is not None else None
        return self._provider.label_file(file) if file else None

    def label_for_link(self, rma: str, expires: int, sig: str) -> Path | None:
        """The label file a signed link points at (``None``: bad or expired link, or no label)."""
        if not self._links.valid(rma, expires, sig, self._store.clock.now()):
            return None
        with self._store.sessions() as session:
            file = session.scalar(select(ReturnRecord.label_file).where(ReturnRecord.rma == rma))
        return self._provider.label_file(file) if file else None
