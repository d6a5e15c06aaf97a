"""Handlers for product questions: setup, troubleshooting, manuals, warranty, accessories."""

from __future__ import annotations

import re

from assistant.agent.messages import ModelTurn
from assistant.agent.tools import PassageOut
from assistant.catalog import SERIAL_FORMATS, product
from assistant.commerce.schemas import Preview, WarrantyCoverage
from assistant.intents import Intent
from assistant.planner import fmt
from assistant.planner.common import escalate, passages, source_label, steps_of
from assistant.planner.kit import Step, call, one, say
from assistant.planner.resolve import needs_owned, order_for, owned_products, resolve_sku
from assistant.planner.slots import Slots
from assistant.recommend import Recommendation
from assistant.retrieval.bm25 import tokenize

_STILL = re.compile(
    r"\b(still|again|didn'?t (work|help)|did not (work|help)|doesn'?t work|"
    r"no luck|same problem|not working|nothing happen)",
    re.I,
)


def _which_product(step: Step, slots: Slots) -> tuple[ModelTurn | None, str | None]:
    if needs_owned(step):
        return one("list_owned_products"), None
    sku = resolve_sku(step, slots)
    if sku is None:
        owned = owned_products(step) or []
        names = list(dict.fromkeys(p.name for p in owned))
        hint = f" You have: {', '.join(names[:6])}." if names else ""
        return say(f"Which product is this about?{hint}"), None
    step.ctx.state.focus_sku = sku
    return None, sku


def _search(
    query: str, sku: str, doc_type: str | None = None, k: int = 4
) -> tuple[str, dict[str, object]]:
    args: dict[str, object] = {"query": query, "product_sku": sku, "k": k}
    if doc_type:
        args["doc_type"] = doc_type
    return ("search_documents", args)


_PROBLEM_SECTION = re.compile(
    r"\b(not|no|problem|troubleshoot\w*|won'?t|doesn'?t|can'?t|"
    r"if|error|fix\w*)\b",
    re.I,
)


def _best_with_steps(
    found: list[PassageOut],
    sku: str,
    exclude: set[str],
    *,
    problem: bool | None = None,
    query: str = "",
) -> PassageOut | None:
    """The best passage about ``sku`` for ``query``: numbered steps, a section title that
    matches the question, and the search's own rank. ``problem`` picks how-to sections (False)
    or what-if-it-fails sections (True). Reset sections are left for the reset step."""
    words = set(tokenize(query))
    best: tuple[float, PassageOut] | None = None
    for rank, p in enumerate(found):
        if sku not in p.skus or p.chunk_id in exclude or "reset" in p.section.lower():
            continue
        if problem is not None and bool(_PROBLEM_SECTION.search(p.section)) is not problem:
            continue
        score = (
            2.0 * len(words & set(tokenize(p.section)))
            + (1.5 if steps_of(p) else 0.0)
            + 1.0 / (1 + rank)
        )
        if best is None or score > best[0]:
            best = (score, p)
    return best[1] if best else None


