"""Shared pieces of the store policy's models (:mod:`assistant.store.policy`)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

NonNegativeMoney = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
Rate = Annotated[Decimal, Field(ge=0, lt=1)]


class PolicyModel(BaseModel):
    """A section of the policy file: frozen, unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def check_regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from exc
    return value
