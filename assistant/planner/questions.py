"""Retrieval-first answers: product questions, store-policy questions (account, payment,
shipping, newsletter, privacy) and any message the router is unsure about are answered from the
documents, with the lines that answer the question and a citation. Only when both the router
and retrieval are unsure does the assistant ask, offering the likeliest topics as choices."""

from __future__ import annotations

import re

from assistant.agent.clauses import split_clauses
from assistant.agent.messages import ModelTurn
from assistant.agent.tools import PassageOut
from assistant.intents import Intent
from assistant.planner import fmt
from assistant.planner.answers import Answer, best_answer, content_words
from assistant.planner.common import escalate, passages, source_label
from assistant.planner.doc_handover import docs_send_to_support, sends_to_support
from assistant.planner.kit import Step, call, say
from assistant.planner.measures import describe, is_table_row, lookup, measurement
from assistant.planner.options import options_answer
from assistant.planner.resolve import needs_owned, resolve_sku
from assistant.planner.shopview import ShopView
from assistant.planner.slots import Slots
from assistant.retrieval.bm25 import tokenize

# Share of the question's content words an answer must cover to be given without asking.
SUPPORTED = 0.6
SEARCH_K = 5
SHORT_QUESTION_WORDS = 3
CHART_K = 8  # size-chart rows around a measurement (the search tool returns 8 at most)
MAX_EXTRA = 2  # other questions of one message answered besides the main one

TOPIC_CHOICES: dict[Intent, str] = {
    Intent.ORDER_STATUS: "the status of an order",
    Intent.RECEIPT: "an order confirmation or receipt",
    Intent.ORDER_CHANGE: "changing an order or its address",
    Intent.ORDER_CANCEL: "cancelling an order",
    Intent.TRACKING: "where a package is",
    Intent.SETUP_HELP: "setting up a product",
    Intent.TROUBLESHOOTING: "a product that isn't working",
    Intent.MANUAL_REQUEST: "a product manual",
    Intent.WARRANTY_INFO: "what the warranty covers",
    Intent.WARRANTY_REGISTRATION: "registering a warranty",
    Intent.WARRANTY_CLAIM: "a warranty claim",
    Intent.EXTENDED_WARRANTY: "an extended warranty",
    Intent.ACCESSORIES: "accessories that fit a product",
    Intent.SUBSCRIPTION_SKIP: "skipping a subscription delivery",
    Intent.SUBSCRIPTION_PAUSE: "pausing a subscription",
    Intent.SUBSCRIPTION_FREQUENCY: "how often a subscription comes",
    Intent.SUBSCRIPTION_SWAP: "swapping a subscription's product",
    Intent.SUBSCRIPTION_CANCEL: "cancelling a subscription",
    Intent.FEEDBACK: "leaving feedback",
    Intent.COMPLAINT: "a complaint",
    Intent.RETURNS_REFUNDS: "a return or refund",
    Intent.BILLING_DISPUTE: "a charge on your card",
    Intent.HUMAN_AGENT: "talking to a person",
    Intent.PRODUCT_QUESTION: "a question about a product",
    Intent.ACCOUNT_HELP: "your account or password",
    Intent.PRIVACY_REQUEST: "your personal data",
    Intent.PAYMENT_METHODS: "ways to pay",
    Intent.SHIPPING_INFO: "shipping options and costs",
    Intent.NEWSLETTER: "marketing emails",
}


def _search(
    query: str, sku: str | None = None, doc_type: str | None = None, k: int = SEARCH_K
) -> tuple[str, dict[str, object]]:
    args: dict[str, object] = {"query": query, "k": k}
    if sku:
        args["product_sku"] = sku
    if doc_type:
        args["doc_type"] = doc_type
    return ("search_documents", args)


def _answer_text(answer: Answer, lead: str = "") -> str:
    where = source_label(answer.passage)
    body = answer.text.strip()
    return f"{lead}{body}\n\n(From {where}.)"


def naming_words(step: Step, question: str, sku: str | None = None) -> set[str]:
    """The words of the name of the product the question is about (the one searched, else the
    only one it names; the catalogue's name, model and brand): they say which product, not
    what is asked. Another product it names ("will my old remote work with it?") is asked."""
    shop = step.ctx.shop
    named = shop.mentions(question)
    item = shop.item(sku or (named[0] if len(named) == 1 else None))
    return set(tokenize(f"{item.name} {item.model} {item.brand}")) if item else set()


