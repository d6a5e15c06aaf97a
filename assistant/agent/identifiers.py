"""Who owns which identifying strings in the store: names, emails, phones, order numbers,
tracking numbers and street lines, per customer id. The output policy uses it to keep one
customer's identifiers out of another customer's conversation, whatever a model has seen.

Read from the store's database (read-only) when first needed and again after ``ttl_seconds``.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from assistant.store.models import Customer, Order, Shipment

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TOKEN = re.compile(r"[a-z0-9][a-z0-9-]{3,39}")


@dataclass(slots=True)
class Identifiers:
    tokens: dict[str, set[int]] = field(default_factory=dict)  # email/order/tracking -> owners
    phrases: dict[str, set[int]] = field(default_factory=dict)  # name/street/phone -> owners

    def add(self, table: dict[str, set[int]], key: str | None, owner: int) -> None:
        key = " ".join((key or "").lower().split())
        if len(key) >= 4:
            table.setdefault(key, set()).add(owner)


def read_identifiers(engine: Engine) -> Identifiers:
    out = Identifiers()
    with Session(engine) as session:
        for cid, email, name, phone in session.execute(
            select(Customer.id, Customer.email, Customer.name, Customer.phone)
        ):
            out.add(out.tokens, email, cid)
            if len(name.split()) >= 2:  # a full name; a lone first name is too common a word
                out.add(out.phrases, name, cid)
            out.add(out.phrases, phone, cid)
        owner: dict[int, int] = {}
        for oid, number, cid, email, address in session.execute(
            select(Order.id, Order.number, Order.customer_id, Order.email, Order.shipping_address)
        ):
            owner[oid] = cid
            out.add(out.tokens, number, cid)
            out.add(out.tokens, email, cid)
            if isinstance(address, dict):
                out.add(out.phrases, str(address.get("line1") or ""), cid)
                if len(str(address.get("name") or "").split()) >= 2:
                    out.add(out.phrases, str(address.get("name")), cid)
        for oid, tracking in session.execute(select(Shipment.order_id, Shipment.tracking_number)):
            if oid in owner:
                out.add(out.tokens, tracking, owner[oid])
    return out


class CustomerDirectory:
    """Finds identifiers of customers other than the session's in a text."""

    def __init__(
        self,
        load: Callable[[], Identifiers],
        *,
        ttl_seconds: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._load = load
        self._ttl = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._data: Identifiers | None = None
        self._loaded_at = 0.0

    @classmethod
    def of_engine(cls, engine: Engine) -> CustomerDirectory:
        return cls(lambda: read_identifiers(engine))

    def warm(self) -> None:
        """Read the identifiers now (not while a model's answer streams in)."""
        self._identifiers()

    def _identifiers(self) -> Identifiers:
        with self._lock:
            if self._data is None or self._clock() - self._loaded_at > self._ttl:
                self._data = self._load()
                self._loaded_at = self._clock()
            return self._data

    def foreign(self, text: str, own_customer: int | None, typed: str = "") -> list[str]:
        """Identifiers in ``text`` that belong to a customer other than ``own_customer`` (and not
        also to them), leaving out what the customer typed themselves (``typed``)."""
        data = self._identifiers()
        low = " ".join(text.lower().split())
        typed = " ".join(typed.lower().split())
        found: set[str] = set()
        words = set(_EMAIL.findall(low)) | set(_TOKEN.findall(low))
        for word in words:
            owners = data.tokens.get(word.strip(".-"))
            if owners and own_customer not in owners and word not in typed:
                found.add(word)
        for phrase, owners in data.phrases.items():
            if own_customer in owners or phrase in typed or phrase not in low:
                continue
            if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", low):
                found.add(phrase)
        return sorted(found)
