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
    r"^(yes|yeah|yep|yup|ya|y|sure|ok|okay|k|please do|do it|go ahead|confirm(ed)?|"
    r"that'?s (right|fine|ok)|correct|absolutely|sounds good|perfect|yes please)\b",
    re.I,
)
_NO = re.compile(
    r"^(no|nope|nah|n|don'?t|do not|cancel that|stop|never ?mind|not now|wait|"
    r"hold on|leave it)\b",
    re.I,
)
# Words that may follow a yes/no without turning it into another request.
_YES_FILLER = frozenset(
    "yes yeah yep sure ok okay please do it go ahead confirm confirmed that's thats fine right "
    "correct absolutely sounds good great perfect thanks thank you send resend skip pause cancel "
    "change swap register add the a this one proceed".split()
)
_NO_FILLER = frozenset(
    "no nope nah don't dont do not it that please thanks thank you cancel stop never mind "
    "leave keep as is i changed my mind wait hold on not now skip pause thats that's fine "
    "actually".split()
)


def confirmation_decision(text: str) -> bool | None:
    """True for a clear yes, False for a clear no, None otherwise (the pending action stays).
    Only ever applied to the customer's own message, and only when the message is nothing but
    the answer: "sure, and also cancel everything" or "ok so how do I brew it?" confirm nothing."""
    cleaned = text.strip().lower()
    if "?" in cleaned:
        return None
    words = re.findall(r"[a-z']+", cleaned)
    if not words or len(words) > 8:
        return None
    if _NO.match(cleaned):
        return False if set(words) <= _NO_FILLER else None
    if _YES.match(cleaned):
        return True if set(words) <= _YES_FILLER else None
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
    r"\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?[ \t]+(\d{1,2})"
    r"(?:st|nd|rd|th)?\b(?:,?[ \t]+(\d{4}))?",
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
    """Everything this turn's tools returned, as text (JSON line breaks unescaped, so a date or
    number next to a line break in a passage is still found)."""
    parts = [
        json.dumps(o.content, default=str, ensure_ascii=False).replace("\\n", "\n")
        for o in outcomes
        if o.content is not None
    ]
    refusals = [o.error for o in outcomes if o.error]  # the store's own words (dates, rules)
    return "\n".join([*parts, *refusals, *extra])


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