def help_with_product(step: Step, slots: Slots) -> ModelTurn:
    """setup_help and troubleshooting: the manual's own steps, then the next step to try."""
    previous_focus = step.ctx.state.focus_sku
    pending, sku = _which_product(step, slots)
    if pending is not None or sku is None:
        return pending or say("Which product is this about?")
    state = step.ctx.state
    model = product(sku).model
    follow_up = (
        bool(_STILL.search(step.ctx.text))
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
    queries = [_search(main_q, sku, k=5), _search(reset_q, sku, k=3)]
    if level >= 1:
        queries.append(_search(f"{model} troubleshooting: {problem}", sku, "troubleshooting", 6))
    missing = [q for q in queries if not step.done.has("search_documents", query=q[1]["query"])]
    if missing:
        return call(*missing)
    seen = state.shown_passages
    trouble_q = f"{model} troubleshooting: {problem}"
    ordered = (
        [*passages(step, trouble_q), *passages(step, main_q)] if level else passages(step, main_q)
    )
    unique = {p.chunk_id: p for p in reversed(ordered)}  # first occurrence wins
    found = [unique[i] for i in dict.fromkeys(p.chunk_id for p in ordered) if i not in seen]
    ask = f"{problem} {step.ctx.text}"
    resets = sorted(
        (
            p
            for p in passages(step, reset_q)
            if "reset" in (p.section + p.text).lower() and p.chunk_id not in seen
        ),
        key=lambda p: ("reset" not in p.section.lower(), not steps_of(p)),
    )
    used: set[str] = set()
    parts: list[str] = []
    cited: list[str] = []
    first = _best_with_steps(found, sku, used, problem=level > 0, query=ask) or _best_with_steps(
        found, sku, used, query=ask
    )
    if first is not None:
        lead = f"Here's what the {model} guide says" if level == 0 else "Let's try the next step"
        parts.append(f"{lead} ({source_label(first)}):\n{first.text.strip()}")
        cited.append(first.chunk_id)
        used.add(first.chunk_id)
        state.steps_tried.append(first.section or first.title)
        if level == 0:
            second = _best_with_steps(
                [p for p in found if p.section != first.section], sku, used, problem=True, query=ask
            )
            if second is not None:
                parts.append(
                    f"If that doesn't do it ({source_label(second)}):\n{second.text.strip()}"
                )
                cited.append(second.chunk_id)
                used.add(second.chunk_id)
    reset = next((p for p in resets if p.chunk_id not in used), None)
    if reset is not None:
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
    seen.update(cited)
    text_all = " ".join(parts).lower()
    if "led" in text_all or "light" in text_all:
        parts.append(
            "What is the light on it doing right now (colour, flashing or steady)? "
            "That tells me which step to try next."
        )
    else:
        parts.append("Did that work? If not, tell me what happens and I'll suggest the next step.")
    return say("\n\n".join(parts), cited)


def manual_request(step: Step, slots: Slots) -> ModelTurn:
    pending, sku = _which_product(step, slots)
    if pending is not None or sku is None:
        return pending or say("Which product's manual do you need?")
    model = product(sku).model
    query = f"{model} user manual guide"
    if not step.done.has("search_documents", query=query):
        return call(
            _search(query, sku, "manual", 6),
            _search(f"{model} quick start setup", sku, "setup_guide", 3),
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


def _coverage(step: Step, sku: str) -> tuple[ModelTurn | None, WarrantyCoverage | None]:
    if not step.ctx.state.verified:
        return None, None
    order = order_for(step, sku)
    if order is None:
        return None, None
    outcome = step.done.get("get_warranty_coverage", sku=sku)
    if outcome is None:
        return one("get_warranty_coverage", order_number=order, sku=sku), None
    return None, outcome.value if outcome.ok else None


def _coverage_text(c: WarrantyCoverage) -> str:
    if c.status == "none":
        return f"The {c.product_name} has no hardware warranty."
    start = fmt.short_day(c.starts_on) if c.starts_on else "delivery"
    end = f"{fmt.short_day(c.ends_on)}, {c.ends_on.year}" if c.ends_on else "—"
    text = (
        f"Your {c.product_name} (order #{c.order_number}) has a {c.warranty_months}-month "
        f"warranty from delivery: it runs from {start} to {end}"
        + (
            f" ({c.days_remaining} days left)."
            if c.status == "active"
            else f" (status: {c.status})."
        )
        + "\n\nCovered:\n"
        + fmt.bullets(c.covered)
        + "\n\nNot covered:\n"
        + fmt.bullets(c.not_covered)
    )
    return text


def warranty(step: Step, slots: Slots) -> ModelTurn:
    """warranty_info, warranty_registration and extended_warranty."""
    pending, sku = _which_product(step, slots)
    if pending is not None or sku is None:
        return pending or say("Which product is this about?")
    intent = step.ctx.intent
    model = product(sku).model
    pending, coverage = _coverage(step, sku)
    if pending is not None:
        return pending
    reg_q = "how to register a warranty serial number order number email"
    terms_q = f"{model} warranty what is covered and not covered"
    ext_q = f"{model} Northfield Protect extended warranty"
    wanted: list[tuple[str, str | None]] = [(terms_q, "warranty")]
    if intent is Intent.WARRANTY_REGISTRATION or "regist" in step.ctx.text.lower():
        wanted.append((reg_q, "policy"))
    if intent is Intent.EXTENDED_WARRANTY:
        wanted.append((ext_q, None))
    missing = [(q, t) for q, t in wanted if not step.done.has("search_documents", query=q)]
    if missing:
        return call(*[_search(q, sku, t, 3) for q, t in missing])
    if (
        slots.serial
        and coverage is not None
        and not coverage.registered
        and step.can("propose_warranty_registration")
        and not step.done.has("propose_warranty_registration")
    ):
        return one(
            "propose_warranty_registration",
            order_number=coverage.order_number,
            sku=sku,
            serial_number=slots.serial,
        )
    parts: list[str] = []
    cited: list[str] = []
    if coverage is not None:
        parts.append(_coverage_text(coverage))
    else:
        months = product(sku).warranty_months
        parts.append(
            f"The {product(sku).name} comes with a {months}-month warranty from the delivery date."
            if months
            else f"The {product(sku).name} has no hardware warranty."
        )
    terms = next(
        iter(
            sorted(
                (p for p in passages(step, terms_q) if sku in p.skus),
                key=lambda p: "cover" not in p.section.lower(),
            )
        ),
        None,
    )
    if terms is not None:
        cited.append(terms.chunk_id)
        if coverage is None:
            parts.append(f"From the warranty terms ({source_label(terms)}):\n{terms.text.strip()}")
    if intent is Intent.WARRANTY_REGISTRATION or "regist" in step.ctx.text.lower():
        parts.append(_registration_text(step, sku, coverage))
        reg = next(iter(passages(step, reg_q)), None)
        if reg is not None:
            cited.append(reg.chunk_id)
    if intent is Intent.EXTENDED_WARRANTY:
        parts.append(_extended_text(coverage, sku))
        ext = next((p for p in passages(step, ext_q) if "protect" in p.text.lower()), None)
        if ext is not None:
            cited.append(ext.chunk_id)
    preview = step.done.value("propose_warranty_registration")
    if isinstance(preview, Preview):
        parts.append(f'{preview.summary}\n\nShall I register it? Reply "yes" to confirm.')
    elif step.done.get("propose_warranty_registration") is not None:
        outcome = step.done.get("propose_warranty_registration")
        parts.append(f"I couldn't register it: {outcome.error if outcome else ''}")
    return say("\n\n".join(parts), cited)


def _registration_text(step: Step, sku: str, coverage: WarrantyCoverage | None) -> str:
    customer = step.ctx.state.customer
    serial = SERIAL_FORMATS.get(sku)
    if coverage is not None and coverage.registered:
        return (
            f"It's already registered (registration ID {coverage.registration_id}); "
            "nothing more to do."
        )
    if serial is None:
        return (
            "This product has no serial number to register: your order is your proof of "
            "purchase, so you're covered without registering."
        )
    where = serial[1]
    order = coverage.order_number if coverage else "your order number"
    email = customer.email if customer else "the email on your order"
    return (
        "How to register (optional for the standard warranty, but it speeds up claims and "
        "is required before buying Northfield Protect), within 60 days of delivery:\n"
        f"1. Find the serial number {where}.\n"
        f"2. Register here in chat, or at northfield.example/warranty, with order number "
        f"#{order} and the email {email}.\n"
        "3. You'll get a confirmation email with your registration ID (WR- followed by 6 "
        "digits).\n"
        "If you send me the serial number now, I'll register it for you."
    )


def _extended_text(coverage: WarrantyCoverage | None, sku: str) -> str:
    offer = coverage.extended_warranty if coverage is not None else None
    if offer is None:
        from assistant.catalog import EXTENDED_WARRANTY

        if sku not in EXTENDED_WARRANTY:
            return f"Northfield Protect isn't offered for the {product(sku).model}."
        months, price = EXTENDED_WARRANTY[sku]
        return (
            f"Northfield Protect adds {months} months of coverage for {fmt.money(price)}; "
            "it must be bought within 60 days of delivery and needs warranty registration."
        )
    if not offer.available:
        return (
            "Northfield Protect can only be bought within 60 days of delivery, and that "
            f"window closed on {fmt.short_day(offer.buy_by)}."
        )
    return (
        f"Northfield Protect adds {offer.extra_months} months for {fmt.money(offer.price)}, "
        f"including one accidental-damage claim; you can buy it until "
        f"{fmt.short_day(offer.buy_by)} (warranty registration is required first)."
    )


def warranty_claim(step: Step, slots: Slots) -> ModelTurn:
    pending, sku = _which_product(step, slots)
    if pending is not None or sku is None:
        return pending or say("Which product do you think is defective?")
    pending, coverage = _coverage(step, sku)
    if pending is not None:
        return pending
    model = product(sku).model
    state = step.ctx.state
    covered = (
        f"Its warranty is {coverage.status} until {fmt.short_day(coverage.ends_on)}"
        if coverage is not None and coverage.ends_on
        else ""
    )
    summary = (
        f"Warranty claim for {model}"
        + (f" (order #{coverage.order_number}; {covered})" if coverage else "")
        + f". Customer reports: {step.ctx.text}. Steps tried: "
        + ("; ".join(state.steps_tried[-4:]) or "none yet")
    )
    return escalate(step, "warranty_claim", summary)


def accessories(step: Step, slots: Slots) -> ModelTurn:
    pending, sku = _which_product(step, slots)
    if pending is not None or sku is None:
        return pending or say("Which product would you like accessories for?")
    model = product(sku).model
    query = f"accessories compatible with {model}"
    if not step.done.has("recommend_accessories_for"):
        return call(
            ("recommend_accessories_for", {"sku": sku}), _search(query, sku, "compatibility", 3)
        )
    recs: list[Recommendation] = step.done.value("recommend_accessories_for") or []
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
    text = (
        f"{opener}These accessories work with your {model}, most popular first:\n"
        + fmt.bullets(lines)
        + "\n\nWould you like more detail on any of them?"
    )
    return say(text, [sheet.chunk_id] if sheet else [])