def _answer_from(
    step: Step, question: str, found: list[PassageOut], sku: str | None = None
) -> Answer | None:
    focus = next((n[6:] for n in step.ctx.notes if n.startswith("focus:")), None)
    naming = naming_words(step, question, sku)
    return best_answer(question, found, sku=sku, focus=focus, naming=naming)


def size_chart_answer(step: Step, text: str, sku: str | None) -> ModelTurn | None:
    """ "24.4 cm, which size?": the size chart's row for the products the question names (a
    search first); None without a measurement or without the row."""
    measure = measurement(text)
    if measure is None:
        return None
    shop = step.ctx.shop
    named = [s for s in (*shop.mentions(text), sku) if s]
    chart = measure.query_for([i.name for s in named if (i := shop.item(s)) is not None])
    if not step.done.has("search_documents", query=chart):
        return call(_search(chart, None, k=CHART_K))  # every variant's row, any product
    row = lookup(measure, passages(step, chart))
    table = next((p.source for p in passages(step, chart) if is_table_row(p, measure)), None)
    if row is None and measure.system and table is not None:  # "UK 6": the chart's other rows
        rows_q = measure.row_query
        if not step.done.has("search_documents", query=rows_q, source=table):
            return call(("search_documents", {"query": rows_q, "source": table, "k": CHART_K}))
        row = lookup(measure, passages(step, rows_q))
    if row is None:
        return None
    return say(
        f"{describe(measure, row)}\n\n(From {source_label(row.passage)}.)",
        [row.passage.chunk_id],
    )


def product_question(step: Step, slots: Slots) -> ModelTurn:
    """Specs, sizing, care, compatibility, "can it…": the documents of the product the customer
    names or owns, else the whole catalogue; store-wide again when the scoped search is weak."""
    text = step.ctx.text
    sku: str | None = None
    if slots.skus or step.ctx.state.focus_sku:
        sku = resolve_sku(step, slots)
        if len(slots.skus) > 1:  # "…the cuisina grinder… if one 12oz bag fits": which one
            from assistant.planner.products import documents_say_which

            pending, sku = documents_say_which(step, slots, sku)
            if pending is not None:
                return pending
    elif needs_owned(step):
        return call(("list_owned_products", {}))
    else:
        sku = resolve_sku(step, slots)
    query = text
    if sku is not None:
        model = step.ctx.shop.model(sku)
        if model and model.lower() not in text.lower():
            query = f"{model}: {text}"
        step.ctx.state.focus_sku = sku
        versions = options_answer(step.ctx.shop, text, sku)
        if versions is not None:
            return say(versions)
    if not step.done.has("search_documents", query=query):
        return call(_search(query, sku))
    sized = size_chart_answer(step, text, sku)
    if sized is not None:
        return sized
    answer = _answer_from(step, text, passages(step, query), sku)
    if (answer is None or answer.support < SUPPORTED) and sku is not None:
        if not step.done.has("search_documents", query=text):
            return call(_search(text))
        wider = _answer_from(step, text, passages(step, text))
        if wider is not None and (answer is None or wider.support > answer.support):
            answer = wider
    if answer is None or answer.support < SUPPORTED / 2:
        return clarify(step, answer)
    return say(_answer_text(answer), [answer.passage.chunk_id])


POLICY_QUERIES: dict[Intent, str] = {
    Intent.ACCOUNT_HELP: "account sign in password",
    Intent.PAYMENT_METHODS: "payment methods we accept",
    Intent.SHIPPING_INFO: "shipping methods prices destinations",
    Intent.NEWSLETTER: "newsletter marketing emails unsubscribe",
    Intent.PRIVACY_REQUEST: "delete account data privacy request",
    # asked only when an order's shipping method is to change (no tool does that)
    Intent.ORDER_CHANGE: "change an order's shipping method to a faster one once processing",
}


_DESTINATION = re.compile(
    r"\b(ship|deliver|send)\w*\s+(to|in|outside)\b|\binternational\w*|\boverseas\b|\babroad\b",
    re.I,
)


