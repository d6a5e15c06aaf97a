"""Retrieval-first answers: product questions, store-policy questions (account, payment,
shipping, newsletter, privacy) and any message the router is unsure about are answered from the
documents, with the lines that answer the question and a citation. Only when both the router
and retrieval are unsure does the assistant ask, offering the likeliest topics as choices."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import zip_longest

from assistant.agent.messages import ModelTurn
from assistant.agent.tools import PassageOut
from assistant.planner import asked_kinds as kinds
from assistant.planner.after_fix import NOTE as AFTER_FIX
from assistant.planner.answered import answered
from assistant.planner.answers import Answer, best_answer
from assistant.planner.clarify import clarify
from assistant.planner.code_search import about_a_quoted_code, code_first, code_query
from assistant.planner.common import passages
from assistant.planner.formula import worked_out
from assistant.planner.hazard import danger_first
from assistant.planner.headings import about_it, its_own, its_part
from assistant.planner.kit import Step, call, say
from assistant.planner.options import options_answer
from assistant.planner.plan_reading import PLAN_SIZE
from assistant.planner.question_words import COMPARED, content_words, named_elsewhere
from assistant.planner.reading import STORE_POLICY
from assistant.planner.resolve import needs_owned, resolve_sku, which_named
from assistant.planner.scenes import told_scene
from assistant.planner.size_chart import size_chart_answer, told_size
from assistant.planner.slots import Slots
from assistant.planner.told_lines import LIGHT_ASKED, light_query
from assistant.planner.told_sounds import signal_line
from assistant.planner.unmentioned import figure_unlisted, no_figure_text, not_said

_SEARCH = "search_documents"
SUPPORTED = 0.6  # share of the question's content words an answer covers to be given unasked
SEARCH_K = 5
SHORT_QUESTION_WORDS = 3

SAME_THING = re.compile(r"\b(it|its|they|them|this|that|these|those)\b", re.I)


def search_call(
    query: str, sku: str | None = None, doc_type: str | None = None, k: int = SEARCH_K
) -> tuple[str, dict[str, object]]:
    args: dict[str, object] = {"query": query, "k": k}
    if sku:
        args["product_sku"] = sku
    if doc_type:
        args["doc_type"] = doc_type
    return ("search_documents", args)


def compared_query(step: Step, text: str) -> str:
    """ "which ridgeline coffee has the most, the dark roast right?": the question without the
    products it names as a guess, which would otherwise pick their own pages."""
    most = superlative(text)
    for start, end, _ in reversed(step.ctx.shop.vocabulary.spans(text)):
        text = f"{text[:start]} {text[end:]}"
    return " ".join(f"{text} {most}".split())


def compared_answer(step: Step, found: list[PassageOut], slots: Slots) -> Answer | None:
    """ "which … has the most caffeine, the dark roast right?": the page that says which one
    ("This is the highest of the four…"), with the guessed product's own line beside it."""
    shop, most = step.ctx.shop, superlative(step.ctx.text)
    top = next((p for p in found if most and most in p.text.lower()), None)
    if top is None:
        return None

    def about(p: PassageOut) -> list[str]:  # a section headed by one product's name and SKU
        return shop.mentions(p.section) or list(p.skus)

    guessed = [p for p in found if set(about(p)) & set(slots.skus) and about(p) != about(top)]
    said = re.split(r"(?<=[.!?])\s+", guessed[0].text.strip()) if guessed else []
    line = next((x for x in said if re.search(r"\d", x)), said[0] if said else "")
    aside = (guessed[0], f"{shop.name(about(guessed[0])[0])}: {line}") if line else None
    named = about(top)
    lead = f"{shop.name(named[0])}: " if len(named) == 1 else ""
    return Answer(top, (f"{lead}{top.text.strip()}",), 1.0, False, aside)


def superlative(text: str) -> str:
    """The superlative a comparing question asks, as documents say it ("the most": "highest")."""
    said = COMPARED.search(text)
    most = said.group(5).lower() if said else ""
    return {"most": "highest", "least": "lowest"}.get(most, most)


def naming_words(step: Step, question: str, sku: str | None = None) -> set[str]:
    """The words of the name of the product the question is about (the one searched, else the
    only one it names; the catalogue's name, model and brand): they say which product, not
    what is asked. Another product it names ("will my old remote work with it?") is asked."""
    shop = step.ctx.shop
    named = shop.mentions(question)
    return shop.name_words(sku or (named[0] if len(named) == 1 else None))


