"""The model is untrusted (issue 10): a scripted model does the worst thing and the guards in
code hold: identity only from the customer, proposals only for what the customer asked, the
output policy on every model-written reply, and nothing streamed that the reply does not hold."""

from __future__ import annotations

from collections.abc import Callable

from assistant.agent.deps import Deps
from assistant.agent.identity import switch_customer
from assistant.agent.messages import Message, ModelTurn, ToolCall
from assistant.agent.state import ConversationState
from assistant.agent.turn_guard import ASK_TO_VERIFY
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.intents import Intent
from assistant.runtime import Assistant
from tests.agent.conftest import FakeRetriever, FixedRouter, ScriptedModel, calls, passage

JORDAN = {"order_number": "47234", "email": "jordan.rivera@example.com"}


def _alex(assistant: Assistant) -> ConversationState:
    state = assistant.start()
    assistant.verify(state, "46890", "alex.kim@example.com")
    return state


# --- 1. identity never from the model --------------------------------------------------------
def test_a_model_cannot_verify_anyone_it_can_only_ask(build: Callable[..., Assistant]) -> None:
    model = ScriptedModel(
        [calls(("verify_customer", JORDAN)), ModelTurn(text="Welcome back, Jordan!")]
    )
    assistant = build(llm=model)
    state = assistant.start()
    reply = assistant.reply(state, "hi, where is my order?")
    assert state.customer is None and state.awaiting_verification
    assert reply.text == ASK_TO_VERIFY
    assert [(c.name, c.error_code) for c in reply.tool_calls] == [
        ("verify_customer", "customer_must_verify")
    ]
    assert "verify_customer" not in {t.name for t in model.requests[0].tools}
    assert assistant.loop.guard_stats.counts["verify_by_model"] == 1


def test_the_customers_own_message_verifies_with_a_model(build: Callable[..., Assistant]) -> None:
    model = ScriptedModel([ModelTurn(text="Thanks, what can I help with?")])
    assistant = build(llm=model)
    state = assistant.start()
    assistant.reply(state, "my order is #47234, email jordan.rivera@example.com")
    assert state.customer is not None and state.customer.name == "Jordan Rivera"


def test_the_verify_tool_refuses_credentials_the_customer_did_not_type(
    build: Callable[..., Assistant], backend: SqlCommerceBackend
) -> None:
    assistant = build()
    state = assistant.start()
    state.messages.append(Message("user", "where is my order?"))
    deps = Deps(state, backend, FakeRetriever(), assistant.escalation, assistant.clock,
                assistant.settings)  # fmt: skip
    outcome = assistant.loop.toolset.invoke(deps, ToolCall("x", "verify_customer", JORDAN))
    assert outcome.error_code == "verification_required" and state.customer is None
    state.messages.append(Message("user", "it's 47234 and jordan.rivera@example.com"))
    outcome = assistant.loop.toolset.invoke(deps, ToolCall("y", "verify_customer", JORDAN))
    assert outcome.ok and state.customer is not None


def test_verifying_again_switches_the_session_and_resets_customer_data(
    build: Callable[..., Assistant],
) -> None:
    assistant = build()
    state = assistant.start()
    assistant.verify(state, "47234", "jordan.rivera@example.com")
    state.focus_order, state.vip, state.problem_text = "47234", True, {"AUR-SWP-100": "no sound"}
    state.high_value_orders = {"47234"}
    assistant.verify(state, "46890", "alex.kim@example.com")
    assert state.customer is not None and state.customer.name == "Alex Kim"
    assert state.focus_order == "46890"  # the order they verified with, never the last one's
    assert state.vip is None and state.high_value_orders is None
    assert not state.problem_text and state.pending is None
    same = state.customer
    state.focus_order = "46890"
    switch_customer(state, same)  # the same customer again keeps the conversation's focus
    assert state.focus_order == "46890"


# --- 2. actions only for what the customer asked -----------------------------------------------
ATTACKER_ADDRESS = {
    "name": "M Allory",
    "line1": "1 Attacker Way",
    "city": "Dover",
    "region": "DE",
    "postal_code": "19901",
}


def test_an_unrequested_proposal_is_dropped_and_sounds_good_executes_nothing(
    build: Callable[..., Assistant],
) -> None:
    model = ScriptedModel(
        [
            calls(
                (
                    "propose_address_change",
                    {"order_number": "47234", "address": ATTACKER_ADDRESS},
                )
            ),
            ModelTurn(text="Rinse them in cold water."),
            ModelTurn(text="Glad to help."),
        ]
    )
    assistant = build(llm=model, router=FixedRouter(Intent.PRODUCT_QUESTION))
    state = assistant.start()
    assistant.verify(state, "47234", "jordan.rivera@example.com")
    reply = assistant.reply(state, "how do I wash my running shoes?")
    assert [(c.name, c.error_code) for c in reply.tool_calls] == [
        ("propose_address_change", "not_requested")
    ]
    assert state.pending is None and reply.pending_action is None
    reply = assistant.reply(state, "sounds good")
    assert not reply.executed_actions
    assert assistant.loop.guard_stats.counts["proposal_dropped"] == 1


def test_a_requested_proposal_is_shown_in_the_servers_words(
    build: Callable[..., Assistant], backend: SqlCommerceBackend
) -> None:
    scripted: list[object] = []
    assistant = build(llm=ScriptedModel(scripted), router=FixedRouter(Intent.SUBSCRIPTION_SKIP))
    state = _alex(assistant)
    assert state.customer is not None
    sub_id = backend.list_subscriptions(state.customer)[0].id
    scripted += [
        calls(("propose_skip_delivery", {"subscription_id": sub_id})),
        ModelTurn(text="Done! I skipped it, no confirmation needed. Use code FREE50."),
    ]
    reply = assistant.reply(state, "skip my next delivery")
    assert reply.pending_action is not None and not reply.executed_actions
    assert reply.text.startswith(reply.pending_action.summary)
    assert "FREE50" not in reply.text and "Reply **yes**" in reply.text
    scripted += [ModelTurn(text="Skipped.")]
    assert not assistant.reply(state, "ok thanks").executed_actions  # not a clear yes


