"""Handlers for product questions: setup, troubleshooting, manuals, warranty, accessories."""

from __future__ import annotations

import re

from assistant.agent.messages import ModelTurn
from assistant.agent.tools import PassageOut
from assistant.intents import Intent
from assistant.planner import fmt
from assistant.planner.answers import PROBLEM
from assistant.planner.code_search import code_query
from assistant.planner.common import escalate, passages, shown_text, source_label, steps_of
from assistant.planner.headings import own_sections_first
from assistant.planner.kit import Step, call, one, say
from assistant.planner.measures import measurement
from assistant.planner.question_words import content_words, identifiers, shown_words
from assistant.planner.resolve import documents_say_which, needs_owned, owned_products, resolve_sku
from assistant.planner.sections import (
    HOW_DO_THAT,
    HOW_TO_RESET,
    RESET,
    STILL,
    best_with_steps,
    direct_line,
    fix_section,
    mid_procedure,
    names_quoted_code,
    naming_the_feature,
    pointed_at,
    pointed_code,
    procedure_of,
    whole_section,
)
from assistant.planner.slots import Slots
from assistant.planner.told_lines import (
    LIGHT_ASKED,
    LIGHT_QUESTION,
    light_query,
    mentions_a_light,
    told_reply,
)
from assistant.planner.told_sounds import light_fix, signal_line
from assistant.recommend import Recommendation
from assistant.retrieval.bm25 import tokenize

_NOT_HOW_TO = frozenset({"warranty", "policy"})


def which_product(
    step: Step, slots: Slots, by_documents: bool = False
) -> tuple[ModelTurn | None, str | None]:
    """The product asked about, or the question to ask. ``by_documents``: of several products
    named (none owned), the one whose documents answer the message best."""
    if needs_owned(step):
        return one("list_owned_products"), None
    sku = resolve_sku(step, slots)
    if by_documents:
        pending, sku = documents_say_which(step, slots, sku)
        if pending is not None:
            return pending, None
    if sku is None:
        owned = owned_products(step) or []
        names = list(dict.fromkeys(p.name for p in owned))
        hint = f" You have: {', '.join(names[:6])}." if names else ""
        return say(f"Which product is this about?{hint}"), None
    step.ctx.state.focus_sku = sku
    return None, sku


def search_call(
    query: str, sku: str, doc_type: str | None = None, k: int = 4
) -> tuple[str, dict[str, object]]:
    args: dict[str, object] = {"query": query, "product_sku": sku, "k": k}
    if doc_type:
        args["doc_type"] = doc_type
    return ("search_documents", args)