def focus_of(step: Step) -> str | None:
    """A follow-up's own words, when the message is read with the question it follows."""
    return next((n[6:] for n in step.ctx.notes if n.startswith("focus:")), None)


def answer_from(
    step: Step,
    question: str,
    found: list[PassageOut],
    sku: str | None = None,
    about: str | None = None,
) -> Answer | None:
    """The best answer among ``found`` for the product ``sku`` (its passages first); ``about``:
    the product asked about (default ``sku``), whose question is not answered by a section
    headed by another product."""
    focus = focus_of(step)
    naming = naming_words(step, question, sku)
    shop = step.ctx.shop
    about = about or sku
    if about is not None:
        found = its_own(shop, about_it(shop, found, focus or question, about), question, about)
    # "…orange for 40 min, is that normal?"; not "both solid blue. but alexa can't find them"
    lit = signal_line(found, "", sku, question) if sku and LIGHT_ASKED.search(question) else None
    if lit is not None:  # the line for the light told is the answer
        return Answer(lit, (lit.text,), 1.0, False)
    return best_answer(question, found, sku=sku, focus=focus, naming=naming)


def product_question(step: Step, slots: Slots) -> ModelTurn:
    """Specs, sizing, care, compatibility, "can it…": the documents of the product the customer
    names or owns, else the whole catalogue; store-wide again when the scoped search is weak."""
    text = step.ctx.text
    if STORE_POLICY in step.ctx.notes:  # "if i order the kettle today can i cancel tomorrow?"
        from assistant.planner.policies import policy_question

        return policy_question(step, slots)
    if step.ctx.state.focus_subscription is not None:  # "what if i just switch to every
        from assistant.planner import subscriptions  # month, would feb 9 still come?": its
        from assistant.planner.frequency_if import supposed_change  # preview answers

        if (supposed := supposed_change(step, slots)) is not None:
            step.ctx.intent = supposed
            return subscriptions.subscription(step, slots)
    if PLAN_SIZE in step.ctx.notes:  # "can i add a decaf bag to that one?": the plan's guide
        from assistant.planner.plan_size import plan_size  # it answers with this module's parts

        return plan_size(step)
    sku: str | None = None
    if sibling := _sibling_asked(step):  # "…this coffee grown?" "and the other blend?"
        sku = sibling
    elif COMPARED.search(text):  # "which … has the most caffeine?": across the catalogue
        pass
    elif needs_owned(step) and not step.ctx.parts and its_part(step, slots.skus, text):
        return call(("list_owned_products", {}))  # "…battery 20 percent": owned, or its part
    elif slots.skus or step.ctx.state.focus_sku:
        pending, sku = which_named(step, slots, resolve_sku(step, slots))
        if pending is not None:
            return pending
    elif needs_owned(step):
        return call(("list_owned_products", {}))
    else:
        sku = resolve_sku(step, slots)
    query = compared_query(step, text) if COMPARED.search(text) else text
    if sku is not None:
        model = step.ctx.shop.model(sku)
        if model and model.lower() not in text.lower():
            query = f"{model}: {text}"
        step.ctx.state.focus_sku = sku
        danger = danger_first(step, sku, model or sku)
        if danger is not None:  # "it's smoking, is that normal?": what to do now, then a person
            return danger
        versions = options_answer(step.ctx.shop, text, sku)
        if versions is not None:
            return say(versions)
    alone = _follow_up_alone(step, sku)
    scene = told_scene(step.ctx.full_text, text)
    missing = [q for q in (query, alone, scene) if q and not step.done.has(_SEARCH, query=q)]
    if missing:
        return call(*(search_call(q, sku) for q in missing))
    sized = size_chart_answer(step, told_size(step, text), sku) or worked_out(
        step, passages(step, query)
    )
    if sized is not None:  # a size chart's row, or a guide's rule worked out ("only got 26 g")
        return sized
    pending, found = with_code(step, sku, query)
    if pending is not None:
        return pending
    if alone:  # "…and the last cups are full of sludge": what the follow-up adds, searched too
        pairs = zip_longest(passages(step, alone), found)  # each search's best first
        found = list({p.chunk_id: p for pair in pairs for p in pair if p is not None}.values())
    pending, found = with_light(step, sku, text, found)
    if pending is not None:
        return pending
    answer = compared_answer(step, found, slots) if COMPARED.search(text) else None
    answer = answer or answer_from(step, text, found, sku)
    if sku and (answer is None or answer.support < SUPPORTED):  # "is it organic? or fair trade?"
        said = not_said(step, sku, text, found, naming_words(step, text, sku))
        if said is not None:  # weak, and no page found names what is asked: they don't say
            return said
    if scene and (answer is None or answer.support < SUPPORTED):  # weak alone: asked where
        told = answer_from(step, scene, [*passages(step, scene), *found], sku)  # its message
        if told is not None and told.support >= SUPPORTED:  # set it ("thinking about…")
            answer = told
    pending, answer = measured(step, text, sku, answer, found)
    if pending is not None:
        return pending
    if (answer is None or answer.support < SUPPORTED) and sku is not None:
        pending, answer = store_wide(step, text, sku, slots, answer, found)
        if pending is not None:
            return pending
    if answer is None or answer.support < SUPPORTED / 2:
        return clarify(step, answer)
    return answered(step, answer)


