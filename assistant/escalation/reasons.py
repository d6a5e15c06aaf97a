"""Why a conversation goes to a person: a reason code, its default priority, and the one line the
customer is told about what happens next.

The customer-facing lines follow the store's policies (``corpus/policies/customer-support.md``,
``payments-and-billing.md``, ``returns-and-refunds.html``, ``orders-changes-and-cancellations.md``
and ``warranty-registration-and-claims.html``); the agents' hours and reply time are the store's,
from its policy file's ``support`` section; billing specialists reply within 2 business days;
warranty claims are reviewed within 2 business days.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from assistant.commerce.support import Priority
from assistant.store.policy import Support

PRIORITIES: Final[tuple[Priority, ...]] = ("low", "normal", "high", "urgent")

# the store's support hours and reply time, from its policy file (see ``next_steps_for``)
_AGENT_HOURS = "{hours}"
_NO_HOURS = "agents reply as soon as they can"


class EscalationReason(StrEnum):
    CUSTOMER_REQUEST = "customer_request"
    FRUSTRATION = "frustration"
    DEFECT_PERSISTS = "defect_persists"
    WARRANTY_CLAIM = "warranty_claim"
    BILLING_DISPUTE = "billing_dispute"
    COMPLEX_RETURN = "complex_return"
    ORDER_CHANGE_AFTER_FULFILMENT = "order_change_after_fulfilment"
    VIP_CUSTOMER = "vip_customer"
    HIGH_VALUE_ORDER = "high_value_order"
    REPEATED_LOW_CONFIDENCE = "repeated_low_confidence"
    PRIVACY_REQUEST = "privacy_request"
    OTHER = "other"

    @property
    def label(self) -> str:
        """A short name for summaries, e.g. "billing dispute"."""
        return _DETAILS[self].label

    @property
    def default_priority(self) -> Priority:
        return _DETAILS[self].priority

    @property
    def next_steps(self) -> str:
        """One line for the customer: who takes over and when they hear back (without the
        store's hours; :meth:`next_steps_for` gives them)."""
        return _DETAILS[self].next_steps.replace(_AGENT_HOURS, _NO_HOURS)

    def next_steps_for(self, support: Support) -> str:
        """:attr:`next_steps` with the store's support hours and reply time."""
        hours = _NO_HOURS
        if support.hours:
            hours = "agents work " + " and ".join(support.hours)
            if support.reply_within:
                hours += f", and otherwise reply by email within {support.reply_within}"
        return _DETAILS[self].next_steps.replace(_AGENT_HOURS, hours)


@dataclass(frozen=True, slots=True)
class _Details:
    label: str
    priority: Priority
    next_steps: str


_DETAILS: Final[dict[EscalationReason, _Details]] = {
    EscalationReason.CUSTOMER_REQUEST: _Details(
        "customer asked for a person",
        "normal",
        f"A support agent will take over this chat with our conversation so far; {_AGENT_HOURS}.",
    ),
    EscalationReason.FRUSTRATION: _Details(
        "customer is frustrated",
        "high",
        f"A support agent will take over and see this chat, so you won't have to repeat "
        f"yourself; {_AGENT_HOURS}.",
    ),
    EscalationReason.DEFECT_PERSISTS: _Details(
        "defect persists after troubleshooting",
        "normal",
        "A support agent will review the problem and the fixes you've already tried, and "
        "contact you within 1 business day about a repair, replacement or return.",
    ),
    EscalationReason.WARRANTY_CLAIM: _Details(
        "warranty claim",
        "normal",
        "A support specialist will review your warranty claim, usually within 2 business days, "
        "and email you the decision.",
    ),
    EscalationReason.BILLING_DISPUTE: _Details(
        "billing dispute",
        "high",
        "A billing specialist will review the charge and reply within 2 business days.",
    ),
    EscalationReason.COMPLEX_RETURN: _Details(
        "return needs agent review",
        "normal",
        "A support agent will review your return and email you a prepaid return label once "
        "it's approved, within 1 business day.",
    ),
    EscalationReason.ORDER_CHANGE_AFTER_FULFILMENT: _Details(
        "change to a shipped order",
        "high",
        "A support agent will ask the carrier about the change and email you within 1 business "
        "day; a redirect isn't guaranteed, carrier fees may apply and USPS packages can't be "
        "redirected.",
    ),
    EscalationReason.VIP_CUSTOMER: _Details(
        "VIP customer",
        "normal",
        f"A support agent will take over this chat with our conversation so far; {_AGENT_HOURS}.",
    ),
    EscalationReason.HIGH_VALUE_ORDER: _Details(
        "high-value order",
        "normal",
        f"A support agent will review your order and take over this chat; {_AGENT_HOURS}.",
    ),
    EscalationReason.REPEATED_LOW_CONFIDENCE: _Details(
        "assistant could not answer reliably",
        "normal",
        f"I couldn't find a reliable answer, so a support agent will follow up; {_AGENT_HOURS}.",
    ),
    EscalationReason.PRIVACY_REQUEST: _Details(
        "privacy request (data copy or deletion)",
        "normal",
        "Our privacy team will confirm your identity by email and complete the request within "
        "30 days.",
    ),
    EscalationReason.OTHER: _Details(
        "other",
        "normal",
        f"A support agent will look into this and follow up; {_AGENT_HOURS}.",
    ),
}


def raise_priority(priority: Priority, levels: int = 1) -> Priority:
    """``priority`` moved up ``levels`` steps, capped at "urgent"."""
    index = min(PRIORITIES.index(priority) + max(0, levels), len(PRIORITIES) - 1)
    return PRIORITIES[index]
