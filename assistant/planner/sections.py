"""Which section of a product's documents answers a setup or troubleshooting message: the
best passage with steps (:func:`best_with_steps`), the line of another section that explains
the very symptom (:func:`direct_line`), and a section's chunks read as one (:func:`whole_section`).
"""

from __future__ import annotations

import re

from assistant.agent.tools import PassageOut
from assistant.planner.common import steps_of
from assistant.planner.question_words import identifiers
from assistant.planner.spans import CODE_POINTER, ERROR_CODE, step_order
from assistant.retrieval.bm25 import tokenize
from assistant.retrieval.query import known_words

_PROBLEM_SECTION = re.compile(
    r"\b(not|no|problem|troubleshoot\w*|won'?t|doesn'?t|can'?t|"
    r"if|error|fix\w*|lags?|cuts? out|drops?|too (many|much|loud|quiet|slow|hot)|noisy|"
    r"crackl\w*|hiss\w*|buzz\w*|fog\w*|leak\w*|stuck|jams?|overheat\w*|false)\b",
    re.I,
)


SEMANTIC = 4.0  # weight of a passage's best line cosine to the question


def best_with_steps(
    found: list[PassageOut],
    sku: str,
    exclude: set[str],
    *,
    problem: bool | None = None,
    query: str = "",
    context: frozenset[str] = frozenset(),
) -> PassageOut | None:
    """The best passage about ``sku`` for ``query``: numbered steps, a section title that
    matches the question, and the search's own rank. ``problem`` picks how-to sections (False)
    or what-if-it-fails sections (True). Reset sections are left for the reset step.
    ``context``: words that only name another product ("the remote… with my <camera>")."""
    words = set(tokenize(query)) - context
    codes = identifiers(query) - context
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
            # the closest line's cosine: "lamp comes on at 3 instead of 6" and "A schedule
            # runs at the wrong time" share no word
            + SEMANTIC * max(p.unit_scores.values(), default=0.0)
        )
        if codes:  # "E1": the section about that code, not about "E2"
            named = identifiers(p.section) - context
            score += 3.0 if codes & named else (-1.0 if named else 0.0)
        if best is None or score > best[0]:
            best = (score, p)
    return best[1] if best else None


# A line of another section that answers the very symptom ("2 beeps when you press START/STOP:
# the water is already at or above the target") far better than any line of the chosen fix
# comes first (cosines of the search's own unit scorer).
DIRECT_FLOOR = 0.6
DIRECT_MARGIN = 0.1
# ...or, below the floor, a line far closer than any of the chosen section's
WIDE_FLOOR = 0.5
WIDE_MARGIN = 0.15
# ...or a line that states the symptom as its condition ("If the date resets every time you
# change the battery, …") closer than any of the chosen section's: it was written for this
IF_MARGIN = 0.05
_CONDITION = re.compile(r"^(if|when(ever)?)\b", re.I)
# ...or a bulleted line labelled by its case ("- Power-on behaviour after a power cut: in the
# app…" for "when the power came back the lamp turned on"; not a part's label, "- AF lamp: …")
_LABELLED = re.compile(
    r"^[-•*]\s*[^:.|]{0,40}\b(after|before|when|while|during|without|if)\b[^:.|]{1,40}:\s+\S", re.I
)


def direct_line(
    found: list[PassageOut], first: PassageOut, sku: str, asked: str = ""
) -> PassageOut | None:
    """``found``'s passage whose best line is the direct answer, with only that line (and the
    next one when it is short), or None when the chosen section answers as well. A line whose
    condition is what ``asked`` tells ("If the date resets every time you change the battery,
    …" for "every time i swap the battery it asks for the date again") is that answer."""
    chosen = max(first.unit_scores.values(), default=0.0)
    best: tuple[float, PassageOut, str] | None = None
    told = set(tokenize(asked))
    for p in found:
        if sku not in p.skus or p.section == first.section or not p.unit_scores:
            continue
        line, score = max(p.unit_scores.items(), key=lambda t: t[1])
        case = next((u for u in p.unit_scores if told_case(u, told)), None) if told else None
        if case is not None:
            line, score = case, 1.0  # the case told: the answer, whatever else scores
        if best is None or score > best[0]:
            best = (score, p, line)
    if best is None or (
        best[0] < max(DIRECT_FLOOR, chosen + DIRECT_MARGIN)
        and best[0] < max(WIDE_FLOOR, chosen + WIDE_MARGIN)
        and (best[0] < max(WIDE_FLOOR, chosen + IF_MARGIN) or not _states_a_case(best[2]))
    ):
        return None
    _, passage, line = best
    lines = [u for u in passage.text.splitlines() if u.strip()]
    at = next((i for i, u in enumerate(lines) if line in u), None)
    text = line
    if at is not None and len(line.split()) < 12 and at + 1 < len(lines):
        text = f"{line}\n{lines[at + 1].strip()}"
    return passage.model_copy(update={"text": text})


def _states_a_case(line: str) -> bool:
    return bool(_CONDITION.match(line) or _LABELLED.match(line))


CASE_WORDS = 3  # words a line's condition shares with the message to be the case told


def told_case(line: str, told: set[str]) -> bool:
    """The line's condition ("If …,") is what the customer told: most of its words, and at
    least :data:`CASE_WORDS` of them."""
    if not _CONDITION.match(line) or "," not in line:
        return False
    words = set(tokenize(line.split(",", 1)[0]))
    shared = words & told
    return len(shared) >= CASE_WORDS and 2 * len(shared) >= len(words)