def with_code(step: Step, sku: str | None, query: str) -> tuple[ModelTurn | None, list[PassageOut]]:
    """What ``query`` found, and first the section of a code the customer quotes when it did
    not find it ("…the display shows E3"); (the search to make first, or None; passages)."""
    found = passages(step, query)
    code_q = code_query(step, sku, query) if sku is not None else None
    if code_q is None:
        return None, found
    if not step.done.has("search_documents", query=code_q):
        return call(search_call(code_q, sku)), found
    return None, code_first(step, code_q, found)


def with_light(
    step: Step, sku: str | None, text: str, found: list[PassageOut]
) -> tuple[ModelTurn | None, list[PassageOut]]:
    """``found`` with what the guide says about the light the message tells ("…is orange and
    has been for like 40 min"), searched by its colour and pattern; the search when not run."""
    lit = light_query(text, step.ctx.shop.model(sku) or sku) if sku else None
    if lit is None or not LIGHT_ASKED.search(text):
        return None, found
    if not step.done.has(_SEARCH, query=lit):
        return call(search_call(lit, sku)), found
    return None, list({p.chunk_id: p for p in [*found, *passages(step, lit)]}.values())


def _sibling_asked(step: Step) -> str | None:
    """The product a follow-up names in place of the one just asked about, when it is of the
    same kind ("and the other blend?" after one coffee; not "and for that coffee?" after
    the grinder's setting, which asks about the grinder)."""
    shop, before = step.ctx.shop, step.ctx.state.focus_sku
    mine = shop.item(before)
    if mine is None:
        return None
    asked = focus_of(step) or ""
    brand = shop.vocabulary.by_brand_only(asked)  # "…in the homely app": not another product
    named = (shop.item(s) for s in shop.mentions(asked) if s not in brand)
    return next(
        (i.sku for i in named if i and i.sku != before and i.product_type == mine.product_type),
        None,
    )


_OF_IT = re.compile(
    r"\bhow (long|often|many times)\b[^.?!]{0,30}\b(do|does|need|have to)\b[^.?!]{0,15}"
    r"\b(that|this|it)\b|\bhow (long|often)\b[^.?!]{0,20}\b(that|this|it) (take|takes|last)\b",
    re.I,
)


def _follow_up_alone(step: Step, sku: str | None) -> str | None:
    """A follow-up's own words as a query of their own, after the product's model and the
    heading just quoted ("AeroPress-style press (one mug): and when do I stop pressing?"; "what
    about in winter?": the operating temperatures, not the hot car again); None for a question
    that is not a follow-up or adds fewer than two words."""
    focus = focus_of(step)
    # "ok and how long does that take": few words, but a kind of answer asked of what was shown
    asks_of_it = bool(focus and step.ctx.state.topic and _OF_IT.search(focus))
    if focus is None or (len(content_words(focus)) < 2 and not asks_of_it):
        return None
    model = step.ctx.shop.model(sku) if sku else None
    topic = step.ctx.state.topic  # the section just quoted: "AeroPress-style press (one mug)"
    about = " ".join(t for t in (model, topic) if t and t.lower() not in focus.lower())
    return f"{about}: {focus}" if about else focus


