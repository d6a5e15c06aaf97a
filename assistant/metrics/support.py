"""Support metrics for a period, computed from :class:`~assistant.metrics.records.SupportData`.

Only conversations with at least one customer message count. Each gets one outcome:

- **escalated**: a ticket was opened for it, or a reply escalated it;
- **unresolved**: not escalated, but the customer said it didn't help (a negative
  acknowledgment as the last one) or rated it CSAT 1–2;
- **confirmed** resolution: not escalated, and the customer said it helped (positive last
  acknowledgment) or rated it CSAT 4–5;
- **assumed** resolution: not escalated and no signal either way.

Metrics (rates are ``None`` when nothing is in the denominator):

- automation rate: (confirmed + assumed) / conversations, with the confirmed and assumed
  parts reported separately;
- first-contact resolution: among conversations of identified customers, resolved ones
  (confirmed or assumed) with no later conversation by the same customer on the same topic
  (see :mod:`~assistant.metrics.signals`) within ``return_window_days`` (7) of the last message;
- escalation rate, overall and by reason (ticket reason, else the reply's);
- time to first response: seconds from the first customer message to the first reply, p50/p95;
- CSAT: mean score (1–5), share of 4–5, number of ratings; NPS when given;
- setup success: conversations with a setup question that were neither escalated, nor
  unresolved, nor followed by another setup conversation of that customer within the window;
- subscription retention after a cancel intent: identified customers who asked to cancel
  and cancelled no subscription within ``retention_days`` (30) after the conversation;
- accessory recommendation acceptance: (customer, accessory) recommendations followed by a
  purchase of that accessory by that customer within ``purchase_days`` (30).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from assistant.intents import Intent
from assistant.metrics.records import ConversationRecord, SupportData
from assistant.metrics.signals import conversation_topic, last_acknowledgment

Outcome = Literal["escalated", "unresolved", "confirmed", "assumed"]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Rate(_Out):
    count: int
    total: int
    rate: float | None


class Automation(_Out):
    rate: float | None
    confirmed: Rate
    assumed: Rate
    unresolved: int
    escalated: int


class Escalations(_Out):
    rate: float | None
    total: int
    by_reason: dict[str, Rate]


class ResponseTime(_Out):
    p50_seconds: float | None
    p95_seconds: float | None
    samples: int


class Csat(_Out):
    average: float | None
    satisfied_share: float | None  # share of ratings 4–5
    responses: int
    nps: float | None  # % promoters − % detractors
    nps_responses: int


class SupportMetrics(_Out):
    start: datetime
    end: datetime
    conversations: int
    outcomes: dict[str, int]
    automation: Automation
    first_contact_resolution: Rate
    escalations: Escalations
    time_to_first_response: ResponseTime
    csat: Csat
    setup_success: Rate
    subscription_retention_after_cancel_intent: Rate
    accessory_recommendation_acceptance: Rate
    definitions: dict[str, str]


DEFINITIONS = {
    "automation": "conversations resolved without a human (confirmed + assumed) / all",
    "confirmed": "customer said it helped or rated CSAT 4-5, not escalated",
    "assumed": "not escalated and no signal either way",
    "first_contact_resolution": "resolved, identified customer, no return on the same topic "
    "within 7 days",
    "escalations": "conversations handed to a person / all, by reason",
    "time_to_first_response": "first customer message to first reply, seconds",
    "csat": "mean CSAT 1-5 of feedback on the period's conversations",
    "setup_success": "setup conversations not escalated, not unresolved, not reopened within "
    "7 days",
    "subscription_retention_after_cancel_intent": "customers who asked to cancel and kept "
    "their subscriptions for 30 days",
    "accessory_recommendation_acceptance": "recommended accessories the customer bought within "
    "30 days",
}


def rate(count: int, total: int) -> Rate:
    return Rate(count=count, total=total, rate=round(count / total, 4) if total else None)


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (``q`` in 0–100); ``None`` for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    value = ordered[low] + (ordered[high] - ordered[low]) * (position - low)
    return round(value, 3)


class _Index:
    """Lookups shared by the metrics: tickets and ratings per conversation, later visits."""

    def __init__(self, data: SupportData) -> None:
        self.tickets: dict[str, list[str]] = defaultdict(list)
        for ticket in data.tickets:
            self.tickets[ticket.conversation_id].append(ticket.reason)
        self.csat: dict[str, int] = {}
        for fb in sorted(data.feedback, key=lambda f: f.created_at):
            if fb.csat is not None:
                self.csat[fb.conversation_id] = fb.csat  # the latest rating counts
        self.by_customer: dict[int, list[ConversationRecord]] = defaultdict(list)
        for conv in [*data.conversations, *data.later_conversations]:
            if conv.customer_id is not None:
                self.by_customer[conv.customer_id].append(conv)

    def escalation_reason(self, conv: ConversationRecord) -> str | None:
        if self.tickets.get(conv.conversation_id):
            return self.tickets[conv.conversation_id][0]
        return next((t.escalation_reason for t in conv.turns if t.escalation_reason), None)

    def outcome(self, conv: ConversationRecord) -> Outcome:
        if self.escalation_reason(conv) is not None:
            return "escalated"
        score = self.csat.get(conv.conversation_id)
        if score is not None and score >= 4:
            return "confirmed"
        if score is not None and score <= 2:
            return "unresolved"
        ack = last_acknowledgment(conv)
        if ack == "positive":
            return "confirmed"
        if ack == "negative":
            return "unresolved"
        return "assumed"

    def returned(self, conv: ConversationRecord, topic: str, window: timedelta) -> bool:
        """A later conversation of the same customer on ``topic`` within ``window``."""
        if conv.customer_id is None:
            return False
        until = conv.last_at + window
        for other in self.by_customer.get(conv.customer_id, ()):
            if other.conversation_id == conv.conversation_id:
                continue
            if not conv.started_at < other.started_at <= until:
                continue
            if conversation_topic(other) != topic:
                continue
            if conv.focus_sku and other.focus_sku and conv.focus_sku != other.focus_sku:
                continue
            return True
        return False


def compute_support_metrics(
    data: SupportData,
    start: datetime,
    end: datetime,
    *,
    return_window_days: int = 7,
    retention_days: int = 30,
    purchase_days: int = 30,
) -> SupportMetrics:
    convs = [c for c in data.conversations if c.turns and start <= c.started_at < end]
    index = _Index(data)
    window = timedelta(days=return_window_days)
    outcomes = {c.conversation_id: index.outcome(c) for c in convs}
    counts = Counter(outcomes.values())
    total = len(convs)
    resolved = counts["confirmed"] + counts["assumed"]

    identified = [c for c in convs if c.customer_id is not None]
    fcr = sum(
        1
        for c in identified
        if outcomes[c.conversation_id] in ("confirmed", "assumed")
        and not index.returned(c, conversation_topic(c), window)
    )

    reasons = Counter(reason for c in convs if (reason := index.escalation_reason(c)) is not None)

    waits = [
        (first.answered_at - first.asked_at).total_seconds()
        for c in convs
        if (first := c.turns[0]).answered_at is not None
    ]

    ratings = [index.csat[c.conversation_id] for c in convs if c.conversation_id in index.csat]
    period_ids = {c.conversation_id for c in convs}
    nps_scores = [
        fb.nps for fb in data.feedback if fb.nps is not None and fb.conversation_id in period_ids
    ]

    setup = [c for c in convs if Intent.SETUP_HELP in c.intents]
    setup_ok = sum(
        1
        for c in setup
        if outcomes[c.conversation_id] in ("confirmed", "assumed")
        and not index.returned(c, "setup", window)
    )

    return SupportMetrics(
        start=start,
        end=end,
        conversations=total,
        outcomes={k: counts[k] for k in ("confirmed", "assumed", "unresolved", "escalated")},
        automation=Automation(
            rate=rate(resolved, total).rate,
            confirmed=rate(counts["confirmed"], total),
            assumed=rate(counts["assumed"], total),
            unresolved=counts["unresolved"],
            escalated=counts["escalated"],
        ),
        first_contact_resolution=rate(fcr, len(identified)),
        escalations=Escalations(
            rate=rate(counts["escalated"], total).rate,
            total=counts["escalated"],
            by_reason={r: rate(n, total) for r, n in sorted(reasons.items())},
        ),
        time_to_first_response=ResponseTime(
            p50_seconds=percentile(waits, 50), p95_seconds=percentile(waits, 95), samples=len(waits)
        ),
        csat=_csat(ratings, nps_scores),
        setup_success=rate(setup_ok, len(setup)),
        subscription_retention_after_cancel_intent=_retention(convs, data, retention_days),
        accessory_recommendation_acceptance=_acceptance(convs, data, purchase_days),
        definitions=DEFINITIONS,
    )


def _csat(ratings: list[int], nps_scores: list[int]) -> Csat:
    promoters = sum(1 for s in nps_scores if s >= 9)
    detractors = sum(1 for s in nps_scores if s <= 6)
    return Csat(
        average=round(sum(ratings) / len(ratings), 3) if ratings else None,
        satisfied_share=rate(sum(1 for r in ratings if r >= 4), len(ratings)).rate,
        responses=len(ratings),
        nps=round(100 * (promoters - detractors) / len(nps_scores), 1) if nps_scores else None,
        nps_responses=len(nps_scores),
    )


def _retention(convs: list[ConversationRecord], data: SupportData, days: int) -> Rate:
    """One sample per customer: their first cancel-intent conversation in the period."""
    first_ask: dict[int, datetime] = {}
    for c in sorted(convs, key=lambda c: c.started_at):
        if c.customer_id is not None and Intent.SUBSCRIPTION_CANCEL in c.intents:
            first_ask.setdefault(c.customer_id, c.started_at)
    cancelled: dict[int, list[datetime]] = defaultdict(list)
    for x in data.cancellations:
        cancelled[x.customer_id].append(x.at)
    kept = 0
    for customer_id, asked in first_ask.items():
        until = asked + timedelta(days=days)
        if not any(asked <= at <= until for at in cancelled.get(customer_id, ())):
            kept += 1
    return rate(kept, len(first_ask))


def _acceptance(convs: list[ConversationRecord], data: SupportData, days: int) -> Rate:
    """One sample per (customer, accessory): the first time it was recommended."""
    offered: dict[tuple[int, str], datetime] = {}
    for c in convs:
        if c.customer_id is None:
            continue
        for turn in c.turns:
            for sku in turn.recommended_skus:
                key = (c.customer_id, sku)
                at = turn.answered_at or turn.asked_at
                if key not in offered or at < offered[key]:
                    offered[key] = at
    purchases: dict[tuple[int, str], list[datetime]] = defaultdict(list)
    for p in data.purchases:
        purchases[(p.customer_id, p.sku)].append(p.at)
    bought = 0
    for key, at in offered.items():
        until = at + timedelta(days=days)
        if any(at < when <= until for when in purchases.get(key, ())):
            bought += 1
    return rate(bought, len(offered))
