"""Purchase statistics computed by SQL from orders: "N % of camera owners also bought X".

An owner is a customer with a kept (not cancelled, not returned) order line of the SKU.
"""

from __future__ import annotations

from sqlalchemy import Select, distinct, func, select

from assistant.commerce import validation
from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.schemas import AccessoryStat
from assistant.commerce.shop import Shop
from assistant.store.models import Order, OrderLine
from assistant.store.store import Store
from assistant.store.types import OrderStatus

_KEPT = (OrderStatus.CANCELLED, OrderStatus.RETURNED)


def _owners(sku: str) -> Select[int]:
    return (
        select(Order.customer_id)
        .distinct()
        .join(OrderLine, OrderLine.order_id == Order.id)
        .where(OrderLine.sku == sku, Order.status.not_in(_KEPT))
    )


class StatsService:
    def __init__(self, store: Store, shop: Shop) -> None:
        self._store = store
        self._shop = shop

    def accessory_stats(
        self,
        anchor_sku: str,
        *,
        exclude_owned_by: VerifiedCustomer | None = None,
        limit: int = 10,
        min_share: float = 0.0,
    ) -> list[AccessoryStat]:
        """Other SKUs bought by owners of ``anchor_sku``, by share of owners, highest first.
        With ``exclude_owned_by``, products that customer already owns are left out."""
        anchor = validation.known_product(self._shop, anchor_sku).sku
        owners = _owners(anchor).subquery()
        with self._store.sessions() as session:
            total = session.scalar(select(func.count()).select_from(owners)) or 0
            if total == 0:
                return []
            buyers = func.count(distinct(Order.customer_id))
            rows = session.execute(
                select(OrderLine.sku, buyers)
                .join(Order, OrderLine.order_id == Order.id)
                .where(
                    Order.customer_id.in_(select(owners)),
                    Order.status.not_in(_KEPT),
                    OrderLine.sku != anchor,
                )
                .group_by(OrderLine.sku)
                .order_by(buyers.desc(), OrderLine.sku)
            ).all()
            owned: set[str] = set()
            if exclude_owned_by is not None:
                owned = set(
                    session.scalars(
                        select(OrderLine.sku)
                        .distinct()
                        .join(Order, OrderLine.order_id == Order.id)
                        .where(
                            Order.customer_id == exclude_owned_by.customer_id,
                            Order.status.not_in(_KEPT),
                        )
                    )
                )
        stats = [self._stat(anchor, sku, total, count) for sku, count in rows if sku not in owned]
        return [s for s in stats if s.share >= min_share][: max(1, limit)]

    def co_purchase_share(self, anchor_sku: str, accessory_sku: str) -> AccessoryStat:
        anchor = validation.known_product(self._shop, anchor_sku).sku
        accessory = validation.known_product(self._shop, accessory_sku).sku
        owners = _owners(anchor).subquery()
        with self._store.sessions() as session:
            total = session.scalar(select(func.count()).select_from(owners)) or 0
            both = (
                session.scalar(
                    select(func.count()).select_from(
                        _owners(accessory).where(Order.customer_id.in_(select(owners))).subquery()
                    )
                )
                or 0
            )
        return self._stat(anchor, accessory, total, both)

    def _stat(self, anchor: str, sku: str, total: int, count: int) -> AccessoryStat:
        item = validation.known_product(self._shop, sku)
        return AccessoryStat(
            anchor_sku=anchor,
            sku=sku,
            name=item.name,
            price=item.price,
            anchor_owners=total,
            buyers=count,
            share=round(count / total, 4) if total else 0.0,
        )
