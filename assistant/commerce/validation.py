"""Input normalisation with clear domain errors (``InvalidInput``), never stack traces."""

from __future__ import annotations

import re

from assistant.commerce.errors import InvalidInput
from assistant.commerce.requests import AddressInput, ItemInput
from assistant.commerce.schemas import AddressPublic
from assistant.commerce.shop import Shop, SkuFacts

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_ZIP = re.compile(r"\d{5}(?:-\d{4})?")
US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)
MAX_QUANTITY = 10
MAX_TEXT = 2000


_ORDER_WORDS = re.compile(r"(?:order\s*)?(?:(?:no\.?|number|num\.?)\s*)?#?\s*(\S+)", re.I)


def store_order_number(raw: str, pattern: str, example: str) -> str:
    """An order number in the store's own format (its policy's ``orders.number_pattern``):
    ``"#1001"``, ``"order NM-10023"``, ``" nm-10023 "`` → ``"1001"``, ``"NM-10023"``."""
    match = _ORDER_WORDS.fullmatch(raw.strip()) if isinstance(raw, str) else None
    value = match.group(1).upper() if match else ""
    if not value or re.fullmatch(pattern, value, re.I) is None:
        raise InvalidInput(
            f"Order numbers look like #{example}. Please check the number in your "
            "confirmation email.",
            field="order_number",
            code="invalid_order_number",
        )
    return value


def order_lookup(raw: str) -> str:
    """An order number as stored, in any store's format (the customer's own orders are searched
    with it, so no format check is needed): ``"#NM-10023"`` → ``"NM-10023"``."""
    match = _ORDER_WORDS.fullmatch(raw.strip()) if isinstance(raw, str) else None
    value = match.group(1).upper() if match else ""
    if not value or len(value) > 32:
        raise InvalidInput(
            "Please give the order number from your confirmation email.",
            field="order_number",
            code="invalid_order_number",
        )
    return value


def email(raw: str) -> str:
    value = raw.strip().lower() if isinstance(raw, str) else ""
    if len(value) > 254 or _EMAIL.fullmatch(value) is None:
        raise InvalidInput(
            "That doesn't look like an email address.", field="email", code="invalid_email"
        )
    return value


def known_product(shop: Shop, sku: str) -> SkuFacts:
    value = sku.strip() if isinstance(sku, str) else ""
    found = shop.sku(value) if value else None
    if found is None:
        raise InvalidInput(
            f"We don't sell a product with SKU {sku!r}.", field="sku", code="unknown_sku"
        )
    return found


def quantity(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_QUANTITY:
        raise InvalidInput(
            f"Quantity must be a whole number from 1 to {MAX_QUANTITY}.",
            field="quantity",
            code="invalid_quantity",
        )
    return value


def item(shop: Shop, raw: ItemInput) -> tuple[SkuFacts, int, dict[str, str]]:
    """A known product, a valid quantity and a complete, valid variant choice."""
    item_product = known_product(shop, raw.sku)
    count = quantity(raw.quantity)
    variant = {k.strip().lower(): v.strip().lower() for k, v in raw.variant.items()}
    options = shop.options(item_product.sku)
    unknown = set(variant) - set(options)
    if unknown:
        raise InvalidInput(
            f"{item_product.name} has no option {sorted(unknown)[0]!r}.",
            field="variant",
            code="invalid_variant",
        )
    for option, values in options.items():
        if option not in variant:
            raise InvalidInput(
                f"Please choose a {option} for {item_product.name}: {', '.join(values)}.",
                field="variant",
                code="missing_variant",
            )
        if variant[option] not in values:
            raise InvalidInput(
                f"{variant[option]!r} is not an available {option} for "
                f"{item_product.name}: {', '.join(values)}.",
                field="variant",
                code="invalid_variant",
            )
    return item_product, count, variant


def address(raw: AddressInput) -> AddressPublic:
    def text(value: str, field: str, limit: int = 200) -> str:
        value = " ".join(value.split())
        if not value or len(value) > limit:
            raise InvalidInput(
                f"Please give the address {field}.",
                field=f"address.{field}",
                code="invalid_address",
            )
        return value

    if raw.country.strip().upper() not in ("US", "USA"):
        raise InvalidInput(
            "We ship to US addresses only.", field="address.country", code="unsupported_country"
        )
    region = raw.region.strip().upper()
    if region not in US_STATES:
        raise InvalidInput(
            "Please give a two-letter US state code, like NY.",
            field="address.region",
            code="invalid_address",
        )
    postal = raw.postal_code.strip()
    if _ZIP.fullmatch(postal) is None:
        raise InvalidInput(
            "Please give a 5-digit ZIP code.", field="address.postal_code", code="invalid_address"
        )
    line2 = " ".join(raw.line2.split())
    if len(line2) > 200:
        raise InvalidInput(
            "Address line 2 is too long.", field="address.line2", code="invalid_address"
        )
    return AddressPublic(
        name=text(raw.name, "name", 120),
        line1=text(raw.line1, "street"),
        line2=line2,
        city=text(raw.city, "city", 100),
        region=region,
        postal_code=postal,
        country="US",
    )


def frequency(shop: Shop, raw: str) -> str:
    """A subscription frequency code of the store (its code or its label)."""
    value = raw.strip().lower().replace(" ", "-") if isinstance(raw, str) else ""
    frequencies = shop.frequencies()
    by_label = {
        name.lower().replace(" ", "-"): code
        for code, f in frequencies.items()
        for name in (f.label, *f.aliases)
    }
    value = by_label.get(value, value)
    if value not in frequencies:
        labels = ", ".join(f.label for f in frequencies.values())
        raise InvalidInput(
            f"Delivery frequency must be one of: {labels}.",
            field="frequency",
            code="invalid_frequency",
        )
    return value


def serial(shop: Shop, sku: str, raw: str) -> str:
    fmt = shop.serial_format(sku)
    value = "".join(raw.split()).upper() if isinstance(raw, str) else ""
    if fmt is None or re.fullmatch(fmt.pattern, value) is None:
        where = f" You'll find it {fmt.where}." if fmt else ""
        raise InvalidInput(
            f"That serial number doesn't match the format for this product.{where}",
            field="serial_number",
            code="invalid_serial",
        )
    return value


def free_text(raw: str | None, field: str, limit: int = MAX_TEXT) -> str | None:
    if raw is None:
        return None
    value = raw.strip()
    if len(value) > limit:
        raise InvalidInput(f"The {field} is too long ({limit} characters at most).", field=field)
    return value or None
