"""What each generated order contains, with per-customer purchase patterns from the spec.

A basket kind is drawn by weight (``baskets.kinds`` of the pack's ``demo.yaml``). A ``once``
kind (a main product, e.g. a camera) is bought at most once per customer; at that moment each of
its accessories is decided with its co-purchase share and lands in the same order or, for
``follow_up_share`` of them, in the customer's next order. So "N % of owners also bought X"
computed from the orders comes out near the shares in the spec.
"""

from __future__ import annotations

import random
from collections import defaultdict

from assistant.store.demo_build import LineSpec
from assistant.store.demo_spec import BasketKind, BasketLine, Baskets, Between, demo_product


class BasketMaker:
    def __init__(self, rng: random.Random, baskets: Baskets) -> None:
        self.rng = rng
        self.baskets = baskets
        self.owns: dict[int, set[str]] = defaultdict(set)
        self.pending: dict[int, list[LineSpec]] = defaultdict(list)

    def basket(self, customer: int) -> list[LineSpec]:
        follow_up, self.pending[customer] = self.pending[customer], []
        return self._new(customer) + follow_up

    def _new(self, customer: int) -> list[LineSpec]:
        kinds = self.baskets.kinds
        weights = [k.weight for k in kinds]
        while True:
            kind = self.rng.choices(kinds, weights)[0]
            if not kind.once:
                return [ln for spec in kind.lines for ln in self._lines(spec)]
            if kind.name not in self.owns[customer]:
                return self._with_accessories(customer, kind)

    def _with_accessories(self, customer: int, kind: BasketKind) -> list[LineSpec]:
        self.owns[customer].add(kind.name)
        lines = [ln for spec in kind.lines for ln in self._lines(spec)]
        for accessory in kind.accessories:
            if self.rng.random() < accessory.share:
                follow_up = self.rng.random() < self.baskets.follow_up_share
                (self.pending[customer] if follow_up else lines).append(LineSpec(accessory.sku))
        return lines

    def _lines(self, spec: BasketLine) -> list[LineSpec]:
        """The lines ``spec`` adds; random draws in a fixed order (chance, SKUs, then for each
        SKU its quantity and variant options) so a seed always gives the same baskets."""
        rng = self.rng
        if spec.chance is not None and rng.random() >= spec.chance:
            return []
        if spec.sample:
            skus = rng.sample(spec.sample, rng.randint(*spec.count))
        else:
            skus = [rng.choice(spec.one_of) if spec.one_of else str(spec.sku)]
        return [LineSpec(sku, self._quantity(spec), self._variant(spec, sku)) for sku in skus]

    def _quantity(self, spec: BasketLine) -> int:
        if isinstance(spec.quantity, Between):
            return self.rng.randint(*spec.quantity.between)
        if isinstance(spec.quantity, tuple):
            return self.rng.choice(spec.quantity)
        return spec.quantity

    def _variant(self, spec: BasketLine, sku: str) -> dict[str, str]:
        if isinstance(spec.pick, dict):
            return {option: self.rng.choice(values) for option, values in spec.pick.items()}
        options = demo_product(sku).variants
        return {option: self.rng.choice(options[option]) for option in spec.pick}
