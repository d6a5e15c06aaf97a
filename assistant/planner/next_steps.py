"""The steps of the fix just shown that are left to try, when the customer tried some of them
and the fault is still there.

"balance is dead center and mono is off. equalizer was already on balanced too. still quieter
on the right" after seven numbered steps: steps 1–3 are done (their words, told as done), so
the answer is steps 4–7, not the same seven again. "restarted the router twice, still drops
off… its plugged into the usb port on the back of the tv" after "1. … restart the router…
2. … TV and computer USB ports may not supply enough power": step 1 was done, and what the
customer tells now is step 2's case, so the answer starts there. A step left that sends to
another part of the guide ("descale the kettle (section 7)") brings that part's steps too.

Which step was done is read from words, not from numbers: the words a step shares with one
sentence of the message, less the words of the fault the customer told before; the sentence
says it was done ("already", "tried", "restarted…") or tells a detail (then that step is the
first one left). Nothing is answered when no step is matched, when the customer asks for a
remedy (a claim is handled as one), or when only "contact support" is left.
"""

from __future__ import annotations

import re

from assistant.agent.messages import ModelTurn
from assistant.agent.tools import PassageOut
from assistant.intents import Intent
from assistant.planner.common import passages, source_label, steps_of
from assistant.planner.doc_handover import SENDS_TO_SUPPORT
from assistant.planner.kit import Step, call, say
from assistant.planner.persists import CLAIMS, PERSISTS, TRIED
from assistant.planner.products import search_call
from assistant.planner.request_kinds import ABOUT_A_PRODUCT
from assistant.planner.sections import whole_section
from assistant.retrieval.bm25 import tokenize

_STEP = re.compile(r"^(\d{1,2})\.\s+\S")
_NUMBER = re.compile(r"^\d+\.\s*")
# "… and mono is off", "… and rebooted the router": the second half tells another step
_AND = re.compile(
    r"\s+and\s+(?=\w+ (?:is|are|was|were)\b|(?:(?:i|we|then|also) )?(?:\w{3,}ed|did|tried)\b)", re.I
)
_MIN_STEPS = 3
MOST_DONE = 3  # steps told done from which one passed over on the way is not sent back to
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|,\s+", re.I)
# "did literally all of that", "tried everything": every step done, the claim's path
_ALL_DONE = re.compile(
    r"\b(did|done|tried|followed)\b.{0,15}\b(all|everything|every step|each step)\b", re.I
)
# "cleaned the mesh", "clicked the pads back on": a step told done in the past tense
_PAST = re.compile(r"^\W*((i|we|also|and|then|even|ok)\s+)*\w{3,}ed\b", re.I)
# told as done or as the state a step asks for: "already", "mono is off", "is dead center"
_DONE = re.compile(
    r"\b(already|is off|are off|turned (it |them )?off|set to|is (dead )?cent(er|re)d?|"
    r"(is|are) in the (middle|cent(er|re)))\b",
    re.I,
)
# words that say which step in any guide ("check", "make sure"), not what it is about
_PLAIN = frozenset(
    tokenize(
        "still again time times try tried work works working check make sure turn back next "
        "side thing stuff way matter matters really just also even every keep keeps like"
    )
)
# "(section 7)", "(see Cleaning the burrs, steps 1–6)": another part of the guide
_POINTS = re.compile(r"\((see [^)]+|section \d+(\.\d+)?)\)", re.I)
_LEAD = "Since you've done the first steps, here's what's left"


_PLAIN_STEMS = frozenset(w[:4] for w in _PLAIN)


def _stems(text: str) -> set[str]:
    return {w[:4] for w in tokenize(text) if len(w) > 2 and not w.isdigit()} - _PLAIN_STEMS


def shown_steps(reply: str) -> list[str]:
    """The numbered steps of the first list in ``reply``."""
    found: list[str] = []
    for raw in reply.splitlines():
        line = raw.strip()
        if _STEP.match(line):
            found.append(line)
        elif found and (not line or line.startswith("(From")):
            break
    return found