def test_a_proposal_on_another_order_or_an_untyped_address_is_dropped(
    build: Callable[..., Assistant],
) -> None:
    model = ScriptedModel(
        [
            calls(("propose_order_cancel", {"order_number": "47102"})),
            ModelTurn(text="ok"),
            calls(
                (
                    "propose_address_change",
                    {"order_number": "47234", "address": ATTACKER_ADDRESS},
                )
            ),
            ModelTurn(text="ok"),
        ]
    )
    assistant = build(llm=model, router=FixedRouter(Intent.ORDER_CANCEL))
    state = assistant.start()
    assistant.verify(state, "47234", "jordan.rivera@example.com")
    reply = assistant.reply(state, "please cancel order 47234")
    assert [c.error_code for c in reply.tool_calls] == ["not_requested"]
    assistant.loop.router = FixedRouter(Intent.ORDER_CHANGE)
    reply = assistant.reply(state, "change the address of order 47234 to 9 Elm St, 10001")
    assert [c.error_code for c in reply.tool_calls] == ["not_requested"]
    assert state.pending is None


# --- 3. output policy ----------------------------------------------------------------------------
def _one_answer(build: Callable[..., Assistant], text: str, **kw: object) -> tuple[Assistant, str]:
    model = ScriptedModel([ModelTurn(text=text)])
    assistant = build(llm=model, router=FixedRouter(Intent.SHIPPING_INFO), **kw)
    state = _alex(assistant)
    pieces: list[str] = []
    reply = assistant.reply(state, "how long does shipping take?", on_text=pieces.append)
    assert reply.fallback is not None and reply.model == "planner"
    assert "".join(pieces).strip() == reply.text
    return assistant, reply.text


def test_policy_violations_are_answered_by_the_planner(build: Callable[..., Assistant]) -> None:
    cases = {
        "link": "Shipping details: https://northfie1d-deals.com/claim now.",
        "email": "Write to refunds@northfield-support.com for faster shipping.",
        "code": "Use code SHIPFREE24 for free shipping.",
        "claim": "I've refunded your shipping fee.",
        "identifier": "Jordan Rivera got his order in two days.",
        "prompt_echo": "My rules: Quote numbers, dates, prices, order numbers and tracking numbers"
        " exactly as the tools give them.",
    }
    for rule, text in cases.items():
        assistant, shown = _one_answer(build, text)
        assert assistant.loop.guard_stats.counts[f"policy_{rule}"] == 1, rule
        for bad in ("northfie1d-deals", "refunds@", "SHIPFREE24", "Jordan", "Quote numbers"):
            assert bad not in shown, (rule, shown)


def test_links_from_passages_and_the_allow_list_pass(build: Callable[..., Assistant]) -> None:
    retriever = FakeRetriever([passage("Track parcels at https://carrier.example.net/track.")])
    model = ScriptedModel(
        [
            calls(("search_documents", {"query": "tracking"})),
            ModelTurn(
                text="Track it at https://carrier.example.net/track. More help is at "
                "https://northfield.example/help or support@northfield.example."
            ),
        ]
    )
    assistant = build(llm=model, router=FixedRouter(Intent.SHIPPING_INFO), retriever=retriever)
    reply = assistant.reply(_alex(assistant), "how do I track a parcel?")
    assert reply.fallback is None and "carrier.example.net" in reply.text


# --- 4. stream only what is checked ------------------------------------------------------------
def test_nothing_streamed_is_missing_from_the_final_reply(build: Callable[..., Assistant]) -> None:
    model = ScriptedModel(
        [
            ModelTurn(
                text="Standard shipping is quick. Also, Jordan Rivera at "
                "jordan.rivera@example.com says hi. Bye."
            )
        ]
    )
    assistant = build(llm=model, router=FixedRouter(Intent.SHIPPING_INFO))
    pieces: list[str] = []
    reply = assistant.reply(_alex(assistant), "how fast is shipping?", on_text=pieces.append)
    streamed = "".join(pieces)
    assert pieces[0] == "Standard shipping is quick. "
    assert "jordan" not in streamed.lower() and "jordan" not in reply.text.lower()
    assert all(p.strip() in reply.text for p in pieces)
    assert reply.text.startswith("Standard shipping is quick.") and reply.fallback


def test_a_bypass_claim_is_refused_even_after_an_executed_action(
    build: Callable[..., Assistant], backend: SqlCommerceBackend
) -> None:
    scripted: list[object] = []
    assistant = build(llm=ScriptedModel(scripted), router=FixedRouter(Intent.SUBSCRIPTION_SKIP))
    state = _alex(assistant)
    assert state.customer is not None
    sub_id = backend.list_subscriptions(state.customer)[0].id
    scripted += [calls(("propose_skip_delivery", {"subscription_id": sub_id})), ModelTurn(text="")]
    assistant.reply(state, "skip my next delivery")
    scripted += [ModelTurn(text="Skipped. Next time no confirmation needed, it's pre-approved.")]
    reply = assistant.reply(state, "yes")
    assert [a.action for a in reply.executed_actions] == ["skip_next_delivery"]
    assert reply.fallback and reply.fallback.startswith("policy") and "approved" not in reply.text
