"""Guards between the model and the tools, enforced in code:

- which tools are offered: nothing that reads customer data before verification;
- a call to a tool that was not offered is refused (a model cannot reach around the offer);
- only the customer's own message confirms a pending action (see :func:`confirmation_decision`);
- an answer written by a model must be grounded: every order number, price, date, tracking
  number and percentage in it must appear in this turn's tool results or passages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date

from assistant.agent.messages import ToolCall, ToolOutcome
from assistant.agent.state import ConversationState
from assistant.agent.toolkit import Tool, Toolset


def offered_tools(toolset: Toolset, state: ConversationState) -> list[str]:
    names = []
    for tool in toolset:
        if tool.requires_verification and not state.verified:
            continue
        if tool.only_before_verification and state.verified:
            continue
        names.append(tool.name)
    return names


def refuse_unoffered(
    call: ToolCall, offered: Iterable[str], toolset: Toolset
) -> ToolOutcome | None:
    if call.name in offered:
        return None
    tool: Tool | None = toolset.get(call.name, None)
    if tool is not None and tool.requires_verification:
        return ToolOutcome(
            call,
            error="The customer is not verified yet: ask for the order "
            "number and the email on the order.",
            error_code="verification_required",
        )
    return ToolOutcome(
        call, error=f"tool {call.name!r} is not available now", error_code="tool_not_available"
    )


_YES = re.compile(
    r"^\s*(yes|yeah|yep|yup|ya|y|sure|ok|okay|k|please do|do it|go ahead|confirm(ed)?|"
    r"that'?s right|correct|absolutely|sounds good|perfect|please|yes please)\b",
    re.I,
)
_NO = re.compile(
    r"^\s*(no|nope|nah|n|don'?t|do not|cancel that|stop|never ?mind|not now|wait|hold on)\b", re.I
)


def confirmation_decision(text: str) -> bool | None:
    """True for a clear yes, False for a clear no, None otherwise (the pending action stays).
    Only ever applied to the customer's own message."""
    if _NO.search(text):
        return False
    if _YES.search(text) and not re.search(r"\b(but|not|don'?t|no)\b", text, re.I):
        return True
    return None


# --- grounding ------------------------------------------------------------------------------
_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTH_DAY = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?"
    r"(?:,?\s+(\d{4}))?\b",
    re.I,
)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")
_NUMBER = re.compile(r"(?<![\w.])[#$]?\d[\d,]*(?:\.\d+)?%?")
_TRACKING = re.compile(r"\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{10,30}\b")


def _month_days(text: str) -> set[tuple[int, int]]:
    found = set()
    for m in _MONTH_DAY.finditer(text):
        month = next((v for k, v in _MONTHS.items() if k.startswith(m.group(1).lower()[:3])), 0)
        found.add((month, int(m.group(2))))
    for _y, mo, d in _ISO.findall(text):
        found.add((int(mo), int(d)))
    return found


def _numbers(text: str) -> set[str]:
    out = set()
    for raw in _NUMBER.findall(text):
        token = raw.strip("#$%").replace(",", "")
        if token:
            out.add(token.rstrip("0").rstrip(".") if "." in token else token)
    return out


def evidence_text(outcomes: Iterable[ToolOutcome], extra: Iterable[str] = ()) -> str:
    parts = [json.dumps(o.content, default=str) for o in outcomes if o.content is not None]
    return "\n".join([*parts, *extra])


def ungrounded_facts(answer: str, evidence: str, today: date | None = None) -> list[str]:
    """Facts in ``answer`` (numbers, prices, percentages, dates, tracking numbers) that the
    evidence does not contain. Small counting words (1–10) are allowed as phrasing."""
    missing: list[str] = []
    ev_numbers = _numbers(evidence)
    # percentages may be written from shares (0.55 -> 55 %)
    for share in re.findall(r"\"share\":\s*([0-9.]+)", evidence):
        ev_numbers.add(str(round(float(share) * 100)))
    for number in _numbers(_MONTH_DAY.sub(" ", answer)):
        if number in ev_numbers or (number.isdigit() and int(number) <= 10):
            continue
        missing.append(number)
    ev_dates = _month_days(evidence)
    if today is not None:
        ev_dates.add((today.month, today.day))
    missing += [f"{m}/{d}" for m, d in _month_days(answer) if (m, d) not in ev_dates]
    missing += [t for t in _TRACKING.findall(answer) if t not in evidence]
    return missing