def fix_section(p: PassageOut) -> bool:
    """A troubleshooting section with steps ("The microSD card is not recognized": 1. … 2. …)."""
    return bool(steps_of(p)) and bool(_PROBLEM_SECTION.search(p.section))


# "still offline", "didn't help": the fix shown did not work
STILL = re.compile(
    r"\b(still|again|didn'?t (work|help)|did not (work|help)|doesn'?t work|"
    r"no luck|same problem|not working|nothing happen)",
    re.I,
)
RESET = re.compile(r"\b(reset|factory settings|restore)\b", re.I)
# "how do I reset it?", "what are the steps to factory reset the plug": the reset is what is asked
# (not "I reset it and it still drops": a reset the customer already did)
HOW_TO_RESET = re.compile(
    r"\b(how (do|can|should|would|to)|steps? (to|for)|way to|instructions? (to|for)|"
    r"(can|could) (you|u) (tell|show|explain)|(take|walk|talk) (me|us) through|show me|"
    r"let'?s do|go through)\b.{0,60}\b(reset|factory settings|restore)",
    re.I,
)
# "i never paired it… how do i do that": the steps of what the last answer named, again
HOW_DO_THAT = re.compile(
    r"\bhow (do|can|should|would|to) (i |we |u |you )?(do|go about) (that|it|this)\b", re.I
)
# "ok take me through the reset": the reset the fixes named ("reset my password" is not it)
THE_RESET = re.compile(r"\b(the|that|a) (factory )?reset\b", re.I)


def mid_procedure(text: str) -> bool:
    """A chunk that starts inside a numbered procedure (its first step is not step 1)."""
    return step_order(text) > 1


def whole_section(chosen: PassageOut, found: list[PassageOut]) -> PassageOut:
    """``chosen`` with the other chunks of its section that were found, in step order."""
    parts = {
        p.chunk_id: p for p in found if p.source == chosen.source and p.section == chosen.section
    }
    parts[chosen.chunk_id] = chosen

    chunks = sorted(parts.values(), key=lambda p: step_order(p.text))
    if len(chunks) == 1:
        return chosen
    return chosen.model_copy(update={"text": "\n".join(p.text.strip() for p in chunks)})


def pointed_code(text: str, section: str) -> str | None:
    """The code of the section ``text`` sends the reader to ("follow the E3 steps"), unless it
    is this ``section``'s own."""
    found = CODE_POINTER.search(text)
    if found is None or found.group(1).lower() in identifiers(section):
        return None
    return found.group(1)


def pointed_at(passage: PassageOut, code: str) -> bool:
    """The passage is the section about ``code`` (its heading names it)."""
    return code.lower() in identifiers(passage.section)


_ERROR_CODE = re.compile(ERROR_CODE, re.I)


def names_quoted_code(text: str, section: str, model: str) -> bool:
    """``section`` is named after an error code ``text`` quotes ("the screen says E3"), not
    after the product's ``model`` ("Z8") or a video format ("4K")."""
    quoted = identifiers(text) - identifiers(model)
    return bool({c for c in quoted if _ERROR_CODE.fullmatch(c)} & identifiers(section))


# a feature named by its acronym ("LDAC", "ANC", "EVF"): the documents' own word for it
_ACRONYM = re.compile(r"\b[A-Z]{3,6}\b")
# short words typed in capitals for emphasis, not a feature's name ("turned OFF", "NOT")
_SHOUTED = frozenset("OFF NOT YES AND THE ANY ALL NEW OLD BIG WHY HOW OMG LOL WTF PLS ASAP".split())


def naming_the_feature(
    first: PassageOut | None, found: list[PassageOut], sku: str, asked: str, model: str
) -> PassageOut | None:
    """ "there is LDAC for better sound quality. how I turn it on?": when the section chosen
    never names the feature the customer names by its acronym, the best section of ``found``
    that does (``first`` otherwise)."""
    said = {
        a
        for a in _ACRONYM.findall(asked)
        if a.lower() not in model.lower() and a not in _SHOUTED and a.lower() not in known_words()
    }
    if first is None or not said or any(a in first.text for a in said):
        return first
    naming = [p for p in found if sku in p.skus and any(a in p.text for a in said)]
    return best_with_steps(naming, sku, set(), query=asked) or next(iter(naming), first)


def procedure_of(line: PassageOut, found: list[PassageOut]) -> PassageOut | None:
    """The numbered steps of the how-to section a direct line comes from ("When the camera is
    turned on with a cable connected, it does not charge the battery" is under "Charging the
    battery", whose steps say how), from ``found``'s chunks of it; None for a fault's section,
    a section without steps, or steps that already hold the line."""
    if _PROBLEM_SECTION.search(line.section.rsplit(" > ", 1)[-1]):
        return None
    chunks = sorted(
        (p for p in found if p.source == line.source and p.section == line.section and steps_of(p)),
        key=lambda p: step_order(p.text),
    )
    unique = list({p.chunk_id: p for p in chunks}.values())
    if not unique or any(line.text.strip().splitlines()[0] in p.text for p in unique):
        return None
    text = "\n".join(p.text.strip() for p in unique)
    return unique[0].model_copy(update={"text": text})
