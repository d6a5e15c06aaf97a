"""A case asked right after a reply of steps ("ok what if its still there next wed"): the one
line of that reply whose condition is that case, cited from its passage."""

from __future__ import annotations

import re
from itertools import pairwise

from assistant.agent.messages import ModelTurn
from assistant.intents import Intent
from assistant.planner.common import passages, source_label
from assistant.planner.kit import Step, call, say
from assistant.planner.told_lines import condition, fitting

# "ok what if its still there next wed", "and if it's not back by then?": a case asked about
_WHAT_IF_CASE = re.compile(
    r"^\W*((ok(ay)?|k|and|so|but|hm+|alright|right)\W+)*(what|and) if\b|"
    r"^\W*((ok(ay)?|k|and|so|but)\W+)*if (it|its|it'?s|they|theyre|they'?re|that|the)\b",
    re.I,
)
_WHAT_IF_MAX_WORDS = 12
# words that say nothing alone; two of them in a row still may ("still there")
_GLUE = frozenset("a an the it its is if i to of and or in on my what be that this".split())
# the topics whose fixes read the customer's next message themselves (``told_reply``)
_OWN_READING = frozenset({Intent.TROUBLESHOOTING, Intent.SETUP_HELP, Intent.WARRANTY_CLAIM})


def _bigrams(text: str, skip: bool = False) -> set[tuple[str, str]]:
    """Pairs of words in a row; with ``skip``, also pairs one word apart ("still sitting
    there" says "still there")."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))
    pairs = set(pairwise(words)) | (set(zip(words, words[2:], strict=False)) if skip else set())
    return {(a, b) for a, b in pairs if not {a, b} <= _GLUE}


def _first_sentence(line: str) -> str:
    return re.split(r"(?<=[a-z)])\.\s", re.sub(r"^(\d+\.|[-•*])\s*", "", line), maxsplit=1)[0]


def what_if_shown(step: Step) -> ModelTurn | None:
    """ "ok what if its still there next wed" right after the steps for an apparent double
    charge: the line of the last reply whose condition is that case ("4. If … a pending charge
    is still there after 5 business days, contact us…"), by its words or a phrase of two, cited
    from the passage it was shown from (searched by the line). None when no single line of the
    last reply fits, or the topic reads such replies itself."""
    state, text = step.ctx.state, step.ctx.text
    active = state.active_intent
    if (
        active is None
        or active in _OWN_READING
        or not state.replies
        or not _WHAT_IF_CASE.search(text)
        or len(text.split()) > _WHAT_IF_MAX_WORDS
    ):
        return None
    said = [raw.strip() for raw in state.replies[-1].splitlines()]
    told = fitting(((None, line) for line in said), text)
    if told is None:
        asked = _bigrams(text, skip=True)
        fits = {  # the whole sentence: "If …, or a pending charge is still there after…, …"
            line
            for line in said
            if condition(line) is not None and asked & _bigrams(_first_sentence(line))
        }
        if len(fits) != 1:
            return None
        line = fits.pop()
    else:
        line = told[1]
    query = line
    if not step.done.has("search_documents", query=query):
        return call(("search_documents", {"query": query, "k": 3}))
    # the passage the reply quoted it from: the one that has the line word for word
    passage = next((p for p in passages(step, query) if line in p.text), None)
    if passage is None:
        return None
    return say(f"For that case, {source_label(passage)} says:\n{line}", [passage.chunk_id])
