"""Pick the lines of retrieved passages that answer *this* question: a sentence or two, or a
procedure's steps for a how-to, never a whole section.

Deterministic and cheap (no model call): passages are split into units (numbered steps, bullet
lines, sentences, table rows); each unit is scored by the question's content words it contains
(stemmed like the sparse index, weighted by how rare the word is among the candidate units),
words of its section title, the search's own rank, whether the passage is about the product in
question, and the cosine of the unit to the query that the search tool computed with the
embedder (``PassageOut.unit_scores``), weighted as :mod:`assistant.planner.unit_weights` says.
A close best line of another section of the product is shown after it as an aside with its
source. ``support`` (the share of the question's content words the answer covers) tells
callers whether the documents really answer the question.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from assistant.agent.tools import PassageOut
from assistant.planner import asked_kinds as kinds
from assistant.planner import second_ask, spans
from assistant.planner.question_words import content_words, identifiers, manuals_words, tokenize
from assistant.planner.question_words import matches as _matches
from assistant.planner.spans import (
    EXAMPLE,
    MAX_STEPS,
    Scored,
    expand,
    followed,
    refers_back,
    worked_example,
)
from assistant.planner.tables import row_named, with_table_rows
from assistant.planner.unit_weights import weigh
from ingest.sentences import units_with_kind

_HOW_TO = re.compile(
    r"\b(how (do|can|should|to)|steps?|set ?up|install|pair|connect|reset|clean|descale|"
    r"register|update|turn (on|off)|switch (on|off)|enable|disable|wie|cómo|comment|"
    r"what (do|should|can) (i|we) do|(best|right|proper|correct|safest|a|any) way to)\b",
    re.I,
)
# "how many devices can it remember? I pair them with…": an amount is asked, not the steps
_HOW_MUCH = re.compile(r"\bhow (many|much|long|far|heavy|big|often|wide|tall|old)\b", re.I)
MAX_UNITS = 4
SEMANTIC_ALONE = 0.45  # a unit with no word in common is a candidate above this cosine
SHORT_ANSWER_WORDS = 30  # a shorter answer gets the following sentence too
SHORT_SECTION = 3  # a section of this many sentences or fewer (and few words) is shown whole
LIST_MAX = 8  # items of a list that follows a chosen lead-in
ASIDE = 0.85  # a line of another section scoring this close to the answer's is shown too
RELATED = 0.7  # other lines of the chosen passage scoring this close to the best are kept too
_COMPAT = re.compile(
    r"\b(compatib\w*|work(s)? with|fit(s)?|use (it |them )?with|go(es)? with|pair(s)? with|"
    r"charge|support(s)?|take(s)?|accept(s)?|need|connect(s|ed)?( \w+)? (to|with)|"
    r"(put|use|wear|run) (it|them|these|those|my( \w+){1,2}) (in|into|with|on)|"
    r"plug\w*\b.{0,40}\binto|"
    r"(put|wear|slip|pull|stretch|strap)\b[^.?!]{0,30}\b(over|onto) (it|them|these|those|my)|"
    r"(listen|watch|play|hear)\b[^.?!]{0,50}\bwith (it|them|these|those))\b",  # "…with them"
    re.I,
)
# A question about something going wrong, and a section about something going wrong: a
# how-to question ("how do I turn off noise cancelling") is not answered by a fix for a fault
# ("Noise cancelling is weak"), nor the other way round.
PROBLEM = re.compile(
    r"\b(not (?!(needing|needed|using|used|sure|yet|long|much|many|too|very|really)\b)"
    r"\w+|no longer|won'?t|doesn'?t|isn'?t|can'?t|cannot|stopp?(ed|s)?|weak|error|fault\w*|"
    r"problem|issue|broken(?! in\b)|fails?|failed|keeps(?! \w+ (warm|hot|cold|fresh))|"
    r"keep (on )?\w+ing|drops?|troubleshoot\w*|flashing|beeping|"
    r"leak\w*|crackl\w*|dead|messed up|gritty|muddy|sludg\w*|hum(s|ming)?|"
    # "the tv stays off", not "can i make it stay off"
    r"nothing (comes|came) out|stays (off|dark|black|dead|blank)|"
    # "little white flakes floating in my tea… is that bad": something seen that worries
    r"floating in|(is|are) (that|this|it|they|these) (bad|harmful|dangerous))\b",
    re.I,
)
_PROHIBITION = re.compile(r"(never|do not|don't|avoid)\b", re.I)
# "This guide covers…": a line about the document, not an answer from it
_META = re.compile(
    r"^(this (guide|manual|document|page|sheet)|the (full )?(user )?(manual|guide)\b.*\bcovers)",
    re.I,
)
_EXAMPLES = re.compile(r"\bexamples?\b", re.I)
_DOCUMENT = re.compile(r"\b(guide|manual|document|booklet|leaflet|sheet)s?\b", re.I)
MIN_FINDABLE = 3  # findable question words needed to judge support by them alone
MEASURED_SUPPORT = 0.6  # a line that gives the measurement asked is an answer


@dataclass(frozen=True, slots=True)
class Answer:
    passage: PassageOut
    lines: tuple[str, ...]
    support: float  # share of the question's content words found in the answer (0..1)
    steps: bool  # the lines are a procedure's steps
    # the best line of another passage, when it scores close to the answer's: the search was
    # not sure which of the two the customer means, so both are shown
    aside: tuple[PassageOut, str] | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def chunk_ids(self) -> list[str]:
        """The passages the customer reads from: the answer's, then the aside's."""
        return [self.passage.chunk_id] + ([self.aside[0].chunk_id] if self.aside else [])

    @property
    def shown(self) -> str:
        """What the customer reads: the lines, then the aside's line."""
        return f"{self.text}\n{self.aside[1]}" if self.aside else self.text


