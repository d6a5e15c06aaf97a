"""A message the router is unsure about, answered from the documents when they clearly answer
it (the product it names or the one in focus first, then store-wide); otherwise the caller asks
what the customer means."""

from __future__ import annotations

from assistant.agent.clauses import is_asked, split_clauses
from assistant.agent.messages import ModelTurn
from assistant.intents import Intent
from assistant.planner import asked_kinds as kinds
from assistant.planner.after_fix import NOTE as AFTER_FIX
from assistant.planner.answered import answer_text, answered
from assistant.planner.code_search import about_a_quoted_code
from assistant.planner.common import passages
from assistant.planner.doc_handover import docs_send_to_support, sends_to_support
from assistant.planner.formula import worked_out
from assistant.planner.hazard import danger_first
from assistant.planner.headings import its_part
from assistant.planner.in_focus import used_with_it, what_it_is_for
from assistant.planner.kit import Step, call, say
from assistant.planner.options import options_answer
from assistant.planner.question_words import COMPARED, QUESTION, content_words
from assistant.planner.questions import (
    SAME_THING,
    SUPPORTED,
    answer_from,
    compared_answer,
    compared_query,
    measured,
    naming_words,
    search_call,
    store_wide,
    with_code,
    with_light,
)
from assistant.planner.request_kinds import ABOUT_A_PRODUCT
from assistant.planner.resolve import which_named
from assistant.planner.size_chart import size_chart_answer, told_size
from assistant.planner.slots import Slots
from assistant.planner.unmentioned import not_said


def _asks(text: str) -> bool:
    """Some sentence of ``text`` asks ("ok 18 is SO much better. … what number for her")."""
    return any(QUESTION.search(c) or is_asked(text, c) for c in split_clauses(text))


def retrieval_first(step: Step, slots: Slots) -> ModelTurn | None:
    """For a message the router is unsure about: answer from the documents when they clearly
    do; None when they don't (the caller then asks, offering choices)."""
    text, state = step.ctx.text, step.ctx.state
    compared = bool(COMPARED.search(text))  # "which … has the most": no product's page alone
    text = compared_query(step, text) if compared else text
    named = slots.skus[0] if slots.skus and not compared else None
    if (
        named
        and state.focus_sku
        and (its_part(step, slots.skus, text) or what_it_is_for(step) or used_with_it(step, slots))
    ):  # "…it said battery 20 percent": the battery of the one in focus; "i boiled it… for my
        named = state.focus_sku  # coffee. how do i keep it hot"
    pending, sku = which_named(step, slots, named) if named else (None, None)
    if pending is not None:
        return pending
    if (  # "can i iron them?" after the socks' care
        sku is None
        and state.focus_sku
        and state.active_intent in ABOUT_A_PRODUCT
        and (
            SAME_THING.search(text)
            or kinds.SHARED.search(text)
            or AFTER_FIX in step.ctx.notes
            or (_asks(text) and not step.ctx.shop.mentions(text))
        )
    ):  # "can i iron them?", "did that, but now it smears", "and she won't be able to…?",
        # "last thing, can the fish tank light come on at sunrise by itself?"
        sku = state.focus_sku
    if sku is not None:  # "it smells like burnt plastic", however unsure the router is
        danger = danger_first(step, sku, step.ctx.shop.model(sku) or sku)
        if danger is not None:
            return danger
    versions = options_answer(step.ctx.shop, text, sku) if sku else None
    if versions is not None:
        return say(versions)
    query = f"{step.ctx.shop.model(sku)}: {text}" if sku else text
    if not step.done.has("search_documents", query=query):
        return call(search_call(query, sku))
    sized = size_chart_answer(step, told_size(step, text), sku) or worked_out(
        step, passages(step, query)
    )
    if sized is not None:  # a size chart's row, or a guide's rule worked out ("only got 26 g")
        return sized
    pending, found = with_code(step, sku, query)
    if pending is None:
        pending, found = with_light(step, sku, text, found)
    if pending is not None:
        return pending
    answer = compared_answer(step, found, slots) if compared else None
    answer = answer or answer_from(step, text, found, sku)
    if sku and (answer is None or answer.support < SUPPORTED):  # "is it organic? or fair trade?"
        said = not_said(step, sku, text, found, naming_words(step, text, sku))
        if said is not None:  # weak, and no page found names what is asked: they don't say
            return said
    pending, answer = measured(step, text, sku, answer, found)
    if pending is not None:
        return pending
    if sku and answer is not None and sku in answer.passage.skus:
        state.focus_sku = sku  # "could it come on later?" next is about it
    # a question about a product it names is held to the product question's own bar
    # ("…her cat jumps on the counter lol. can we only get alerts when it's actually mom")
    bar = SUPPORTED / 2 if (sku or compared) and _asks(text) else SUPPORTED
    if sku and answer is not None and about_a_quoted_code(step, sku, answer.passage):
        bar = 0.0  # "the display says E3 and it won't heat": the code's own section answers
    # the store's policies too; not for "could it come on later?" about the product in focus
    it = sku not in slots.skus and answer is not None and answer.support >= bar
    if sku and (answer is None or answer.support < SUPPORTED) and not it:
        pending, answer = store_wide(step, text, sku, slots, answer, passages(step, query))
        if pending is not None:
            return pending
    if answer is None or answer.support < bar or len(content_words(text)) < 2:
        return None  # "the usual": one word found in some line is no answer
    step.ctx.intent = Intent.PRODUCT_QUESTION if answer.passage.skus else Intent.OUT_OF_SCOPE
    sentence = sends_to_support(answer.text, text, naming_words(step, text, sku))
    if sentence is not None:  # "…drips from the bottom seam: contact support": we are support
        return docs_send_to_support(step, answer_text(answer), answer.chunk_ids, sentence)
    return answered(step, answer)
