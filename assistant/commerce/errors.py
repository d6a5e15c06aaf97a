"""Commerce errors. Every message is safe to show to the customer (no internals, no data of
another customer); ``code`` is a stable machine-readable reason the agent can act on.

    CommerceError
    ├── InvalidInput                 bad format: order number, email, date, quantity, SKU, serial
    ├── NotFound                     missing *or belonging to someone else* (never says which)
    │   ├── OrderNotFound
    │   ├── ShipmentNotFound
    │   ├── SubscriptionNotFound
    │   ├── ProductNotFound
    │   └── ReturnNotFound           no return with that RMA (the store's returns desk)
    ├── VerificationFailed           one generic message for "no such order" and "wrong email"
    ├── VerificationLocked           too many failed attempts in this conversation
    ├── ActionNotAllowed             the store's rules refuse it now (code: already_shipped, ...)
    └── ConfirmationError            the confirmation token cannot be used
        ├── ConfirmationInvalid      unknown, tampered, another customer's, or arguments differ
        ├── ConfirmationExpired
        └── ConfirmationUsed         already executed or declined

Programmer errors (bugs) are not part of this tree and surface as ordinary exceptions.
"""

from __future__ import annotations

from datetime import datetime


class CommerceError(Exception):
    code = "commerce_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class InvalidInput(CommerceError):
    code = "invalid_input"

    def __init__(self, message: str, *, field: str, code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.field = field


class NotFound(CommerceError):
    code = "not_found"


class OrderNotFound(NotFound):
    code = "order_not_found"

    def __init__(self, order_number: str) -> None:
        super().__init__(f"We couldn't find order #{order_number} on your account.")


class ShipmentNotFound(NotFound):
    code = "shipment_not_found"

    def __init__(self, order_number: str) -> None:
        super().__init__(f"Order #{order_number} has no shipment yet.")


class SubscriptionNotFound(NotFound):
    code = "subscription_not_found"

    def __init__(self, subscription_id: int) -> None:
        super().__init__(f"We couldn't find subscription {subscription_id} on your account.")


class ProductNotFound(NotFound):
    code = "product_not_found"

    def __init__(self, sku: str) -> None:
        super().__init__(f"We don't sell a product with SKU {sku}.")


class ReturnNotFound(NotFound):
    code = "return_not_found"

    def __init__(self, rma: str) -> None:
        super().__init__(f"There is no return {rma}.")


VERIFICATION_FAILED_MESSAGE = (
    "We couldn't verify those details. Please check the order number and the email address "
    "used for the order."
)


class VerificationFailed(CommerceError):
    code = "verification_failed"

    def __init__(self, attempts_left: int) -> None:
        super().__init__(VERIFICATION_FAILED_MESSAGE)
        self.attempts_left = attempts_left


class VerificationLocked(CommerceError):
    code = "verification_locked"

    def __init__(self, locked_until: datetime) -> None:
        super().__init__(
            "Too many unsuccessful verification attempts. For your security, please try again "
            "later or contact support."
        )
        self.locked_until = locked_until


class ActionNotAllowed(CommerceError):
    code = "action_not_allowed"

    def __init__(self, message: str, *, reason: str, escalate: bool = False) -> None:
        super().__init__(message, code=reason)
        self.reason = reason
        self.escalate = escalate


class ConfirmationError(CommerceError):
    code = "confirmation_error"


class ConfirmationInvalid(ConfirmationError):
    code = "confirmation_invalid"

    def __init__(self) -> None:
        super().__init__("That confirmation is not valid. Please ask for a new preview.")


class ConfirmationExpired(ConfirmationError):
    code = "confirmation_expired"

    def __init__(self) -> None:
        super().__init__("That confirmation has expired. Please ask for a new preview.")


class ConfirmationUsed(ConfirmationError):
    code = "confirmation_used"

    def __init__(self) -> None:
        super().__init__("That confirmation has already been used.")
