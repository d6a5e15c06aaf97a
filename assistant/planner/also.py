"""The other questions of one message ("skip my delivery and also what's the french press
ratio?", "how many photos fit on the card? and if it falls in the lake is it done for?"):
answered from the documents after the main answer, or listed back so none is lost."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.agent.clauses import MIN_WORDS, asked_part, is_asked, split_clauses
from assistant.agent.messages import ModelTurn
from assistant.intents import Intent
from assistant.planner import second_ask
from assistant.planner.account_words import (
    ORDER_DETAILS,
    WAS_I_CHARGED,
    WENT_THROUGH,
    asks_own_next,
)
from assistant.planner.answered import ASIDE_LEAD, answer_text
from assistant.planner.answers import Answer
from assistant.planner.common import passages
from assistant.planner.headings import its_part
from assistant.planner.in_focus import what_it_is_for
from assistant.planner.kit import Step, call, say
from assistant.planner.measures import measurement
from assistant.planner.question_words import (
    COMPARED,
    QUESTION,
    STORE_SAID,
    THAT_ASKED,
    VERDICT_ASKED,
    asks_about_the_told,
    content_words,
)
from assistant.planner.questions import SAME_THING, SUPPORTED, answer_from, search_call
from assistant.planner.request_kinds import ABOUT_A_PRODUCT
from assistant.planner.return_fee import asks_cost, fee_line, reason_in
from assistant.planner.return_words import (
    ASKS_WINDOW,
    REFUND_STATUS,
    RETURN_WORD,
    START,
    asks_exchange,
)
from assistant.planner.scenes import statements
from assistant.planner.shopview import ShopView
from assistant.planner.size_chart import size_chart_answer
from assistant.retrieval.bm25 import tokenize

MAX_EXTRA = 3  # other questions of one message answered besides the main one
SCOPED_SUPPORTED = 0.4  # an answer from the documents of the product the clause is about
COVERED = 1 / 3  # a question with at most this share of words no answer has is not listed back
REPEATED = 0.3  # an answer with at most this share of words the main answer lacks repeats it
# Intents whose own answer already comes from the documents for the whole message.
WHOLE_MESSAGE = "whole-message"  # a note: its clauses are one question, answered as one
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

# the order was looked up for these: a question about it is not one for the documents
_ABOUT_AN_ORDER = frozenset(
    {Intent.ORDER_STATUS, Intent.TRACKING, Intent.ORDER_CHANGE, Intent.ORDER_CANCEL}
)
# "…and if that doesnt work?": the next step of the same fix, which the answer offers
_NEXT_STEP = re.compile(
    r"^\W*((and|but|so|ok|okay)\W+)?(what |and )?if (that|this|it|they) (still )?"
    r"(doesn'?t|does not|didn'?t|did not|won'?t|will not|don'?t|do not) (work|help|fix)",
    re.I,
)
# "My headphones keep grabbing my laptop …, how do I stop that.": asked at its end
_ASKED_LAST = re.compile(
    r",\s*((how|what|why|where|when) (do|can|should|would|does|did|am|is)|can|could|should|"
    r"will|do) (i|we|you|it)\b[^,]*$",  # "…icy in the mornings, can i put those spikes on"
    re.I,
)
ALSO_LEAD = "You also asked about this:\n"  # before the answer to another question
_RETURN_CALLS = ("propose_return", "propose_exchange", "return_questions")
# "is it actually coming today?": when the parcel comes, which the order's answer says
_ARRIVING = re.compile(
    r"\b(coming|arriv\w*|get(s|ting)? here|show(s|ing)? up|be here|deliver\w*)\b[^?.!]{0,20}"
    r"\b(today|tomorrow|tonight|this week|on time|in time)\b",
    re.I,
)
# "…ordered more coffee yesterday, has THAT one at least shipped??": a parcel's news, which the
# account has and no document does
_SHIPPED_YET = re.compile(
    r"\b(has|have|did|is|are|was|were)\b[^?.!]{0,30}\b(shipped|sent|dispatched|left|"
    r"arrived|delivered|on (its|their|the) way|out for delivery)\b|"
    r"\b(tracking|carrier) (says|shows|said|page)\b",  # "tracking says it's sitting in newark??"
    re.I,
)


def with_other_questions(
    step: Step, turn: ModelTurn, include_first: bool, list_back: bool
) -> ModelTurn:
    """``turn`` followed by the answers to the message's other questions, or the search those
    answers need first (a turn that is not final). ``list_back``: a question the documents do
    not answer is quoted back."""
    if WHOLE_MESSAGE in step.ctx.notes:  # the answer took the message as one question
        return turn
    extra = other_questions(step, step.ctx.text, turn, include_first, list_back)
    if extra is None:
        return turn
    if not extra.is_final:
        return extra
    if extra.text:
        turn.text = f"{turn.text}\n\n{extra.text}"
        turn.citation_ids = [*turn.citation_ids, *extra.citation_ids]
    return turn


def other_questions(
    step: Step, text: str, answered: ModelTurn, include_first: bool = False, list_back: bool = True
) -> ModelTurn | None:
    """Other questions in the same message, answered from the documents too. With
    ``include_first`` the first clause is checked as well (the main answer came from the
    documents for the whole message and may have answered only one of its questions)."""
    clauses = split_clauses(text)
    # "ok" before "and how long till it gets here?" is no clause: one question, no other
    if sum(len(c.split()) >= MIN_WORDS for c in clauses) < 2:
        return None
    candidates = clauses if include_first else clauses[1:]
    if step.ctx.intent in _ABOUT_AN_ORDER:  # "…and what it came to?", "did it go through?"
        candidates = [
            c
            for c in candidates
            if not (
                ORDER_DETAILS.search(c)
                or WAS_I_CHARGED.search(c)
                or WENT_THROUGH.search(c)
                or asks_own_next(c)
                or _SHIPPED_YET.search(c)
                or _ARRIVING.search(c)
            )
        ]
    # "…i just want my money back. is that possible?": about the request, which is answered
    candidates = [
        c
        for c in candidates
        if not (THAT_ASKED.search(c) or _NEXT_STEP.search(c) or VERDICT_ASKED.search(c))
        and not (STORE_SAID.search(c) or COMPARED.search(c))  # the comparison is the main answer
    ]
    if step.done.has("get_refund_status"):  # "…did you guys ever refund that?": answered
        candidates = [c for c in candidates if not REFUND_STATUS.search(c)]
    if any(step.done.has(n) for n in _RETURN_CALLS):  # "…can we swap for red?": the return's
        candidates = [
            c
            for c in candidates
            if not (asks_exchange(c) or START.search(c)) or ASKS_WINDOW.search(c)
        ]
    if any(o.ok and o.call.name.startswith("propose_") for o in step.done.outcomes):
        # "…can you just send it every 2 months?": the request just previewed, not a question
        done = {c.text for c in step.ctx.clauses if c.intent is step.ctx.intent}
        # "…can we swap them for medium?": the exchange previewed, whatever its clause was read as
        candidates = [c for c in candidates if c not in done and not asks_exchange(c)]
    # what the main answer says; its aside is one line of another section, not an answer to
    # another question of the message
    said = set(tokenize((answered.text or "").split(f"\n\n{ASIDE_LEAD}", 1)[0]))
    shop = step.ctx.shop
    named = shop.mentions(text)  # one product asked about: a clause naming none asks about it
    focus = step.ctx.state.focus_sku  # "…it said battery 20 percent": the battery of the one
    if focus and named and (its_part(step, named, text) or what_it_is_for(step)):  # in focus
        named = [focus]
    # not "where is it going", a parcel's; "…warranty can fix it?" about the one product named
    asks_about_it = step.ctx.intent in ABOUT_A_PRODUCT | _ABOUT_ITS_PRODUCT or (
        step.ctx.intent is Intent.WARRANTY_CLAIM and bool(_COVER.search(text))
    )  # "…the front is cracked. is that covered under the warranty?": its own terms
    # "where are my smart plugs? …put my heater on one, fine right?": the parcel's product
    parcel = step.ctx.intent in _ABOUT_AN_ORDER
    about = named[0] if len(named) == 1 and asks_about_it else None
    in_parcel = named[0] if len(named) == 1 and parcel else None
    # of several named, "it" in another question is the product the main answer was about
    it = about or (_answered_product(step, answered, named) if asks_about_it else None)
    # "…grind my coffee… how many decibels?": the grinder's; "…i bought it in september, is this
    # covered?": the claim's
    if (
        it is None
        and asks_about_it
        and (focus in named or step.ctx.intent is Intent.WARRANTY_CLAIM)
    ):
        it = focus
    extra = [
        c
        for c in candidates
        if (QUESTION.search(c) or is_asked(text, c) or _ASKED_LAST.search(c))
        and len(c.split()) >= 3
        # "what does that mean?" asks about the rest; "are they ok in the rain?" about "it"
        and len(words := content_words(c)) >= (1 if it and SAME_THING.search(c) else 2)
        and not all(w in said for w in words)  # the main answer already covers it
        and not second_ask.given(c, answered.text or "")  # "…how long do i leave it?": it says
        and not (include_first and it is None and SAME_THING.search(c))  # "will it work…"
    ][:MAX_EXTRA]
    if not extra:
        return None
    # "…and if he hates them can he send them back, what does that cost?": the store's fee
    costs = [c for c in extra if RETURN_WORD.search(c) and asks_cost(c)]
    returns = shop.policy.returns
    # answers from the store's data, before the documents': fee lines, size-chart rows
    parts = [ALSO_LEAD + f for c in costs if (f := fee_line(returns, reason_in(returns, c), None))]
    extra = [c for c in extra if c not in costs]
    cited: list[str] = []  # "…27.2 cm. what size is that on your chart?": the chart's row
    for c, told in _measured(clauses, extra):
        chart = size_chart_answer(step, told, about or it)
        if chart is not None and not chart.is_final:
            return chart  # the chart's rows are searched first
        if chart is not None and chart.text:
            parts.append(ALSO_LEAD + chart.text)
            extra = [e for e in extra if e != c]
            cited += chart.citation_ids
    if not extra:
        return say("\n\n".join(parts), cited) if parts else None
    # "Got a stovetop moka pot for the boat. …how high do I fill it": the statements set the
    # scene of every question of the message; a question unanswered alone is asked in it
    scene = " ".join(statements(text, clauses))
    subs = shop.policy.subscriptions
    program = subs.program_name if subs and subs.program_name else None
    program = program if program and program.lower() in text.lower() else None

    def in_scene(c: str) -> str:
        """ "…white crusty stuff on the plate. how often am i supposed to do this": what the
        statements told is what "this" is."""
        asked = asked_part(c)
        return f"{scene}. {asked}" if scene and asks_about_the_told(asked) else asked

    asked = [  # "…2 q's about the socks: are they wool": the question, about the socks
        (
            c,
            _clause_query(
                shop,
                in_scene(c),
                about or _in_parcel(c, in_parcel) or _it(step, clauses, c, it) or it,
                program,
            ),
        )
        for c in extra
    ]
    missing = [
        search_call(q, sku)
        for _, (q, sku) in asked
        if not step.done.has("search_documents", query=q)
    ]
    if missing:
        return call(*missing)
    answers = [
        (c, sku, answer_from(step, in_scene(c), passages(step, q), sku)) for c, (q, sku) in asked
    ]
    # a question the documents do not answer on its own is searched again in its scene
    handed = step.done.has("escalate_to_human")  # "…What happens now?": the hand-over says
    again = {
        c: f"{scene} {c}"
        for c, sku, a in answers
        if scene and not sku and not handed and not _supported(a)
    }
    missing = [
        search_call(q) for q in again.values() if not step.done.has("search_documents", query=q)
    ]
    if missing:
        return call(*missing)
    for clause, sku, answer in answers:
        if clause in again:
            wider = answer_from(step, clause, passages(step, again[clause]))
            answer = wider if _supported(wider) else answer
        if (
            answer is None
            or not _supported(answer, sku)
            or _another_products(shop, answer, sku)  # the grinder's "quiet mode?": not ANC's
            or not answer.passage.section
            or not answer.text.strip()  # every line of it already said: nothing to add
        ):
            # a document's introduction ("This guide covers…") answers no particular question
            asked_words = {w[:5] for w in tokenize(" ".join(content_words(clause)))}
            unsaid = asked_words - {w[:5] for w in said}
            if list_back and len(unsaid) > COVERED * len(asked_words):
                parts.append(f'You also asked: "{clause}". Could you send that on its own?')
            continue
        own = set(tokenize(" ".join(answer.lines)))
        if len(own - said) <= REPEATED * len(own):
            continue  # the main answer's facts in other words (another document's copy)
        if answer.aside and answer.aside[1] in "\n".join([answered.text or "", *parts]):
            answer = replace(answer, aside=None)  # its aside is a line the reply already shows
        parts.append(answer_text(answer, ALSO_LEAD))
        said |= own
        cited += answer.chunk_ids
    return say("\n\n".join(parts), cited)


def _measured(clauses: list[str], extra: list[str]) -> list[tuple[str, str]]:
    """The questions that give a measurement, or ask about the one told just before ("…she's
    measuring her foot… 27.2 cm. what size is that on your chart?"), with it."""
    found = []
    for c in extra:
        at = clauses.index(c) if c in clauses else -1
        if measurement(c) is not None:
            found.append((c, c))
        elif at > 0 and measurement(told := f"{clauses[at - 1]}. {c}") is not None:
            found.append((c, told))
    return found


def _answered_product(step: Step, answered: ModelTurn, named: list[str]) -> str | None:
    """The named product whose passage the main answer quotes."""
    cited = set(answered.citation_ids)
    for passage in passages(step):
        if passage.chunk_id in cited:
            return next((sku for sku in named if sku in passage.skus), None)
    return None


# a clause about the parcel itself ("what address is it going to?"), not about what is in it
_THE_PARCEL = re.compile(
    r"\b(address|where|who|deliver\w*|arriv\w*|ship\w*|track\w*|order(ed)?|placed)\b", re.I
)


def _in_parcel(clause: str, product: str | None) -> str | None:
    """In a message about an order, the product a clause naming none is about: the one the
    message names, unless the clause asks about the parcel itself."""
    return None if _THE_PARCEL.search(clause) else product


_COVER = re.compile(r"\b(covered|cover|warranty|guarantee)\b", re.I)
_ABOUT_ITS_PRODUCT = frozenset(
    {Intent.WARRANTY_INFO, Intent.EXTENDED_WARRANTY, Intent.WARRANTY_REGISTRATION}
)


def _it(step: Step, clauses: list[str], clause: str, it: str | None) -> str | None:
    """What "it" in ``clause`` is: in a message about products or their warranty, the one
    product the clause just before names ("…the z8 i got in october: can i still add Protect?
    and where's the serial number on it"); else ``it``. A refund's "them" is not asked of a
    product's documents."""
    if not SAME_THING.search(clause):
        return None
    at = clauses.index(clause) if clause in clauses else 0
    if step.ctx.intent in ABOUT_A_PRODUCT | _ABOUT_ITS_PRODUCT and at > 0:
        named = step.ctx.shop.mentions(clauses[at - 1])
        if len(named) == 1:
            return named[0]
    return it


def _supported(answer: Answer | None, sku: str | None = None) -> bool:
    """Enough of the question's words in the answer; fewer in the documents of the one product
    it is about ("…put my shop heater on one, thats fine right?": the plug's heater row)."""
    need = (
        SCOPED_SUPPORTED if sku is not None and answer and sku in answer.passage.skus else SUPPORTED
    )
    return answer is not None and answer.support >= need


def _another_products(shop: ShopView, answer: Answer, sku: str | None) -> bool:
    """The answer to a question about ``sku`` is a passage of other products only, whose lines
    name nothing of ``sku`` (a store-wide fallback's nearest lines, not its answer)."""
    skus = answer.passage.skus
    if sku is None or not skus or sku in skus:
        return False
    return not shop.name_words(sku) & set(tokenize(f"{answer.passage.title} {answer.text}"))


def _clause_query(
    shop: ShopView, clause: str, about: str | None, program: str | None = None
) -> tuple[str, str | None]:
    """One question of several ("…and how long do they last?"): searched in the documents of
    the one product the message names, when the clause names none itself; else store-wide, in
    the subscription ``program`` the message is about ("Before I sign up for your coffee plan…
    If I sign up today, do you take the money today?")."""
    named = shop.mentions(clause)
    if len(named) == 1 and about and _its_part(shop, named[0], about, clause):
        named = []
    if len(named) == 1:  # "how much do the headphones weigh": their documents
        return clause, named[0]
    if about is None and not named and program and program.lower() not in clause.lower():
        return f"{program}: {clause}", None
    if about is None or named:
        return clause, None
    model = shop.model(about)
    return (
        f"{model}: {clause}" if model and model.lower() not in clause.lower() else clause
    ), about


def _its_part(shop: ShopView, named: str, about: str, clause: str) -> bool:
    """ "…and if the battery dies do they still work?" about headphones: "the battery" is
    theirs, not the other brand's battery the catalogue sells."""
    item, mine = shop.item(named), shop.item(about)
    if item is None or mine is None or shop.same_brand(named, about):
        return False
    # "…battery going bad already??": named by its kind alone, not by its brand or model
    own = set(tokenize(f"{item.brand} {item.model}")) - set(tokenize(item.product_type))
    return bool(SAME_THING.search(clause)) or not own & set(tokenize(clause))
