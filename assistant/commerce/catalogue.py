"""The store's catalogue as data: products, variants and subscription plans from the database.

Imported from the store's exports (:mod:`assistant.store.importer`); nothing here knows any
particular store. Reads are cached per service and refreshed by :meth:`CatalogueService.reload`
(an import in another process is seen after a restart or a reload).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from assistant.commerce.schemas import CatalogProduct, CatalogVariant, SubscriptionPlanPublic
from assistant.store import models
from assistant.store.store import Store


def _public(row: models.CatalogProduct) -> CatalogProduct:
    variants = [
        CatalogVariant(
            external_id=v.external_id,
            sku=v.sku,
            title=v.title,
            options=dict(v.options),
            price=v.price,
        )
        for v in row.variants
    ]
    options: dict[str, list[str]] = {name.lower(): [] for name in row.options}
    for variant in variants:
        for name, value in variant.options.items():
            values = options.setdefault(name, [])
            if value not in values:
                values.append(value)
    return CatalogProduct(
        external_id=row.external_id,
        title=row.title,
        handle=row.handle,
        product_type=row.product_type,
        vendor=row.vendor,
        model=row.model,
        tags=list(row.tags),
        options={k: v for k, v in options.items() if v},
        warranty_months=row.warranty_months,
        subscription_eligible=row.subscription_eligible,
        variants=variants,
    )


class CatalogueService:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._products: list[CatalogProduct] | None = None
        self._by_sku: dict[str, CatalogProduct] = {}
        self._by_variant: dict[str, CatalogProduct] = {}

    def reload(self) -> None:
        with self._store.sessions() as session:
            rows = session.scalars(
                select(models.CatalogProduct)
                .options(selectinload(models.CatalogProduct.variants))
                .where(models.CatalogProduct.status != "archived")
                .order_by(models.CatalogProduct.id)
            ).all()
            products = [_public(row) for row in rows]
        self._by_sku = {}
        self._by_variant = {}
        for product in products:
            for variant in product.variants:
                self._by_sku.setdefault(variant.sku, product)
                self._by_variant[variant.external_id] = product
        self._products = products

    def catalog(self) -> list[CatalogProduct]:
        """Every product that is not archived, in import order."""
        if self._products is None:
            self.reload()
        return list(self._products or [])

    def product_by_sku(self, sku: str) -> CatalogProduct | None:
        if self._products is None:
            self.reload()
        return self._by_sku.get(sku.strip().upper()) or self._by_sku.get(sku.strip())

    def product_by_variant(self, variant_id: str) -> CatalogProduct | None:
        if self._products is None:
            self.reload()
        return self._by_variant.get(variant_id)

    def subscription_plans(self) -> list[SubscriptionPlanPublic]:
        with self._store.sessions() as session:
            rows = session.scalars(
                select(models.SubscriptionPlan).order_by(models.SubscriptionPlan.quantity)
            ).all()
        return [
            SubscriptionPlanPublic(name=r.name, quantity=r.quantity, price=r.price) for r in rows
        ]
