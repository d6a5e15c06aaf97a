"""``SqlSupportData``: the store's tables as :class:`~assistant.metrics.records.SupportData`.

- conversations + conversation_messages (the API's transcripts): a customer message and the
  assistant message after it form a turn; the reply JSON gives intent, confidence, citations,
  escalation and fallback; the greeting (an assistant message before any customer message) is
  not a turn. The product of a turn is the ``sku`` argument of its tool calls; accessories a
  reply recommended are the catalogue products its text names after a
  ``recommend_accessories_for`` call (the Reply does not carry the tool's result).
- escalation_tickets, feedback: by conversation id.
- subscriptions.cancelled_at: cancellations; order_lines of orders not cancelled: purchases.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.commerce.shop import load_sku_facts
from assistant.metrics.records import (
    Cancellation,
    ConversationRecord,
    FeedbackRecord,
    Purchase,
    SupportData,
    TicketRecord,
    TurnRecord,
)
from assistant.store.models import (
    EscalationTicket,
    Feedback,
    Order,
    OrderLine,
    ProactiveMessage,
    Subscription,
)
from assistant.store.models_conversations import Conversation, ConversationMessage
from assistant.store.store import Store
from assistant.store.types import OrderStatus

RECOMMEND_TOOL = "recommend_accessories_for"


@dataclass(frozen=True, slots=True)
class ProductNames:
    """The store's SKUs and the names customers see (product and model names), from its
    ``products`` table and catalogue."""

    skus: tuple[str, ...]
    names: tuple[tuple[str, str], ...]  # (sku, lowered name), longest name first

    @classmethod
    def load(cls, session: Session) -> ProductNames:
        facts = load_sku_facts(session)
        names = sorted(
            ((f.sku, n.lower()) for f in facts.values() for n in {f.name, f.model} if len(n) > 4),
            key=lambda item: -len(item[1]),
        )
        return cls(tuple(facts), tuple(names))


def skus_named(text: str, names: ProductNames, exclude: Sequence[str] = ()) -> tuple[str, ...]:
    """Catalogue SKUs whose name or model (or SKU) ``text`` mentions, in catalogue order."""
    lowered = text.lower()
    found = {sku for sku, name in names.names if name in lowered}
    found |= {sku for sku in names.skus if sku.lower() in lowered}
    return tuple(sku for sku in names.skus if sku in found and sku not in exclude)


def _tool_skus(reply: dict[str, Any], names: ProductNames) -> tuple[str, ...]:
    known = set(names.skus)
    skus = []
    for call in reply.get("tool_calls") or ():
        args = call.get("arguments") if isinstance(call, dict) else None
        sku = args.get("sku") if isinstance(args, dict) else None
        if isinstance(sku, str) and sku in known and sku not in skus:
            skus.append(sku)
    return tuple(skus)


def _turn(
    asked: ConversationMessage, answer: ConversationMessage | None, names: ProductNames
) -> TurnRecord:
    reply: dict[str, Any] = dict(answer.reply or {}) if answer is not None else {}
    escalation = reply.get("escalation")
    skus = _tool_skus(reply, names)
    recommended: tuple[str, ...] = ()
    calls = [c.get("name") for c in reply.get("tool_calls") or () if isinstance(c, dict)]
    if RECOMMEND_TOOL in calls and answer is not None:
        recommended = skus_named(answer.text, names, exclude=skus)
    confidence = reply.get("confidence")
    return TurnRecord(
        asked_at=asked.created_at,
        text=asked.text,
        answered_at=answer.created_at if answer is not None else None,
        answer=answer.text if answer is not None else "",
        intent=reply.get("intent") if isinstance(reply.get("intent"), str) else None,
        confidence=float(confidence) if isinstance(confidence, int | float) else None,
        citations=len(reply.get("citations") or ()),
        escalation_reason=escalation.get("reason") if isinstance(escalation, dict) else None,
        fallback=reply.get("fallback") if isinstance(reply.get("fallback"), str) else None,
        skus=skus,
        recommended_skus=recommended,
    )


def conversation_record(
    row: Conversation,
    messages: Sequence[ConversationMessage],
    names: ProductNames,
    proactive_message_id: str | None = None,
) -> ConversationRecord:
    turns: list[TurnRecord] = []
    pending: ConversationMessage | None = None
    for message in messages:
        if message.role == "customer":
            if pending is not None:
                turns.append(_turn(pending, None, names))
            pending = message
        elif pending is not None:
            turns.append(_turn(pending, message, names))
            pending = None
    if pending is not None:
        turns.append(_turn(pending, None, names))
    state = row.state if isinstance(row.state, dict) else {}
    focus = state.get("focus_sku")
    return ConversationRecord(
        conversation_id=row.id,
        customer_id=row.customer_id,
        started_at=row.created_at,
        turns=tuple(turns),
        focus_sku=focus if isinstance(focus, str) else None,
        proactive_message_id=proactive_message_id,
    )


class SqlSupportData:
    """Reads :class:`SupportData` from a :class:`Store` (read-only sessions)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def _conversations(self, start: datetime, end: datetime | None) -> list[ConversationRecord]:
        with self._store.sessions() as session:
            query = select(Conversation).where(Conversation.created_at >= start)
            if end is not None:
                query = query.where(Conversation.created_at < end)
            rows = session.scalars(query.order_by(Conversation.created_at)).all()
            by_conv: dict[str, list[ConversationMessage]] = defaultdict(list)
            linked: dict[str | None, str] = {}
            ids = [r.id for r in rows]
            for chunk in range(0, len(ids), 500):
                for msg in session.scalars(
                    select(ConversationMessage)
                    .where(ConversationMessage.conversation_id.in_(ids[chunk : chunk + 500]))
                    .order_by(ConversationMessage.id)
                ):
                    by_conv[msg.conversation_id].append(msg)
                linked.update(
                    session.execute(
                        select(ProactiveMessage.conversation_id, ProactiveMessage.id).where(
                            ProactiveMessage.conversation_id.in_(ids[chunk : chunk + 500])
                        )
                    )
                    .tuples()
                    .all()
                )
            names = ProductNames.load(session)
            return [
                conversation_record(r, by_conv.get(r.id, []), names, linked.get(r.id)) for r in rows
            ]

    def conversations_since(self, since: datetime) -> Sequence[ConversationRecord]:
        return self._conversations(since, None)

    def load(self, start: datetime, end: datetime, *, lookahead_days: int) -> SupportData:
        horizon = end + timedelta(days=lookahead_days)
        conversations = self._conversations(start, end)
        later = self._conversations(end, horizon)
        ids = {c.conversation_id for c in conversations}
        with self._store.sessions() as session:
            tickets = [
                TicketRecord(
                    conversation_id=t.conversation_id,
                    ticket_number=t.ticket_number,
                    reason=t.reason,
                    priority=t.priority,
                    status=t.status,
                    created_at=t.created_at,
                )
                for t in session.scalars(
                    select(EscalationTicket).where(
                        EscalationTicket.created_at >= start, EscalationTicket.created_at < horizon
                    )
                )
                if t.conversation_id in ids
            ]
            feedback = [
                FeedbackRecord(
                    conversation_id=f.conversation_id,
                    created_at=f.created_at,
                    csat=f.csat,
                    nps=f.nps,
                    comment=f.comment,
                )
                for f in session.scalars(
                    select(Feedback).where(
                        Feedback.created_at >= start, Feedback.created_at < horizon
                    )
                )
                if f.conversation_id in ids
            ]
            cancellations = [
                Cancellation(customer_id=s.customer_id, subscription_id=s.id, at=s.cancelled_at)
                for s in session.scalars(
                    select(Subscription).where(
                        Subscription.cancelled_at >= start, Subscription.cancelled_at < horizon
                    )
                )
                if s.cancelled_at is not None
            ]
            purchases = [
                Purchase(customer_id=customer_id, sku=sku, at=placed_at)
                for customer_id, sku, placed_at in session.execute(
                    select(Order.customer_id, OrderLine.sku, Order.placed_at)
                    .join(OrderLine, OrderLine.order_id == Order.id)
                    .where(
                        Order.placed_at >= start,
                        Order.placed_at < horizon,
                        Order.status != OrderStatus.CANCELLED,
                    )
                )
            ]
        return SupportData(
            conversations=conversations,
            later_conversations=later,
            feedback=feedback,
            tickets=tickets,
            cancellations=cancellations,
            purchases=purchases,
        )
