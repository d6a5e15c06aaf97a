"""A store's policies as data: one ``store.yaml`` per store, validated into :class:`StorePolicy`.

Everything a merchant decides lives in this file, not in code: name, currency, time zone,
shipping methods and the free-shipping threshold, the tax rule, returns (window, non-returnable
product types, fees), which order states allow which changes, the subscription change cut-off,
frequencies and plans, warranty lengths and extended-warranty offers, serial-number formats,
the order value above which a person takes over, support contact and hours, and the store's
order-number format. The file's path is ``Settings.store_policy_path``.

:func:`load_policy` raises :class:`PolicyError` whose message names the file and the field,
e.g. ``store.yaml: shipping.methods[1].price: Input should be a valid decimal``. Unknown keys
are errors too (a typo must not silently fall back to a default).
"""

from __future__ import annotations

import re
from datetime import tzinfo
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import Field, ValidationError, field_validator, model_validator

from assistant.store.policy_base import NonNegativeMoney, Rate
from assistant.store.policy_base import PolicyModel as _Model
from assistant.store.policy_base import check_regex as _check_regex
from assistant.store.policy_returns import Returns
from assistant.store.types import OrderStatus


class PolicyError(ValueError):
    """The policy file is missing, is not YAML, or does not validate; the message names where."""


class ShippingMethod(_Model):
    code: str = Field(min_length=1, max_length=16)
    name: str
    price: NonNegativeMoney
    transit_business_days: tuple[int, int] = Field(description="(fastest, slowest) after shipping")
    free_over_threshold: bool = Field(
        default=True, description="costs nothing when the subtotal reaches the threshold"
    )

    @model_validator(mode="after")
    def _ordered(self) -> ShippingMethod:
        lo, hi = self.transit_business_days
        if lo < 0 or hi < lo:
            raise ValueError(
                "transit_business_days must be (fastest, slowest), 0 ≤ fastest ≤ slowest"
            )
        return self


class Shipping(_Model):
    methods: list[ShippingMethod] = Field(min_length=1)
    default_method: str
    free_shipping_threshold: NonNegativeMoney | None = None
    handling_business_days: tuple[int, int] = (1, 2)
    countries: list[str] = Field(default_factory=lambda: ["US"], min_length=1)
    stuck_after_days: int = Field(default=5, ge=1)
    delivered_claim_after_hours: int = Field(
        default=48,
        ge=0,
        description="a parcel marked delivered but not received is claimed after this wait",
    )
    redirect_carriers: list[str] | None = Field(
        default=None,
        description="carriers a person may ask to redirect a shipped parcel; None: any may",
    )

    @model_validator(mode="after")
    def _known_default(self) -> Shipping:
        codes = [m.code for m in self.methods]
        if len(set(codes)) != len(codes):
            raise ValueError("shipping method codes must be unique")
        if self.default_method not in codes:
            raise ValueError(f"default_method {self.default_method!r} is not one of {codes}")
        return self

    def method(self, code: str) -> ShippingMethod:
        for method in self.methods:
            if method.code == code:
                return method
        raise KeyError(code)

    def cost(self, subtotal: Decimal, code: str, *, free_shipping: bool = False) -> Decimal:
        """What shipping costs for this merchandise subtotal and method."""
        method = self.method(code)
        threshold = self.free_shipping_threshold
        over = threshold is not None and subtotal >= threshold
        if method.free_over_threshold and (free_shipping or over):
            return Decimal("0.00")
        return method.price


class TaxRule(_Model):
    basis: Literal["subtotal", "subtotal_and_shipping"] = "subtotal"
    default_rate: Rate = Decimal("0")
    rates_by_region: dict[str, Rate] = Field(default_factory=dict)
    included_in_prices: bool = False

    def rate(self, region: str | None) -> Decimal:
        return self.rates_by_region.get((region or "").upper(), self.default_rate)


class Orders(_Model):
    editable_states: list[OrderStatus] = Field(description="items can be added")
    address_change_states: list[OrderStatus]
    cancellable_states: list[OrderStatus]
    number_pattern: str = Field(
        description="regular expression an order number matches once a leading '#' and words "
        "such as 'order' are removed, e.g. '\\d{5}' or 'RO-\\d{6}'"
    )
    number_example: str

    _pattern = field_validator("number_pattern")(_check_regex)

    @model_validator(mode="after")
    def _example_matches(self) -> Orders:
        if re.fullmatch(self.number_pattern, self.number_example) is None:
            raise ValueError(
                f"number_example {self.number_example!r} does not match number_pattern"
            )
        return self


class Frequency(_Model):
    label: str
    aliases: list[str] = Field(default_factory=list, description="other ways customers say it")
    days: int | None = Field(default=None, ge=1)
    months: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _one_unit(self) -> Frequency:
        if (self.days is None) == (self.months is None):
            raise ValueError("give exactly one of days or months")
        return self


class SubscriptionPlan(_Model):
    name: str
    quantity: int = Field(ge=1)
    price: NonNegativeMoney


class DateWindow(_Model):
    """The days ahead of today that a subscription's next delivery can be moved to."""

    min_days: int = Field(ge=1)
    max_days: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> DateWindow:
        if self.min_days > self.max_days:
            raise ValueError("min_days must not be more than max_days")
        return self


class Subscriptions(_Model):
    change_cutoff_days: int = Field(ge=0)
    eligible_product_types: list[str] = Field(default_factory=list)
    frequencies: dict[str, Frequency] = Field(min_length=1)
    plans: list[SubscriptionPlan] = Field(default_factory=list)
    ship_free: bool = False
    program_name: str | None = Field(default=None, description="what the store calls it")
    max_pause_deliveries: int = Field(
        default=3, ge=1, le=12, description="a pause lasts 1 to this many deliveries"
    )
    not_pausable: list[str] = Field(
        default_factory=list, description="SKUs whose subscriptions can be skipped, not paused"
    )
    unit: str | None = Field(
        default=None, description="what one delivery's quantity counts, singular, e.g. 'bag'"
    )
    change_date: DateWindow | None = Field(
        default=None,
        description="moving only the next delivery to another day; None: the store does not",
    )