def merge_sections(found: Sequence[PassageOut]) -> list[PassageOut]:
    """Chunks of one section (a long section is split at ingestion) read as one passage, in
    document order (ingestion numbers a source's chunks: "…-0003" before "…-0004"), at the
    rank of its best chunk: the sentence after the one that matched may sit in the next chunk."""
    parts: dict[tuple[str, str], list[PassageOut]] = {}
    for p in found:
        key = (p.source, p.section) if p.section else (p.source, p.chunk_id)
        if not any(p.text in q.text for q in parts.get(key, [])):
            parts.setdefault(key, []).append(p)
    merged = []
    for chunks in parts.values():
        ordered = sorted(chunks, key=lambda c: c.chunk_id)
        scores = {k: v for c in reversed(chunks) for k, v in c.unit_scores.items()}
        text = "\n".join(c.text for c in ordered)
        merged.append(chunks[0].model_copy(update={"text": text, "unit_scores": scores}))
    return merged


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
    # "how can he watch it from his phone?": the manuals' "Sharing", not the setup's steps
    shared = bool(kinds.SHARED.search(question))
    words = manuals_words(content_words(question), found, shared=shared)
    if not words or not found:
        return None
    naming = naming_tokens(naming)
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
    how_to = bool(_HOW_TO.search(question)) and not (_HOW_MUCH.search(question) or shared)
    compat = bool(_COMPAT.search(question))
    codes = identifiers(question) - set(naming)  # a model code names the product; "E3" is asked
    codes -= {c for p in found for c in identifiers(p.title)}  # "the pack 20L": its name
    plain = kinds.PURPOSE.sub("", question)
    problem = bool(PROBLEM.search(plain) or kinds.SOMETHING_WRONG.search(plain))
    # "what happens if the charge fails?", "…when the card is full, does it just stop?": a
    # section about a fault may answer it, or one about normal use: no side is taken
    what_if = bool(kinds.WHAT_IF.search(question))
    may_i = bool(kinds.MAY_I.search(question))
    when = bool(kinds.WHEN.search(question))
    how_long = bool(kinds.HOW_LONG.search(question))
    how_often = bool(kinds.HOW_OFTEN.search(question))
    money_back = bool(kinds.MONEY_BACK.search(question))
    how_hot = bool(kinds.HOW_HOT.search(question))
    where = bool(kinds.WHERE.search(question)) and not kinds.SHIPPED.search(question)
    origin = kinds.FROM_WHERE.search(question)
    origin_words = set(tokenize(origin.group(0))) & set(words) if origin else set()
    measured = kinds.dimensions(question)
    stated = kinds.stated_units(question)
    measure_words = set(tokenize(kinds.asking_words(question))) & set(words)
    material = bool(kinds.MATERIAL.search(question))
    material_words = {w for w in words if kinds.MATERIAL.search(w)}
    scored: list[Scored] = []
    for rank, passage, units in candidates:
        named = _matches(tokenize(passage.section.rsplit(" > ", 1)[-1]), words)
        # a sheet row answers "does X work with Y", not a care question; a row about the very
        # thing asked ("French press") stays
        if passage.doc_type == "compatibility" and not compat and len(found) > 1 and len(named) < 2:
            continue
        head = _matches(tokenize(f"{passage.title} {passage.section}"), words)
        owned = 1.0 if sku is not None and sku in passage.skus else 0.0
        code = 0.0
        if codes:  # the section about the customer's code, not its neighbour's
            code = bool(codes & identifiers(passage.section)) - 0.5
        mismatch = float(
            bool(PROBLEM.search(passage.section)) is not problem
            and bool(passage.section)
            and not what_if
        )
        example = worked_example(passage.text)  # "Worked example: … On May 20 you are charged…"
        for i, (unit, is_step) in enumerate(units):
            matched = _matches(tokenize(unit), words)
            if refers_back(units, i):  # "…one of those days…": the days the one before names
                matched |= _matches(tokenize(units[i - 1][0]), words)
            made = placed = False
            # before the others: "how long is an open bag good for" is a time and a keeping
            dimension = bool(measured) and kinds.gives_dimension(unit, measured)
            semantic = passage.unit_scores.get(unit)
            kind = bool(
                dimension
                or (how_long and kinds.DURATION.search(unit))
                or (how_often and kinds.RATE.search(unit))
                or (money_back and kinds.MONEY.search(unit))
                or (how_hot and kinds.TEMPERATURE.search(unit))
                or (where and kinds.PLACE.search(unit))
                or (placed := bool(origin) and bool(kinds.ORIGIN.search(unit)))
                or (when and kinds.CLOCK.search(unit))
                or (made := material and bool(kinds.MATERIAL_LINE.search(unit)))
                or (bool(owned) and kinds.states_limit(unit, stated))
            )  # the kind of thing asked: a duration, a temperature, a place, times of day, a
            # measurement, what it is made of, the limit for an amount the customer states
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
            meta = bool(_META.match(unit))
            told = unit in example or bool(EXAMPLE.match(unit))  # a worked example's line
            if (meta and not (matched and _DOCUMENT.search(question))) or (
                told and not _EXAMPLES.search(question)
            ):
                continue  # "This guide covers…", "Second example: You have 1 bag…": not asked
            key = tokenize(unit.split("|", 1)[0]) if "|" in unit else []
            features = {
                "lexical": sum(weight[w] for w in matched | head) / full,
                "rank": 1.0 / (2 + rank),
                "owned": owned,
                "code": code,
                "mismatch": mismatch,
                "code_in_line": float(bool(codes & identifiers(unit))),
                "focus": len(_matches(tokenize(unit), new)) / len(new) if new else 0.0,
                "meta": float(meta),
                "verdict": float(may_i and bool(matched) and bool(kinds.VERDICT.search(unit))),
                "kind": float(kind),
                "measure": float(dimension and kinds.gives_exactly(unit, measured)),
                # a line that shares no word with the question counts less: its cosine is
                # often only the product's name, which the query also carries
                "semantic": (semantic or 0.0) if matched else 0.0,
                "semantic_unmatched": 0.0 if matched else (semantic or 0.0),
                # tables embed poorly: the row's label decides
                "row_key": float(bool(key) and row_named(key, words)),
                "how_to_step": float(how_to and is_step),
            }
            score = weigh(features)
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
            chosen |= spans.whole_list(units, listed[0], LIST_MAX)
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
        run = [*spans.intro(units, next(j for j, (_, s) in enumerate(units) if s)), *run]
        lines = [line for line in lines if line not in run] + run
        steps = True
    elif not steps and (units[i][1] or spans.leads_a_procedure(lines, units)):  # its steps
        lines, steps = spans.whole_procedure(lines, units)
    if not steps:  # "…on warm with fabric softener and then in the dryer?": each step asked
        lines = spans.facet_steps(lines, units, words)
    if not steps and len(units) <= SHORT_SECTION and _words(units) <= SHORT_ANSWER_WORDS * 2:
        # "Decaf is not caffeine-free… (2–5 mg per cup.)": a short section, whole, answer first
        lines = [*lines, *(u for u, _ in units if u not in lines)]
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
    lines = spans.opening_first(
        question, with_table_rows(lines, [u for u, _ in units], question), units, words
    )
    lines = second_ask.complete(question, lines, units)  # "how much coffee … and how long"
    for extra in lines:
        covered |= _matches(tokenize(extra), words)
    lines += spans.other_facet(candidates, passage, words, covered, weight)
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
    lines = list(dict.fromkeys(lines))
    aside = _aside(scored, candidates, passage, lines, score, sku)
    return Answer(passage, tuple(lines), round(support, 3), steps, aside)


