"""Pick the lines of retrieved passages that answer *this* question: a sentence or two, or a
procedure's steps for a how-to, never a whole section.

Deterministic and cheap (no model call): passages are split into units (numbered steps, bullet
lines, sentences, table rows); each unit is scored by the question's content words it contains
(stemmed like the sparse index, weighted by how rare the word is among the candidate units),
words of its section title, the search's own rank, whether the passage is about the product in
question, and the cosine of the unit to the query that the search tool computed with the
embedder (``PassageOut.unit_scores``). ``support`` is the share of the
question's content words the answer covers; callers use it to decide whether the documents
really answer the question.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from assistant.agent.tools import PassageOut
from assistant.planner import asked_kinds as kinds
from assistant.planner.quantities import canonical_quantities
from assistant.planner.spans import MAX_STEPS, expand, followed
from assistant.planner.tables import with_table_rows
from assistant.retrieval.bm25 import tokenize as _plain_tokenize
from assistant.retrieval.query import BROADER
from ingest.sentences import units_with_kind


def tokenize(text: str) -> list[str]:
    """The index's tokens, with quantities in one spelling ("one litre" = "1.0 L")."""
    return _plain_tokenize(canonical_quantities(text))


_HOW_TO = re.compile(
    r"\b(how (do|can|should|to)|steps?|set ?up|install|pair|connect|reset|clean|descale|"
    r"register|update|turn (on|off)|switch (on|off)|enable|disable|wie|cómo|comment|"
    r"what (do|should|can) (i|we) do)\b",
    re.I,
)
# "how many devices can it remember? I pair them with…": an amount is asked, not the steps
_HOW_MUCH = re.compile(r"\bhow (many|much|long|far|heavy|big|often|wide|tall|old)\b", re.I)
# Question words that carry no topic: removed before matching.
_GENERIC = frozenset(
    tokenize(
        "how what which when where why who can could would should does do did is are was "
        "will i my me you your it its this that there please tell know want need get use "
        "using thing one ok hi hello thanks whats what's hows how's wheres where's whens "
        "im i'm dont don't cant can't pls plz u ur ya yo hey quick question just also anyone "
        "know wondering long much many often mean means meaning they they're re them their "
        "he she him his her we us our anything something everything still really kinda like "
        "going gonna wanna got been being had were would could might must only exactly "
        "usually normally typically actually basically ever around"
    )
)
MAX_UNITS = 4
SEMANTIC_WEIGHT = 2.0  # the query-sentence cosine (from search) against the lexical share
SEMANTIC_ALONE = 0.45
UNMATCHED_SEMANTIC = 0.75
SHORT_ANSWER_WORDS = 30  # a shorter answer gets the following sentence too
LIST_MAX = 8  # items of a list that follows a chosen lead-in
RELATED = 0.7  # other lines of the chosen passage scoring this close to the best are kept too
_COMPAT = re.compile(
    r"\b(compatib\w*|work(s)? with|fit(s)?|use (it |them )?with|go(es)? with|pair(s)? with|"
    r"charge|support(s)?|take(s)?|accept(s)?|need|connect(s|ed)?( \w+)? (to|with)|"
    r"(put|use|wear) (it|them|these|those|my \w+) (in|into|with)|plug\w*\b.{0,40}\binto)\b",
    re.I,
)  # a unit with no word in common is a candidate above this cosine
# Codes and model numbers ("E1", "F03", "v2"): a unit or section that has the customer's code
# is about it; one that has a neighbouring code ("E2") is not.
_IDENTIFIER = re.compile(
    r"\b(?!\d+(st|nd|rd|th|x|mins?|hrs?|secs?)\b)(?=[a-z]*\d)(?=\d*[a-z])[a-z\d]{2,8}\b", re.I
)  # not an ordinal ("my 2nd cup"), a count ("2x") or a time ("10min")
IDENTIFIER_BONUS = 1.0
# A question about something going wrong, and a section about something going wrong: a
# how-to question ("how do I turn off noise cancelling") is not answered by a fix for a fault
# ("Noise cancelling is weak"), nor the other way round.
PROBLEM = re.compile(
    r"\b(not|no longer|won'?t|doesn'?t|isn'?t|can'?t|cannot|stopp?(ed|s)?|weak|error|fault\w*|"
    r"problem|issue|broken(?! in\b)|fails?|failed|keeps?|drops?|troubleshoot\w*|flashing|beeping|"
    r"leak\w*|crackl\w*|dead)\b",
    re.I,
)
MISMATCH_PENALTY = 0.4
_PROHIBITION = re.compile(r"(never|do not|don't|avoid)\b", re.I)
# "This guide covers…": a line about the document, not an answer from it
_META = re.compile(
    r"^(this (guide|manual|document|page|sheet)|the (full )?(user )?(manual|guide)\b.*\bcovers)",
    re.I,
)
META_PENALTY = 0.5
FOCUS_WEIGHT = 1.0
KIND_BONUS = 0.6
ROW_KEY_BONUS = 0.6  # a table row whose first cell is what the question names ("French press")
VERDICT_BONUS = 0.3
MIN_FINDABLE = 3  # findable question words needed to judge support by them alone
MEASURED_SUPPORT = 0.6  # a line that gives the measurement asked is an answer


