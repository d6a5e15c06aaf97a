"""What every importer step shares: record errors, platform-id refs, lookups, addresses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.store import exports
from assistant.store.models import (
    CatalogVariant,
    Customer,
    ExternalRef,
    Product,
    Subscription,
)


class RecordError(ValueError):
    """This record cannot be imported; the message says why (the caller adds file and index).
    Raised after the session was changed: the caller's savepoint must undo the record."""


class Invalid(RecordError):
    """This record cannot be imported and nothing was changed yet: skip it and go on."""


CENT = Decimal("0.01")


def aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def order_number(name: str) -> str:
    """Shopify's order ``name`` as the store keeps it: ``"#1001"`` → ``"1001"``,
    ``"nm-10023"`` → ``"NM-10023"``."""
    return name.strip().lstrip("#").strip().upper()


def refs(session: Session, kind: str) -> dict[str, int]:
    rows = session.execute(
        select(ExternalRef.external_id, ExternalRef.local_id).where(ExternalRef.kind == kind)
    )
    return {external: local for external, local in rows}


def remember(session: Session, kind: str, external_id: str, local_id: int) -> None:
    session.merge(ExternalRef(kind=kind, external_id=external_id, local_id=local_id))


def address(raw: exports.Address | None, fallback_name: str) -> dict[str, str]:
    raw = raw or exports.Address()
    return {
        "name": raw.full_name() or fallback_name,
        "line1": raw.address1 or "",
        "line2": raw.address2 or "",
        "city": raw.city or "",
        "region": (raw.province_code or "").upper(),
        "postal_code": raw.zip or "",
        "country": (raw.country_code or "").upper(),
    }


class PendingRefs:
    """Platform ids of rows created in this chunk; their ``external_refs`` rows are written
    once a flush has given the rows their ids."""

    def __init__(self) -> None:
        self._items: list[tuple[str, str, Customer | Subscription, Lookups | None]] = []

    def add(
        self, kind: str, external_id: str, row: Customer | Subscription, lookups: Lookups | None
    ) -> None:
        self._items.append((kind, external_id, row, lookups))

    def flush(self, session: Session) -> None:
        session.flush()
        if not self._items:
            return
        for kind, external_id, row, lookups in self._items:
            session.add(ExternalRef(kind=kind, external_id=external_id, local_id=row.id))
            if lookups is not None and isinstance(row, Customer):
                lookups.customer_refs[external_id] = row.id
        self._items.clear()
        session.flush()


@dataclass(slots=True)
class Lookups:
    """What one file's records are matched against, loaded once (and after a rollback)."""

    customer_refs: dict[str, int]
    customers_by_email: dict[str, int]
    skus: set[str]
    variants: dict[str, tuple[str, dict[str, str]]]

    @classmethod
    def load(cls, session: Session) -> Lookups:
        variants = {
            ext: (sku, dict(options))
            for ext, sku, options in session.execute(
                select(CatalogVariant.external_id, CatalogVariant.sku, CatalogVariant.options)
            )
        }
        return cls(
            refs(session, "customer"),
            {e: i for i, e in session.execute(select(Customer.id, Customer.email))},
            set(session.scalars(select(Product.sku))),
            variants,
        )

    def customer_id(self, ref_id: str | None, email: str | None) -> int | None:
        if ref_id is not None and ref_id in self.customer_refs:
            return self.customer_refs[ref_id]
        return self.customers_by_email.get((email or "").lower())

    def line_sku(self, sku: str | None, variant_id: str | None) -> tuple[str, dict[str, str]]:
        options: dict[str, str] = {}
        if variant_id is not None and variant_id in self.variants:
            variant_sku, options = self.variants[variant_id]
            sku = sku or variant_sku
        if not sku or sku not in self.skus:
            raise Invalid(f"unknown SKU {sku!r} (variant {variant_id})")
        return sku, options


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)