def naming_tokens(naming: Collection[str]) -> set[str]:
    """The name's words as the question's words are tokenized: "10l" is "10-litre" too; "my
    velo 3s" is the name's number in the plural, not 3 seconds. Each word on its own, so that
    the order of a set never makes a token across two words."""
    return {
        *naming,
        *(t for w in naming for t in tokenize(w)),
        *(t for w in naming if w.isdigit() for t in tokenize(f"{w}s")),
    }


def _words(units: Sequence[tuple[str, bool]]) -> int:
    return sum(len(u.split()) for u, _ in units)


def _aside(
    scored: Sequence[Scored],
    candidates: Sequence[tuple[int, PassageOut, list[tuple[str, bool]]]],
    chosen: PassageOut,
    lines: Sequence[str],
    best: float,
    sku: str | None,
) -> tuple[PassageOut, str] | None:
    """The best line of another section, when it scores within ``ASIDE`` of the answer."""
    mine = {sku} if sku else set(chosen.skus)
    for score, rank, i, _, covered in sorted(scored, key=lambda t: -t[0]):
        if score < ASIDE * best:
            return None
        passage, unit = candidates[rank][1], candidates[rank][2][i][0]
        if "|" in unit and (  # a table row, alone, says something only about what its first
            not _matches(tokenize(unit.split("|", 1)[0]), sorted(covered))  # cell names; its
            or unit.strip() == next((r.strip() for r in passage.text.split("\n") if "|" in r), "")
        ):  # header row says nothing
            continue
        if passage.section == chosen.section and passage.source == chosen.source:
            continue
        if any(unit in line for line in lines) or unit.endswith(":") or _META.match(unit):
            continue
        # not a document's introduction, a worked example about someone else's order, or a
        # passage about other products than the answer's or the one asked about
        if not passage.section or _EXAMPLES.search(passage.section.rsplit(" > ", 1)[-1]):
            continue
        if passage.skus and mine and not mine & set(passage.skus):
            continue
        return passage, unit
    return None
