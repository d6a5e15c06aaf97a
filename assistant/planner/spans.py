"""The lines around the chosen line that make the answer: a procedure's whole run of steps, a
lead-in's list, the sentence a short line needs, the section a pointer line sends to, and the
opening sentence that says what a thing is for."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.agent.tools import PassageOut
from assistant.planner import asked_kinds as kinds
from assistant.planner.question_words import matches, tokenize
from ingest.sentences import units_with_kind

MAX_STEPS = 10
_REFERENCE = re.compile(r"\bsee (?:section|chapter|§) ?(\d+(?:\.\d+)*)\b", re.I)
# "If "---" stays on with the kettle in place, follow the E3 steps.": another section, by its code
ERROR_CODE = r"[A-Z]{1,2}\d{1,3}"  # "E3", "E12": a display or error code, as manuals write it
CODE_POINTER = re.compile(rf"\b(?i:follow|see|use|try|do) (?i:the )?({ERROR_CODE})\b(?! ?°)")
_FIRST_STEP = re.compile(r"^\s*(\d{1,2})[.)]\s")
Scored = tuple[float, int, int, float, set[str]]  # score, passage, unit, cosine, words
# "A delivery date that falls on one of those days is charged the next day": a sentence that
# points back at the one before it is about what that one names ("…except Thanksgiving…")
_BACK = re.compile(
    r"^(this|these|those|that|such|it|they|then)\b|\b(one|any|each|all|some|none|either|"
    r"neither) of (those|these|them)\b|\bin (that|this|such a) case\b",
    re.I,
)

# "Worked example: You have 2 bags…", "Second example: …": a case that illustrates a rule
EXAMPLE = re.compile(r"^\W*((first|second|third|another|one more|worked) )?example\b", re.I)


def worked_example(text: str) -> set[str]:
    """The sentences of ``text``'s worked examples: every sentence of a paragraph that opens
    with "Worked example:" ("On May 20 you are charged $49.99…" tells the example's dates)."""
    return {
        unit
        for raw in text.splitlines()
        if EXAMPLE.match(raw.strip())
        for unit, _step in units_with_kind(raw.strip())
    }


def refers_back(units: Sequence[tuple[str, bool]], i: int) -> bool:
    """Whether the sentence at ``i`` needs the sentence before it to be understood."""
    if i == 0 or units[i][1] or units[i - 1][1]:
        return False
    unit, before = units[i][0], units[i - 1][0]
    if unit[:1] in "-*•|" or before[:1] in "-*•|" or before.endswith(":"):
        return False
    return bool(_BACK.search(unit))


def followed(
    best: Scored,
    scored: Sequence[Scored],
    candidates: Sequence[tuple[int, PassageOut, list[tuple[str, bool]]]],
) -> Scored:
    """A line that points elsewhere ("if the taste remains, see section 9", "follow the E3
    steps") gives way to the best line of the section it points to, when the search found it."""
    _, rank, i, _, _ = best
    passage, units = candidates[rank][1], candidates[rank][2]
    pointer = _REFERENCE.search(units[i][0]) or CODE_POINTER.search(units[i][0])
    if pointer is None:
        return best
    number = re.compile(rf"{re.escape(pointer.group(1))}(\.|:|\s|$)", re.I)
    inside = [
        t
        for t in scored
        if t[1] != rank
        and candidates[t[1]][1].source == passage.source
        and any(number.match(part) for part in candidates[t[1]][1].section.split(" > "))
    ]
    return max(inside, key=lambda t: t[0]) if inside else best


_ABOVE = re.compile(r"\b(above|listed)\b(?! (all|everything)\b)", re.I)


def _list_above(units: list[tuple[str, bool]], i: int, most: int) -> list[str]:
    """ "…can be paid with any of the cards above": the list it points at (its lead-in and
    items) when a list ends right before the unit's sentence run."""
    if not _ABOVE.search(units[i][0]):
        return []
    end = i
    while end > 0 and units[end - 1][0][:1] not in "-*•" and not units[end - 1][1]:
        end -= 1
        if i - end > 2:
            return []  # the list is not right above
    start = end
    while start > 0 and (units[start - 1][0][:1] in "-*•" or units[start - 1][1]):
        start -= 1
    if start == end or end - start > most:
        return []
    lead = [units[start - 1][0]] if start > 0 and units[start - 1][0].endswith(":") else []
    return [*lead, *(u for u, _ in units[start:end])]


LEAD_BACK = 6  # list items between an item and the lead-in it is read under
LEAD_WORDS = 5  # a lead-in this long says something of its own
INTRO_UNITS = 2  # sentences a section may open with before its steps and still go with them
INTRO_WORDS = 40


def _lead_in(units: list[tuple[str, bool]], i: int) -> str | None:
    """The lead-in ("…you can:") of the list the unit at ``i`` is an item of, if near."""
    if units[i][0][:1] not in "-*•":
        return None
    k = i
    while k > 0 and units[k - 1][0][:1] in "-*•" and i - k < LEAD_BACK:
        k -= 1
    lead = units[k - 1][0] if k > 0 else ""
    # "Under Account settings at … you can:" says where; "In the box:" only names the list
    return lead if lead.endswith(":") and len(lead.split()) >= LEAD_WORDS else None


def expand(
    units: list[tuple[str, bool]], i: int, max_units: int, procedure: bool
) -> tuple[list[str], bool]:
    """The unit at ``i`` with what it needs: a procedure's whole run of steps, a lead-in that
    ends with ":" and the list after it, or the next sentence when the unit is short."""
    if procedure:
        start = i
        while start > 0 and units[start - 1][1]:
            start -= 1
        end = i
        while end + 1 < len(units) and units[end + 1][1]:
            end += 1
        run = [u for u, _ in units[start : end + 1]][:MAX_STEPS]
        if start > 0 and units[start - 1][0].endswith(":"):
            run.insert(0, units[start - 1][0])
        return [*intro(units, start), *run], True
    lines = [units[i - 1][0], units[i][0]] if refers_back(units, i) else [units[i][0]]
    lines = [*_list_above(units, i, max_units + 4), *lines]
    lead = _lead_in(units, i)
    if lead is not None and lead not in lines:  # "- change your email…" under "Under Account
        lines.insert(0, lead)  # settings you can:": where it is done
    j = i
    if len(lines[-1].split()) < 12 and i + 1 < len(units) and not units[i][0].endswith(":"):
        j = i + 1
        lines.append(units[j][0])
    if lines[-1].endswith(":"):  # a lead-in: the list after it is the answer
        j += 1
        while (
            j < len(units)
            and len(lines) < max_units + 4
            and (units[j][1] or units[j][0][:1] in "-*•|")
        ):
            lines.append(units[j][0])
            j += 1
    return lines, False


SHORT_PROCEDURE = 6  # a list of this many steps or fewer is not quoted in pieces
FACET_STEPS = 2  # a word more steps of a procedure name does not pick a step


def whole_procedure(lines: list[str], units: Sequence[tuple[str, bool]]) -> tuple[list[str], bool]:
    """Two or more steps of one short procedure picked ("dry at room temperature", "let them dry
    24–48 hours"), or its lead-in and one step, are the procedure, all of it, in order: step 1
    ("stuff them with paper") is as much the answer as the steps that happened to score; the
    other lines stay around it."""
    for run, lead in _runs(units):
        picked = [line for line in lines if line in run]
        if (len(picked) >= 2 or _led(lines, run, lead)) and len(run) <= SHORT_PROCEDURE:
            at = lines.index(picked[0])
            rest = [line for line in lines if line not in run]
            return [*rest[:at], *run, *rest[at:]], True
    return lines, False


def whole_list(units: Sequence[tuple[str, bool]], item: int, most: int) -> set[int]:
    """The indices of the bullet list the unit at ``item`` is in, with its lead-in ("We
    accept:"), when the list has at most ``most`` items; else none."""
    lo = hi = item
    while lo > 0 and units[lo - 1][0][:1] in "-*•":
        lo -= 1
    while hi + 1 < len(units) and units[hi + 1][0][:1] in "-*•":
        hi += 1
    if hi - lo >= most:
        return set()
    lead = {lo - 1} if lo > 0 and units[lo - 1][0].endswith(":") else set()
    return set(range(lo, hi + 1)) | lead


def facet_steps(
    lines: list[str], units: Sequence[tuple[str, bool]], words: Sequence[str]
) -> list[str]:
    """Two or more steps of a long procedure picked, each answering part of the question ("on
    warm with fabric softener and then in the dryer?"): the procedure's other steps that name
    something asked join them, in order; the steps that name nothing asked stay out, and so do
    words that many steps name ("wash" in a washing procedure)."""
    for run, _lead in _runs(units):
        picked = [line for line in lines if line in run]
        if len(picked) < 2 or len(run) <= SHORT_PROCEDURE:
            continue
        named = [matches(tokenize(s), words) for s in run]
        rare = {w for w in words if sum(w in n for n in named) <= FACET_STEPS}
        kept = [s for s, n in zip(run, named, strict=True) if s in picked or n & rare]
        at = lines.index(picked[0])
        rest = [line for line in lines if line not in run]
        return [*rest[:at], *kept, *rest[at:]]
    return lines


def _runs(units: Sequence[tuple[str, bool]]) -> list[tuple[list[str], str]]:
    """Each run of steps, with the line before it ("Use the heel lock if your heel slides…")."""
    runs: list[tuple[list[str], str]] = []
    for i, (unit, is_step) in enumerate(units):
        if is_step:
            if i == 0 or not units[i - 1][1]:
                runs.append(([], units[i - 1][0] if i else ""))
            runs[-1][0].append(unit)
    return runs


def _led(lines: Sequence[str], run: Sequence[str], lead: str) -> bool:
    """The line that leads into the run and its first step picked, the rest cut off (a lead-in
    ending with ":" brings its list already)."""
    cut = run[0] in lines and not all(s in lines for s in run)
    return bool(lead) and not lead.endswith(":") and lead in lines and cut


def leads_a_procedure(lines: Sequence[str], units: Sequence[tuple[str, bool]]) -> bool:
    """ "Use the heel lock if your heel slides up…" and "1. Lace the shoe…" picked: the lines
    lead into a short procedure, which is the answer."""
    return any(_led(lines, run, lead) for run, lead in _runs(units))


def opening_first(
    question: str, lines: list[str], units: Sequence[tuple[str, bool]], words: Sequence[str]
) -> list[str]:
    """ "What does the HOLD button do?": the section's opening sentence, when it names what is
    asked ("Hold keeps the water at the selected temperature for 60 minutes"), comes first."""
    if not units or units[0][1] or units[0][0] in lines or not kinds.WHAT_FOR.search(question):
        return lines
    if not matches(tokenize(units[0][0]), words):
        return lines
    return [units[0][0], *lines]


def step_order(text: str) -> int:
    """Where a chunk goes among the chunks of its section: the number of the step it starts with
    ("6. After about 15–20 miles…" after "1. Wear the shoes…"), or 0 for the section's start."""
    first = _FIRST_STEP.match(text.lstrip())
    return int(first.group(1)) if first is not None else 0


def other_facet(
    candidates: Sequence[tuple[int, PassageOut, list[tuple[str, bool]]]],
    chosen: PassageOut,
    words: Sequence[str],
    covered: set[str],
    weight: dict[str, float],
) -> list[str]:
    """A section of the same document whose heading names what the answer left out ("do they
    come in a wide version?": the answer says the width, "Wide forefoot lacing" says what to
    do): its heading and first lines follow the answer."""
    missing = {w for w in words if w not in covered}
    if not missing or max(weight[w] for w in missing) < max(weight.values()) / 2:
        return []
    for _, other, units in candidates:
        if other.source != chosen.source or other.section == chosen.section or not units:
            continue
        name = other.section.rsplit(" > ", 1)[-1]
        if name and matches(tokenize(name), sorted(missing)):
            steps = [u for u, is_step in units if is_step]
            lines = steps[:MAX_STEPS] or [u for u, _ in units[:2]]
            # a sheet row begins with its own name: no heading before it
            return lines if lines[0].startswith(name) else [f"{name}:", *lines]
    return []


def intro(units: Sequence[tuple[str, bool]], start: int) -> list[str]:
    """The one or two short sentences a section opens with before the steps at ``start``
    ("Try the automatic cleaning first: Menu > … > Clean. Work in a clean, still room."): what
    to do first, which the steps alone leave out; [] for a longer opening."""
    if not 0 < start <= INTRO_UNITS or units[start - 1][0].endswith(":"):
        return []
    lead = [u for u, _ in units[:start]]
    if any(is_step or u[:1] in "-*•|#" for u, is_step in units[:start]):
        return []
    return lead if sum(len(u.split()) for u in lead) <= INTRO_WORDS else []
