"""Hand-made conversation records for the metric tests."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from assistant.metrics.records import ConversationRecord, TurnRecord

TZ = ZoneInfo("America/New_York")
START = datetime(2026, 1, 1, tzinfo=TZ)
END = datetime(2026, 2, 1, tzinfo=TZ)


def turn(
    text: str,
    intent: str | None = "order_status",
    *,
    at: datetime = START + timedelta(days=1),
    wait: float = 2.0,
    answer: str = "Here you go.",
    escalation: str | None = None,
    recommended: tuple[str, ...] = (),
    confidence: float | None = 0.9,
    citations: int = 1,
    skus: tuple[str, ...] = (),
    top_score: float | None = None,
) -> TurnRecord:
    return TurnRecord(
        asked_at=at,
        text=text,
        answered_at=at + timedelta(seconds=wait),
        answer=answer,
        intent=intent,
        confidence=confidence,
        citations=citations,
        escalation_reason=escalation,
        recommended_skus=recommended,
        skus=skus,
        top_score=top_score,
    )


def conversation(
    cid: str,
    *turns: TurnRecord,
    customer: int | None = None,
    day: int = 1,
    focus_sku: str | None = None,
) -> ConversationRecord:
    started = START + timedelta(days=day)
    shifted = tuple(
        TurnRecord(
            asked_at=started + timedelta(minutes=i),
            text=t.text,
            answered_at=None
            if t.answered_at is None
            else started + timedelta(minutes=i) + (t.answered_at - t.asked_at),
            answer=t.answer,
            intent=t.intent,
            confidence=t.confidence,
            citations=t.citations,
            escalation_reason=t.escalation_reason,
            recommended_skus=t.recommended_skus,
            skus=t.skus,
            top_score=t.top_score,
        )
        for i, t in enumerate(turns)
    )
    return ConversationRecord(
        conversation_id=cid,
        customer_id=customer,
        started_at=started,
        turns=shifted,
        focus_sku=focus_sku,
    )
