"""``Shop``: the store's policy file and catalogue as the commerce services consult them.

Built once per backend from ``Settings.store_policy_path`` and the store's database; the
services ask it for product names, warranty lengths and terms, option values, serial-number
formats, extended-warranty offers and subscription frequencies instead of reading constants.
Per-SKU facts come from the ``products`` table (written by the importer and the demo seeder);
option values from the catalogue's variants.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.commerce.catalogue import CatalogueService
from assistant.store.calendar import next_cycle
from assistant.store.models import CatalogProduct, CatalogVariant, Product
from assistant.store.policy import (
    DateWindow,
    ExtendedWarrantyOffer,
    Frequency,
    SerialFormat,
    StorePolicy,
    WarrantyTerms,
)
from assistant.store.store import Store


@dataclass(frozen=True, slots=True)
class SkuFacts:
    """What the store sells under one SKU: names, type, price, warranty length."""

    sku: str
    name: str
    model: str  # the short name customers use; the product name when the store has none
    brand: str
    product_type: str
    price: Decimal
    warranty_months: int
    subscription_eligible: bool


def load_sku_facts(session: Session) -> dict[str, SkuFacts]:
    """Every SKU of the store (``products`` rows, with the catalogue's model names)."""
    rows = session.execute(
        select(CatalogVariant.sku, CatalogProduct.model)
        .join(CatalogProduct, CatalogProduct.id == CatalogVariant.product_id)
        .where(CatalogProduct.model.is_not(None))
    )
    models: dict[str, str | None] = {sku: model for sku, model in rows}
    return {
        r.sku: SkuFacts(
            r.sku,
            r.name,
            models.get(r.sku) or r.name,
            r.brand,
            r.category,
            r.price,
            r.warranty_months,
            r.subscription_eligible,
        )
        for r in session.scalars(select(Product))
    }


def sku_facts(session: Session, sku: str) -> SkuFacts | None:
    """One SKU's facts, read in the caller's session (for code that holds no :class:`Shop`)."""
    row = session.get(Product, sku)
    if row is None:
        return None
    model = session.scalar(
        select(CatalogProduct.model)
        .join(CatalogVariant, CatalogVariant.product_id == CatalogProduct.id)
        .where(CatalogVariant.sku == sku, CatalogProduct.model.is_not(None))
        .limit(1)
    )
    return SkuFacts(
        row.sku,
        row.name,
        model or row.name,
        row.brand,
        row.category,
        row.price,
        row.warranty_months,
        row.subscription_eligible,
    )


class Shop:
    def __init__(self, policy: StorePolicy, store: Store) -> None:
        self.policy = policy
        self.catalogue = CatalogueService(store)
        self._store = store
        self._skus: dict[str, SkuFacts] | None = None

    # --- products -------------------------------------------------------------------------
    def _load(self) -> dict[str, SkuFacts]:
        if self._skus is None:
            with self._store.sessions() as session:
                self._skus = load_sku_facts(session)
        return self._skus

    def sku(self, sku: str) -> SkuFacts | None:
        """What the store sells under this SKU (case-insensitive); ``None`` if nothing."""
        facts = self._load()
        return facts.get(sku) or facts.get(sku.strip().upper())

    def name(self, sku: str) -> str:
        facts = self.sku(sku)
        return facts.name if facts else sku

    def options(self, sku: str) -> dict[str, list[str]]:
        """Option name → the values customers can choose for this SKU (e.g. size, colour)."""
        product = self.catalogue.product_by_sku(sku)
        if product is None:
            return {}
        values: dict[str, list[str]] = {}
        for variant in product.variants:
            if variant.sku.upper() != sku.strip().upper():
                continue
            for option, value in variant.options.items():
                bucket = values.setdefault(option, [])
                if value.lower() not in bucket:
                    bucket.append(value.lower())
        return values

    # --- warranty -------------------------------------------------------------------------
    def warranty_months(self, sku: str) -> int:
        facts = self.sku(sku)
        if facts is not None:
            return facts.warranty_months
        return self.policy.warranty.default_months

    def warranty_terms(self, sku: str) -> WarrantyTerms:
        return self.policy.warranty.terms(sku)

    def serial_format(self, sku: str) -> SerialFormat | None:
        facts = self.sku(sku)
        return self.policy.warranty.serial_format(sku, facts.product_type if facts else "")

    def extended_offer(self, sku: str) -> ExtendedWarrantyOffer | None:
        facts = self.sku(sku)
        return self.policy.warranty.offer(sku, facts.product_type if facts else "")

    # --- subscriptions --------------------------------------------------------------------
    def frequencies(self) -> dict[str, Frequency]:
        return dict(self.policy.subscriptions.frequencies) if self.policy.subscriptions else {}

    def frequency_label(self, code: str) -> str:
        frequency = self.frequencies().get(code)
        return frequency.label if frequency else code.replace("-", " ")

    def next_cycle(
        self, day: date, code: str, cycles: int = 1, keep_day: int | None = None
    ) -> date:
        """The delivery date ``cycles`` deliveries after ``day`` at this frequency (on day
        ``keep_day`` of the month for monthly plans, see :func:`calendar.next_cycle`)."""
        frequency = self.frequencies().get(code)
        if frequency is None:
            raise ValueError(f"unknown frequency {code!r}")
        return next_cycle(day, frequency, cycles, keep_day)

    @property
    def max_pause_deliveries(self) -> int:
        subs = self.policy.subscriptions
        return subs.max_pause_deliveries if subs else 0

    @property
    def change_date_window(self) -> DateWindow | None:
        """How far ahead the next delivery can be moved (None: the store does not move it)."""
        subs = self.policy.subscriptions
        return subs.change_date if subs else None

    @property
    def change_cutoff_days(self) -> int:
        subs = self.policy.subscriptions
        return subs.change_cutoff_days if subs else 0