def steps_left(steps: list[str], text: str, told_before: str) -> list[int] | None:
    """The indexes of the steps left to try, or None when the message says no step was done.
    Each sentence (or half of one joined by "and") is about the step it shares most words
    with (the first of equals); a step told as done is left out, and the first step whose case
    is told is where the rest starts ("…plugged into the tv's usb port": that step on)."""
    fault = _stems(told_before)
    own = [_stems(_NUMBER.sub("", s)) for s in steps]
    done: set[int] = set()
    cases: list[int] = []
    for sentence in _SENTENCE.split(text):
        for part in _AND.split(sentence or ""):
            said = _stems(part) - fault
            if len(part.split()) < 2 or not said:
                continue
            shared = [len(said & words) for words in own]
            if not max(shared):
                continue
            at = shared.index(max(shared))
            if TRIED.search(part) or _DONE.search(part) or _PAST.search(part):
                done.add(at)
            else:
                cases.append(at)
    if not done:
        return None  # a new symptom told, no step said done: not this
    start = min(cases, default=0)
    # most of the fix gone through and still failing: a step passed over on the way is not
    # sent back to (a person, not one overlooked step, is what is left)
    passed = max(done) if len(done) >= MOST_DONE else -1
    return [i for i in range(start, len(steps)) if i not in done and (i > passed or i in cases)]


def remaining(step: Step) -> ModelTurn | None:
    """The steps of the last reply left to try, with the part of the guide the first of them
    points to; None when the message is not such a report."""
    state, text = step.ctx.state, step.ctx.text
    if (
        state.active_intent not in ABOUT_A_PRODUCT | {Intent.WARRANTY_CLAIM}
        or state.focus_sku is None
        or not state.replies
        or "?" in text
        or not PERSISTS.search(text)
        or CLAIMS.search(text)
        or _ALL_DONE.search(text)
    ):
        return None
    steps = shown_steps(state.replies[-1])
    if len(steps) < _MIN_STEPS:
        return None
    todo = steps_left(steps, text, " ".join(state.asked[:-1][-2:]))
    if todo is None or todo == list(range(len(steps))):
        return None  # nothing passed: the same steps again would help no one
    left = [steps[i] for i in todo]
    if not left or all(SENDS_TO_SUPPORT.search(s) for s in left):
        return None  # only "contact support" is left: the claim's own path
    query = left[0]
    sku = state.focus_sku
    points = _POINTS.search(left[0])
    pointed_q = None
    if points is not None:  # "…, descale the kettle (section 7)": what to do, searched
        doing = left[0][: points.start()].rsplit(",", 1)[-1]
        model = step.ctx.shop.model(sku) or sku
        pointed_q = f"{model}: {_NUMBER.sub('', doing).strip()}"
    wanted = [q for q in (query, pointed_q) if q and not step.done.has("search_documents", query=q)]
    if wanted:
        return call(*(search_call(q, sku, k=3) for q in wanted))
    body = _NUMBER.sub("", query)
    shown = next((p for p in passages(step, query) if body[:60] in p.text), None)
    if shown is None:
        return None
    parts = [f"{_LEAD} ({source_label(shown)}):\n" + "\n".join(left)]
    cited = [shown.chunk_id]
    if pointed_q is not None and points is not None:
        how = _pointed(passages(step, pointed_q), points.group(1), shown.section)
        if how is not None and not steps_of(how):  # its steps are in its other chunks
            section_q = f"{step.ctx.shop.model(sku) or sku}: {how.section}"
            if not step.done.has("search_documents", query=section_q):
                return call(search_call(section_q, sku, k=6))
            how = whole_section(how, passages(step, section_q))
        if how is not None:
            parts.append(f"How to do that ({source_label(how)}):\n{how.text.strip()}")
            cited.append(how.chunk_id)
            state.shown_passages.add(how.chunk_id)
    parts.append("Tell me how it goes; if it's still not right after these, I'll pass it on.")
    return say("\n\n".join(parts), cited)


def _pointed(found: list[PassageOut], pointer: str, shown: str) -> PassageOut | None:
    """The part of the guide a step points to: "section 7" is the section numbered 7; "see
    Cleaning the burrs" the one with that heading; else the first other section with steps."""
    others = [p for p in found if p.section != shown]
    number = re.search(r"section (\d+(\.\d+)?)", pointer, re.I)
    if number is not None:
        n = number.group(1)
        return next(
            (
                p
                for p in others
                if any(h.strip().startswith((f"{n}. ", f"{n} ")) for h in p.section.split(" > "))
            ),
            None,
        )
    others = [p for p in others if steps_of(p)]
    named = _stems(pointer)
    return next((p for p in others if named & _stems(p.section)), next(iter(others), None))