def measured(
    step: Step,
    text: str,
    sku: str | None,
    answer: Answer | None,
    found: Sequence[PassageOut] = (),
) -> tuple[ModelTurn | None, Answer | None]:
    """A measurement asked ("how wide is the view?") that ``answer`` does not give: the
    product's lines that name it (a specification row) are searched for; (the search to make
    first, or None; the answer). ``found``: the passages searched first, which count too when
    a figure is said to be missing."""
    asked = kinds.dimensions(text)
    if not asked or sku is None:
        return None, answer
    if answer is not None and any(kinds.gives_dimension(line, asked) for line in answer.lines):
        return None, answer
    labels = " ".join(sorted(set().union(*(names for names, _ in asked))))
    query = f"{step.ctx.shop.model(sku)} {labels}"
    if not step.done.has("search_documents", query=query):
        return call(search_call(query, sku)), answer
    searched = passages(step, query)
    again = answer_from(step, text, searched, sku)
    if again is not None and any(kinds.gives_dimension(line, asked) for line in again.lines):
        return None, again
    if figure_unlisted(text, [*searched, *found], asked):  # "how many decibels?": no page has it
        if not step.done.has("search_documents", query=text):  # nor a page of the whole store
            return call(search_call(text)), answer  # ("how long is it good once opened")
        wider = passages(step, text)
        if figure_unlisted(text, wider, asked):
            return say(no_figure_text(step.ctx.shop.model(sku) or sku, text)), None
        again = answer_from(step, text, wider, about=sku)
        if again is not None and any(kinds.gives_dimension(line, asked) for line in again.lines):
            return None, again
    return None, answer


def store_wide(
    step: Step,
    text: str,
    sku: str,
    slots: Slots,
    answer: Answer | None,
    found: Sequence[PassageOut] = (),
) -> tuple[ModelTurn | None, Answer | None]:
    """The store-wide answer if better supported (a policy, another document); (search, answer).
    ``found``: the product's own passages, searched first. Not after "that worked": the
    product the fix was for is the one asked about."""
    if AFTER_FIX in step.ctx.notes:
        return None, answer
    if answer is not None and about_a_quoted_code(step, sku, answer.passage):
        return None, answer  # "…the display shows E3": that code's own section
    if not step.done.has("search_documents", query=text):
        return call(search_call(text)), answer
    wider = answer_from(step, text, passages(step, text), about=sku)
    if wider is None or (answer is not None and wider.support <= answer.support):
        return None, answer
    if (
        (sku in slots.skus or not slots.skus)
        and _another_make(step, [sku, *slots.skus], wider)
        and not named_elsewhere(
            text,
            found,
            f"{wider.passage.title} {wider.passage.text}",
            step.ctx.shop.catalogue_words,
        )
    ):
        return None, answer  # "is the battery in my headphones…", "and at 35 degrees?" (a
        # follow-up on the camera): not another make's product
    if (
        sku in slots.skus
        and _siblings(step, sku, wider.passage.skus)
        and not set(wider.passage.skus) & set(slots.skus)
        and sku not in step.ctx.shop.mentions(wider.passage.text)  # "…the ear cushions"
        and sku not in step.ctx.shop.vocabulary.by_brand_only(text)
    ):  # "should the grinder smell a bit…": not the kettle's "new appliance smell" line
        return None, answer
    return None, wider


def _siblings(step: Step, sku: str, skus: list[str]) -> bool:
    """``skus``: others of ``sku``'s kind (a kettle for a grinder; not a battery's camera)."""
    kinds = {i.product_type if (i := step.ctx.shop.item(s)) else None for s in [sku, *skus]}
    return bool(skus) and len(kinds) == 1 and None not in kinds


def _another_make(step: Step, named: list[str], answer: Answer) -> bool:
    """The answer is about none of the ``named`` products nor of those the customer named
    earlier ("the grinder + a bag of the ethiopia beans", then "it tastes bitter"), and about
    products of another brand than the first (a brand may stand for any of its products: "the
    cuisina hot water pot")."""
    skus = answer.passage.skus
    said = step.ctx.state.asked[:-1]
    earlier = {sku for text in said for sku in step.ctx.shop.mentions(text)}
    if not skus or set(skus) & {*named, *earlier}:
        return False
    return not any(step.ctx.shop.same_brand(named[0], s) for s in skus)