class WarrantyTerms(_Model):
    covered: list[str]
    not_covered: list[str]


class ExtendedWarrantyOffer(_Model):
    sku: str | None = None
    product_type: str | None = None
    extra_months: int = Field(ge=1)
    price: NonNegativeMoney

    @model_validator(mode="after")
    def _target(self) -> ExtendedWarrantyOffer:
        if (self.sku is None) == (self.product_type is None):
            raise ValueError("give exactly one of sku or product_type")
        return self


class SerialFormat(_Model):
    sku: str | None = None
    product_type: str | None = None
    pattern: str
    where: str = Field(description="where the customer finds the serial number")
    per_item: int = Field(
        default=1, ge=1, description="serial numbers per item bought (a 2-pack of plugs: 2)"
    )

    _pattern = field_validator("pattern")(_check_regex)

    @model_validator(mode="after")
    def _target(self) -> SerialFormat:
        if (self.sku is None) == (self.product_type is None):
            raise ValueError("give exactly one of sku or product_type")
        return self


class Warranty(_Model):
    default_months: int = Field(ge=0)
    by_product_type: dict[str, Annotated[int, Field(ge=0)]] = Field(default_factory=dict)
    registration_window_days: int = Field(default=60, ge=0)
    extended_offers: list[ExtendedWarrantyOffer] = Field(default_factory=list)
    default_terms: WarrantyTerms
    terms_by_sku: dict[str, WarrantyTerms] = Field(default_factory=dict)
    serial_formats: list[SerialFormat] = Field(default_factory=list)
    extended_name: str | None = Field(default=None, description="the extended warranty's name")
    extended_includes: str | None = Field(
        default=None, description="what the extended warranty adds besides time"
    )
    registration_url: str | None = Field(
        default=None, description="where customers register a product online"
    )

    def months_for(self, product_type: str) -> int:
        return self.by_product_type.get(product_type, self.default_months)

    def offer(self, sku: str, product_type: str) -> ExtendedWarrantyOffer | None:
        for offer in self.extended_offers:
            if offer.sku == sku or (offer.sku is None and offer.product_type == product_type):
                return offer
        return None

    def serial_format(self, sku: str, product_type: str) -> SerialFormat | None:
        for fmt in self.serial_formats:
            if fmt.sku == sku or (fmt.sku is None and fmt.product_type == product_type):
                return fmt
        return None

    def terms(self, sku: str) -> WarrantyTerms:
        return self.terms_by_sku.get(sku, self.default_terms)


class Support(_Model):
    email: str
    orders_email: str | None = Field(
        default=None, description="the address order confirmations are sent from"
    )
    confirmation_email_minutes: int | None = Field(
        default=None, ge=1, description="order confirmations arrive within this many minutes"
    )
    account_url: str | None = Field(
        default=None, description="where customers manage their account and subscriptions"
    )
    phone: str | None = None
    hours: list[str] = Field(default_factory=list, description="e.g. 'Mon–Fri 8 am–8 pm ET'")
    reply_within: str | None = None


class Handover(_Model):
    order_value: NonNegativeMoney = Field(description="orders above this go to a person")
    next_steps: dict[str, str] = Field(
        default_factory=dict,
        description="per hand-over reason code (e.g. billing_dispute), what the customer is "
        "told happens next; '{hours}' is replaced by the support hours",
    )


class StorePolicy(_Model):
    name: str = Field(min_length=1)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    timezone: str
    shipping: Shipping
    tax: TaxRule
    returns: Returns
    orders: Orders
    subscriptions: Subscriptions | None = None
    warranty: Warranty
    handover: Handover
    support: Support

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA time zone {value!r}") from exc
        return value

    @property
    def tz(self) -> tzinfo:
        return ZoneInfo(self.timezone)


def store_domains(policy: StorePolicy) -> set[str]:
    """The store's own hosts, from its support addresses and account link (lower case)."""
    support = policy.support
    hosts = set()
    for address in (support.email, support.orders_email):
        if address and "@" in address:
            hosts.add(address.rsplit("@", 1)[1].lower())
    if support.account_url:
        hosts.add(support.account_url.split("//")[-1].split("/")[0].lower())
    return hosts


def _location(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "(top level)"


def format_errors(source: str, error: ValidationError) -> str:
    """One line per problem: ``source: field.path[i].name: message``."""
    return "\n".join(
        f"{source}: {_location(tuple(item['loc']))}: {item['msg']}" for item in error.errors()
    )


def parse_policy(data: Any, source: str = "store.yaml") -> StorePolicy:
    """Validate already-parsed YAML/JSON data; :class:`PolicyError` names each bad field."""
    if not isinstance(data, dict):
        raise PolicyError(f"{source}: (top level): expected a mapping of policy sections")
    try:
        return StorePolicy.model_validate(data)
    except ValidationError as exc:
        raise PolicyError(format_errors(source, exc)) from None


def load_policy(path: Path) -> StorePolicy:
    """Read and validate a policy file (cached per path and modification time)."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise PolicyError(f"{path}: cannot read the store policy file ({exc.strerror})") from None
    return _load(path.resolve(), stamp)


@lru_cache(maxsize=8)
def _load(path: Path, _stamp: int) -> StorePolicy:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise PolicyError(f"{path.name}: not valid YAML: {exc}") from None
    return parse_policy(data, path.name)
