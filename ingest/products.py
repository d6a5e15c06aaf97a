"""Documents find their products in the store's catalogue, whatever its SKU format.

A document's front matter (or ``<meta name="skus">``, or PDF information) names its products
and wins. Otherwise :class:`ProductMatcher` reads the catalogue export beside the corpus
(``<corpus>/_store/products.json``, Shopify's ``{"products": [...]}``) and matches:

- the catalogue's SKUs, as whole tokens, in whatever format the store uses (``RO-TNT-AS2-GRN``,
  ``#1001-B``);
- product titles, with or without the vendor's name in front ("Cairnline Aspen 2 Backpacking
  Tent", "Aspen 2 Backpacking Tent");
- model names (names as written, capitalised, so "wind shell" in a sentence is no product):
  the ``model`` metafield when the store sets one, else the title's first word
  after the vendor when it is a coined name (a digit or an inner capital: "AirCell",
  "GravityFlow", "LP-18") or that word with a number after it ("Aspen 2", "Switchback 55").

A matched product contributes all its SKUs. Policies are store-wide: only SKUs written in them
count. A document that matches nothing stays searchable store-wide. Without a catalogue,
SKU-shaped tokens are used as before (:mod:`ingest.docmeta`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.models import DocType, LoadedDocument

CATALOGUE_PATH = Path("_store") / "products.json"
_NUMBERISH = re.compile(r"^\d[\w.]*$")  # 2, 55, 400R, 2.5L, 1.0


@dataclass(frozen=True, slots=True)
class CatalogueProduct:
    title: str
    vendor: str
    model: str
    skus: tuple[str, ...]


def _coined(word: str) -> bool:
    """A made-up product name rather than an English word: "AirCell", "LP-18", "Z8"."""
    inner_capital = any(c.isupper() for c in word[1:]) and any(c.islower() for c in word)
    return len(word) >= 3 and (any(c.isdigit() for c in word) or inner_capital)


def _model_names(product: CatalogueProduct) -> set[str]:
    names = {product.title}
    rest = product.title
    if product.vendor and rest.lower().startswith(product.vendor.lower() + " "):
        rest = rest[len(product.vendor) + 1 :]
        names.add(rest)
    plain = re.sub(r"\s[-–]\s.*$|,.*$|\s*\(.*?\)", "", rest).strip()  # no ", 12 oz", "(Pair)"
    names.add(plain)
    if product.vendor:
        names.add(f"{product.vendor} {plain}")
    if product.model:
        names.add(product.model)  # the store's own short name: no need to guess one
    else:
        words = plain.split()
        if len(words) > 1 and _NUMBERISH.match(words[1]) and words[0][:1].isupper():
            names.add(f"{words[0]} {words[1]}")
        elif words and _coined(words[0]):
            names.add(words[0])
    return {n for n in names if len(n) >= 3}


class ProductMatcher:
    def __init__(self, products: Sequence[CatalogueProduct]) -> None:
        self.products = list(products)
        self._skus = {sku for p in self.products for sku in p.skus}
        phrases: dict[str, list[int]] = {}
        for index, product in enumerate(self.products):
            for name in _model_names(product):
                phrases.setdefault(name, []).append(index)
        ordered = sorted(phrases, key=len, reverse=True)
        self._phrases = [(name, phrases[name]) for name in ordered]
        self._name_re = (
            re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in ordered) + r")(?![\w-])")
            if ordered
            else None
        )
        self._by_phrase = dict(self._phrases)
        self._sku_re = re.compile(r"(?<![\w-])[A-Za-z0-9][A-Za-z0-9._/-]*[A-Za-z0-9](?![\w-])")

    @classmethod
    def from_export(cls, data: Any) -> ProductMatcher:
        """From Shopify's ``{"products": [...]}``; records without a title are skipped."""
        products = []
        for record in (data or {}).get("products", []) if isinstance(data, dict) else []:
            if not isinstance(record, dict) or not str(record.get("title") or "").strip():
                continue
            model = ""
            for field in record.get("metafields") or []:
                if isinstance(field, dict) and field.get("key") == "model":
                    model = str(field.get("value") or "")
            skus = tuple(
                dict.fromkeys(
                    str(v["sku"]).strip()
                    for v in record.get("variants") or []
                    if isinstance(v, dict) and str(v.get("sku") or "").strip()
                )
            )
            products.append(
                CatalogueProduct(
                    str(record["title"]).strip(), str(record.get("vendor") or ""), model, skus
                )
            )
        return cls(products)

    @classmethod
    def for_corpus(cls, corpus: Path, catalogue: Path | None = None) -> ProductMatcher | None:
        """The matcher for ``catalogue``, else the export beside the corpus; ``None`` when
        there is none or it is not readable JSON (ingestion then falls back to SKU shapes)."""
        path = catalogue or corpus / CATALOGUE_PATH
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        matcher = cls.from_export(data)
        return matcher if matcher.products else None

    def match(self, texts: Iterable[str], *, names: bool = True) -> tuple[str, ...]:
        """The SKUs of the products the texts name (by SKU, and by title or model name unless
        ``names`` is false), in order of first mention."""
        found: dict[str, None] = {}
        for text in texts:
            for token in self._sku_re.findall(text):
                if token in self._skus:
                    found[token] = None
            if self._name_re is None or not names:
                continue
            for m in self._name_re.finditer(text):
                for index in self._by_phrase.get(m.group(1), []):
                    for sku in self.products[index].skus:
                        found[sku] = None
        return tuple(found)


def match_products(document: LoadedDocument, matcher: ProductMatcher | None) -> dict[str, Any]:
    """Give ``document`` its products from the catalogue unless its metadata names them;
    what ``ingest --json`` reports for it: ``{"skus": [...], "by": "metadata" | "catalogue" |
    "sku_pattern" | "none"}``."""
    meta = document.meta
    if meta.skus_explicit:
        by = "metadata"
    elif matcher is not None:  # a policy names products as examples: only SKUs count there
        names = meta.doc_type is not DocType.POLICY
        meta.skus = matcher.match((block.text for block in document.blocks), names=names)
        by = "catalogue"
    else:
        by = "sku_pattern"
    return {"skus": list(meta.skus), "by": by if meta.skus else "none"}
