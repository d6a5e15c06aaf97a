"""A product question's answer as the customer reads it: the lines picked from the passage,
cited; a verdict on a value the customer told ("…at 40%": below the minimum); the catalogue's
price when a part for sale is asked about; and, when a verified customer asks whether their
fault is covered ("is that just what batteries do or is it covered?", "I have had it since
last March" beside a line saying seam leaks are covered), their own item's warranty dates."""

from __future__ import annotations

import re

from assistant.agent.messages import ModelTurn
from assistant.planner.answers import Answer
from assistant.planner.common import source_label
from assistant.planner.for_sale import price_lines
from assistant.planner.kit import Step, say
from assistant.planner.limits import verdict
from assistant.planner.not_sold import not_sold_line
from assistant.planner.own_warranty import coverage_sentence, owners_coverage
from assistant.planner.reset_pointer import pointed_reset, pointed_section
from assistant.planner.warranty_each import other_coverages

ASIDE_LEAD = "This may help too: "  # an answer's aside line, from another section

# "is it covered?", "still under warranty", "would the guarantee cover that"
_COVER_ASKED = re.compile(
    r"\b(covered|cover (it|that|this|them)|under (the |my )?(warranty|guarantee)|"
    r"warranty (cover|claim|repair)\w*|(is|would|does) (it|that|this) (be )?(a )?warranty|"
    # "sono ancora in garanzia??" glossed "are still in warranty", "hasta cuando tengo garantía"
    r"still in (the )?warranty|until when (do )?(i|we) (still )?have (the )?warranty)\b",
    re.I,
)
# "I have had it since last March", "got them last may": when the item came, told
_HAD_SINCE = re.compile(
    r"\b(had (it|them|this|these|mine)|bought (it|them)|got (it|them))\b[^.?!]{0,20}"
    r"\b(since|last|in|ago|for)\b",
    re.I,
)


def answer_text(answer: Answer, lead: str = "") -> str:
    where = source_label(answer.passage)
    body = answer.text.strip()
    text = f"{lead}{body}\n\n(From {where}.)"
    if answer.aside is not None:
        other, line = answer.aside
        text += f"\n\n{ASIDE_LEAD}{line}\n\n(From {source_label(other)}.)"
    return text


def answered(step: Step, answer: Answer) -> ModelTurn:
    """The answer, cited; its heading is the topic a follow-up continues."""
    step.ctx.state.topic = answer.passage.section.rsplit(" > ", 1)[-1] or answer.passage.title
    own = own_cover(step, answer.text)
    if isinstance(own, ModelTurn):
        return own
    sold = price_lines(step, answer.text)  # "do you sell new ones?": the catalogue's price
    unsold = None if sold else not_sold_line(step)  # "where do i get one of those cards?"
    if isinstance(unsold, ModelTurn):
        return unsold
    not_ours, not_ours_cited = unsold or ("", None)
    if not_ours_cited in answer.chunk_ids:  # the answer quotes that row already
        not_ours, not_ours_cited = "", None
    told = verdict(step.ctx.text, answer.lines)  # "…at 40%": below the 50% minimum
    lead = f"{told}\n\n" if told else ""
    reset = pointed_reset(step, answer)  # "if you changed the password, reset the plug": how
    if isinstance(reset, ModelTurn):
        return reset
    if reset is None:  # "use the heel lock (see Lacing techniques)": what it points to
        reset = pointed_section(step, answer)
        if isinstance(reset, ModelTurn):
            return reset
    how, cited = reset if reset is not None else ("", None)
    if how and not how.startswith("How to reset"):  # "and how long does that take": the
        step.ctx.state.topic = re.sub(r"^\d+\.\s*", "", how.split(" (", 1)[0])  # section shown
    extra = "".join(f"\n\n{line}" for line in (sold, not_ours, own, how) if line)
    more = [c for c in (cited, not_ours_cited) if c]
    return say(answer_text(answer, lead) + extra, [*answer.chunk_ids, *more])


def own_cover(step: Step, answer: str) -> ModelTurn | str:
    """The customer's own item's warranty dates when they ask whether it is covered (or tell
    when they got it beside a line about the warranty); "" when not asked, not verified or not
    theirs; the call that tells it when not looked up yet."""
    state, text = step.ctx.state, step.ctx.text
    sku = state.focus_sku
    asked = _COVER_ASKED.search(text) or (
        _HAD_SINCE.search(text) and re.search(r"\bwarrant", answer, re.I)
    )
    if not asked or sku is None:
        return ""
    pending, cover = owners_coverage(step, sku)
    if pending is None:  # "are they both still under warranty?": each one named
        pending, each = other_coverages(step, step.ctx.shop.mentions(text), sku)
    if pending is not None:
        return pending
    return " ".join([coverage_sentence(cover), *each]).strip()