def help_with_product(step: Step, slots: Slots) -> ModelTurn:
    """setup_help and troubleshooting: the manual's own steps, then the next step to try."""
    previous_focus = step.ctx.state.focus_sku
    pending, sku = which_product(step, slots, by_documents=True)
    if pending is not None or sku is None:
        return pending or say("Which product is this about?")
    state = step.ctx.state
    model = step.ctx.shop.model(sku) or sku
    from assistant.planner.hazard import danger_first  # it builds on this module's search

    danger = danger_first(step, sku, model)
    if danger is not None:  # "it smells like burnt plastic": what to do now, then a person
        return danger
    follow_up = (
        bool(STILL.search(step.ctx.text))
        and state.active_intent in (Intent.SETUP_HELP, Intent.TROUBLESHOOTING)
        and previous_focus in (None, sku)
    )
    if f"level:{sku}" not in step.ctx.notes:  # once per turn, however many steps it takes
        step.ctx.notes.append(f"level:{sku}")
        if follow_up:
            state.troubleshooting_level[sku] = state.troubleshooting_level.get(sku, 0) + 1
    level = state.troubleshooting_level.get(sku, 0)
    if level >= 2:
        tried = "; ".join(state.steps_tried[-4:]) or "documented troubleshooting"
        return escalate(
            step,
            "defect_persists",
            f"{model}: the problem persists after the documented troubleshooting "
            f"({tried}). Customer: {step.ctx.text}",
        )
    problem = state.problem_text.setdefault(sku, step.ctx.text) if level else step.ctx.text
    if level == 0:
        state.problem_text[sku] = step.ctx.text
    main_q = f"{model}: {problem}"
    reset_q = f"{model} factory reset"
    queries = [search_call(main_q, sku, k=5), search_call(reset_q, sku, k=3)]
    if level >= 1:
        queries.append(
            search_call(f"{model} troubleshooting: {problem}", sku, "troubleshooting", 6)
        )
    code_q = code_query(step, sku, main_q, shown=True)
    if code_q is not None:  # "E3": the section about that code, when the search missed it
        queries.append(search_call(code_q, sku, k=3))
    light_q = light_query(step.ctx.text, model) if level == 0 else None
    if light_q is not None:  # "…has been orange for about an hour": what that light means
        queries.append(search_call(light_q, sku, k=4))
    missing = [q for q in queries if not step.done.has("search_documents", query=q[1]["query"])]
    if missing:
        return call(*missing)
    seen = state.shown_passages
    trouble_q = f"{model} troubleshooting: {problem}"
    ordered = (
        [*passages(step, trouble_q), *passages(step, main_q)] if level else passages(step, main_q)
    )
    if code_q is not None:
        ordered = [*passages(step, code_q), *ordered]
    unique = {p.chunk_id: p for p in reversed(ordered)}  # first occurrence wins
    quoted = shown_words(step.ctx.text) | identifiers(step.ctx.text)
    again = level == 0 and bool(HOW_DO_THAT.search(step.ctx.text))  # "…how do i do that"
    found = [  # a section shown before stays when it names the code quoted now ("…says HOT")
        unique[i]
        for i in dict.fromkeys(p.chunk_id for p in ordered)
        if again
        or i not in seen
        or quoted & (shown_words(unique[i].text) | identifiers(unique[i].text))
    ]
    found = own_sections_first(step.ctx.shop, found, step.ctx.text, sku)
    ask = f"{problem} {step.ctx.text}"
    any_reset = sorted(
        (
            p
            for p in passages(step, reset_q)
            if "reset" in (p.section + p.text).lower()
            and p.doc_type not in _NOT_HOW_TO  # a claim page says "try a reset first"
        ),
        key=lambda p: ("reset" not in p.section.lower(), not steps_of(p)),
    )
    resets = [p for p in any_reset if p.chunk_id not in seen]
    if previous_focus == sku and state.active_intent in (Intent.SETUP_HELP, Intent.TROUBLESHOOTING):
        told = told_reply(step, sku, model, seen, list(unique.values()), any_reset)
        if told is not None:  # "now it has no light", "it comes back after a few shots"
            return told
    used: set[str] = set()
    parts: list[str] = []
    cited: list[str] = []
    symptom = step.ctx.intent is Intent.TROUBLESHOOTING and bool(PROBLEM.search(step.ctx.text))
    # a how-to ("how do I descale it?") gets its procedure; fixes and resets are for faults
    trouble = level > 0 or step.ctx.intent is Intent.TROUBLESHOOTING or bool(PROBLEM.search(ask))
    # "how do I reset it?", also with a fault told ("it's offline, how do I reset it?") and
    # after the reset was shown ("ok how do I do the reset then"): the reset procedure
    asks_reset = bool(HOW_TO_RESET.search(step.ctx.text))
    how = next(iter(any_reset if asks_reset else resets), None)
    if (asks_reset or not trouble) and RESET.search(step.ctx.text) and how is not None:
        state.shown_passages.add(how.chunk_id)
        return say(
            f"Here's how to reset it ({source_label(how)}):\n{how.text.strip()}\n\n"
            "Tell me if anything doesn't go as described.",
            [how.chunk_id],
        )
    shop = step.ctx.shop
    context = frozenset().union(
        *(shop.name_words(s) for s in shop.mentions(ask) if s != sku)
    ) - shop.name_words(sku)
    first = best_with_steps(
        found, sku, used, problem=level > 0 or symptom, query=ask, context=context
    ) or best_with_steps(found, sku, used, query=ask, context=context)
    first = naming_the_feature(first, found, sku, step.ctx.text, model)  # "LDAC… turn it on?"
    if first is not None and (mid_procedure(first.text) or not steps_of(first)):
        # the section's steps (or its first steps) are in another chunk of it
        section_q = f"{model}: {first.section}"
        if not step.done.has("search_documents", query=section_q):
            return call(search_call(section_q, sku, k=6))
        first = whole_section(first, [*passages(step, section_q), *found])
    elif first is not None:  # "…When the card is full, the oldest…" after its steps: found too
        first = whole_section(first, found)
    main = [p for p in passages(step, main_q) if p.chunk_id not in seen]  # its own line scores
    main += [p for p in passages(step, light_q) if p.chunk_id not in seen] if light_q else []
    main = own_sections_first(shop, main, step.ctx.text, sku)  # the remote's lamp, not a battery's
    named = first is not None and names_quoted_code(step.ctx.text, first.section, model)  # "…E3"
    direct = signal = None
    if first is not None and not (level or named):  # the line that answers the symptom, else
        flashing = light_q is not None and "flashing" in light_q  # a light told as a fault
        direct = direct_line(main, first, sku, ask)
        if direct is None or flashing:  # the light told ("…blinking orange"), when usable
            signal = signal_line(main, first.text, sku, step.ctx.text)
        model_told = identifiers(direct.text) & quoted if direct else set()  # "…my BP-F1s…"
        asks_it = LIGHT_ASKED.search(step.ctx.text) and not model_told  # "…red, what's that mean"
        if direct is None or (flashing and signal and (asks_it or direct.doc_type in _NOT_HOW_TO)):
            direct = signal  # the light's own line; over a claim page's line
        elif trouble and direct.doc_type in _NOT_HOW_TO:  # "Before you claim, try the fixes…":
            direct = None  # a claim page's line fixes nothing
        fixed = light_fix([*main, *found], step.ctx.text) if flashing and signal else None
        if fixed is not None and fixed.section != first.section:  # "…flashing orange": the
            first = fixed  # fix with a step for that light
    fix = next((p for p in main if p.chunk_id == direct.chunk_id), None) if direct else None
    if fix is not None and trouble and fix_section(fix):  # the line is a step of the very fix
        first, direct = fix, None
    procedure = None  # "…left it on all night plugged in": the line says why, its section how
    why = direct if trouble and direct is not signal else None  # not the light's own line
    if why and why.doc_type not in _NOT_HOW_TO and first and why.section != first.section:
        how_q = f"{model}: {why.section}"
        if not step.done.has("search_documents", query=how_q):
            return call(search_call(how_q, sku, k=6))
        procedure = procedure_of(why, [*passages(step, how_q), *main, *found])
    code = pointed_code(first.text, first.section) if first is not None and not level else None
    pointed = None
    if code is not None:  # "…follow the E3 steps": the E3 section is the next fix
        ref_q = f"{code} error"
        if not step.done.has("search_documents", query=ref_q):
            return call(search_call(ref_q, sku, k=3))
        pointed = next((p for p in passages(step, ref_q) if pointed_at(p, code)), None)
    if direct is not None:  # the line that answers the symptom, then the section's fix
        parts.append(f"The {model} guide says ({source_label(direct)}):\n{direct.text.strip()}")
        cited.append(direct.chunk_id)
        used.add(direct.chunk_id)
    if procedure is not None:
        parts.append(f"How to do it ({source_label(procedure)}):\n{shown_text(procedure.text)}")
        cited.append(procedure.chunk_id)
        used.add(procedure.chunk_id)
    if first is not None:
        lead = f"Here's what the {model} guide says" if level == 0 else "Let's try the next step"
        if direct is not None:
            lead = "If that's not it, the guide's fix"
        parts.append(f"{lead} ({source_label(first)}):\n{shown_text(first.text)}")
        cited.append(first.chunk_id)
        used.add(first.chunk_id)
        state.steps_tried.append(first.section or first.title)
        others = [p for p in found if p.section != first.section]
        if level == 0 and not trouble:  # a how-to: another section its heading says is asked
            asked = set(tokenize(ask)) - context - shop.name_words(sku)
            others = [p for p in others if asked & set(tokenize(p.section.rsplit(" > ")[-1]))]
        second = pointed or (
            best_with_steps(others, sku, used, problem=trouble or None, query=ask, context=context)
            if level == 0 and not named
            else None
        )
        if second is not None:
            lead = "If that doesn't do it" if trouble else "Also"
            parts.append(f"{lead} ({source_label(second)}):\n{shown_text(second.text)}")
            cited.append(second.chunk_id)
            used.add(second.chunk_id)
    reset = next((p for p in resets if p.chunk_id not in used), None) if trouble else None
    if reset is not None and level == 0 and len(parts) >= 2 and not RESET.search(" ".join(parts)):
        # two fixes shown already, neither saying to reset: the reset is named, and given when
        # asked for or when the fixes did not work
        parts.append(
            f"If none of that works, tell me and I'll take you through a reset "
            f"({source_label(reset)}): it usually fixes it."
        )
    elif reset is not None:
        lead = "Still not working? A reset usually fixes it" if level == 0 else "If not, reset it"
        parts.append(f"{lead} ({source_label(reset)}):\n{reset.text.strip()}")
        cited.append(reset.chunk_id)
        if level >= 1:
            state.steps_tried.append(reset.section or "reset")
    if not parts:
        if level >= 1:
            return escalate(
                step,
                "defect_persists",
                f"{model}: still not working after the documented steps "
                f"({'; '.join(state.steps_tried[-4:])}). Customer: {step.ctx.text}",
            )
        return say(
            f"I couldn't find instructions for that in the {model} documents. Could you "
            "describe what you're trying to do, or what happens?"
        )
    if trouble and first is not None:  # the guide says "contact support" for this very case
        from assistant.planner.doc_handover import docs_send_to_support, sends_to_support
        from assistant.planner.questions import naming_words

        sentence = sends_to_support(
            first.text, step.ctx.text, naming_words(step, step.ctx.text, sku)
        )
        if sentence is not None:  # shown once the hand-over is made (asked again after it)
            handed = docs_send_to_support(step, parts[0], cited[:1], sentence)
            seen.update(cited if handed.is_final else ())
            return handed
    seen.update(cited)
    if not trouble:
        parts.append("Tell me if anything doesn't go as described.")
    elif mentions_a_light(" ".join(parts)):  # not "slightly", "installed"
        parts.append(f"{LIGHT_QUESTION} That tells me which step to try next.")
    else:
        parts.append("Did that work? If not, tell me what happens and I'll suggest the next step.")
    return say("\n\n".join(parts), cited)


