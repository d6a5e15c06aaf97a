"""The assistant's published intent set (what customers ask after a purchase).

The eval suite, the router's training examples and the docs all use these names. Each intent
lists the tools the assistant may call for it; the planner emits only these.
"""

from __future__ import annotations

from enum import StrEnum


class Intent(StrEnum):
    ORDER_STATUS = "order_status"
    RECEIPT = "receipt"
    ORDER_CHANGE = "order_change"
    ORDER_CANCEL = "order_cancel"
    TRACKING = "tracking"
    SETUP_HELP = "setup_help"
    TROUBLESHOOTING = "troubleshooting"
    MANUAL_REQUEST = "manual_request"
    WARRANTY_INFO = "warranty_info"
    WARRANTY_REGISTRATION = "warranty_registration"
    WARRANTY_CLAIM = "warranty_claim"
    EXTENDED_WARRANTY = "extended_warranty"
    ACCESSORIES = "accessories"
    SUBSCRIPTION_SKIP = "subscription_skip"
    SUBSCRIPTION_PAUSE = "subscription_pause"
    SUBSCRIPTION_FREQUENCY = "subscription_frequency"
    SUBSCRIPTION_SWAP = "subscription_swap"
    SUBSCRIPTION_CANCEL = "subscription_cancel"
    FEEDBACK = "feedback"
    COMPLAINT = "complaint"
    RETURNS_REFUNDS = "returns_refunds"
    BILLING_DISPUTE = "billing_dispute"
    HUMAN_AGENT = "human_agent"
    PRODUCT_QUESTION = "product_question"
    ACCOUNT_HELP = "account_help"
    PRIVACY_REQUEST = "privacy_request"
    PAYMENT_METHODS = "payment_methods"
    SHIPPING_INFO = "shipping_info"
    NEWSLETTER = "newsletter"
    GREETING = "greeting"
    OUT_OF_SCOPE = "out_of_scope"


INTENT_DESCRIPTIONS: dict[Intent, str] = {
    Intent.ORDER_STATUS: "did my order go through, what did I order, when will it ship",
    Intent.RECEIPT: "send or resend the order confirmation, receipt or invoice",
    Intent.ORDER_CHANGE: "add items to an order, change the delivery address",
    Intent.ORDER_CANCEL: "cancel an order",
    Intent.TRACKING: "where is my package, when will it arrive, tracking not updated",
    Intent.SETUP_HELP: "set up, install, pair, first use of a product",
    Intent.TROUBLESHOOTING: "a product is not working, what the buttons do, reset",
    Intent.MANUAL_REQUEST: "send me the manual or guide of a product",
    Intent.WARRANTY_INFO: "how long is the warranty, what does it cover",
    Intent.WARRANTY_REGISTRATION: "register a product for warranty",
    Intent.WARRANTY_CLAIM: "I think my product is defective, I want to claim the warranty",
    Intent.EXTENDED_WARRANTY: "buy or ask about an extended warranty or protection plan",
    Intent.ACCESSORIES: "what works with this, what else do I need, what do others buy",
    Intent.SUBSCRIPTION_SKIP: "skip the next subscription delivery",
    Intent.SUBSCRIPTION_PAUSE: "pause a subscription for a while",
    Intent.SUBSCRIPTION_FREQUENCY: "deliver more or less often, or move the next delivery",
    Intent.SUBSCRIPTION_SWAP: "swap the product or blend of a subscription",
    Intent.SUBSCRIPTION_CANCEL: "cancel a subscription",
    Intent.FEEDBACK: "rate the service, leave a comment or suggestion",
    Intent.COMPLAINT: "the customer is unhappy with the product, delivery or service",
    Intent.RETURNS_REFUNDS: "return an item, get a refund or an exchange",
    Intent.BILLING_DISPUTE: "charged twice, wrong amount, unknown charge",
    Intent.HUMAN_AGENT: "talk to a person",
    Intent.PRODUCT_QUESTION: "specs, sizing, care, compatibility and 'can it…' questions",
    Intent.ACCOUNT_HELP: "sign in, password, create, edit or switch an account",
    Intent.PRIVACY_REQUEST: "delete my account or my data, a copy of my data",
    Intent.PAYMENT_METHODS: "which payment methods are accepted, paying another way",
    Intent.SHIPPING_INFO: "shipping options, costs, times and destinations",
    Intent.NEWSLETTER: "marketing emails and the newsletter: sign up, unsubscribe",
    Intent.GREETING: "hello, thanks, goodbye",
    Intent.OUT_OF_SCOPE: "anything a post-purchase assistant of this store does not handle",
}


