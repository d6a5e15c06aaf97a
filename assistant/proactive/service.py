"""``ProactiveService.handle(event)``: one store or carrier event becomes at most one outbox
message, exactly once per event id.

1. A replayed event id returns the first outcome (``duplicate=True``) and changes nothing.
2. The facts are read (customer, order or subscription); no notification consent, an unknown
   order, a cancelled order, ... suppress the message (the event is still recorded).
3. The event type's template renders the notice. Its due time is now, or later for scheduled
   notices (setup tips a week after delivery); inside quiet hours (store-local) it is moved to
   the end of them, never dropped. ``outbox.send_after`` holds that time.
4. One write transaction records the event, the outbox row and the proactive message (with its
   public id). A concurrent replay that loses the race gets the winner's outcome.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assistant.proactive.events import Event
from assistant.proactive.facts import Facts, Suppressed, load_facts
from assistant.proactive.schedule import QuietHours
from assistant.proactive.templates import TEMPLATES, Notice, RenderContext
from assistant.retrieval.types import Retriever
from assistant.settings import Settings
from assistant.store.models import OutboxMessage, ProactiveMessage, ProcessedEvent
from assistant.store.policy import load_policy
from assistant.store.store import Store

CHANNEL = "email"


@dataclass(frozen=True, slots=True)
class EventOutcome:
    """What ``POST /v1/events`` answers. ``outbox_message_id`` is the proactive message's
    public id (what ``POST /v1/conversations`` takes as ``proactive_message_id``)."""

    outbox_message_id: str | None
    duplicate: bool
    suppressed: str | None


def new_public_id() -> str:
    return "pm_" + secrets.token_urlsafe(18)


class ProactiveService:
    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        retriever: Retriever | None = None,
        quiet_hours: QuietHours | None = None,
    ) -> None:
        self._store = store
        self._settings = settings
        self._retriever = retriever
        self._quiet = quiet_hours or QuietHours.from_settings(settings)
        self._policy = load_policy(settings.store_policy_path)

    def handle(self, event: Event) -> EventOutcome:
        with self._store.sessions() as session:
            seen = _previous_outcome(session, event.id)
            if seen is not None:
                return seen
            facts = load_facts(session, event, self._store.clock.tz, self._policy)
        now = self._store.clock.now()
        notice: Notice | Suppressed
        send_at = now
        if isinstance(facts, Suppressed):
            notice = facts
        else:
            template = TEMPLATES[event.type]
            due = max(now, event.occurred_at + template.delay) if template.delay else now
            send_at = self._quiet.release(due)
            notice = template.render(event, facts, self._context(send_at))
        try:
            return self._record(event, facts, notice, now, send_at)
        except IntegrityError:  # a concurrent delivery of the same event won
            with self._store.sessions() as session:
                seen = _previous_outcome(session, event.id)
            if seen is None:
                raise
            return seen

    def _context(self, send_at: datetime) -> RenderContext:
        subs = self._policy.subscriptions
        return RenderContext(
            tz=self._store.clock.tz,
            send_at=send_at,
            retriever=self._retriever,
            public_url=self._settings.public_url,
            return_window_days=self._policy.returns.window_days,
            change_cutoff_days=subs.change_cutoff_days if subs else 0,
            subscription_name=(subs.program_name if subs and subs.program_name else "subscription"),
            account_url=self._policy.support.account_url,
        )

    def _record(
        self,
        event: Event,
        facts: Facts | Suppressed,
        notice: Notice | Suppressed,
        now: datetime,
        send_at: datetime,
    ) -> EventOutcome:
        with self._store.write_sessions.begin() as session:
            seen = _previous_outcome(session, event.id)
            if seen is not None:
                return seen
            processed = ProcessedEvent(
                event_id=event.id,
                type=event.type.value,
                occurred_at=event.occurred_at,
                received_at=now,
                outbox_id=None,
                suppressed=notice.reason if isinstance(notice, Suppressed) else None,
            )
            if isinstance(notice, Suppressed) or isinstance(facts, Suppressed):
                session.add(processed)
                return EventOutcome(None, duplicate=False, suppressed=processed.suppressed)
            public_id = new_public_id()
            outbox = OutboxMessage(
                customer_id=facts.recipient.customer_id,
                channel=CHANNEL,
                recipient=facts.recipient.email,
                kind=notice.kind,
                payload=_payload(public_id, event, notice),
                status="pending",
                created_at=now,
                sent_at=None,
                send_after=send_at if send_at > now else None,
                attempts=0,
            )
            session.add(outbox)
            session.flush()
            processed.outbox_id = outbox.id
            session.add(processed)
            session.add(
                ProactiveMessage(
                    id=public_id,
                    outbox_id=outbox.id,
                    event_id=event.id,
                    kind=notice.kind,
                    customer_id=facts.recipient.customer_id,
                    order_number=facts.order.number if facts.order else None,
                    subscription_id=facts.subscription.id if facts.subscription else None,
                    sku=notice.sku or event.sku,
                    created_at=now,
                )
            )
            return EventOutcome(public_id, duplicate=False, suppressed=None)


def _payload(public_id: str, event: Event, notice: Notice) -> dict[str, Any]:
    return {
        "proactive_message_id": public_id,
        "event_id": event.id,
        "event_type": event.type.value,
        "subject": notice.subject,
        "text": notice.text,
        "links": [{"label": link.label, "url": link.url} for link in notice.links],
    }


def _previous_outcome(session: Session, event_id: str) -> EventOutcome | None:
    row = session.get(ProcessedEvent, event_id)
    if row is None:
        return None
    public_id = None
    if row.outbox_id is not None:
        public_id = session.scalar(
            select(ProactiveMessage.id).where(ProactiveMessage.outbox_id == row.outbox_id)
        )
    return EventOutcome(public_id, duplicate=True, suppressed=row.suppressed)