@dataclass(frozen=True, slots=True)
class Answer:
    passage: PassageOut
    lines: tuple[str, ...]
    support: float  # share of the question's content words found in the answer (0..1)
    steps: bool  # the lines are a procedure's steps

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


# English verbs whose past forms do not begin like the verb ("broken in" is "break-in")
_IRREGULAR = {
    "broken": "break", "broke": "break", "worn": "wear", "wore": "wear", "torn": "tear",
    "tore": "tear", "ran": "run", "bought": "buy", "paid": "pay", "sent": "send",
    "froze": "freez", "frozen": "freez", "fell": "fall", "fallen": "fall", "kept": "keep",
    "lost": "lose", "stuck": "stick", "shook": "shake", "shaken": "shake", "drank": "drink",
    "spilt": "spill", "dried": "dry", "took": "take", "taken": "take", "gave": "give",
    "given": "give", "sold": "sell", "held": "hold", "hung": "hang", "swam": "swim",
    "caught": "catch", "thrown": "throw", "threw": "throw", "woke": "wake", "woken": "wake",
}  # fmt: skip


def _matches(tokens: Sequence[str], words: Sequence[str]) -> set[str]:
    """The question's words found among ``tokens``; a word also matches a longer or shorter
    form of itself ("dryer" / "dry", "descale" / "descaling"; "broken" / "break-in"): the
    index's folding is light."""
    found = set(tokens) & set(words)
    for w in words:
        if w in found or len(w) < 3:
            continue
        base = _IRREGULAR.get(w)
        if any(len(t) >= 3 and (t.startswith(w) or w.startswith(t)) for t in tokens) or (
            base and any(p.startswith(base) for t in tokens for p in t.split("-"))
        ):  # "break-in" holds "break"
            found.add(w)
    return found


def identifiers(text: str) -> set[str]:
    return {m.group(0).lower() for m in _IDENTIFIER.finditer(text)}


def content_words(text: str) -> list[str]:
    return [t for t in dict.fromkeys(tokenize(text)) if t not in _GENERIC and len(t) > 1]


def manuals_words(words: list[str], found: Sequence[PassageOut]) -> list[str]:
    """``words`` with an everyday word the passages never use replaced by the broader word
    they do use ("charge from my laptop": the manual says "from a computer"), and a word typed
    without its hyphen ("xray", "wifi") by the passages' spelling."""
    seen = set(tokenize(" ".join(p.text for p in found)))
    joined = {t.replace("-", ""): t for t in seen if "-" in t}  # "xray": the text's "x-ray"
    return [
        w if w in seen else joined.get(w) or (BROADER[w] if BROADER.get(w) in seen else w)
        for w in words
    ]


def merge_sections(found: Sequence[PassageOut]) -> list[PassageOut]:
    """Chunks of one section (a long section is split at ingestion) read as one passage, at the
    rank of its best chunk: the sentence after the one that matched may sit in the next chunk."""
    merged: dict[tuple[str, str], PassageOut] = {}
    for p in found:
        key = (p.source, p.section)
        if p.section and key in merged:
            first = merged[key]
            if p.text not in first.text:
                merged[key] = first.model_copy(
                    update={
                        "text": f"{first.text}\n{p.text}",
                        "unit_scores": {**p.unit_scores, **first.unit_scores},
                    }
                )
        else:
            merged[key] = p
    return list(merged.values())


def units_of(passage: PassageOut) -> list[tuple[str, bool]]:
    """(unit text, is a numbered step) in document order."""
    return units_with_kind(passage.text)


