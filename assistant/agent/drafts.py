"""A return or exchange being put together over several messages: the order, the items, the
reason, the answers to the policy's condition questions so far and the question now asked.
Part of the conversation state (stored with it); nothing here is trusted for an action: the
store checks every rule again when the preview is made and when it is confirmed."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from assistant.commerce.schemas import ReturnQuestion


class ReturnDraft(BaseModel):
    kind: Literal["return", "exchange"] = "return"
    order_number: str | None = None
    skus: list[str] = Field(default_factory=list)
    quantities: dict[str, int] = Field(default_factory=dict)
    reason: str | None = None
    answers: dict[str, bool] = Field(default_factory=dict)
    asked: ReturnQuestion | None = None
    awaiting: Literal["start", "items", "options", "answer"] | None = None
    new_options: dict[str, str] = Field(default_factory=dict)
    refund_to: Literal["original_payment", "store_credit"] = "original_payment"
    cost: str | None = None  # the store's fee and what a refund brings back (if a person approves)
    held_back: str | None = None  # the policy's rule for units that stay ("opened one, …")
