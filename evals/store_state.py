"""The store after a conversation, τ-bench style: read the resulting records and compare them with
what the case expects.

A case states what must hold as ``{entity: {field: value, ..., count: n}}``, e.g.
``{"subscription": {"customer": "alex.kim@example.com", "next_delivery_date": "2026-03-15"}}``.
Every field but ``count`` filters the records of that entity; the check passes when at least one
record matches, or exactly ``count`` records when ``count`` is given (``count: 0``: none may).
Values compare as text, case-insensitively; a list field (an order's ``skus``) matches a scalar
it contains or a list with the same members. Tickets, feedback and audited actions are only the
ones this conversation created. See evals/README.md for every entity and field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, selectinload

from assistant.store.models import (
    AuditRecord,
    Customer,
    EscalationTicket,
    Feedback,
    Order,
    Subscription,
    WarrantyRegistration,
)

Record = dict[str, Any]
Snapshot = dict[str, list[Record]]
ENTITIES = ("order", "subscription", "ticket", "feedback", "warranty_registration", "action")
# fields that name a record: a failed check shows the records that share them
_ANCHORS = ("customer", "number", "id", "order_number", "registration_id")
# entities whose records belong to the store, not to one conversation (compared before/after)
DURABLE = ("order", "subscription", "warranty_registration")
_KEYS = {"order": "number", "subscription": "id", "warranty_registration": "registration_id"}


@dataclass(frozen=True, slots=True)
class StateCheck:
    passed: bool
    detail: str


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "value") and isinstance(value.value, str):  # StrEnum columns
        return str(value.value)
    return value


def _emails(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Customer.id, Customer.email)).tuples().all())


def read_snapshot(engine: Engine, conversation_id: str) -> Snapshot:
    """Every order, subscription and warranty registration in the store, and the tickets,
    feedback and audited actions of ``conversation_id``, as plain records."""
    with Session(engine) as session:
        emails = _emails(session)
        orders = session.scalars(select(Order).options(selectinload(Order.lines))).all()
        order_numbers = {o.id: o.number for o in orders}
        snap: Snapshot = {
            "order": [
                {
                    "number": o.number,
                    "customer": emails.get(o.customer_id),
                    "status": _plain(o.status),
                    "shipping_method": o.shipping_method,
                    "total": _plain(o.total),
                    "confirmation_email_status": _plain(o.confirmation_email_status),
                    "line1": o.shipping_address.get("line1"),
                    "city": o.shipping_address.get("city"),
                    "postal_code": o.shipping_address.get("postal_code"),
                    "skus": sorted(line.sku for line in o.lines),
                    "items": sum(line.quantity for line in o.lines),
                }
                for o in orders
            ],
            "subscription": [
                {
                    "id": s.id,
                    "customer": emails.get(s.customer_id),
                    "sku": s.sku,
                    "grind": s.grind,
                    "quantity": s.quantity,
                    "frequency": s.frequency,
                    "price": _plain(s.price),
                    "status": _plain(s.status),
                    "next_delivery_date": _plain(s.next_delivery_date),
                    "paused_until": _plain(s.paused_until),
                }
                for s in session.scalars(select(Subscription))
            ],
            "warranty_registration": [
                {
                    "registration_id": w.registration_id,
                    "customer": emails.get(w.customer_id),
                    "order_number": order_numbers.get(w.order_id),
                    "sku": w.sku,
                    "serial_number": w.serial_number,
                }
                for w in session.scalars(select(WarrantyRegistration))
            ],
            "ticket": [
                {
                    "number": t.ticket_number,
                    "customer": emails.get(t.customer_id) if t.customer_id else None,
                    "reason": t.reason,
                    "priority": t.priority,
                    "order_number": t.order_number,
                    "status": t.status,
                }
                for t in session.scalars(
                    select(EscalationTicket).where(
                        EscalationTicket.conversation_id == conversation_id
                    )
                )
            ],
            "feedback": [
                {
                    "customer": emails.get(f.customer_id) if f.customer_id else None,
                    "csat": f.csat,
                    "nps": f.nps,
                    "comment": f.comment,
                }
                for f in session.scalars(
                    select(Feedback).where(Feedback.conversation_id == conversation_id)
                )
            ],
            "action": [
                {
                    "action": a.action,
                    "outcome": a.outcome,
                    "customer": emails.get(a.customer_id) if a.customer_id else None,
                }
                for a in session.scalars(
                    select(AuditRecord).where(AuditRecord.conversation_id == conversation_id)
                )
            ],
        }
    return snap


def _text(value: Any) -> str:
    value = _plain(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value).strip().lower()


def _matches(actual: Any, expected: Any) -> bool:
    if isinstance(actual, list):
        have = {_text(v) for v in actual}
        if isinstance(expected, list):
            return have == {_text(v) for v in expected}
        return _text(expected) in have
    if expected is None:
        return actual is None
    return _text(actual) == _text(expected)


def check_state(snapshot: Snapshot, entity: str, spec: Mapping[str, Any]) -> StateCheck:
    """One ``{entity: spec}`` expectation against a snapshot (see the module doc)."""
    records = snapshot.get(entity)
    if records is None:
        return StateCheck(False, f"unknown entity {entity!r}; known: {', '.join(ENTITIES)}")
    filters = {k: v for k, v in spec.items() if k != "count"}
    unknown = sorted(k for k in filters if records and k not in records[0])
    if unknown:
        return StateCheck(False, f"{entity}: unknown field(s) {unknown}; known: {list(records[0])}")
    found = [r for r in records if all(_matches(r.get(k), v) for k, v in filters.items())]
    want = spec.get("count")
    passed = len(found) >= 1 if want is None else len(found) == int(want)
    wanted = f"exactly {want}" if want is not None else "at least 1"
    detail = f"{entity} {_describe(filters)}: {len(found)} record(s), expected {wanted}"
    if not passed:
        detail += _nearby(records, filters)
    return StateCheck(passed, detail)


def _describe(filters: Mapping[str, Any]) -> str:
    return "{" + ", ".join(f"{k}={_text(v)}" for k, v in filters.items()) + "}"


def _nearby(records: Iterable[Record], filters: Mapping[str, Any]) -> str:
    """The records sharing the spec's anchor fields (its customer, number, id), with the
    fields the spec asked about: what the store holds instead."""
    anchors = {k: v for k, v in filters.items() if k in _ANCHORS}
    near = [r for r in records if all(_matches(r.get(k), v) for k, v in anchors.items())]
    if not anchors or not near:
        return ""
    shown = [{k: _plain(r.get(k)) for k in filters} for r in near[:3]]
    return f"; the store has {shown}"


def durable_changes(before: Snapshot, after: Snapshot) -> list[str]:
    """What changed in orders, subscriptions and warranty registrations (added, removed or
    edited records), one line each."""
    changes: list[str] = []
    for entity in DURABLE:
        key = _KEYS[entity]
        old = {r[key]: r for r in before.get(entity, [])}
        new = {r[key]: r for r in after.get(entity, [])}
        for k in sorted(set(old) | set(new), key=str):
            if k not in old:
                changes.append(f"{entity} {k} added")
            elif k not in new:
                changes.append(f"{entity} {k} removed")
            elif old[k] != new[k]:
                was = old[k]
                edits = [f"{f}: {was.get(f)} -> {v}" for f, v in new[k].items() if was.get(f) != v]
                changes.append(f"{entity} {k} changed ({'; '.join(edits)})")
    return changes
