"""Flows every handler shares: verification, escalation, search, and the answers for them."""

from __future__ import annotations

import re

from assistant.agent.confirm import LEFT_AS_IS, NOTHING_PENDING, PendingReply, leaves_it, read_reply
from assistant.agent.messages import ModelTurn
from assistant.agent.tools import EscalationOut, PassageOut
from assistant.intents import Intent
from assistant.planner.kit import Step, one, say
from assistant.planner.slots import Slots

# Intents whose answer needs the verified customer's records.
NEEDS_VERIFICATION = frozenset(
    {
        Intent.ORDER_STATUS,
        Intent.RECEIPT,
        Intent.ORDER_CHANGE,
        Intent.ORDER_CANCEL,
        Intent.TRACKING,
        Intent.WARRANTY_REGISTRATION,
        Intent.SUBSCRIPTION_SKIP,
        Intent.SUBSCRIPTION_PAUSE,
        Intent.SUBSCRIPTION_FREQUENCY,
        Intent.SUBSCRIPTION_SWAP,
        Intent.SUBSCRIPTION_CANCEL,
    }
)

ASK_VERIFICATION = (
    "I can look that up for you. To keep your account safe, please send me your order number "
    "(it's in your confirmation email) and the email address you used for that order."
)


# "where do I get a proper receipt for an order?": how receipts work, asked before any order
_HOW_TO_GET = re.compile(
    r"\b(where|how) (do|can|could|would|should|to) (i |we )?(get|find|download|print|see)\b",
    re.I,
)


def general_receipt_question(step: Step, slots: Slots) -> bool:
    """A question about how receipts work from a customer not verified, naming no order: the
    policy answers it (no order is needed to say where receipts are)."""
    return (
        step.ctx.intent is Intent.RECEIPT
        and not step.ctx.state.verified
        and slots.order_number is None
        and bool(_HOW_TO_GET.search(step.ctx.text))
    )


def hold_for_verification(step: Step) -> None:
    """Wait for the customer's order number and e-mail, keeping the question asked first so it
    is answered once they are verified."""
    state = step.ctx.state
    state.awaiting_verification = True
    if state.deferred_text is None:
        state.deferred_text, state.deferred_intent = step.ctx.text, step.ctx.intent


def verification_gate(step: Step, slots: Slots) -> ModelTurn | None:
    """Ask for, or run, verification when the intent needs customer data."""
    state = step.ctx.state
    if state.verified or general_receipt_question(step, slots):
        return None
    # the two halves may come in separate messages
    slots.order_number = slots.order_number or state.partial_order_number
    slots.email = slots.email or state.partial_email
    state.partial_order_number, state.partial_email = slots.order_number, slots.email
    if slots.order_number and slots.email and step.can("verify_customer"):
        if not step.done.has("verify_customer"):
            hold_for_verification(step)  # a wrong half can be corrected next message
            return one("verify_customer", order_number=slots.order_number, email=slots.email)
        return None
    hold_for_verification(step)
    if slots.order_number and not slots.email:
        return say(
            "Thanks! Please also send the email address you used for order "
            f"#{slots.order_number}, so I can verify it's you."
        )
    if slots.email and not slots.order_number:
        example = step.ctx.shop.policy.orders.number_example
        return say(
            f"Thanks! Please also send the order number (like #{example}) of an order placed "
            "with that email, so I can verify it's you."
        )
    return say(ASK_VERIFICATION)


def verification_failed(step: Step) -> ModelTurn | None:
    outcome = step.done.get("verify_customer")
    if outcome is None or outcome.ok:
        return None
    if outcome.error_code == "verification_required":  # details inside a written tool call
        return say(
            "I can only verify details you send me yourself: please type your order number "
            "and the email address you used for it as a normal message."
        )
    if outcome.error_code == "verification_locked":
        return say(
            "For your security, verification is locked for a while after several "
            "unsuccessful attempts. Please try again later, or contact "
            f"{step.ctx.shop.support_email}."
        )
    return say(
        "I couldn't verify those details: the order number and email don't match our "
        "records. Please check both (the email must be the one used for that order) "
        "and send them again."
    )


