"""Why a conversation goes to a person: a reason code, its default priority, and the one line the
customer is told about what happens next.

What a store promises there (who reviews, how fast, what they send) is the store's: its policy
file's ``handover.next_steps`` gives the line per reason code, and ``support`` the agents' hours
and reply time (``{hours}`` in a line). Without a line of the store's, a neutral one is used
that promises no timing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from assistant.commerce.support import Priority
from assistant.store.policy import StorePolicy

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
    SAFETY_HAZARD = "safety_hazard"
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

    def next_steps_for(self, policy: StorePolicy) -> str:
        """The store's line for this reason (or the neutral one), with its support hours and
        reply time."""
        support = policy.support
        hours = _NO_HOURS
        if support.hours:
            hours = "agents work " + " and ".join(support.hours)
            if support.reply_within:
                hours += f", and otherwise reply by email within {support.reply_within}"
        line = policy.handover.next_steps.get(self.value) or _DETAILS[self].next_steps
        return line.replace(_AGENT_HOURS, hours)


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
        f"contact you about a repair, replacement or return; {_AGENT_HOURS}.",
    ),
    EscalationReason.WARRANTY_CLAIM: _Details(
        "warranty claim",
        "normal",
        f"A support specialist will review your warranty claim and email you the decision; "
        f"{_AGENT_HOURS}.",
    ),
    EscalationReason.BILLING_DISPUTE: _Details(
        "billing dispute",
        "high",
        f"A billing specialist will review the charge and reply; {_AGENT_HOURS}.",
    ),
    EscalationReason.COMPLEX_RETURN: _Details(
        "return needs agent review",
        "normal",
        "A support agent will review your return and email you what happens next once it's "
        f"approved; {_AGENT_HOURS}.",
    ),
    EscalationReason.ORDER_CHANGE_AFTER_FULFILMENT: _Details(
        "change to a shipped order",
        "high",
        "A support agent will ask the carrier about the change and email you; a change after "
        f"shipping isn't guaranteed; {_AGENT_HOURS}.",
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
        "Our privacy team will confirm your identity by email and then complete the request.",
    ),
    EscalationReason.SAFETY_HAZARD: _Details(
        "possible safety hazard",
        "urgent",
        "A support specialist will contact you about a safe repair or replacement; until then, "
        f"please don't use it; {_AGENT_HOURS}.",
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
