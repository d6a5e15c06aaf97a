"""A document's calibration rule worked out with the customer's own numbers: "did exactly that and
weighed it, only 26 g came out", after the guide gave 14.0 s for 30 g, and a passage found says
"Calculate the new time: current time × target weight ÷ actual weight" -> 14.0 × 30 ÷ 26 = 16.2 s.

Only a rule of that shape (a current value times a target over an actual one) is worked out,
and only when each of its three values is found: the actual one in the customer's message (the
result they report), the target one in what they asked for before (or "not 18" now), the
current one in their message or in the line of the previous answer that holds the target. The
line quoted is the document's; the arithmetic is ours."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.agent.messages import ModelTurn
from assistant.agent.tools import PassageOut
from assistant.planner.common import source_label
from assistant.planner.kit import Step, say
from assistant.planner.quantities import canonical_quantities

_FORMULA = re.compile(
    r"(?P<a>[a-z]+ [a-z]+)\s*[×*]\s*(?P<b>[a-z]+ [a-z]+)\s*[÷/]\s*(?P<c>[a-z]+ [a-z]+)", re.I
)
_ROLES = {
    "current": ("current", "old", "present", "set"),
    "target": ("target", "wanted", "desired", "intended"),
    "actual": ("actual", "measured", "real"),
}
_FAMILIES = {
    "time": ("second", "minute", "hour"),
    "weight": ("gram", "kg", "oz"),
    "dose": ("gram", "kg", "oz"),
    "volume": ("ml", "litre", "cup"),
}
_UNIT_WORDS = {"second": "s", "minute": "min", "hour": "h", "gram": "g"}
_QUANTITY = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)-([a-z]+)\b")
# "only 26 g came out", "only got 16.5g", "weighed it: 17 g": a result the customer reports
_REPORTED = re.compile(
    r"\b(only|got|came out|weighed|measured|ended up|gave me|produced|was|were|says|shows|reads)\b",
    re.I,
)
# a number with no unit after it ("did 16.5 and…", "not 18."; not "16.5g", "2 batches")
_BARE = r"(\d+(?:\.\d+)?)(?!\.?\d)(?!\s?(?!(?:and|then|but|on|for|at|now)\b)[a-z%])"
_NOT_N = re.compile(rf"\bnot\s+{_BARE}", re.I)  # "only got 16.5g not 18"
# "did 16.5", "ran it at 16.5"
_DID_N = re.compile(
    rf"\b(?:did|set(?: it)?(?: to| at)?|used|tried|ran(?: it)?(?: at)?)\s+{_BARE}", re.I
)


@dataclass(frozen=True, slots=True)
class Worked:
    passage: PassageOut
    rule: str  # the document's sentence
    text: str  # the arithmetic, with the result and its unit


def _term(words: str) -> tuple[str, str] | None:
    """("current", "time") for "current time"; None for a term of no known role or quantity."""
    qualifier, noun = words.lower().split()
    role = next((r for r, names in _ROLES.items() if qualifier in names), None)
    return (role, noun) if role and noun in _FAMILIES else None


def _quantities(text: str, noun: str) -> list[tuple[float, str]]:
    """The (value, unit) of each quantity in ``text`` that measures ``noun`` ("26 g": weight)."""
    units = _FAMILIES[noun]
    return [(float(v), u) for v, u in _QUANTITY.findall(canonical_quantities(text)) if u in units]


def _values(text: str, noun: str) -> list[float]:
    return [value for value, _ in _quantities(text, noun)]


def work_out(
    found: Sequence[PassageOut], said: str, asked_before: Sequence[str], answered_before: str
) -> Worked | None:
    """The rule among ``found`` worked out with the values of the conversation: ``said`` (the
    customer's message now), ``asked_before`` (their earlier messages, newest last) and
    ``answered_before`` (the previous reply)."""
    if not _REPORTED.search(said):
        return None
    for passage in (p for p in found if _FORMULA.search(p.text)):
        for line in re.split(r"(?<=[.!?])\s+|\n+", passage.text):
            sentence = re.sub(r"^\s*(\d+[.)]|[-*•])\s*", "", line)  # "3. Calculate…": no "3."
            match = _FORMULA.search(sentence)
            terms = [t for k in "abc" if (t := _term(match.group(k)))] if match else []
            roles = dict(terms)
            if len(terms) != len(_ROLES) or set(roles) != set(_ROLES):
                continue
            worked = _with_values(roles, said, asked_before, answered_before)
            if worked is not None:
                return Worked(passage, sentence.strip(), worked)
    return None


def _with_values(
    roles: dict[str, str], said: str, asked_before: Sequence[str], answered_before: str
) -> str | None:
    actual_now = _values(said, roles["actual"])
    if not actual_now:
        return None
    actual = actual_now[-1]
    target = next(
        (v for text in reversed(asked_before) for v in _values(text, roles["target"])[-1:]),
        None,
    )
    if (not_n := _NOT_N.search(said)) is not None:  # "only got 16.5g not 18"
        target = float(not_n.group(1))
    if target is None or target == actual or actual == 0:
        return None
    noun = roles["current"]
    rows = [line for line in answered_before.splitlines() if "|" in line]  # a table's rows
    units = [unit for row in rows for _, unit in _quantities(row, noun)]
    unit = units[-1] if units else _FAMILIES[noun][0]  # a bare "did 16.5": the table's unit
    current: float | None = None
    if noun != roles["actual"] and (now := _quantities(said, noun)):
        current, unit = now[-1]
    elif (did := _DID_N.search(said)) is not None:  # "did 16.5"
        current = float(did.group(1))
    else:  # the previous answer's table row that holds the target: its value of the other kind
        row = next(
            (  # a row ("30 g | 14.0 s"), not a sentence ("30 g… steep 4 minutes")
                found[0]
                for row in rows
                if target in _values(row, roles["target"]) and (found := _quantities(row, noun))
            ),
            None,
        )
        current, unit = row if row is not None else (None, unit)
    if current is None:
        return None
    result = current * target / actual
    return f"{current:g} × {target:g} ÷ {actual:g} = {result:.1f} {_UNIT_WORDS.get(unit, unit)}"


def worked_out(step: Step, found: Sequence[PassageOut]) -> ModelTurn | None:
    """The reply that works a rule among ``found`` out for this conversation, or None."""
    messages = step.ctx.state.messages
    said = step.ctx.text
    asked = [m.text for m in messages if m.role == "user"][:-1]
    answered = next((m.text for m in reversed(messages) if m.role == "assistant"), "")
    worked = work_out(found, said, asked, answered)
    if worked is None:
        return None
    return say(
        f"Worked out with the guide's rule ({source_label(worked.passage)}: "
        f'"{worked.rule}"):\n{worked.text}.',
        [worked.passage.chunk_id],
    )
