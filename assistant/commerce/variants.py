"""Another variant of the product on an order line: which catalogue variant a line is, the
variant with the options a customer wants instead, and whether it is in stock."""

from __future__ import annotations

from sqlalchemy.orm import Session

from assistant.commerce.errors import ActionNotAllowed, InvalidInput
from assistant.commerce.schemas import CatalogVariant
from assistant.commerce.shop import Shop
from assistant.store.models import OrderLine
from assistant.store.models_returns import VariantStock

_SYNONYMS = {"color": "colour"}
_IGNORED = {"title"}


def _norm(options: dict[str, str]) -> dict[str, str]:
    out = {}
    for key, value in options.items():
        k = _SYNONYMS.get(key.strip().lower(), key.strip().lower())
        if k not in _IGNORED and value:
            out[k] = str(value).strip().lower()
    return out


def describe_options(options: dict[str, str]) -> str:
    return ", ".join(f"{k} {v}" if k == "size" else v for k, v in _norm(options).items())


def variant_swap(
    shop: Shop, line: OrderLine, new_options: dict[str, str]
) -> tuple[CatalogVariant | None, CatalogVariant]:
    """The line's current variant (if the catalogue still has it) and the wanted one."""
    product = shop.catalogue.product_by_sku(line.sku)
    wanted = _norm(new_options)
    if product is None or not wanted:
        raise InvalidInput(
            f"Which size or colour would you like instead of {line.name}?",
            field="new_options",
            code="no_variant_given",
        )
    current_options = _norm(line.variant)
    same_sku = [v for v in product.variants if v.sku.upper() == line.sku.upper()]
    current = next((v for v in same_sku if _norm(v.options) == current_options), None)
    if current is None and len(same_sku) == 1:
        current = same_sku[0]
    base = _norm(current.options) if current is not None else current_options
    offered: dict[str, list[str]] = {}
    for variant in product.variants:
        for key, value in _norm(variant.options).items():
            if key in wanted and value not in offered.setdefault(key, []):
                offered[key].append(value)
    wanted = {k: _one_named(v, offered.get(k, [])) for k, v in wanted.items()}
    target_options = {**base, **wanted}
    target = next((v for v in product.variants if _norm(v.options) == target_options), None)
    if target is None:
        listing = "; ".join(f"{k}: {', '.join(v)}" for k, v in offered.items()) or "none"
        raise InvalidInput(
            f"{product.title} doesn't come in {describe_options(wanted)}. Available: {listing}.",
            field="new_options",
            code="unknown_variant",
        )
    if current is not None and target.external_id == current.external_id:
        raise InvalidInput(
            "That is the variant already on the order.", field="new_options", code="no_change"
        )
    return current, target


def require_stock(session: Session, variant: CatalogVariant, name: str, quantity: int) -> None:
    """Untracked variants (no stock row) are available; tracked ones need ``quantity`` units."""
    row = session.get(VariantStock, variant.external_id)
    if row is not None and row.available < quantity:
        raise ActionNotAllowed(
            f"{name} in {describe_options(variant.options)} is out of stock right now.",
            reason="variant_out_of_stock",
        )


def take_stock(session: Session, variant: CatalogVariant, quantity: int) -> None:
    row = session.get(VariantStock, variant.external_id)
    if row is not None:
        row.available -= quantity


def _one_named(value: str, offered: list[str]) -> str:
    """``value``, or the one offered value it names by a word of its own ("black" for
    "midnight black" when no other colour is a black)."""
    if value in offered:
        return value
    named = [o for o in offered if value in o.split()]
    return named[0] if len(named) == 1 else value
