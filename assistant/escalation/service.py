"""Handing a conversation to a person: open the ticket in the store, then tell the helpdesk.

The ticket is the source of truth and is opened first; delivering the packet to the helpdesk
webhook is best effort. A failed delivery is logged and reported in
:attr:`EscalationResult.delivery`, never raised: the customer still gets the ticket number.
Errors from the store itself (:class:`~assistant.commerce.errors.CommerceError`) do propagate,
because without a ticket there is nothing to tell the customer.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from assistant.commerce.errors import CommerceError
from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.schemas import (
    CustomerPublic,
    OrderPublic,
    SubscriptionPublic,
    TicketPublic,
)
from assistant.commerce.support import Priority
from assistant.escalation.helpdesk import DeliveryResult, HelpdeskClient
from assistant.escalation.packet import (
    EscalationPacket,
    TranscriptEntry,
    VerifiedIdentity,
    build_packet,
)
from assistant.escalation.reasons import EscalationReason
from assistant.intents import Intent
from assistant.settings import Settings, get_settings
from assistant.store.clock import Clock, clock_from_settings

logger = logging.getLogger(__name__)


class SupportBackend(Protocol):
    """The part of :class:`~assistant.commerce.backend.CommerceBackend` this service uses; every
    commerce backend satisfies it."""

    def customer_profile(self, customer: VerifiedCustomer) -> CustomerPublic: ...
    def open_ticket(
        self,
        customer: VerifiedCustomer | None,
        conversation_id: str,
        *,
        reason: str,
        summary: str,
        order_number: str | None = None,
        priority: Priority = "normal",
    ) -> TicketPublic: ...


@dataclass(frozen=True, slots=True)
class EscalationResult:
    ticket: TicketPublic
    packet: EscalationPacket  # with the ticket number
    delivery: DeliveryResult | None  # None when no helpdesk webhook is configured

    @property
    def customer_message(self) -> str:
        """What to tell the customer: what happens next and their reference."""
        return f"{self.packet.next_steps} Your reference is {self.ticket.ticket_number}."


class EscalationService:
    def __init__(
        self,
        backend: SupportBackend,
        helpdesk: HelpdeskClient | None,
        *,
        settings: Settings | None = None,
        clock: Clock | None = None,
    ) -> None:
        """``helpdesk``: ``None`` when no webhook is configured (see
        :meth:`HelpdeskClient.from_settings`). ``settings`` (for ``escalate_order_value``)
        defaults to :func:`get_settings`; ``clock`` (the packet's ``created_at``) to the store's
        clock for those settings."""
        self._backend = backend
        self._helpdesk = helpdesk
        self._settings = settings if settings is not None else get_settings()
        self._clock = clock if clock is not None else clock_from_settings(self._settings)

    def escalate(
        self,
        customer: VerifiedCustomer | None,
        conversation_id: str,
        *,
        reason: EscalationReason,
        intent: Intent | None = None,
        order: OrderPublic | None = None,
        subscription: SubscriptionPublic | None = None,
        steps_tried: Sequence[str] = (),
        transcript: Sequence[TranscriptEntry] = (),
        issue: str | None = None,
    ) -> EscalationResult:
        """Open a ticket for ``customer`` (``None`` if unverified) and hand over the packet.

        ``order`` and ``subscription`` are snapshots read for this verified customer; an
        unverified conversation has none (``ValueError``)."""
        if customer is None and (order is not None or subscription is not None):
            raise ValueError("order and subscription snapshots need a verified customer")
        packet = build_packet(
            reason=reason,
            conversation_id=conversation_id,
            created_at=self._clock.now(),
            settings=self._settings,
            identity=self._identity(customer),
            intent=intent,
            order=order,
            subscription=subscription,
            steps_tried=steps_tried,
            transcript=transcript,
            issue=issue,
        )
        ticket = self._backend.open_ticket(
            customer,
            conversation_id,
            reason=reason.value,
            summary=packet.summary,
            order_number=order.number if order is not None else None,
            priority=packet.priority,
        )
        packet = packet.model_copy(update={"ticket_number": ticket.ticket_number})
        delivery = self._deliver(packet)
        return EscalationResult(ticket=ticket, packet=packet, delivery=delivery)

    def _identity(self, customer: VerifiedCustomer | None) -> VerifiedIdentity | None:
        if customer is None:
            return None
        try:
            vip = self._backend.customer_profile(customer).vip
        except CommerceError as exc:
            logger.warning("escalation: VIP status unavailable (%s); treating as not VIP", exc.code)
            vip = False
        return VerifiedIdentity.of(customer, vip=vip)

    def _deliver(self, packet: EscalationPacket) -> DeliveryResult | None:
        if self._helpdesk is None:
            return None
        result = self._helpdesk.post(packet)
        if not result.delivered:
            logger.warning(
                "escalation: ticket %s not delivered to the helpdesk after %d attempt(s): %s",
                packet.ticket_number,
                result.attempts,
                result.error,
            )
        return result
