"""The store as the planner sees it: the catalogue and the policy file, read through the
:class:`~assistant.commerce.backend.CommerceBackend` (never a module of constants).

:func:`shop_view` builds one :class:`ShopView` per backend and keeps it while the backend
returns the same policy and catalogue objects (a reload or an import gives new ones, and the
next turn sees them). Everything store-specific the planner says or matches comes from here:
product names and model names, the product vocabulary, option values (sizes, colours, other
choices), serial-number formats, extended-warranty offers, subscription frequencies, the
order-number format, the hand-over value and the store's name, contact and time zone.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta, tzinfo
from decimal import Decimal
from functools import cached_property
from typing import Protocol

from assistant.commerce.schemas import CatalogProduct
from assistant.planner.vocabulary import ProductVocabulary, head_noun, words
from assistant.retrieval.bm25 import tokenize
from assistant.store.policy import (
    DateWindow,
    ExtendedWarrantyOffer,
    Frequency,
    SerialFormat,
    StorePolicy,
)

_COLOUR_OPTIONS = frozenset({"colour", "color"})
_SIZE_OPTIONS = frozenset({"size"})
_NUMBERS = {
    "1": "one",
    "2": "two",
    "3": "three",
    "4": "four",
    "5": "five",
    "6": "six",
    "8": "eight",
    "12": "twelve",
}


class CatalogueSource(Protocol):
    """What the view reads of a backend."""

    def policy(self) -> StorePolicy: ...
    def catalog(self) -> list[CatalogProduct]: ...


@dataclass(frozen=True, slots=True)
class Item:
    """What the store sells under one SKU."""

    sku: str
    name: str
    brand: str
    model: str  # the short name customers use; the product's title when the store has none
    product_type: str
    price: Decimal
    warranty_months: int
    subscription_eligible: bool
    product_id: str
    options: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _items(products: Sequence[CatalogProduct]) -> dict[str, Item]:
    items: dict[str, Item] = {}
    for product in products:
        for variant in product.variants:
            key = variant.sku.strip().upper()
            if not key:
                continue
            old = items.get(key)
            options: dict[str, tuple[str, ...]] = {
                k.lower(): (v,) for k, v in variant.options.items() if v
            }
            if old is not None:  # one SKU over several variants: gather their option values
                merged = dict(old.options)
                for name, values in options.items():
                    merged[name] = tuple(dict.fromkeys((*merged.get(name, ()), *values)))
                items[key] = replace(old, options=merged)
                continue
            items[key] = Item(
                sku=variant.sku.strip(),
                name=product.title,
                brand=product.vendor,
                model=product.model or product.title,
                product_type=product.product_type,
                price=variant.price,
                warranty_months=product.warranty_months,
                subscription_eligible=product.subscription_eligible,
                product_id=product.external_id,
                options=options,
            )
    return items


@dataclass(frozen=True, slots=True)
class _Entry:
    """One product as the vocabulary sees it (one SKU stands for all its variants)."""

    sku: str
    name: str
    brand: str
    model: str
    price: Decimal


def _phrase_pattern(phrase: str) -> str:
    """A regex for a frequency phrase: numbers as digits or words, hyphens optional."""
    parts = []
    for word in phrase.lower().split():
        word = word.replace("-", " ").strip()
        alt = _NUMBERS.get(word)
        if alt:
            parts.append(f"(?:{re.escape(word)}|{alt})")
        else:
            parts.append(r"-?\s?".join(re.escape(w) for w in word.split()))
    return r"\b" + r"\s+".join(parts) + r"\b"


class ShopView:
    def __init__(self, policy: StorePolicy, products: Sequence[CatalogProduct]) -> None:
        self.policy = policy
        self.products = list(products)
        self._items = _items(self.products)

    # --- products ---------------------------------------------------------------------------
    def item(self, sku: str | None) -> Item | None:
        """What the store sells under this SKU (case-insensitive); ``None`` if nothing."""
        return self._items.get(sku.strip().upper()) if sku else None

    def model(self, sku: str | None) -> str:
        """The product's model name as customers and documents call it ("" if unknown)."""
        item = self.item(sku)
        return item.model if item else ""

    def name(self, sku: str) -> str:
        item = self.item(sku)
        return item.name if item else sku

    def items(self) -> list[Item]:
        return list(self._items.values())

    def same_product(self, a: str, b: str) -> bool:
        """Two SKUs of one product (variants of it), or the same SKU."""
        x, y = self.item(a), self.item(b)
        if x is None or y is None:
            return a.strip().upper() == b.strip().upper()
        return x.product_id == y.product_id

    def same_kind(self, a: str, b: str) -> bool:
        """Two products of one kind: the same product type and the same head noun ("Aspen 2
        Backpacking Tent" and "Aspen 3 Backpacking Tent"), so "my tent" means the one owned."""
        x, y = self.item(a), self.item(b)
        if x is None or y is None or x.product_type != y.product_type:
            return False
        head = head_noun(words(x.name))
        return head is not None and head == head_noun(words(y.name))

    def same_brand(self, a: str, b: str) -> bool:
        x, y = self.item(a), self.item(b)
        return x is not None and y is not None and x.brand.lower() == y.brand.lower()

    def name_words(self, sku: str | None) -> set[str]:
        """The index tokens of the product's name, model and brand: which product, not what
        is asked about it."""
        item = self.item(sku)
        return set(tokenize(f"{item.name} {item.model} {item.brand}")) if item else set()

    @cached_property
    def catalogue_words(self) -> frozenset[str]:
        """The index tokens of every product's name, type and option values: the words that
        name what the store sells ("beans" for a coffee sold as whole bean)."""
        words: set[str] = set()
        for i in self.items():
            values = (v for vs in i.options.values() for v in vs)
            words.update(tokenize(" ".join([i.name, i.product_type, *values])))
        return frozenset(words)

    def is_accessory(self, sku: str) -> bool:
        """An accessory or consumable rather than a main product: its product type says so
        (e.g. "camera-accessories", "Tent Accessory"), or it is sold by subscription."""
        item = self.item(sku)
        if item is None:
            return False
        return "accessor" in item.product_type.lower() or item.subscription_eligible

    def subscribable(self, sku: str) -> bool:
        """The store's subscription can deliver this product."""
        item = self.item(sku)
        return item is not None and item.subscription_eligible

    @cached_property
    def vocabulary(self) -> ProductVocabulary:
        entries = []
        for product in self.products:
            if not product.variants:
                continue
            entries.append(
                _Entry(
                    sku=product.variants[0].sku,
                    name=product.title,
                    brand=product.vendor,
                    model=product.model or product.title,
                    price=product.price_range[1],
                )
            )
        return ProductVocabulary(entries)

    def mentions(self, text: str) -> list[str]:
        """SKUs of the products named in ``text``, in order of appearance."""
        return self.vocabulary.mentions(text)

    def _option_values(self, names: frozenset[str] | None, exclude: frozenset[str]) -> list[str]:
        values: set[str] = set()
        for product in self.products:
            for name, vals in product.options.items():
                if name.lower() in exclude or (names is not None and name.lower() not in names):
                    continue
                values.update(v.lower() for v in vals if v and v.lower() != "default title")
        return sorted(values, key=len, reverse=True)

    @cached_property
    def colours(self) -> list[str]:
        return self._option_values(_COLOUR_OPTIONS, frozenset())

    @cached_property
    def word_sizes(self) -> list[str]:
        """Sizes written as words ("medium", "large"), longest first."""
        return [
            s
            for s in self._option_values(_SIZE_OPTIONS, frozenset())
            if not any(c.isdigit() for c in s) and len(s) > 2
        ]

    @cached_property
    def subscription_choices(self) -> list[str]:
        """Option values of subscription products other than size and colour (e.g. a grind)."""
        values: set[str] = set()
        for product in self.products:
            if not product.subscription_eligible:
                continue
            for name, vals in product.options.items():
                if name.lower() in _COLOUR_OPTIONS | _SIZE_OPTIONS | {"title"}:
                    continue
                values.update(v.lower() for v in vals if len(v) > 2 and v != "Default Title")
        return sorted(values, key=len, reverse=True)

    def choices_for(self, sku: str) -> list[str]:
        """The non-size, non-colour option values of this SKU (e.g. its grinds)."""
        item = self.item(sku)
        if item is None:
            return []
        out: list[str] = []
        for name, vals in item.options.items():
            if name in _COLOUR_OPTIONS | _SIZE_OPTIONS or name == "title":
                continue
            out.extend(v for v in vals if v.lower() != "default title")
        return out

    def subscription_items(self) -> list[Item]:
        """One item per subscription product, in catalogue order."""
        seen: set[str] = set()
        out = []
        for item in self._items.values():
            if item.subscription_eligible and item.product_id not in seen:
                seen.add(item.product_id)
                out.append(item)
        return out

    # --- policy -----------------------------------------------------------------------------
    @property
    def store_name(self) -> str:
        return self.policy.name

    @property
    def tz(self) -> tzinfo:
        return self.policy.tz

    @property
    def order_pattern(self) -> str:
        return self.policy.orders.number_pattern

    @property
    def handover_value(self) -> Decimal:
        return self.policy.handover.order_value

    @property
    def support_email(self) -> str:
        return self.policy.support.email

    def contact(self) -> str:
        """How to reach the store's team: "support@… or call … (Mon–Fri …)"."""
        support = self.policy.support
        text = support.email
        if support.phone:
            text += f" or call {support.phone}"
        if support.hours:
            text += f" ({'; '.join(support.hours)})"
        return text

    def serial_formats(self) -> list[tuple[str | None, SerialFormat]]:
        """(SKU the format identifies, or ``None`` for a product-type format, format)."""
        out: list[tuple[str | None, SerialFormat]] = []
        for fmt in self.policy.warranty.serial_formats:
            out.append((fmt.sku, fmt))
        return out

    def serial_format(self, sku: str) -> SerialFormat | None:
        item = self.item(sku)
        return self.policy.warranty.serial_format(sku, item.product_type if item else "")

    def extended_offer(self, sku: str) -> ExtendedWarrantyOffer | None:
        item = self.item(sku)
        return self.policy.warranty.offer(sku, item.product_type if item else "")

    @property
    def extended_name(self) -> str:
        return self.policy.warranty.extended_name or "the extended warranty"

    @property
    def subscription_name(self) -> str:
        """What the store calls a subscription: "<program name> subscription", or "subscription"."""
        subs = self.policy.subscriptions
        name = subs.program_name if subs and subs.program_name else ""
        return name if "subscription" in name.lower() else f"{name} subscription".strip()

    @property
    def longest_pause(self) -> int:
        """The most deliveries one pause may cover (1 without a subscription policy)."""
        subs = self.policy.subscriptions
        return subs.max_pause_deliveries if subs else 1

    @property
    def pause_range(self) -> str:
        """How long a pause may last, e.g. "1–3 deliveries"."""
        most = self.longest_pause
        return "1 delivery" if most == 1 else f"1–{most} deliveries"

    @property
    def change_cutoff_days(self) -> int:
        """Subscription changes close this many days before a delivery's charge date."""
        subs = self.policy.subscriptions
        return subs.change_cutoff_days if subs else 0

    def last_change_day(self, delivery: date) -> date:
        """The last day a subscription delivery on ``delivery`` can still be changed."""
        return delivery - timedelta(days=self.change_cutoff_days)

    @property
    def change_date_window(self) -> DateWindow | None:
        """How far ahead a next delivery may be moved (None: the store does not move it)."""
        subs = self.policy.subscriptions
        return subs.change_date if subs else None

    def frequencies(self) -> dict[str, Frequency]:
        subs = self.policy.subscriptions
        return dict(subs.frequencies) if subs else {}

    @cached_property
    def frequency_patterns(self) -> list[tuple[re.Pattern[str], str]]:
        """(pattern, frequency code) for the policy's frequencies: code, label and aliases,
        longest phrase first so "every 2 months" wins over "every month"."""
        phrases: list[tuple[str, str]] = []
        for code, frequency in self.frequencies().items():
            for phrase in (code.replace("-", " "), frequency.label, *frequency.aliases):
                phrases.append((phrase, code))
        phrases.sort(key=lambda p: -len(p[0]))
        return [(re.compile(_phrase_pattern(p), re.I), code) for p, code in phrases]


_VIEWS: weakref.WeakKeyDictionary[object, ShopView] = weakref.WeakKeyDictionary()


def shop_view(backend: CatalogueSource) -> ShopView:
    """The view of this backend's store, built once per backend and rebuilt when its policy or
    catalogue objects change."""
    policy, products = backend.policy(), backend.catalog()
    try:
        view = _VIEWS.get(backend)
    except TypeError:  # a backend that cannot be weakly referenced: build per call
        return ShopView(policy, products)
    if (
        view is not None
        and view.policy is policy
        and len(view.products) == len(products)
        and all(a is b for a, b in zip(view.products, products, strict=True))
    ):
        return view
    view = ShopView(policy, products)
    _VIEWS[backend] = view
    return view