def escalate(step: Step, reason: str, summary: str) -> ModelTurn:
    done = step.done.get("escalate_to_human")
    existing = step.ctx.state.escalation
    if done is None and existing is not None:  # one hand-over per conversation
        return say(
            f"I've already passed this conversation to our support team (ticket "
            f"{existing.ticket_number}); I've noted this for them too. {_next_steps(step)}"
        )
    if done is None and step.can("escalate_to_human"):
        return one("escalate_to_human", reason=reason, summary=summary)
    if done is not None and done.ok:
        ticket: EscalationOut = done.value
        return say(handover_text(ticket))
    return say(
        "I'm sorry, I couldn't reach our support team from here. Please contact "
        f"{step.ctx.shop.contact()}."
    )


# "yes please start the claim", "go ahead and file it": the hand-over asked to go ahead
_GO_AHEAD = re.compile(
    r"\b(start|open|file|submit|make|lodge|begin|go ahead with|proceed with) (the|my|a|that) "
    r"(claim|case|ticket|request)\b|"
    r"\bget (the|my|a|that) (claim|case|ticket|request) (going|started|moving|rolling)\b|"
    r"\b(pass|send|hand) (it|this|that|me) (on|along|over|through)\b|"  # "…pass it on to…"
    # "so can someone actually look into the jan 13 one?": the person asked for already
    r"\b(can|could|will) (someone|somebody|a person) (actually |please )?(look into|check)\b",
    re.I,
)


# "how long until someone actually looks at this?" after a hand-over: when the person replies
_WHEN_THEY_REPLY = re.compile(
    r"\b(how long|how soon|when)\b[^.?!]{0,40}\b(someone|somebody|anyone|they|a person|"
    r"an? (agent|human|specialist|rep))\b[^.?!]{0,30}\b(looks?|reply|replies|respond|gets? back|"
    r"contacts?|calls?|emails?|answers?|reviews?|hear)\b|"
    r"\bwhat (happens )?(now|next)\s*[?,]|\bwhat('?s| is) next\b|"  # "…What happens now?"
    r"\b(can|could|will) (someone|somebody|anyone|a person|you|they) (actually )?"
    r"(sort|fix|handle|deal with)\b[^.?!]{0,30}\b(before|by)\b|"  # "…sort this before thursday?"
    r"\b(will|would|do|can|should) (i|we) (\w+ ){0,2}(hear (back|from)|get (a )?(reply|response|"
    r"call|answer))\b|"  # "will i at least hear back before saturday?"
    r"\bhow long\b[^.?!]{0,25}\b(hear (back|from)|get (a )?(reply|response|answer))\b",  # "…til i"
    re.I,
)


def handover_asked_after(step: Step) -> ModelTurn | None:
    """ "how long until someone actually looks at this?", "ok the fee is fine, go ahead and pass
    it on to whoever approves it" after a hand-over of an earlier turn: the ticket made already
    and what happens next; None for any other message or before a hand-over."""
    if (
        step.ctx.state.escalation is None
        or step.done.has("escalate_to_human")
        or not (_WHEN_THEY_REPLY.search(step.ctx.text) or _GO_AHEAD.search(step.ctx.text))
    ):  # "please get the claim going": the hand-over made already goes ahead
        return None
    return escalate(step, "other", step.ctx.text)


def _next_steps(step: Step) -> str:
    """What the customer was told happens next with the hand-over made already."""
    from assistant.escalation.reasons import EscalationReason

    ticket = step.ctx.state.escalation
    reasons = {r.value: r for r in EscalationReason}
    if ticket is None or ticket.reason not in reasons:
        return "They'll reply as soon as possible."
    return reasons[ticket.reason].next_steps_for(step.ctx.shop.policy)