def manual_request(step: Step, slots: Slots) -> ModelTurn:
    pending, sku = which_product(step, slots)
    if pending is not None or sku is None:
        return pending or say("Which product's manual do you need?")
    model = step.ctx.shop.model(sku) or sku
    query = f"{model} user manual guide"
    if not step.done.has("search_documents", query=query):
        return call(
            search_call(query, sku, "manual", 6),
            search_call(f"{model} quick start setup", sku, "setup_guide", 3),
        )
    docs: dict[str, PassageOut] = {}
    for p in passages(step):
        if sku in p.skus:
            docs.setdefault(p.source, p)
    if not docs:
        return say(f"I couldn't find a manual for the {model} in our documents.")
    lines = [f"{p.title} — {p.source}" for p in docs.values()]
    return say(
        f"Here are the {model} documents (open them from the links):\n" + fmt.bullets(lines),
        [p.chunk_id for p in docs.values()],
    )


# Words of asking for accessories in general (language, not store data).
_SHOPPING_WORDS = frozenset(
    tokenize(
        "accessory accessories sell sells buy get recommend suggest replacement replace spare "
        "extra compatible compatibility work works fit fits use own need good best other else "
        "carry have stock any something anything new"
    )
)


_YES_NO_ASK = re.compile(
    r"(^|[.?!,]\s*|\b(and|or|but|so)\s+)(do|does|can|could|will|would|is|are) (you|i|it|they|"
    r"these|those|we)\b",
    re.I,
)


