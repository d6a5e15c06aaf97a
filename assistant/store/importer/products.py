"""Shopify products → the catalogue (products, variants), the SKU rows orders refer to and the
stock of tracked variants; the policy's subscription plans → their table."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.store import exports
from assistant.store.importer.records import (
    RecordError,
)
from assistant.store.models import (
    CatalogProduct,
    CatalogVariant,
    ExternalRef,
    Product,
    SubscriptionPlan,
)
from assistant.store.models_returns import VariantStock
from assistant.store.policy import StorePolicy

WARRANTY_METAFIELD = ("aftercare", "warranty_months")
MODEL_METAFIELD = ("aftercare", "model")
WARRANTY_TAG = "warranty-months:"


def load_plans(session: Session, policy: StorePolicy) -> tuple[int, int]:
    """Make the subscription plans table what the policy says; (created, updated) plans."""
    plans = policy.subscriptions.plans if policy.subscriptions else []
    existing = {p.name: p for p in session.scalars(select(SubscriptionPlan))}
    created = 0
    for plan in plans:
        row = existing.pop(plan.name, None)
        if row is None:
            row, created = SubscriptionPlan(name=plan.name), created + 1
        row.quantity, row.price = plan.quantity, plan.price
        session.add(row)
    for stale in existing.values():
        session.delete(stale)
    return created, len(plans) - created


def _warranty_months(item: exports.Product, policy: StorePolicy | None) -> int:
    raw = item.metafield(*WARRANTY_METAFIELD)
    if raw is None:
        raw = next(
            (t[len(WARRANTY_TAG) :] for t in item.tag_list() if t.startswith(WARRANTY_TAG)), None
        )
    if raw is not None:
        try:
            months = int(raw)
        except ValueError:
            raise RecordError(f"warranty months {raw!r} is not a whole number") from None
        if months < 0:
            raise RecordError("warranty months cannot be negative")
        return months
    if policy is None:
        raise RecordError("no warranty months on the product and no policy to default from")
    return policy.warranty.months_for(item.product_type)


def upsert_product(session: Session, item: exports.Product, policy: StorePolicy | None) -> bool:
    """Create or update one catalogue product, its variants and the SKU rows orders refer to;
    ``True`` when it was new."""
    months = _warranty_months(item, policy)
    eligible = bool(
        policy
        and policy.subscriptions
        and item.product_type in policy.subscriptions.eligible_product_types
    )
    option_names = [o.name for o in sorted(item.options, key=lambda o: o.position or 0)]
    ref = session.get(ExternalRef, ("product", item.id))
    row = session.get(CatalogProduct, ref.local_id) if ref else None
    created = row is None
    if row is None:
        row = CatalogProduct(external_id=item.id)
        session.add(row)
    row.handle = item.handle or item.title.lower().replace(" ", "-")[:255]
    row.title, row.product_type, row.vendor = item.title, item.product_type, item.vendor
    model = item.metafield(*MODEL_METAFIELD)
    row.model = model[:100] if model else None
    row.tags, row.options, row.status = item.tag_list(), option_names, item.status
    row.warranty_months, row.subscription_eligible = months, eligible
    row.description = item.body_html
    row.updated_at = item.updated_at or datetime.now(UTC)
    session.flush()
    if ref is None:
        session.add(ExternalRef(kind="product", external_id=item.id, local_id=row.id))
    existing = {v.external_id: v for v in row.variants}
    for variant in item.variants:
        sku = (variant.sku or f"V{variant.id}")[:32]
        options = {
            name.lower(): value
            for name, value in zip(option_names, variant.option_values(), strict=False)
            if value is not None and name.lower() != "title"
        }
        v = existing.pop(variant.id, None)
        if v is None:
            other = session.scalar(
                select(CatalogVariant).where(CatalogVariant.external_id == variant.id)
            )
            if other is not None:
                raise RecordError(f"variant id {variant.id} belongs to another product")
            v = CatalogVariant(external_id=variant.id, product=row)
        v.sku, v.title, v.options = sku, variant.title, options
        v.price, v.position = variant.price, variant.position
        session.add(v)
        _sku_row(session, sku, item, variant, months, eligible)
        _stock_row(session, variant, variant.updated_at or row.updated_at)
    for stale in existing.values():
        _drop_stock(session, stale.external_id)
        session.delete(stale)
    session.flush()
    return created


def _stock_row(session: Session, variant: exports.Variant, at: datetime) -> None:
    """The variant's stock as the export says (no row: sales not limited)."""
    available = variant.stock()
    row = session.get(VariantStock, variant.id)
    if available is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        row = VariantStock(variant_external_id=variant.id)
        session.add(row)
    row.available, row.updated_at = available, at


def _drop_stock(session: Session, external_id: str) -> None:
    row = session.get(VariantStock, external_id)
    if row is not None:
        session.delete(row)


def _sku_row(
    session: Session,
    sku: str,
    item: exports.Product,
    variant: exports.Variant,
    months: int,
    eligible: bool,
) -> None:
    row = session.get(Product, sku)
    if row is None:
        row = Product(sku=sku)
        session.add(row)
    row.name, row.brand, row.category = item.title, item.vendor[:100], item.product_type[:32]
    row.price, row.warranty_months = variant.price, months
    row.subscription_eligible = eligible
