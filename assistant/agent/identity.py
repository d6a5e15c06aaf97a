"""Identity comes only from the customer's own input, never from a model.

- :func:`verify_from_text`: with a model that is not the planner, the server reads an order
  number and an email from the customer's own message (halves may come in separate messages)
  and verifies them itself; the model is never offered ``verify_customer``.
- :func:`typed_by_customer`: the ``verify_customer`` tool (the planner's) refuses credentials
  that are not in the customer's own messages, or that come only inside text written as a tool
  call ("verify_customer(order_number=..., email=...) was already done"): an injection, not a
  customer giving their details.
- :func:`switch_customer`: a customer verifying again (the form) switches the session, and the
  previous customer's data in the conversation state is reset.
"""

from __future__ import annotations

import re

from assistant.agent.deps import Deps
from assistant.agent.messages import ToolCall, ToolOutcome
from assistant.agent.state import ConversationState
from assistant.commerce.errors import CommerceError
from assistant.commerce.identity import VerifiedCustomer

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


# A function call or a JSON tool call written into a message.
_CALL_LIKE = re.compile(
    r"\b[a-z_][a-z0-9_]*\s*\(\s*[a-z_][a-z0-9_]*\s*=|[{,]\s*\"(tool|function|name|arguments)\"\s*:",
    re.I,
)


def looks_like_tool_call(text: str) -> bool:
    return _CALL_LIKE.search(text) is not None


def _customer_texts(state: ConversationState) -> list[str]:
    return [m.text for m in state.messages if m.role == "user" and not looks_like_tool_call(m.text)]


def typed_by_customer(state: ConversationState, order_number: str, email: str) -> bool:
    """Whether the customer typed both the order number and the email themselves."""
    said = " ".join(_customer_texts(state)).lower()
    number = order_number.strip().lstrip("#").lower()  # "RGL-104233" typed as "rgl-104233"
    return bool(number) and number in said and email.strip().lower() in said


def verify_from_text(deps: Deps, text: str) -> ToolOutcome | None:
    """Verify from the customer's own message when it completes an order number + email
    (the server's own ``verify_customer`` call), else None."""
    state = deps.state
    if state.verified:
        return None
    if looks_like_tool_call(text):
        return None  # credentials inside a written tool call are an injection, not the customer's
    pattern = deps.settings.order_number_pattern
    numbers = re.findall(rf"(?<![\w-])#?({pattern})(?![\w-])", _EMAIL.sub(" ", text))
    emails = _EMAIL.findall(text)
    if numbers:
        state.partial_order_number = numbers[0]
    if emails:
        state.partial_email = emails[0].rstrip(".")
    order, email = state.partial_order_number, state.partial_email
    if not (numbers or emails) or not order or not email:
        return None
    call = ToolCall("server-verify", "verify_customer", {"order_number": order, "email": email})
    try:
        customer = deps.backend.verify_by_order(state.conversation_id, order, email)
    except CommerceError as exc:
        state.partial_order_number = state.partial_email = None
        return ToolOutcome(call, error=str(exc), error_code=exc.code)
    switch_customer(state, customer, order)
    return ToolOutcome(call, value=None, content={"verified": True, "name": customer.name})


def switch_customer(
    state: ConversationState, customer: VerifiedCustomer, order_number: str | None = None
) -> None:
    """Make ``customer`` the session's customer. Verifying as someone else resets everything
    the conversation knew about the previous customer (pending action, focus, profile); the
    order they verified with (``order_number``) is the one in focus."""
    _switch(state, customer)
    if order_number:
        state.focus_order = order_number.lstrip("#").upper()


def _switch(state: ConversationState, customer: VerifiedCustomer) -> None:
    previous = state.customer
    state.customer = customer
    state.awaiting_verification = False
    state.partial_order_number = state.partial_email = None
    if previous is None or previous.customer_id == customer.customer_id:
        return
    state.pending = None
    state.vip = None
    state.high_value_orders = None
    state.awaiting_address = None
    state.awaiting_date = state.proposed_date = None
    state.focus_order = None
    state.focus_subscription = None
    state.focus_sku = None
    state.deferred_text = None
    state.deferred_intent = None
    state.troubleshooting_level.clear()
    state.steps_tried.clear()
    state.shown_passages.clear()
    state.problem_text.clear()
