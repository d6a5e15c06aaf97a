"""What each generated order contains, with per-customer purchase patterns.

A customer buys the camera (or the headphones) at most once; at that moment each accessory is
decided with its co-purchase probability and lands in the same order or, for about one in seven,
in the customer's next order. So "N % of camera owners also bought X" computed from the
orders comes out near the probabilities below.
"""

from __future__ import annotations

import random
from collections import defaultdict

from assistant.store.demo_build import LineSpec
from assistant.store.demo_catalogue import demo_product as product

CAMERA_ACCESSORIES = (
    ("LUM-BP-F2", 0.60),
    ("KST-SD128-V90", 0.55),
    ("TRP-SLING-10", 0.40),
    ("LUM-GP-Z8", 0.35),
    ("CLV-KIT-PRO", 0.30),
    ("LUM-RS-2", 0.20),
)
HEADPHONE_ACCESSORIES = (("AUR-SWP-CASE", 0.30), ("AUR-SWP-PADS", 0.15))
COFFEES = ("RCC-PDR-12", "RCC-MLB-12", "RCC-ETH-12", "RCC-DEC-12")
GRINDS = ("whole bean", "drip", "espresso", "french press")
KINDS = (
    ("camera", 16),
    ("audio", 18),
    ("footwear", 20),
    ("coffee", 14),
    ("smart_home", 16),
    ("kitchen", 12),
)
FOLLOW_UP_SHARE = 0.15


class BasketMaker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.owns: dict[int, set[str]] = defaultdict(set)
        self.pending: dict[int, list[LineSpec]] = defaultdict(list)

    def basket(self, customer: int) -> list[LineSpec]:
        follow_up, self.pending[customer] = self.pending[customer], []
        return self._new(customer) + follow_up

    def _new(self, customer: int) -> list[LineSpec]:
        rng = self.rng
        while True:
            kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
            if kind == "camera" and "camera" not in self.owns[customer]:
                return self._with_accessories(
                    customer, "camera", "LUM-Z8-BODY", {}, CAMERA_ACCESSORIES
                )
            if kind == "audio" and "audio" not in self.owns[customer]:
                colour = rng.choice(product("AUR-SWP-100").variants["colour"])
                return self._with_accessories(
                    customer, "audio", "AUR-SWP-100", {"colour": colour}, HEADPHONE_ACCESSORIES
                )
            if kind in ("camera", "audio"):
                continue
            return self._simple(kind)

    def _with_accessories(
        self,
        customer: int,
        kind: str,
        sku: str,
        variant: dict[str, str],
        accessories: tuple[tuple[str, float], ...],
    ) -> list[LineSpec]:
        self.owns[customer].add(kind)
        lines = [LineSpec(sku, 1, variant)]
        for accessory, share in accessories:
            if self.rng.random() < share:
                target = self.pending[customer] if self.rng.random() < FOLLOW_UP_SHARE else lines
                target.append(LineSpec(accessory))
        return lines

    def _simple(self, kind: str) -> list[LineSpec]:
        rng = self.rng
        lines: list[LineSpec] = []
        if kind == "footwear":
            shoe = product("STR-VELO3-W").variants
            lines.append(
                LineSpec(
                    "STR-VELO3-W",
                    1,
                    {"size": rng.choice(shoe["size"]), "colour": rng.choice(shoe["colour"])},
                )
            )
            if rng.random() < 0.5:
                socks = product("STR-SOCK-3P").variants
                lines.append(
                    LineSpec(
                        "STR-SOCK-3P",
                        rng.choice([1, 1, 2]),
                        {"size": rng.choice(socks["size"]), "colour": rng.choice(socks["colour"])},
                    )
                )
        elif kind == "coffee":
            lines += [
                LineSpec(sku, rng.randint(1, 2), {"grind": rng.choice(GRINDS)})
                for sku in rng.sample(COFFEES, rng.randint(1, 2))
            ]
            if rng.random() < 0.15:
                lines.append(LineSpec("CUI-GRD-40"))
        elif kind == "smart_home":
            pair = ("HMY-PLUG-2P", "HMY-CAM-2K")
            lines += [LineSpec(sku) for sku in rng.sample(pair, rng.randint(1, 2))]
        else:
            lines.append(LineSpec(rng.choice(("CUI-KTL-17", "CUI-GRD-40"))))
            if rng.random() < 0.25:
                lines.append(LineSpec(rng.choice(COFFEES), 1, {"grind": rng.choice(GRINDS)}))
        return lines
