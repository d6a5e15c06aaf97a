"""The output policy for every reply a model wrote (the planner's own answers are code, not model
text). A reply, or a streamed sentence of it, breaks the policy when it carries:

- ``link`` / ``email``: a URL, domain or email address that is in none of this turn's tool
  results or passages, not typed by the customer, and not on a host of the allow-list
  (``Settings.output_allowed_domains`` plus the service's own host);
- ``code``: a discount, coupon or promo code (or a code-like token) that no tool result gave;
- ``claim``: something done, refunded, approved or "no confirmation needed" without an action
  executed this turn (a state the records themselves state, e.g. an order that *is* cancelled,
  may be repeated);
- ``identifier``: another customer's name, email, phone, order or tracking number or street;
- ``prompt_echo``: the system prompt, the server's context heading or a tool's name.

The loop answers such a turn with the planner instead, and counts it (``Reply.fallback`` is
``policy: <rules>``, counted in ``aftercare_fallbacks_total{reason="policy"}``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from assistant.agent.identifiers import CustomerDirectory
from assistant.llm.prompts import CONTEXT_HEADING, SYSTEM_PROMPT

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'\])]+", re.I)
_DOMAIN = re.compile(
    r"(?<![\w@.-])(?:[a-z0-9-]+\.)+(?:com|net|org|io|co|shop|store|info|biz|xyz|ly|me|app|"
    r"link|site|online|ru|cn|top|example|support|help)(?:/[^\s<>\"')\]]*)?(?![\w-])",
    re.I,
)
_CODE_WORD = re.compile(r"\b(?:code|coupon|promo|voucher|discount|gift ?card)s?\b", re.I)
_CODE_TOKEN = re.compile(r"\b[A-Z0-9][A-Z0-9_-]{3,23}\b")
_CODE_LIKE = re.compile(r"\b(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z]{2})[A-Z][A-Z0-9-]{4,23}\b")
_DONE = (
    r"cancel+ed|changed|updated|sent|re-?sent|registered|refunded|processed|approved|skipped|"
    r"paused|issued|applied|credited|swapped|added|removed|completed|submitted|executed|"
    r"authori[sz]ed|waived|granted|reversed|confirmed"
)
_FIRST_PERSON = re.compile(
    rf"\b(?:i|we)(?:'ve| have|'ll| will)?\s+(?:now\s+|already\s+|just\s+|gone ahead and\s+)?"
    rf"(?:{_DONE})\b",
    re.I,
)
_PASSIVE = re.compile(
    rf"\b(?:has|have|had|is|are|was|were)\s+(?:now\s+|already\s+|just\s+|all\s+)?"
    rf"(?:been\s+)?({_DONE}|done|complete|taken care of|sorted)\b",
    re.I,
)
# Never true of this service: the customer always confirms, and nothing is pre-approved.
_BYPASS = re.compile(
    r"\b(?:no|without (?:your |any |a )?)(?:confirmation|verification) (?:is )?"
    r"(?:needed|required)\b|"
    r"\bwithout (?:your |any |a )?(?:confirmation|verification)\b|"
    r"\b(?:already|pre-?) ?(?:been )?(?:approved|authori[sz]ed)\b",
    re.I,
)
_DONE_CLAIM = re.compile(
    r"\b(?:all set|all done|it'?s done|that'?s done)\b|(?:^|[.!?]\s+)done\b|\bdone[.!]",
    re.I,
)
_REFUND_CLAIM = re.compile(
    r"\brefund\b[^.\n]{0,40}\b(?:issued|processed|approved|on (?:its|the) way|granted|initiated)\b|"
    r"\b(?:issued|processed|approved|granted|initiated)\b[^.\n]{0,20}\brefund\b|"
    r"\byou(?:'ll| will)\s+(?:get|receive|be getting)\s+(?:a |your |the )?(?:full )?refund\b",
    re.I,
)
_WORD = re.compile(r"[a-z0-9']+")
ECHO_WORDS = 7  # this many consecutive words of the system prompt are an echo


def _shingles(text: str, n: int) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + n]) for i in range(max(0, len(words) - n + 1))}


_PROMPT_SHINGLES = _shingles(SYSTEM_PROMPT, ECHO_WORDS)


@dataclass(slots=True)
class PolicyContext:
    """What a reply may draw on in this turn."""

    evidence: str  # this turn's tool results and passages, as text
    records: str = ""  # the tool results that are the store's records (not passages)
    typed: str = ""  # everything the customer typed in this conversation
    customer_id: int | None = None
    customer_email: str | None = None
    allowed_hosts: frozenset[str] = frozenset()
    executed: bool = False  # an action was executed (or a hand-over opened) this turn
    tool_names: frozenset[str] = frozenset()
    directory: CustomerDirectory | None = None
    violations: list[str] = field(default_factory=list)


def _host(link: str) -> str:
    if not re.match(r"https?://", link, re.I):
        link = "http://" + link
    try:
        return (urlsplit(link).hostname or "").lower()
    except ValueError:
        return ""


def host_allowed(host: str, allowed: Iterable[str]) -> bool:
    return any(host == h or host.endswith("." + h) for h in allowed)


def _known(item: str, ctx: PolicyContext) -> bool:
    low = item.lower().rstrip(".,;:!?")
    return low in ctx.evidence.lower() or low in ctx.typed.lower()


def check(text: str, ctx: PolicyContext) -> list[str]:
    """The rules ``text`` breaks (empty when it may be shown), each as ``rule: detail``."""
    out: list[str] = []
    emails = _EMAIL.findall(text)
    for email in emails:
        low = email.lower()
        if low == (ctx.customer_email or "").lower() or _known(low, ctx):
            continue
        if host_allowed(low.rsplit("@", 1)[-1], ctx.allowed_hosts):
            continue
        out.append(f"email: {email}")
    rest = _EMAIL.sub(" ", text)
    links = _URL.findall(rest) + _DOMAIN.findall(_URL.sub(" ", rest))
    for link in links:
        link = link.rstrip(".,;:!?")
        if _known(link, ctx) or host_allowed(_host(link), ctx.allowed_hosts):
            continue
        out.append(f"link: {link}")
    for word in _CODE_WORD.finditer(text):
        window = text[word.end() : word.end() + 40]
        token = _CODE_TOKEN.search(window)
        if token and not _known(token.group(0), ctx) and token.group(0) not in ("I", "OK"):
            out.append(f"code: {token.group(0)}")
    for token in _CODE_LIKE.findall(text):
        if not _known(token, ctx):
            out.append(f"code: {token}")
    out += [f"claim: {m.group(0)}" for m in _BYPASS.finditer(text)]
    if "refund" not in ctx.records.lower():  # only a record of this turn can say so
        out += [f"claim: {m.group(0)}" for m in _REFUND_CLAIM.finditer(text)]
    if not ctx.executed:
        for match in _DONE_CLAIM.finditer(text):
            out.append(f"claim: {match.group(0)}")
        for match in _FIRST_PERSON.finditer(text):
            out.append(f"claim: {match.group(0)}")
        records = ctx.records.lower()
        for passive in _PASSIVE.finditer(text):
            if passive.group(1).lower() not in records:
                out.append(f"claim: {passive.group(0)}")
    if ctx.directory is not None:
        for ident in ctx.directory.foreign(text, ctx.customer_id, ctx.typed):
            out.append(f"identifier: {ident}")
    low = text.lower()
    if CONTEXT_HEADING.lower()[:30] in low or _shingles(text, ECHO_WORDS) & _PROMPT_SHINGLES:
        out.append("prompt_echo: system prompt")
    for name in ctx.tool_names:
        if name in low:
            out.append(f"prompt_echo: {name}")
    return sorted(set(out))


def rules(violations: Iterable[str]) -> list[str]:
    """The distinct rule names of some violations (``link``, ``claim``...)."""
    return sorted({v.split(":", 1)[0] for v in violations})