def policy_question(step: Step, slots: Slots) -> ModelTurn:
    """Account, payment, shipping and newsletter questions: the store's policy pages."""
    text = step.ctx.text
    topic = POLICY_QUERIES.get(step.ctx.intent, "")
    if step.ctx.intent is Intent.SHIPPING_INFO and _DESTINATION.search(text):
        topic = "where we ship: countries and destinations outside the United States"
    query = f"{text} ({topic})" if topic else text
    if not step.done.has("search_documents", query=query):
        return call(_search(query, doc_type="policy"))
    # a short question ("which payment methods do you take?") reads with the topic; a longer
    # one says itself what it asks ("if i order friday night, when does it ship?")
    asked = text if len(content_words(text)) > SHORT_QUESTION_WORDS else f"{text} {topic}"
    answer = _answer_from(step, asked, passages(step, query))
    costs = shipping_costs(step) if step.ctx.intent is Intent.SHIPPING_INFO else ""
    if answer is None:
        return say(costs) if costs and _COST.search(text) else clarify(step, None)
    if costs and _COST.search(text):  # the store's prices, from its policy file, come first
        return say(f"{costs}\n\n{_answer_text(answer)}", [answer.passage.chunk_id])
    return say(_answer_text(answer), [answer.passage.chunk_id])


_COST = re.compile(
    r"\b(h[o]?w much|cost\w*|price\w*|fees?|free|rates?|charge\w*|expensive|cheap\w*)\b|"
    r"\bhow (long|many (business )?days|fast|quick(ly)?)\b.{0,40}\b"
    r"(ship\w*|deliver\w*|arrive|take)|"
    r"\btransit\b",
    re.I,
)  # the price list also says how long each method takes once shipped


def shipping_costs(step: Step) -> str:
    """The store's shipping methods, prices, transit times and free-shipping rule, as its
    policy file states them (not as a document happens to phrase them)."""
    shipping = step.ctx.shop.policy.shipping
    threshold = shipping.free_shipping_threshold
    lines = []
    for method in shipping.methods:
        lo, hi = method.transit_business_days
        days = f"{lo}–{hi}" if lo != hi else f"{hi}"
        free = (
            f", free on orders of {fmt.money(threshold)} or more"
            if threshold is not None and method.free_over_threshold
            else ""
        )
        lines.append(
            f"{method.name}: {fmt.money(method.price)}, {days} business "
            f"day{'s' if hi != 1 else ''} after shipping{free}"
        )
    return "Our shipping options:\n" + fmt.bullets(lines) if lines else ""


def privacy_request(step: Step, slots: Slots) -> ModelTurn:
    """Delete my account / my data: what the policy says, and a hand-over to the team."""
    query = f"{step.ctx.text} ({POLICY_QUERIES[Intent.PRIVACY_REQUEST]})"
    if not step.done.has("search_documents", query=query):
        return call(_search(query, doc_type="policy"))
    if not step.done.has("escalate_to_human"):
        handed = escalate(step, "privacy_request", f"Privacy request: {step.ctx.text}")
        if not handed.is_final:
            return handed
    answer = _answer_from(step, step.ctx.text + " delete data", passages(step, query))
    ticket = escalate(step, "privacy_request", f"Privacy request: {step.ctx.text}")
    if answer is None:
        return ticket
    return say(
        f"{ticket.text}\n\n{_answer_text(answer, 'What our policy says: ')}",
        [answer.passage.chunk_id],
    )


def retrieval_first(step: Step, slots: Slots) -> ModelTurn | None:
    """For a message the router is unsure about: answer from the documents when they clearly
    do; None when they don't (the caller then asks, offering choices)."""
    text = step.ctx.text
    sku = slots.skus[0] if slots.skus else None
    state = step.ctx.state
    if (  # "can i iron them?" after the socks' care
        sku is None
        and state.focus_sku
        and state.active_intent in _ABOUT_A_PRODUCT
        and _SAME_THING.search(text)
        and _QUESTION.search(text)
    ):
        sku = state.focus_sku
    versions = options_answer(step.ctx.shop, text, sku) if sku else None
    if versions is not None:
        return say(versions)
    sized = size_chart_answer(step, text, sku)
    if sized is not None:
        return sized
    query = f"{step.ctx.shop.model(sku)}: {text}" if sku else text
    if not step.done.has("search_documents", query=query):
        return call(_search(query, sku))
    answer = _answer_from(step, text, passages(step, query), sku)
    # a question about a product it names is held to the product question's own bar
    bar = SUPPORTED / 2 if sku and _QUESTION.search(text) else SUPPORTED
    if sku and (answer is None or answer.support < SUPPORTED):  # the store's policies too
        if not step.done.has("search_documents", query=text):
            return call(_search(text))
        wider = _answer_from(step, text, passages(step, text))
        if wider is not None and (answer is None or wider.support > answer.support):
            answer = wider
    if answer is None or answer.support < bar or len(content_words(text)) < 2:
        return None  # "the usual": one word found in some line is no answer
    step.ctx.intent = Intent.PRODUCT_QUESTION if answer.passage.skus else Intent.OUT_OF_SCOPE
    sentence = sends_to_support(answer.text, text, naming_words(step, text, sku))
    if sentence is not None:  # "…drips from the bottom seam: contact support": we are support
        return docs_send_to_support(step, _answer_text(answer), [answer.passage.chunk_id], sentence)
    return say(_answer_text(answer), [answer.passage.chunk_id])