_ORDER_READ = ("verify_customer", "list_orders", "get_order")
_SUBSCRIPTION = ("verify_customer", "list_subscriptions")
_PRODUCT = ("list_owned_products", "search_documents")
_HANDOVER = ("escalate_to_human",)

# The tools the assistant may use for each intent (the planner emits only these; an LLM is
# offered what the guards allow). The eval suite and the docs read this table.
INTENT_TOOLS: dict[Intent, tuple[str, ...]] = {
    Intent.ORDER_STATUS: (*_ORDER_READ, "search_documents", "propose_resend_confirmation"),
    Intent.RECEIPT: (*_ORDER_READ, "propose_resend_confirmation"),
    Intent.ORDER_CHANGE: (
        *_ORDER_READ,
        "propose_add_items",
        "propose_address_change",
        "propose_item_change",
        "propose_item_removal",
        "propose_payment_change",
        *_HANDOVER,
    ),
    Intent.ORDER_CANCEL: (*_ORDER_READ, "propose_order_cancel"),
    Intent.TRACKING: (*_ORDER_READ, "track_order", *_HANDOVER),
    Intent.SETUP_HELP: _PRODUCT,
    Intent.TROUBLESHOOTING: (*_PRODUCT, *_HANDOVER),
    Intent.MANUAL_REQUEST: _PRODUCT,
    Intent.WARRANTY_INFO: (*_PRODUCT, "get_warranty_coverage"),
    Intent.WARRANTY_REGISTRATION: (
        *_PRODUCT,
        "verify_customer",
        "get_warranty_coverage",
        "propose_warranty_registration",
    ),
    Intent.WARRANTY_CLAIM: ("list_owned_products", "get_warranty_coverage", *_HANDOVER),
    Intent.EXTENDED_WARRANTY: (*_PRODUCT, "get_warranty_coverage"),
    Intent.ACCESSORIES: ("list_owned_products", "recommend_accessories_for", "search_documents"),
    # moving the next delivery ("push it back a week") is read as any of the first three
    Intent.SUBSCRIPTION_SKIP: (*_SUBSCRIPTION, "propose_skip_delivery", "propose_date_change"),
    Intent.SUBSCRIPTION_PAUSE: (*_SUBSCRIPTION, "propose_pause", "propose_date_change"),
    Intent.SUBSCRIPTION_FREQUENCY: (
        *_SUBSCRIPTION,
        "propose_frequency_change",
        "propose_date_change",
    ),
    Intent.SUBSCRIPTION_SWAP: (*_SUBSCRIPTION, "propose_product_swap"),
    Intent.SUBSCRIPTION_CANCEL: (*_SUBSCRIPTION, "propose_subscription_cancel"),
    Intent.FEEDBACK: ("record_feedback",),
    Intent.COMPLAINT: _HANDOVER,
    Intent.RETURNS_REFUNDS: (
        "search_documents",
        *_ORDER_READ,
        "get_refund_status",
        "get_return_window",
        "list_returns",
        "return_questions",
        "propose_return",
        "propose_exchange",
        *_HANDOVER,
    ),
    Intent.BILLING_DISPUTE: ("search_documents", *_HANDOVER),
    Intent.HUMAN_AGENT: _HANDOVER,
    Intent.PRODUCT_QUESTION: _PRODUCT,
    Intent.ACCOUNT_HELP: ("search_documents",),
    Intent.PRIVACY_REQUEST: ("search_documents", *_HANDOVER),
    Intent.PAYMENT_METHODS: ("search_documents",),
    Intent.SHIPPING_INFO: ("search_documents",),
    Intent.NEWSLETTER: ("search_documents",),
    Intent.GREETING: (),
    Intent.OUT_OF_SCOPE: ("search_documents",),
}
