"""The demo store's product catalogue: the one place where SKUs, names, prices and warranty
lengths are agreed.

The corpus documents (``corpus/``) quote these facts and the store's demo data seeds its
``products`` table from them; ``tests/test_catalog_consistency.py`` checks that both agree.
Prices are in US dollars.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Category(StrEnum):
    AUDIO = "audio"
    CAMERAS = "cameras"
    CAMERA_ACCESSORIES = "camera-accessories"
    COFFEE = "coffee"
    FOOTWEAR = "footwear"
    SMART_HOME = "smart-home"
    KITCHEN = "kitchen"


@dataclass(frozen=True, slots=True)
class Product:
    sku: str
    name: str
    brand: str
    model: str
    category: Category
    price: Decimal
    warranty_months: int
    subscription_eligible: bool = False
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)


PRODUCTS: tuple[Product, ...] = (
    # --- audio -------------------------------------------------------------------------
    Product(
        "AUR-SWP-100",
        "SoundWave Pro Wireless Headphones",
        "Auralis",
        "SoundWave Pro",
        Category.AUDIO,
        Decimal("249.99"),
        12,
        variants={"colour": ("midnight black", "glacier white", "navy blue")},
    ),
    Product(
        "AUR-SWP-CASE",
        "SoundWave Pro Hard Travel Case",
        "Auralis",
        "SoundWave Pro Case",
        Category.AUDIO,
        Decimal("24.99"),
        12,
    ),
    Product(
        "AUR-SWP-PADS",
        "SoundWave Pro Replacement Ear Cushions",
        "Auralis",
        "SoundWave Pro Ear Cushions",
        Category.AUDIO,
        Decimal("19.99"),
        6,
    ),
    # --- cameras and their accessories ---------------------------------------------------
    Product(
        "LUM-Z8-BODY",
        "Lumora Z8 Full-Frame Mirrorless Camera (Body Only)",
        "Lumora",
        "Lumora Z8",
        Category.CAMERAS,
        Decimal("1899.00"),
        24,
    ),
    Product(
        "LUM-BP-F2",
        "Lumora BP-F2 Rechargeable Battery",
        "Lumora",
        "BP-F2",
        Category.CAMERA_ACCESSORIES,
        Decimal("69.99"),
        12,
    ),
    Product(
        "KST-SD128-V90",
        "Kestrel Pro SDXC UHS-II V90 128 GB Memory Card",
        "Kestrel",
        "Kestrel Pro V90 128GB",
        Category.CAMERA_ACCESSORIES,
        Decimal("89.99"),
        60,
    ),
    Product(
        "TRP-SLING-10",
        "Trailpoint Sling 10L Camera Bag",
        "Trailpoint",
        "Sling 10L",
        Category.CAMERA_ACCESSORIES,
        Decimal("79.99"),
        24,
    ),
    Product(
        "CLV-KIT-PRO",
        "ClearView Sensor and Lens Cleaning Kit",
        "ClearView",
        "ClearView Pro Kit",
        Category.CAMERA_ACCESSORIES,
        Decimal("29.99"),
        12,
    ),
    Product(
        "LUM-GP-Z8",
        "Lumora GP-Z8 Tempered Glass Screen Protector (2-pack)",
        "Lumora",
        "GP-Z8",
        Category.CAMERA_ACCESSORIES,
        Decimal("19.99"),
        6,
    ),
    Product(
        "LUM-RS-2",
        "Lumora RS-2 Wireless Remote Shutter",
        "Lumora",
        "RS-2",
        Category.CAMERA_ACCESSORIES,
        Decimal("39.99"),
        12,
    ),
    # --- coffee (Ridgeline Coffee Club) ----------------------------------------------------
    Product(
        "RCC-PDR-12",
        "Ridgeline Premium Dark Roast, 12 oz bag",
        "Ridgeline Coffee Co.",
        "Premium Dark Roast",
        Category.COFFEE,
        Decimal("19.99"),
        0,
        subscription_eligible=True,
        variants={"grind": ("whole bean", "drip", "espresso", "french press")},
    ),
    Product(
        "RCC-MLB-12",
        "Ridgeline Morning Light Breakfast Blend, 12 oz bag",
        "Ridgeline Coffee Co.",
        "Morning Light Breakfast Blend",
        Category.COFFEE,
        Decimal("19.99"),
        0,
        subscription_eligible=True,
        variants={"grind": ("whole bean", "drip", "espresso", "french press")},
    ),
    Product(
        "RCC-ETH-12",
        "Ridgeline Ethiopia Yirgacheffe Single Origin, 12 oz bag",
        "Ridgeline Coffee Co.",
        "Ethiopia Yirgacheffe",
        Category.COFFEE,
        Decimal("19.99"),
        0,
        subscription_eligible=True,
        variants={"grind": ("whole bean", "drip", "espresso", "french press")},
    ),
    Product(
        "RCC-DEC-12",
        "Ridgeline Swiss Water Decaf, 12 oz bag",
        "Ridgeline Coffee Co.",
        "Swiss Water Decaf",
        Category.COFFEE,
        Decimal("19.99"),
        0,
        subscription_eligible=True,
        variants={"grind": ("whole bean", "drip", "espresso", "french press")},
    ),
    # --- footwear -------------------------------------------------------------------------
    Product(
        "STR-VELO3-W",
        "Stride Velo 3 Women's Running Shoe",
        "Stride Athletics",
        "Velo 3",
        Category.FOOTWEAR,
        Decimal("114.95"),
        6,
        variants={
            "size": (
                "5",
                "5.5",
                "6",
                "6.5",
                "7",
                "7.5",
                "8",
                "8.5",
                "9",
                "9.5",
                "10",
                "10.5",
                "11",
                "11.5",
                "12",
            ),
            "colour": ("navy blue", "coral", "black"),
        },
    ),
    Product(
        "STR-SOCK-3P",
        "Stride CushionLite Athletic Socks (3-pack)",
        "Stride Athletics",
        "CushionLite Socks",
        Category.FOOTWEAR,
        Decimal("16.85"),
        6,
        variants={"size": ("small", "medium", "large"), "colour": ("white", "black")},
    ),
    # --- smart home -------------------------------------------------------------------------
    Product(
        "HMY-PLUG-2P",
        "Homely Smart Plug Mini (2-pack)",
        "Homely",
        "Smart Plug Mini",
        Category.SMART_HOME,
        Decimal("29.99"),
        12,
    ),
    Product(
        "HMY-CAM-2K",
        "Homely Indoor Cam 2K",
        "Homely",
        "Indoor Cam 2K",
        Category.SMART_HOME,
        Decimal("59.99"),
        12,
    ),
    # --- kitchen ----------------------------------------------------------------------------
    Product(
        "CUI-KTL-17",
        "Cuisina Precision Electric Kettle 1.7 L",
        "Cuisina",
        "Precision Kettle",
        Category.KITCHEN,
        Decimal("79.99"),
        24,
    ),
    Product(
        "CUI-GRD-40",
        "Cuisina Conical Burr Coffee Grinder",
        "Cuisina",
        "Burr Grinder 40",
        Category.KITCHEN,
        Decimal("129.99"),
        24,
    ),
)


@dataclass(frozen=True, slots=True)
class CoffeePlan:
    """Coffee Club price for a number of 12 oz bags per delivery (any blend, any grind)."""

    bags: int
    price: Decimal


COFFEE_PLANS: tuple[CoffeePlan, ...] = (
    CoffeePlan(1, Decimal("18.99")),
    CoffeePlan(2, Decimal("34.99")),
    CoffeePlan(3, Decimal("49.99")),
)

# Coffee Club delivery frequencies, in days between deliveries ("monthly" is a calendar month).
COFFEE_FREQUENCIES: dict[str, str] = {
    "every-2-weeks": "every 2 weeks",
    "monthly": "every month",
    "every-6-weeks": "every 6 weeks",
    "every-2-months": "every 2 months",
}

EXTENDED_WARRANTY: dict[str, tuple[int, Decimal]] = {
    # SKU -> (extra months, price); must be bought within 60 days of delivery.
    "AUR-SWP-100": (24, Decimal("39.99")),
    "LUM-Z8-BODY": (36, Decimal("199.00")),
    "HMY-CAM-2K": (24, Decimal("14.99")),
    "CUI-KTL-17": (24, Decimal("12.99")),
    "CUI-GRD-40": (24, Decimal("19.99")),
}

# Serial number formats for warranty registration: SKU -> (regex, where to find it).
SERIAL_FORMATS: dict[str, tuple[str, str]] = {
    "AUR-SWP-100": (r"SW\d{10}", "inside the headband, under the left ear cushion, and on the box"),
    "LUM-Z8-BODY": (r"Z8\d{7}", "on the bottom plate, next to the tripod socket"),
    "HMY-PLUG-2P": (r"HMP-[0-9A-F]{8}", "on the side label of each plug"),
    "HMY-CAM-2K": (r"HMC-[0-9A-F]{8}", "on the label under the camera's base"),
    "CUI-KTL-17": (r"CK17-\d{6}", "on the underside of the power base"),
    "CUI-GRD-40": (r"CG40-\d{6}", "on the underside of the grinder"),
}


@dataclass(frozen=True, slots=True)
class WarrantyTerms:
    covered: tuple[str, ...]
    not_covered: tuple[str, ...]


_ELECTRONICS_NOT_COVERED = (
    "accidental damage such as drops, cracks or crushed parts",
    "liquid damage",
    "normal wear and cosmetic damage (scratches, scuffs)",
    "damage from unauthorized repair or modification",
    "loss or theft",
)

# What each product's warranty covers, in short items the assistant quotes; the warranty
# documents in corpus/ say the same in full sentences.
WARRANTY_TERMS: dict[str, WarrantyTerms] = {
    "AUR-SWP-100": WarrantyTerms(
        covered=(
            "defects in materials and workmanship",
            "Bluetooth, charging and battery faults",
            "battery holding less than 80% of its original capacity",
            "headband, hinge and button failures under normal use",
        ),
        not_covered=(*_ELECTRONICS_NOT_COVERED, "ear cushions worn out by normal use"),
    ),
    "LUM-Z8-BODY": WarrantyTerms(
        covered=(
            "defects in materials and workmanship",
            "sensor, shutter and autofocus faults",
            "electronics, card slots, ports and displays that fail under normal use",
        ),
        not_covered=(
            *_ELECTRONICS_NOT_COVERED,
            "sand, dust or impact damage to the sensor",
            "shutter wear beyond the rated 400,000 actuations",
        ),
    ),
    "HMY-CAM-2K": WarrantyTerms(
        covered=("defects in materials and workmanship", "Wi-Fi, camera and night-vision faults"),
        not_covered=_ELECTRONICS_NOT_COVERED,
    ),
    "HMY-PLUG-2P": WarrantyTerms(
        covered=("defects in materials and workmanship", "relay, Wi-Fi and button faults"),
        not_covered=(*_ELECTRONICS_NOT_COVERED, "use above the rated 15 A / 1800 W load"),
    ),
    "CUI-KTL-17": WarrantyTerms(
        covered=(
            "defects in materials and workmanship",
            "heating element, thermostat and display faults",
            "leaks from seams under normal use",
        ),
        not_covered=(*_ELECTRONICS_NOT_COVERED, "limescale damage from skipped descaling"),
    ),
    "CUI-GRD-40": WarrantyTerms(
        covered=(
            "defects in materials and workmanship",
            "motor and switch faults",
            "burrs that crack or chip under normal use",
        ),
        not_covered=(*_ELECTRONICS_NOT_COVERED, "damage from grinding anything but coffee beans"),
    ),
}

# Products without an entry above (accessories, footwear) get the store-wide terms.
DEFAULT_WARRANTY_TERMS = WarrantyTerms(
    covered=("defects in materials and workmanship",),
    not_covered=_ELECTRONICS_NOT_COVERED,
)

# Store-wide terms quoted by the policy documents.
FREE_SHIPPING_THRESHOLD = Decimal("75.00")
STANDARD_SHIPPING = Decimal("5.99")
EXPRESS_SHIPPING = Decimal("14.99")
RETURN_WINDOW_DAYS = 30
SALES_TAX_RATE_NY = Decimal("0.08875")

_BY_SKU = {p.sku: p for p in PRODUCTS}


def product(sku: str) -> Product:
    """The product with this SKU; ``KeyError`` for an unknown one."""
    return _BY_SKU[sku]


def coffee_plan_price(bags: int) -> Decimal:
    for plan in COFFEE_PLANS:
        if plan.bags == bags:
            return plan.price
    raise KeyError(bags)


def warranty_terms(sku: str) -> WarrantyTerms:
    """The warranty terms for this SKU, or the store-wide default terms."""
    return WARRANTY_TERMS.get(sku, DEFAULT_WARRANTY_TERMS)


def is_known_sku(sku: str) -> bool:
    return sku in _BY_SKU
