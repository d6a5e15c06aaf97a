"""``CommerceBackend``: the one interface the agent's tools use for live store data.

The SQL store implements it now (:mod:`assistant.commerce.sql_backend`); a Shopify/Recharge
HTTP adapter can implement it later and must pass the same contract tests
(``tests/commerce/contract.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.requests import ActionRequest, ReturnItems
from assistant.commerce.schemas import (
    AccessoryStat,
    ActionResult,
    CatalogProduct,
    CustomerPublic,
    FeedbackPublic,
    OrderPublic,
    OwnedProduct,
    Preview,
    RefundPublic,
    ReturnPublic,
    ReturnQuestion,
    ReturnWindowPublic,
    ShipmentPublic,
    SubscriptionPlanPublic,
    SubscriptionPublic,
    TicketPublic,
    WarrantyCoverage,
    WarrantyRegistrationPublic,
)
from assistant.commerce.support import Priority
from assistant.store.policy import StorePolicy


class CommerceBackend(Protocol):
    # identity
    def verify_by_order(
        self, conversation_id: str, order_number: str, email: str
    ) -> VerifiedCustomer: ...
    def verify_by_token(self, conversation_id: str, token: str) -> VerifiedCustomer: ...
    def restore_verified(
        self, conversation_id: str, customer_id: int
    ) -> VerifiedCustomer | None: ...

    # reads (always scoped to the verified customer)
    def customer_profile(self, customer: VerifiedCustomer) -> CustomerPublic: ...
    def list_orders(self, customer: VerifiedCustomer, *, limit: int = 10) -> list[OrderPublic]: ...
    def get_order(self, customer: VerifiedCustomer, order_number: str) -> OrderPublic: ...
    def get_shipments(
        self, customer: VerifiedCustomer, order_number: str
    ) -> list[ShipmentPublic]: ...
    def list_subscriptions(self, customer: VerifiedCustomer) -> list[SubscriptionPublic]: ...
    def get_subscription(
        self, customer: VerifiedCustomer, subscription_id: int
    ) -> SubscriptionPublic: ...
    def list_warranty_registrations(
        self, customer: VerifiedCustomer
    ) -> list[WarrantyRegistrationPublic]: ...
    def warranty_coverage(
        self, customer: VerifiedCustomer, order_number: str, sku: str
    ) -> WarrantyCoverage: ...
    def owned_products(self, customer: VerifiedCustomer) -> list[OwnedProduct]: ...
    def list_returns(self, customer: VerifiedCustomer) -> list[ReturnPublic]: ...
    def refund_status(self, customer: VerifiedCustomer) -> list[RefundPublic]: ...
    def return_window(
        self, customer: VerifiedCustomer, order_number: str
    ) -> ReturnWindowPublic: ...
    def return_questions(
        self, customer: VerifiedCustomer, request: ReturnItems, *, exchange: bool = False
    ) -> list[ReturnQuestion]: ...

    # the store's catalogue and policies (no personal data)
    def policy(self) -> StorePolicy: ...
    def catalog(self) -> list[CatalogProduct]: ...
    def product_by_sku(self, sku: str) -> CatalogProduct | None: ...
    def product_by_variant(self, variant_id: str) -> CatalogProduct | None: ...
    def subscription_plans(self) -> list[SubscriptionPlanPublic]: ...

    # store-wide purchase statistics (no personal data)
    def accessory_stats(
        self,
        anchor_sku: str,
        *,
        exclude_owned_by: VerifiedCustomer | None = None,
        limit: int = 10,
        min_share: float = 0.0,
    ) -> list[AccessoryStat]: ...
    def co_purchase_share(self, anchor_sku: str, accessory_sku: str) -> AccessoryStat: ...

    # return labels: the file a signed link (issued with the return) points at, else None
    def label_for_link(self, rma: str, expires: int, sig: str) -> Path | None: ...
    def label_for_customer(self, customer: VerifiedCustomer, rma: str) -> Path | None: ...

    # consequential actions
    def preview(self, customer: VerifiedCustomer, request: ActionRequest) -> Preview: ...
    def confirm(
        self,
        customer: VerifiedCustomer,
        token: str,
        *,
        idempotency_key: str,
        expected: ActionRequest | None = None,
    ) -> ActionResult: ...
    def decline(self, customer: VerifiedCustomer, token: str) -> None: ...

    # direct requests
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
    def record_feedback(
        self,
        customer: VerifiedCustomer | None,
        conversation_id: str,
        *,
        csat: int | None = None,
        nps: int | None = None,
        comment: str | None = None,
    ) -> FeedbackPublic: ...