# Intents whose own answer already comes from the documents for the whole message.
ANSWERS_FROM_DOCUMENTS = frozenset(
    {
        Intent.PRODUCT_QUESTION,
        Intent.ACCOUNT_HELP,
        Intent.PAYMENT_METHODS,
        Intent.SHIPPING_INFO,
        Intent.NEWSLETTER,
        Intent.OUT_OF_SCOPE,
        Intent.GREETING,
    }
)
_ABOUT_A_PRODUCT = frozenset(
    {Intent.PRODUCT_QUESTION, Intent.SETUP_HELP, Intent.TROUBLESHOOTING, Intent.ACCESSORIES}
)
_SAME_THING = re.compile(r"\b(it|its|they|them|this|that|these|those)\b", re.I)
_QUESTION = re.compile(
    r"\?|^(can|could|how|what|whats|what's|when|where|which|who|why|is|are|do|does|will|should)\b",
    re.I,
)


def other_questions(
    step: Step, text: str, answered: str, include_first: bool = False
) -> ModelTurn | None:
    """Other questions in the same message ("skip my delivery and also what's the french press
    ratio?"): answered from the documents too, or listed back so none is lost. With
    ``include_first`` the first clause is checked as well (the main answer came from the
    documents for the whole message and may have answered only one of its questions)."""
    clauses = split_clauses(text)
    if len(clauses) < 2:
        return None
    candidates = clauses if include_first else clauses[1:]
    said = set(tokenize(answered))
    shop = step.ctx.shop
    named = shop.mentions(text)  # one product asked about: a clause naming none asks about it
    asks_about_it = step.ctx.intent in _ABOUT_A_PRODUCT  # not "where is it going", a parcel's
    about = named[0] if len(named) == 1 and asks_about_it else None
    extra = [
        c
        for c in candidates
        if _QUESTION.search(c)
        and len(c.split()) >= 3
        and len(words := content_words(c)) >= 2  # "what does that mean?" asks about the rest
        and not all(w in said for w in words)  # the main answer already covers it
        and not (include_first and about is None and _SAME_THING.search(c))  # "will it work…"
    ][:MAX_EXTRA]
    if not extra:
        return None
    asked = [(c, _clause_query(shop, c, about)) for c in extra]
    missing = [
        _search(q, sku) for _, (q, sku) in asked if not step.done.has("search_documents", query=q)
    ]
    if missing:
        return call(*missing)
    parts: list[str] = []
    cited: list[str] = []
    for clause, (query, sku) in asked:
        answer = _answer_from(step, clause, passages(step, query), sku)
        if answer is None or answer.support < SUPPORTED:
            if not include_first:
                parts.append(f'You also asked: "{clause}". Could you send that on its own?')
            continue
        if any(line in answered for line in answer.lines):
            continue
        parts.append(_answer_text(answer, "You also asked about this:\n"))
        cited.append(answer.passage.chunk_id)
    return say("\n\n".join(parts), cited)


def _clause_query(shop: ShopView, clause: str, about: str | None) -> tuple[str, str | None]:
    """One question of several ("…and how long do they last?"): searched in the documents of
    the one product the message names, when the clause names none itself; else store-wide."""
    if about is None or shop.mentions(clause):
        return clause, None
    model = shop.model(about)
    return (
        f"{model}: {clause}" if model and model.lower() not in clause.lower() else clause
    ), about


def clarify(step: Step, near: Answer | None = None) -> ModelTurn:
    """Ask, offering the two or three likeliest topics (and the closest passage, if any)."""
    choices = [
        TOPIC_CHOICES[i]
        for i, _ in step.ctx.ranked
        if i in TOPIC_CHOICES and i is not Intent.OUT_OF_SCOPE
    ][:3]
    options = ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else choices[0]
    text = f"I want to make sure I help with the right thing: is this about {options}?"
    if near is not None and near.support > 0:
        text += (
            f"\n\nThe closest I found in our documents ({source_label(near.passage)}):\n{near.text}"
        )
        return say(text, [near.passage.chunk_id])
    return say(text + " A few more words will help me.")