def best_answer(
    question: str,
    found: Sequence[PassageOut],
    max_units: int = MAX_UNITS,
    sku: str | None = None,
    focus: str | None = None,
    naming: Collection[str] = (),
) -> Answer | None:
    """The best-supported answer to ``question`` among ``found`` (search order), or None.
    ``focus`` is the part of the question that is new (a follow-up: "and only one litre?"
    after "how long does a full kettle take to boil?"): lines that answer it come first.
    ``naming`` are the words of the product's name: they say which product the question is
    about, not what it asks, so they do not pick the lines (unless nothing else is left)."""
    words = manuals_words(content_words(question), found)
    if not words or not found:
        return None
    naming = {*naming, *tokenize(" ".join(naming))}  # "10l" is "10-litre" here too
    asked = content_words(focus or "")  # a follow-up's own words stay, names or not
    topic = [w for w in words if w not in set(naming) or w in asked]
    if topic:
        words = topic
    new = [w for w in asked if w in words]
    candidates: list[tuple[int, PassageOut, list[tuple[str, bool]]]] = [
        (rank, p, units_of(p)) for rank, p in enumerate(merge_sections(found))
    ]
    df: Counter[str] = Counter()
    total = 0
    for _, _, units in candidates:
        for unit, _step in units:
            df.update(set(tokenize(unit)) & set(words))
            total += 1
    weight = {w: math.log(1 + (total + 1) / (df[w] + 0.5)) for w in words}
    full = sum(weight.values()) or 1.0
    how_to = bool(_HOW_TO.search(question)) and not _HOW_MUCH.search(question)
    compat = bool(_COMPAT.search(question))
    codes = identifiers(question) - set(naming)  # a model code names the product; "E3" is asked
    problem = bool(PROBLEM.search(kinds.PURPOSE.sub("", question)))
    # "what happens if the charge fails?", "…when the card is full, does it just stop?": a
    # section about a fault may answer it, or one about normal use: no side is taken
    what_if = bool(kinds.WHAT_IF.search(question))
    may_i = bool(kinds.MAY_I.search(question))
    when = bool(kinds.WHEN.search(question))
    how_long = bool(kinds.HOW_LONG.search(question))
    how_often = bool(kinds.HOW_OFTEN.search(question))
    how_hot = bool(kinds.HOW_HOT.search(question))
    where = bool(kinds.WHERE.search(question)) and not kinds.SHIPPED.search(question)
    origin = kinds.FROM_WHERE.search(question)
    origin_words = set(tokenize(origin.group(0))) & set(words) if origin else set()
    measured = kinds.dimensions(question)
    measure_words = set(tokenize(kinds.asking_words(question))) & set(words)
    material = bool(kinds.MATERIAL.search(question))
    material_words = {w for w in words if kinds.MATERIAL.search(w)}
    scored: list[tuple[float, int, int, float, set[str]]] = []  # score, passage, unit, sem, words
    for rank, passage, units in candidates:
        named = _matches(tokenize(passage.section.rsplit(" > ", 1)[-1]), words)
        # a sheet row answers "does X work with Y", not a care question; a row about the very
        # thing asked ("French press") stays
        if passage.doc_type == "compatibility" and not compat and len(found) > 1 and len(named) < 2:
            continue
        head = _matches(tokenize(f"{passage.title} {passage.section}"), words)
        owned = 1.0 if sku is not None and sku in passage.skus else 0.0
        about = 0.0
        if codes:  # the section about the customer's code, not its neighbour's
            about = IDENTIFIER_BONUS * (bool(codes & identifiers(passage.section)) - 0.5)
        if bool(PROBLEM.search(passage.section)) is not problem and passage.section and not what_if:
            about -= MISMATCH_PENALTY
        for i, (unit, is_step) in enumerate(units):
            matched = _matches(tokenize(unit), words)
            dimension = made = placed = False
            semantic = passage.unit_scores.get(unit)
            kind = bool(
                (how_long and kinds.DURATION.search(unit))
                or (how_often and kinds.RATE.search(unit))
                or (how_hot and kinds.TEMPERATURE.search(unit))
                or (where and kinds.PLACE.search(unit))
                or (placed := bool(origin) and bool(kinds.ORIGIN.search(unit)))
                or (when and kinds.CLOCK.search(unit))
                or (dimension := bool(measured) and kinds.gives_dimension(unit, measured))
                or (made := material and bool(kinds.MATERIAL_LINE.search(unit)))
            )  # the kind of thing asked: a duration, a temperature, a place, times of day, a
            # measurement, what it is made of
            if dimension:
                matched |= measure_words  # "how heavy": "Weight | 254 g" says it
            if made:
                matched |= material_words  # "are they wool?": "75% polyester, 20% nylon" says
            if placed:
                matched |= origin_words  # "where do the beans come from?": "from Cauca" says
            if not (matched or named or (kind and (head or dimension or made))) and (
                semantic is None or semantic < SEMANTIC_ALONE
            ):
                continue  # a line under a heading the question names is a candidate too
            lexical = sum(weight[w] for w in matched | head) / full
            score = lexical + 1.0 / (2 + rank) + 0.5 * owned + about
            if codes & identifiers(unit):
                score += IDENTIFIER_BONUS / 2
            if new:
                score += FOCUS_WEIGHT * len(_matches(tokenize(unit), new)) / len(new)
            if _META.match(unit):
                if not matched:
                    continue  # "This guide covers…" answers nothing it does not name
                score -= META_PENALTY
            if may_i and matched and kinds.VERDICT.search(unit):
                score += VERDICT_BONUS
            if kind:
                score += KIND_BONUS
            if semantic is not None:  # a line that shares no word with the question counts less:
                # its cosine is often only the product's name, which the query also carries
                score += SEMANTIC_WEIGHT * semantic * (1.0 if matched else UNMATCHED_SEMANTIC)
            key = tokenize(unit.split("|", 1)[0]) if "|" in unit else []
            if key and all(_matches([t], words) for t in key):
                score += ROW_KEY_BONUS  # tables embed poorly: the row's label decides
            if how_to and is_step:
                score += 0.3
            scored.append((score, rank, i, semantic or 0.0, matched | head))
    if not scored:
        return None
    score, rank, i, semantic, covered = followed(
        max(scored, key=lambda t: t[0]), scored, candidates
    )
    _, passage, units = candidates[rank]
    lines, steps = expand(units, i, max_units, how_to and units[i][1])
    if not steps and len(lines) < max_units:  # the next-best lines of the same passage
        near = sorted(
            (t for t in scored if t[1] == rank and t[2] != i and t[0] >= RELATED * score),
            key=lambda t: -t[0],
        )[: max_units - len(lines)]
        chosen = {i, *(t[2] for t in near)}
        for t in near:
            covered |= t[4]
        for j in sorted(chosen):  # a chosen lead-in ("We accept:") brings its list
            if units[j][0].endswith(":"):
                k = j + 1
                while k < len(units) and k - j <= LIST_MAX and units[k][0][:1] in "-*•|0123456789":
                    chosen.add(k)
                    k += 1
        chosen |= {j for j in range(len(units)) if units[j][0] in lines}
        listed = [j for j in sorted(chosen) if units[j][0][:1] in "-*•"]
        if listed and (kinds.LIST_CUE.search(question) or may_i):
            # the list is the answer ("which cards…?"; "can I pay with Apple Pay?": what it has)
            lo, hi = listed[0], listed[0]
            while lo > 0 and units[lo - 1][0][:1] in "-*•":
                lo -= 1
            while hi + 1 < len(units) and units[hi + 1][0][:1] in "-*•":
                hi += 1
            if hi - lo < LIST_MAX:
                chosen |= set(range(lo, hi + 1))
                if lo > 0 and units[lo - 1][0].endswith(":"):
                    chosen.add(lo - 1)
        lines = [u for j, (u, _) in enumerate(units) if j in chosen]
        last = max(chosen)
        if (
            sum(len(u.split()) for u in lines) < SHORT_ANSWER_WORDS
            and last + 1 < len(units)
            and units[last][0][:1] not in "-*•"
        ):
            lines.append(units[last + 1][0])  # a short answer keeps the sentence after it
    if (problem or how_to) and not steps and any(is_step for _, is_step in units):
        run = [u for u, is_step in units if is_step][:MAX_STEPS]  # what to do about it
        lines = [line for line in lines if line not in run] + run

        steps = True
    if not steps and _PROHIBITION.match(lines[0]):  # "Never machine wash": then what to do
        child = next(
            (
                c
                for _, c, c_units in candidates
                if c.source == passage.source
                and c.section.startswith(f"{passage.section} > ")
                and any(is_step for _, is_step in c_units)
            ),
            None,
        )
        if child is not None:
            name = child.section.rsplit(" > ", 1)[-1]
            run = [u for u, is_step in units_of(child) if is_step][:MAX_STEPS]
            lines = [*lines, f"{name}:", *run]
    lines = with_table_rows(lines, [u for u, _ in units], question)
    for extra in lines:
        covered |= _matches(tokenize(extra), words)
    lines += _other_facet(candidates, passage, words, covered, weight)
    # of the question's words, those no candidate line uses ("lovely", "say") say nothing
    # about whether this answer is the one: support is the share of the findable ones
    findable = [w for w in words if df[w]]
    enough = MIN_FINDABLE - (sku is not None)  # a product's question names its topic already
    over = sum(weight[w] for w in findable) if len(findable) >= enough else full
    support = min(1.0, sum(weight[w] for w in covered) / over)
    if semantic:
        support = max(support, min(1.0, (semantic - 0.3) / 0.3))
    if measured and kinds.gives_dimension(units[i][0], measured):
        support = max(support, MEASURED_SUPPORT)  # "how heavy?": "Weight | 254 g" answers it
    return Answer(passage, tuple(dict.fromkeys(lines)), round(support, 3), steps)


def _other_facet(
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
        if name and _matches(tokenize(name), sorted(missing)):
            steps = [u for u, is_step in units if is_step]
            return [f"{name}:", *(steps[:MAX_STEPS] or [u for u, _ in units[:2]])]
    return []
