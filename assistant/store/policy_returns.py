"""The returns section of a store's policy file (window, returnable product types, reasons and
their fees, the conditions the policy asks about, where returns go, refund timing).
Part of :class:`~assistant.store.policy.StorePolicy`."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from assistant.store.address import PostalAddress
from assistant.store.policy_base import NonNegativeMoney
from assistant.store.policy_base import PolicyModel as _Model


class ReturnFee(_Model):
    reason: str
    amount: NonNegativeMoney


class ReturnReason(_Model):
    """Why a customer returns something, and what follows from it."""

    code: str = Field(min_length=1, max_length=40)
    label: str = Field(description="how the store says it, e.g. 'changed my mind'")
    words: list[str] = Field(
        default_factory=list, description="phrases customers use for it (lower case)"
    )
    fee: str | None = Field(default=None, description="the `fees[].reason` charged, if any")
    our_error: bool = Field(
        default=False, description="the store's error (defective, wrong item): see shipping_refund"
    )
    person_decides: bool = Field(
        default=False, description="a person reviews the return before a label is issued"
    )
    waives_conditions: bool = Field(
        default=False, description="condition questions do not apply (e.g. defective items)"
    )


class ReturnCondition(_Model):
    """A question the policy asks before a return (opened? worn? applied?)."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    question: str
    product_types: list[str] = Field(default_factory=list)
    skus: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    except_skus: list[str] = Field(
        default_factory=list, description="products it is never asked of (a guarantee waives it)"
    )
    blocking_answer: bool = Field(description="the answer that stops the self-service return")
    outcome: Literal["not_returnable", "person_decides"] = "not_returnable"
    rule: str = Field(description="the policy's rule, quoted to the customer")
    yes_words: list[str] = Field(
        default_factory=list, description="answers that mean yes (lower case)"
    )
    no_words: list[str] = Field(
        default_factory=list, description="answers that mean no (checked first: 'not opened')"
    )

    def applies_to(self, sku: str, product_type: str, tags: list[str]) -> bool:
        if sku.upper() in {s.upper() for s in self.except_skus}:
            return False
        if not (self.product_types or self.skus or self.tags):
            return True
        low_tags = {t.lower() for t in tags}
        return (
            product_type.lower() in {t.lower() for t in self.product_types}
            or sku.upper() in {s.upper() for s in self.skus}
            or bool(low_tags & {t.lower() for t in self.tags})
        )


class ReturnAddress(PostalAddress):
    """Where returns are sent (unknown keys are errors, as everywhere in the policy file)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Returns(_Model):
    window_days: int = Field(ge=0)
    non_returnable_product_types: list[str] = Field(default_factory=list)
    non_returnable_tags: list[str] = Field(default_factory=list)
    fees: list[ReturnFee] = Field(default_factory=list)
    refund_business_days: tuple[int, int] | None = None
    reasons: list[ReturnReason] = Field(default_factory=list)
    default_reason: str | None = Field(
        default=None, description="the reason assumed when the customer gives none"
    )
    conditions: list[ReturnCondition] = Field(default_factory=list)
    shipping_refund: Literal["never", "our_error", "our_error_whole_order", "always"] = Field(
        default="our_error",
        description="when the original shipping price is refunded: never, for returns due to "
        "the store's error, only when the whole order is returned for the store's error, always",
    )
    store_credit: bool = Field(
        default=False, description="the customer may choose store credit instead of a refund"
    )
    late_returns: Literal["refuse", "person_decides"] = "refuse"
    inspection_business_days: int = Field(default=3, ge=0)
    drop_off_days: int = Field(default=14, ge=1)
    label_carrier: str = "the carrier on the label"
    ship_to: ReturnAddress | None = Field(default=None, description="where returns are sent")
    exchanges: bool = Field(
        default=True, description="another variant of the same product may be chosen"
    )
    exchange_reason: str | None = Field(
        default=None, description="the reason (and so the fee) an exchange counts as"
    )

    @model_validator(mode="after")
    def _consistent(self) -> Returns:
        fees = {f.reason for f in self.fees}
        codes = [r.code for r in self.reasons]
        if len(set(codes)) != len(codes):
            raise ValueError("return reason codes must be unique")
        for reason in self.reasons:
            if reason.fee is not None and reason.fee not in fees:
                raise ValueError(f"reason {reason.code!r}: fee {reason.fee!r} is not in fees")
        for name in (self.default_reason, self.exchange_reason):
            if name is not None and name not in codes:
                raise ValueError(f"{name!r} is not one of the return reasons {codes}")
        keys = [c.key for c in self.conditions]
        if len(set(keys)) != len(keys):
            raise ValueError("condition keys must be unique")
        return self

    def reason(self, code: str) -> ReturnReason | None:
        return next((r for r in self.reasons if r.code == code), None)

    def fee(self, reason: ReturnReason) -> Decimal:
        if reason.fee is None:
            return Decimal("0.00")
        return next(f.amount for f in self.fees if f.reason == reason.fee)
