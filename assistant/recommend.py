"""Accessory recommendations: what the compatibility sheets say works with a product, ranked by
what other owners of that product bought.

The sheets decide *what* may be recommended (only ``compatible == "yes"`` rows for products the
store sells) and *why* (the row's notes, cited by the sheet's corpus path); the catalogue gives
the name and price; the store's purchase statistics give the ranking and the "N % of owners also
bought it" share.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from assistant.commerce.schemas import AccessoryStat
from ingest.models import Chunk, DocType

logger = logging.getLogger(__name__)

Compatibility = Literal["yes", "no", "partial"]


class Priced(Protocol):
    """What a recommendation reads of a catalogue item."""

    @property
    def name(self) -> str: ...
    @property
    def price(self) -> Decimal: ...


Catalogue = Callable[[str], Priced | None]  # SKU → the store's item, None if it sells none
_VERDICTS: dict[str, Compatibility] = {"yes": "yes", "no": "no", "partial": "partial"}


class CompatRow(BaseModel):
    """One row of a compatibility sheet, with the sheet's corpus path."""

    model_config = ConfigDict(frozen=True)

    product_sku: str
    product_name: str
    accessory_sku: str | None = Field(description="None for accessories the store doesn't sell")
    accessory_name: str
    compatible: Compatibility
    price: Decimal | None
    notes: str
    source: str

    @classmethod
    def from_record(cls, record: Mapping[str, str], source: str) -> CompatRow:
        """Parse a sheet row; ``ValueError`` when it is not a usable compatibility row."""
        verdict = _VERDICTS.get((record.get("compatible") or "").strip().lower())
        product_sku = (record.get("product_sku") or "").strip().upper()
        if verdict is None or not product_sku:
            raise ValueError("needs a product_sku and compatible yes, no or partial")
        raw_price = (record.get("price") or "").strip().lstrip("$")
        try:
            price = Decimal(raw_price) if raw_price else None
        except InvalidOperation as exc:
            raise ValueError(f"unreadable price {raw_price!r}") from exc
        return cls(
            product_sku=product_sku,
            product_name=(record.get("product_name") or "").strip(),
            accessory_sku=(record.get("accessory_sku") or "").strip().upper() or None,
            accessory_name=(record.get("accessory_name") or "").strip(),
            compatible=verdict,
            price=price,
            notes=(record.get("notes") or "").strip(),
            source=source,
        )


class Recommendation(BaseModel):
    model_config = ConfigDict(frozen=True)

    sku: str
    name: str
    price: Decimal = Field(description="Catalogue price (USD)")
    why: str = Field(description="The compatibility sheet's notes for this accessory")
    share: float | None = Field(
        description="Share of the product's owners who also bought it (0–1); None if unknown"
    )
    owners_count: int | None
    buyers_count: int | None
    source: str = Field(description="Corpus path of the compatibility sheet, for the citation")

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)


def _sheet_position(chunk: Chunk) -> tuple[str, int, str]:
    """Chunk ids end in the chunk's position in its document (``<source key>-0007``)."""
    tail = chunk.id.rsplit("-", 1)[-1]
    return (chunk.source, int(tail) if tail.isdigit() else -1, chunk.id)


def compat_rows_from_chunks(chunks: Iterable[Chunk]) -> list[CompatRow]:
    """The compatibility rows among the retriever's chunks (``doc_type`` compatibility with a
    ``record``), by sheet path and then in sheet order. Rows that cannot be parsed are skipped
    with a warning."""
    rows: list[CompatRow] = []
    seen: set[tuple[str, str, str | None, str]] = set()
    sheet_chunks = [c for c in chunks if c.doc_type == DocType.COMPATIBILITY]
    for chunk in sorted(sheet_chunks, key=_sheet_position):
        if not chunk.record:
            continue
        try:
            row = CompatRow.from_record(chunk.record, chunk.source)
        except ValueError as exc:
            logger.warning("skipping compatibility row %s in %s: %s", chunk.id, chunk.source, exc)
            continue
        key = (row.source, row.product_sku, row.accessory_sku, row.accessory_name)
        if key not in seen:
            seen.add(key)
            rows.append(row)
    return rows


def recommend_accessories(
    anchor_sku: str,
    compat_rows: Sequence[CompatRow],
    stats: Sequence[AccessoryStat],
    owned_skus: Collection[str],
    limit: int = 6,
    *,
    catalogue: Catalogue,
) -> list[Recommendation]:
    """Accessories to suggest for ``anchor_sku``: sheet rows marked compatible "yes" whose
    accessory is a product of ``catalogue`` (the store's), minus what the customer owns and
    the anchor itself; ranked
    by the share of anchor owners who bought it (unknown shares last), then by sheet order.

    ``stats`` should cover every accessory (ask ``accessory_stats`` for a generous ``limit``);
    an accessory missing from them gets ``share=None``. Stats for another anchor are ignored.
    """
    anchor = anchor_sku.strip().upper()
    owned = {sku.strip().upper() for sku in owned_skus} | {anchor}
    by_sku = {s.sku: s for s in stats if s.anchor_sku == anchor}
    candidates: list[Recommendation] = []
    chosen: set[str] = set()
    for row in compat_rows:
        sku = row.accessory_sku
        if row.product_sku != anchor or row.compatible != "yes" or sku is None:
            continue
        if sku in owned or sku in chosen:
            continue
        item = catalogue(sku)
        if item is None:
            continue
        if row.price is not None and row.price != item.price:
            logger.warning(
                "%s: sheet price %s for %s differs from the catalogue's %s; using the catalogue",
                row.source,
                row.price,
                sku,
                item.price,
            )
        stat = by_sku.get(sku)
        chosen.add(sku)
        candidates.append(
            Recommendation(
                sku=sku,
                name=item.name,
                price=item.price,
                why=row.notes,
                share=stat.share if stat else None,
                owners_count=stat.anchor_owners if stat else None,
                buyers_count=stat.buyers if stat else None,
                source=row.source,
            )
        )
    ranked = sorted(
        enumerate(candidates),
        key=lambda pair: (pair[1].share is None, -(pair[1].share or 0.0), pair[0]),
    )
    return [rec for _, rec in ranked][: max(0, limit)]
