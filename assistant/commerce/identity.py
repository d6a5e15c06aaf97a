"""Who the customer is: a signed storefront token, or an order number plus that order's email.

:class:`VerifiedCustomer` is created only here (a private seal guards its constructor); every
read and action takes it from the conversation's session, never from model or request input.
Failed attempts are counted per conversation in the database; after ``max_attempts`` the
conversation is locked for ``lockout_seconds``. They are also counted per order number, email and
client address across conversations (:mod:`assistant.commerce.throttle`), with a back-off lock.
"No such order" and "wrong email" fail with the same message. A success is recorded per
conversation, so that a stored conversation can get its customer back
(:meth:`IdentityService.restore`) without trusting anything a client sends.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import select

from assistant.commerce import validation
from assistant.commerce.errors import InvalidInput, VerificationFailed, VerificationLocked
from assistant.commerce.throttle import Throttle, ThrottleKey
from assistant.settings import Settings
from assistant.store.models import Customer, CustomerVerification, Order, VerificationState
from assistant.store.policy import load_policy
from assistant.store.store import Store

_SEAL = object()
Method = Literal["storefront_token", "order_and_email"]


@dataclass(frozen=True, slots=True)
class VerifiedCustomer:
    customer_id: int
    email: str
    name: str
    conversation_id: str
    method: Method
    verified_at: datetime
    _seal: object = field(repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._seal is not _SEAL:
            raise TypeError("VerifiedCustomer can only be created by IdentityService")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class IdentityService:
    def __init__(self, store: Store, settings: Settings) -> None:
        self._store = store
        self._secret = settings.storefront_secret.get_secret_value().encode()
        self._max_attempts = settings.verification_max_attempts
        self._lockout = timedelta(seconds=settings.verification_lockout_seconds)
        self._orders = load_policy(settings.store_policy_path).orders
        self._throttle = Throttle(store, settings)

    # --- storefront tokens ----------------------------------------------------------------
    def issue_storefront_token(self, customer_email: str, ttl_seconds: int = 3600) -> str:
        """What the storefront embeds in the chat widget for a signed-in customer."""
        now = int(self._store.clock.now().timestamp())
        payload = {"sub": validation.email(customer_email), "iat": now, "exp": now + ttl_seconds}
        body = "v1." + _b64(json.dumps(payload, sort_keys=True).encode())
        return body + "." + _b64(hmac.new(self._secret, body.encode(), hashlib.sha256).digest())

    def _token_email(self, token: str) -> str | None:
        parts = token.split(".") if isinstance(token, str) else []
        if len(parts) != 3 or parts[0] != "v1":
            return None
        body = f"{parts[0]}.{parts[1]}"
        expected = hmac.new(self._secret, body.encode(), hashlib.sha256).digest()
        try:
            if not hmac.compare_digest(expected, _unb64(parts[2])):
                return None
            payload = json.loads(_unb64(parts[1]))
        except (ValueError, TypeError):
            return None
        if not isinstance(payload, dict) or not isinstance(payload.get("exp"), int):
            return None
        if payload["exp"] <= self._store.clock.now().timestamp():
            return None
        sub = payload.get("sub")
        return sub if isinstance(sub, str) else None

    # --- verification -----------------------------------------------------------------------
    def verify_by_token(self, conversation_id: str, token: str) -> VerifiedCustomer:
        keys = Throttle.keys()
        self._check_not_locked(conversation_id, keys)
        email = self._token_email(token)
        customer = self._customer_by_email(email) if email else None
        if customer is None:
            raise self._record_failure(conversation_id, keys)
        return self._succeed(conversation_id, customer, "storefront_token")

    def verify_by_order(
        self, conversation_id: str, order_number: str, email: str
    ) -> VerifiedCustomer:
        number = validation.store_order_number(
            order_number, self._orders.number_pattern, self._orders.number_example
        )
        address = validation.email(email)
        keys = Throttle.keys(order=number, email=address)
        self._check_not_locked(conversation_id, keys)
        with self._store.sessions() as session:
            row = session.execute(
                select(Customer, Order.email)
                .join(Order, Order.customer_id == Customer.id)
                .where(Order.number == number)
            ).first()
        if row is None or not hmac.compare_digest(row[1].lower().encode(), address.encode()):
            raise self._record_failure(conversation_id, keys)
        self._throttle.clear(keys)
        return self._succeed(conversation_id, row[0], "order_and_email")

    def restore(self, conversation_id: str, customer_id: int) -> VerifiedCustomer | None:
        """The customer this conversation was verified as, re-created from the server-side
        record of that verification; ``None`` when there is no such record for this customer."""
        with self._store.sessions() as session:
            record = session.get(CustomerVerification, conversation_id)
            if record is None or record.customer_id != customer_id:
                return None
            customer = session.get(Customer, customer_id)
        if customer is None:
            return None
        method: Method = (
            "storefront_token" if record.method == "storefront_token" else "order_and_email"
        )
        return VerifiedCustomer(
            customer.id,
            customer.email,
            customer.name,
            conversation_id,
            method,
            record.verified_at,
            _SEAL,
        )

    def attempts_left(self, conversation_id: str) -> int:
        with self._store.sessions() as session:
            state = session.get(VerificationState, conversation_id)
        return self._max_attempts - (state.failures if state else 0)

    # --- internals --------------------------------------------------------------------------
    def _customer_by_email(self, email: str) -> Customer | None:
        with self._store.sessions() as session:
            return session.scalars(select(Customer).where(Customer.email == email)).first()

    def _check_not_locked(self, conversation_id: str, keys: list[ThrottleKey]) -> None:
        if not conversation_id or len(conversation_id) > 64:
            raise InvalidInput("Invalid conversation id.", field="conversation_id")
        held = self._throttle.locked_until(keys)
        if held is not None:
            raise VerificationLocked(held)
        with self._store.sessions() as session:
            state = session.get(VerificationState, conversation_id)
        now = self._store.clock.now()
        if state is not None and state.locked_until is not None and state.locked_until > now:
            raise VerificationLocked(state.locked_until)

    def _record_failure(
        self, conversation_id: str, keys: list[ThrottleKey]
    ) -> VerificationFailed | VerificationLocked:
        held = self._throttle.record_failure(keys)
        failure = self._record_conversation_failure(conversation_id)
        if held is not None and isinstance(failure, VerificationFailed):
            return VerificationLocked(held)
        return failure

    def _record_conversation_failure(
        self, conversation_id: str
    ) -> VerificationFailed | VerificationLocked:
        now = self._store.clock.now()
        with self._store.write_sessions.begin() as session:
            state = session.get(VerificationState, conversation_id)
            if state is None:
                state = VerificationState(
                    conversation_id=conversation_id, failures=0, updated_at=now
                )
                session.add(state)
            if state.locked_until is not None and state.locked_until > now:
                return VerificationLocked(state.locked_until)
            if state.locked_until is not None:  # an old lock has expired: start afresh
                state.failures, state.locked_until = 0, None
            state.failures += 1
            state.updated_at = now
            if state.failures >= self._max_attempts:
                state.locked_until = now + self._lockout
                return VerificationLocked(state.locked_until)
            return VerificationFailed(self._max_attempts - state.failures)

    def _succeed(
        self, conversation_id: str, customer: Customer, method: Method
    ) -> VerifiedCustomer:
        now = self._store.clock.now()
        with self._store.write_sessions.begin() as session:
            state = session.get(VerificationState, conversation_id)
            if state is not None:
                state.failures, state.locked_until, state.updated_at = 0, None, now
            session.merge(
                CustomerVerification(
                    conversation_id=conversation_id,
                    customer_id=customer.id,
                    method=method,
                    verified_at=now,
                )
            )
        return VerifiedCustomer(
            customer.id, customer.email, customer.name, conversation_id, method, now, _SEAL
        )
