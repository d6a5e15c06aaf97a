"""The SQL implementation of :class:`~assistant.commerce.backend.CommerceBackend`."""

from __future__ import annotations

from assistant.commerce.actions import ActionService
from assistant.commerce.identity import IdentityService
from assistant.commerce.reads import ReadService
from assistant.commerce.returns_reads import ReturnsReadService
from assistant.commerce.shop import Shop
from assistant.commerce.stats import StatsService
from assistant.commerce.support import SupportService
from assistant.returns.links import LabelLinks
from assistant.returns.provider import default_provider
from assistant.settings import Settings
from assistant.store.clock import Clock
from assistant.store.policy import StorePolicy, load_policy
from assistant.store.store import Store, open_store


class SqlCommerceBackend:
    """Identity, reads, statistics, actions and support requests over one :class:`Store`."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.identity = IdentityService(store, settings)
        self.settings = settings
        self.shop = Shop(load_policy(settings.store_policy_path), store)
        reads, stats = ReadService(store, self.shop), StatsService(store, self.shop)
        self.returns_provider = default_provider(settings)
        actions = ActionService(store, settings, self.shop, returns=self.returns_provider)
        support = SupportService(store)
        returns = ReturnsReadService(store, self.shop, LabelLinks(settings), self.returns_provider)
        self.verify_by_order = self.identity.verify_by_order
        self.verify_by_token = self.identity.verify_by_token
        self.restore_verified = self.identity.restore
        self.customer_profile = reads.customer_profile
        self.list_orders = reads.list_orders
        self.get_order = reads.get_order
        self.get_shipments = reads.get_shipments
        self.list_subscriptions = reads.list_subscriptions
        self.get_subscription = reads.get_subscription
        self.list_warranty_registrations = reads.list_warranty_registrations
        self.warranty_coverage = reads.warranty_coverage
        self.owned_products = reads.owned_products
        self.catalogue = self.shop.catalogue
        self.catalog = self.catalogue.catalog
        self.product_by_sku = self.catalogue.product_by_sku
        self.product_by_variant = self.catalogue.product_by_variant
        self.subscription_plans = self.catalogue.subscription_plans
        self.accessory_stats = stats.accessory_stats
        self.co_purchase_share = stats.co_purchase_share
        self.list_returns = returns.list_returns
        self.refund_status = returns.refund_status
        self.return_questions = returns.return_questions
        self.label_for_link = returns.label_for_link
        self.label_for_customer = returns.label_for_customer
        self.return_window = returns.return_window
        self.preview = actions.preview
        self.confirm = actions.confirm
        self.decline = actions.decline
        self.open_ticket = support.open_ticket
        self.record_feedback = support.record_feedback

    def policy(self) -> StorePolicy:
        """The store's policy file (``settings.store_policy_path``), validated at start."""
        return self.shop.policy

    @classmethod
    def from_settings(cls, settings: Settings, *, clock: Clock | None = None) -> SqlCommerceBackend:
        """Open (create, migrate, seed) the store at ``settings.database_url``."""
        return cls(open_store(settings, clock=clock), settings)

    def close(self) -> None:
        self.store.close()