def nothing_pending(step: Step) -> ModelTurn | None:
    """A reply to a preview when none is waiting: "yes go ahead" (the hand-over made already
    is what goes ahead, else there is nothing to say yes to), "yes please start the claim"
    after a hand-over, "leave it as is for now"; None for any other message."""
    text = step.ctx.text
    said = read_reply(text, "")
    handed = step.ctx.state.escalation is not None
    if handed and (said is PendingReply.CONFIRM or _GO_AHEAD.search(text)):
        return escalate(step, "other", text)  # the ticket made already, and what happens next
    draft = step.ctx.state.return_draft
    if said is PendingReply.CONFIRM and draft and draft.awaiting == "answer" and draft.asked:
        # "ok go for it" while the return's question waits: the question, not "nothing waits"
        return say(f"Before I set this up, one answer from you: {draft.asked.question}")
    if said is PendingReply.CONFIRM:
        return say(NOTHING_PENDING)
    if said is PendingReply.DECLINE and leaves_it(text):
        return say(LEFT_AS_IS)  # "hmm not sure yet… leave it as is for now"
    return None


def with_documents_line(text: str, line: str | None, passage: PassageOut | None) -> ModelTurn:
    """``text``, then the documents' line that backs it, with its source (``text`` alone when
    the documents have none)."""
    if line is None or passage is None:
        return say(text)
    return say(f"{text}\n\n{line}\n\n(From {source_label(passage)}.)", [passage.chunk_id])


def answer_then_hand_over(
    step: Step, answer_text: str, cited: list[str], reason: str, summary: str
) -> ModelTurn:
    """What the documents say, then the hand-over to a person, in one reply."""
    handed = escalate(step, reason, summary)
    if handed.is_final and handed.text and answer_text:
        handed.text = f"{answer_text}\n\n{handed.text}"
        handed.citation_ids = list(cited)
    return handed


def handover_text(ticket: EscalationOut, lead: str = "") -> str:
    lead = lead or "I've handed this to a member of our support team"
    return (
        f"{lead} (ticket {ticket.ticket_number}, {ticket.priority} priority). "
        f"{ticket.next_steps} They will see this whole conversation, so you won't need to "
        "repeat anything."
    )


def passages(step: Step, query: str | None = None) -> list[PassageOut]:
    out: list[PassageOut] = []
    for outcome in step.done.all_ok("search_documents"):
        if query is None or outcome.call.arguments.get("query") == query:
            out.extend(outcome.value)
    return out


def steps_of(passage: PassageOut) -> list[str]:
    """The numbered steps of a passage, or [] if it has none."""
    lines = [ln.strip() for ln in passage.text.splitlines()]
    return [ln for ln in lines if ln[:1].isdigit() and ln[1:3].lstrip("0123456789")[:1] in ".)"]


def shown_text(text: str) -> str:
    """A passage's text as quoted, without a last line that only leads into a list the chunk
    does not hold ("Charge lamp meanings:" at a chunk's end)."""
    lines = text.strip().splitlines()
    if len(lines) > 1 and lines[-1].rstrip().endswith(":"):
        lines = lines[:-1]
    return "\n".join(lines).strip()


def source_label(passage: PassageOut) -> str:
    where = f", p. {passage.page}" if passage.page else ""
    section = f" ({passage.section})" if passage.section else ""
    return f"{passage.title}{section}{where}"


def policy_lines(step: Step, query: str, k: int = 3) -> tuple[ModelTurn | None, str, list[str]]:
    """The store policy's lines for a question the planner asks of it (``query``), as "From
    <source>:\n<lines>" with their citation; the search they need first (then "" and []), and
    "" and [] when no line answers it."""
    from assistant.planner.answers import best_answer  # answers reads this module's helpers

    if not step.done.has("search_documents", query=query):
        return one("search_documents", query=query, doc_type="policy", k=k), "", []
    answer = best_answer(query, passages(step, query))
    if answer is None:
        return None, "", []
    return None, f"From {source_label(answer.passage)}:\n{answer.text}", [answer.passage.chunk_id]
