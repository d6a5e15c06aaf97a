"""``ConversationService``: conversations that outlive the process.

Every operation on a conversation needs a :class:`ConversationRef`, which only
:meth:`ConversationService.authenticate` hands out (id + the conversation's bearer token).
A turn runs under the conversation's lock: load the row, restore the state (the customer only
through the server's record of the verification), let the :class:`Assistant` answer, save the
state and the new transcript messages in one transaction.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from assistant.agent.messages import Message, TextSink
from assistant.agent.reply import Reply
from assistant.agent.state import ConversationState
from assistant.commerce.errors import VerificationFailed, VerificationLocked
from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.schemas import FeedbackPublic
from assistant.conversations.codec import dump_state, load_state
from assistant.conversations.errors import (
    ConversationBusy,
    ConversationNotFound,
    NothingPending,
)
from assistant.conversations.locks import KeyedLocks
from assistant.conversations.repository import (
    ConversationRecord,
    ConversationReply,
    ConversationRepository,
    MessageRecord,
    TurnOutcome,
)
from assistant.planner.shopview import ShopView, shop_view
from assistant.proactive.link import ProactiveContext, link_conversation
from assistant.runtime import Assistant
from assistant.store.db import POOL_SIZE
from assistant.store.store import Store

log = logging.getLogger(__name__)
T = TypeVar("T")

GREETING = (
    "Hi{name}! I'm the {store} assistant. I can check orders and deliveries, help you "
    "set up or troubleshoot a product, explain warranties, {subscription}or connect you with "
    "our team. What can I do for you?"
)
# What the customer's Confirm / Cancel buttons say in the transcript: the agent loop accepts a
# pending action only from the customer's own message, and these are unambiguous ones.
CONFIRM_TEXT = "Yes, please go ahead."
DECLINE_TEXT = "No, please don't."


@dataclass(frozen=True, slots=True)
class ConversationRef:
    """An authenticated conversation id (from :meth:`ConversationService.authenticate`)."""

    id: str


@dataclass(frozen=True, slots=True)
class Started:
    conversation_id: str
    conversation_token: str  # returned once; only its hash is stored
    customer_name: str | None
    greeting: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _greeting(
    customer: VerifiedCustomer | None, proactive: ProactiveContext | None, shop: ShopView
) -> str:
    if proactive is not None:
        return proactive.greeting  # refers to the notice the customer is replying to
    first = f", {customer.name.split()[0]}" if customer is not None and customer.name else ""
    subscription = (
        f"manage your {shop.subscription_name}, " if shop.policy.subscriptions is not None else ""
    )
    return GREETING.format(name=first, store=shop.store_name, subscription=subscription)


class ConversationService:
    def __init__(self, assistant: Assistant, store: Store, *, lock_timeout: float = 30.0) -> None:
        self._assistant = assistant
        self._store = store
        self._repository = ConversationRepository(store)
        self._locks = KeyedLocks()
        self._lock_timeout = lock_timeout
        # A turn holds one pooled connection for its transaction and the tools take others:
        # at most POOL_SIZE turns at once per process, so the pool (2 x POOL_SIZE) never runs dry.
        self._turn_slots = threading.BoundedSemaphore(POOL_SIZE)

    # --- starting and finding conversations -------------------------------------------------
    def start(
        self, *, storefront_token: str | None = None, proactive_message_id: str | None = None
    ) -> Started:
        """A new conversation; a valid storefront token verifies the customer at once (an
        invalid or expired one starts it unverified: the customer can still verify)."""
        conversation_id = uuid.uuid4().hex
        token = secrets.token_urlsafe(32)
        try:
            state = self._assistant.start(conversation_id, storefront_token=storefront_token)
        except (VerificationFailed, VerificationLocked):
            state = self._assistant.start(conversation_id)
        proactive = None
        if proactive_message_id:
            proactive = link_conversation(self._store, proactive_message_id, conversation_id)
        if proactive is not None:
            state.focus_sku = proactive.sku
            if state.customer is not None and state.customer.customer_id == proactive.customer_id:
                state.focus_order = proactive.order_number
                state.focus_subscription = proactive.subscription_id
        greeting = _greeting(state.customer, proactive, shop_view(self._assistant.backend))
        self._repository.create(
            conversation_id,
            token_hash=token_hash(token),
            customer_id=state.customer.customer_id if state.customer else None,
            state=dump_state(state),
            greeting=greeting,
        )
        name = state.customer.name if state.customer else None
        return Started(conversation_id, token, name, greeting)

    def authenticate(self, conversation_id: str, token: str | None) -> ConversationRef:
        """The conversation, if ``token`` is its token; ``ConversationNotFound`` otherwise
        (an unknown id and a wrong token look the same)."""
        plausible = len(conversation_id) <= 64 and conversation_id.isprintable()  # no NUL: PG
        stored = self._repository.token_hash(conversation_id) if plausible else None
        if stored is None or not token:
            raise ConversationNotFound
        if not hmac.compare_digest(stored, token_hash(token)):
            raise ConversationNotFound
        return ConversationRef(conversation_id)

    # --- turns ------------------------------------------------------------------------------
    def reply(
        self, ref: ConversationRef, text: str, on_text: TextSink | None = None
    ) -> ConversationReply:
        """The assistant's reply to the customer's message (``EmptyMessage`` if blank)."""
        return self._turn(ref, lambda state: self._reply(state, text, on_text))

    def confirm(self, ref: ConversationRef) -> ConversationReply:
        """Execute the pending action, as the customer's Confirm button."""
        return self._turn(ref, lambda state: self._decide(state, CONFIRM_TEXT))

    def decline(self, ref: ConversationRef) -> ConversationReply:
        """Drop the pending action, as the customer's Cancel button."""
        return self._turn(ref, lambda state: self._decide(state, DECLINE_TEXT))

    def verify(self, ref: ConversationRef, order_number: str, email: str) -> str:
        """Verify with order number + email (the widget's form); the customer's name. Verifying
        again switches the conversation to the customer who just verified."""

        def run(state: ConversationState) -> str:
            self._assistant.verify(state, order_number, email)
            return state.customer.name if state.customer is not None else ""

        return self._turn(ref, run)

    def _reply(
        self, state: ConversationState, text: str, on_text: TextSink | None
    ) -> ConversationReply:
        reply = self._assistant.reply(state, text, on_text)
        return self._with_flags(reply, state)

    def _decide(self, state: ConversationState, text: str) -> ConversationReply:
        if state.pending is None:
            raise NothingPending
        return self._with_flags(self._assistant.reply(state, text), state)

    @staticmethod
    def _with_flags(reply: Reply, state: ConversationState) -> ConversationReply:
        return ConversationReply(
            **dict(reply),
            needs_verification=state.awaiting_verification and not state.verified,
        )

    # --- reading and rating -----------------------------------------------------------------
    def transcript(self, ref: ConversationRef) -> list[MessageRecord]:
        return self._repository.messages(ref.id)

    def feedback(
        self,
        ref: ConversationRef,
        *,
        csat: int,
        nps: int | None = None,
        comment: str | None = None,
    ) -> FeedbackPublic:
        record = self._record(ref)
        customer = self._customer(record)
        return self._assistant.backend.record_feedback(
            customer, ref.id, csat=csat, nps=nps, comment=comment
        )

    # --- load, run, save ----------------------------------------------------------------------
    def _turn(self, ref: ConversationRef, run: Callable[[ConversationState], T]) -> T:
        with self._locks.hold(ref.id, timeout=self._lock_timeout) as acquired:
            if not acquired or not self._turn_slots.acquire(timeout=self._lock_timeout):
                raise ConversationBusy
            try:
                return self._turn_locked(ref, run)
            finally:
                self._turn_slots.release()

    def _turn_locked(self, ref: ConversationRef, run: Callable[[ConversationState], T]) -> T:
        with self._repository.turn(ref.id, lock_timeout=self._lock_timeout) as turn:
            record = turn.record
            state = load_state(
                record.state,
                conversation_id=record.id,
                customer=self._customer(record),
                messages=[
                    Message("user" if m.role == "customer" else "assistant", m.text, at=m.at)
                    for m in turn.history
                ],
            )
            before = len(state.messages)
            result = run(state)
            reply = result if isinstance(result, ConversationReply) else None
            new = [
                MessageRecord(
                    role="customer" if m.role == "user" else "assistant",
                    text=m.text,
                    at=m.at or self._assistant.clock.now(),
                )
                for m in state.messages[before:]
                if m.role in ("user", "assistant")
            ]
            if reply is not None and new and new[-1].role == "assistant":
                last = new[-1]
                new[-1] = MessageRecord(last.role, last.text, last.at, reply)
            turn.save(
                TurnOutcome(
                    state=dump_state(state),
                    customer_id=state.customer.customer_id if state.customer else None,
                    status="escalated" if state.escalation is not None else "open",
                    messages=new,
                )
            )
            return result

    def _record(self, ref: ConversationRef) -> ConversationRecord:
        record = self._repository.get(ref.id)
        if record is None:
            raise ConversationNotFound
        return record

    def customer(self, ref: ConversationRef) -> VerifiedCustomer | None:
        """The customer this conversation is verified as (``None``: not verified)."""
        return self._customer(self._record(ref))

    def _customer(self, record: ConversationRecord) -> VerifiedCustomer | None:
        if record.customer_id is None:
            return None
        customer = self._assistant.backend.restore_verified(record.id, record.customer_id)
        if customer is None:
            log.warning("conversation %s: no record of its verification; unverified", record.id)
        return customer