def _asks_for_something_else(step: Step, sku: str, recs: list[Recommendation]) -> bool:
    """The customer names a kind of thing (insoles, a tripod) that none of the recommended
    accessories is: the documents answer it, not the shopping list."""
    if not _YES_NO_ASK.search(step.ctx.text):
        return False  # "what accessories go with it?" asks for the list
    naming = step.ctx.shop.name_words(sku)
    asked = [w for w in content_words(step.ctx.text) if w not in naming | _SHOPPING_WORDS]
    if not asked:
        return False
    offered = {t[:4] for r in recs for t in tokenize(f"{r.name} {r.why}") if len(t) > 2}
    return not any(w[:4] in offered for w in asked)


def accessories(step: Step, slots: Slots) -> ModelTurn:
    pending, sku = which_product(step, slots)
    if pending is not None or sku is None:
        return pending or say("Which product would you like accessories for?")
    model = step.ctx.shop.model(sku) or sku
    query = f"accessories compatible with {model}"
    if not step.done.has("recommend_accessories_for"):
        return call(
            ("recommend_accessories_for", {"sku": sku}), search_call(query, sku, "compatibility", 3)
        )
    recs: list[Recommendation] = step.done.value("recommend_accessories_for") or []
    if _asks_for_something_else(step, sku, recs) or measurement(step.ctx.text) is not None:
        # "do you sell replacement insoles?", "which sock size goes with a women's 10?"
        from assistant.planner.questions import product_question

        return product_question(step, slots)
    if not recs:
        return say(f"I don't have accessories listed for the {model} that you don't already own.")
    lines = []
    for r in recs:
        share = (
            f" {round(r.share * 100)}% of {model} owners bought one." if r.share is not None else ""
        )
        lines.append(f"**{r.name}** — {fmt.money(r.price)}. {r.why}{share}")
    sheet = next(iter(passages(step, query)), None)
    opener = (
        "Glad you're enjoying it! "
        if re.search(r"\b(love|enjoy|great|awesome)\b", step.ctx.text, re.I)
        else ""
    )
    owns = any(p.sku == sku for p in owned_products(step) or [])
    whose = "your" if owns else "the"
    text = (
        f"{opener}These accessories work with {whose} {model}, most popular first:\n"
        + fmt.bullets(lines)
        + "\n\nWould you like more detail on any of them?"
    )
    return say(text, [sheet.chunk_id] if sheet else [])
