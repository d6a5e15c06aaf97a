"""One turn of a model that is not the planner, guarded in code (the loop builds one per turn):

- identity: ``verify_customer`` is never offered to it; a call to it becomes the server's
  "please verify" answer (only the customer's own input verifies: the form, or the order number
  and email in their own message, read by :func:`assistant.agent.identity.verify_from_text`);
- actions: a ``propose_*`` call the customer did not ask for is dropped
  (:mod:`assistant.agent.proposals`); an accepted one is shown in the server's words;
- output: every sentence is checked (:mod:`assistant.agent.policy` and the grounding check)
  before it is streamed; the first sentence that fails stops the stream and the planner answers
  the turn after what was already shown, so nothing streamed is missing from the final reply;
- time: the turn has ``llm_turn_budget_seconds`` for all its model calls.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from assistant.agent.context import TurnContext
from assistant.agent.deps import Deps
from assistant.agent.guards import evidence_text, ungrounded_facts
from assistant.agent.identifiers import CustomerDirectory
from assistant.agent.messages import ModelTurn, TextSink, ToolCall, ToolOutcome
from assistant.agent.policy import PolicyContext, check, rules
from assistant.agent.proposals import TOOL_ACTIONS, render_preview, unrequested
from assistant.agent.state import PendingAction
from assistant.agent.tools import PassageOut
from assistant.store.policy import store_domains

log = logging.getLogger(__name__)

ASK_TO_VERIFY = (
    "To keep your account safe, I can't verify anyone for you. Please verify yourself: send "
    "me your order number and the email address you used for that order (or use the "
    "verification form)."
)
_SENTENCE_END = re.compile(r"(?<=[.!?:])[\"')\]]*\s+|\n+")
_CITATION = re.compile(r"\s?\[([\w-]{6,64})\]")
NOT_FOR_MODELS = frozenset({"verify_customer"})


@dataclass(slots=True)
class GuardStats:
    """Counts of what the guards did, per loop (evals and tests read them)."""

    counts: Counter[str] = field(default_factory=Counter)

    def add(self, kind: str, n: int = 1) -> None:
        self.counts[kind] += n


class TurnGuard:
    def __init__(
        self,
        deps: Deps,
        ctx: TurnContext,
        outcomes: list[ToolOutcome],
        sink: TextSink | None,
        *,
        directory: CustomerDirectory | None,
        tool_names: frozenset[str],
        stats: GuardStats,
        executed: Callable[[], bool],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.deps = deps
        self.ctx = ctx
        self.outcomes = outcomes
        self.sink = sink
        self.directory = directory
        self.tool_names = tool_names
        self.stats = stats
        self.executed = executed
        self.clock = clock
        self.started = clock()
        self.pending_before: PendingAction | None = deps.state.pending
        self.released: list[str] = []
        self.buffer = ""
        self.step_fed = ""  # the raw text of the current step fed so far
        self.blocked = False
        self.ask_to_verify = False
        self.violations: list[str] = []
        if directory is not None:
            directory.warm()

    # --- time ----------------------------------------------------------------------------
    def budget_left(self) -> float:
        return self.deps.settings.llm_turn_budget_seconds - (self.clock() - self.started)

    # --- tools ---------------------------------------------------------------------------
    def offered(self, names: list[str]) -> list[str]:
        return [n for n in names if n not in NOT_FOR_MODELS]

    def refuse(self, call: ToolCall) -> ToolOutcome | None:
        """An outcome that replaces the call (it is not run), or None to run it."""
        state = self.deps.state
        if call.name in NOT_FOR_MODELS:
            self.stats.add("verify_by_model")
            log.warning("model tried %s: asking the customer to verify instead", call.name)
            state.awaiting_verification = not state.verified
            self.ask_to_verify = True
            return ToolOutcome(
                call,
                error="Only the customer can verify, with the form or in their own message.",
                error_code="customer_must_verify",
            )
        if call.name in TOOL_ACTIONS:
            typed = [m.text for m in state.messages if m.role == "user"]
            why = unrequested(
                call, self.ctx, self.pending_before, typed, self.deps.settings.order_number_pattern
            )
            if why is not None:
                self.stats.add("proposal_dropped")
                log.warning("dropped a model proposal %s: %s", call.name, why)
                return ToolOutcome(call, error=f"Not proposed: {why}.", error_code="not_requested")
        return None

    # --- the output policy ------------------------------------------------------------------
    def policy_context(self) -> PolicyContext:
        state = self.deps.state
        settings = self.deps.settings
        records = [o for o in self.outcomes if o.ok and not _is_passages(o)]
        hosts = {h.lower() for h in settings.output_allowed_domains}
        hosts |= store_domains(self.deps.backend.policy())
        public = urlsplit(settings.public_url).hostname
        if public:
            hosts.add(public.lower())
        return PolicyContext(
            evidence=evidence_text(self.outcomes),
            records=evidence_text(records),
            typed=" ".join(m.text for m in state.messages if m.role == "user"),
            customer_id=state.customer.customer_id if state.customer else None,
            customer_email=state.customer.email if state.customer else None,
            allowed_hosts=frozenset(hosts),
            executed=self.executed(),
            tool_names=self.tool_names,
            directory=self.directory,
        )

    def problems(self, text: str) -> list[str]:
        found = check(text, self.policy_context())
        typed = [m.text for m in self.deps.state.messages if m.role == "user"]
        evidence = evidence_text(self.outcomes, typed)
        found += [f"ungrounded: {f}" for f in ungrounded_facts(text, evidence, self.ctx.now.date())]
        return found

    def clean(self, text: str) -> str:
        ids = {p.chunk_id for o in self.outcomes if o.ok for p in _passages(o)}
        return _CITATION.sub(lambda m: "" if m.group(1) in ids else m.group(0), text)

    # --- streaming -------------------------------------------------------------------------
    def feed(self, piece: str) -> None:
        """A piece of the model's text: released sentence by sentence once checked."""
        self.step_fed += piece
        state = self.deps.state
        if (self.ask_to_verify and not state.verified) or state.pending is not self.pending_before:
            self.blocked = True  # the server answers this turn in its own words
        if self.blocked:
            return
        self.buffer += piece
        while not self.blocked:
            end = _SENTENCE_END.search(self.buffer)
            if end is None:
                return
            sentence, self.buffer = self.buffer[: end.end()], self.buffer[end.end() :]
            self._release(sentence)

    def _release(self, sentence: str) -> None:
        cleaned = self.clean(sentence)
        if not cleaned.strip():
            return
        found = self.problems(cleaned)
        if found:
            self._block(found)
            return
        self.released.append(cleaned)
        if self.sink is not None:
            self.sink(cleaned)

    def _block(self, found: list[str]) -> None:
        self.blocked = True
        self.violations += found
        for rule in rules(found):
            self.stats.add(f"policy_{rule}")
        log.warning("model output held back: %s", "; ".join(found[:5]))

    def end_step(self) -> None:
        """The step asked for tools: its unreleased text is no answer."""
        self.buffer = ""
        self.step_fed = ""

    @property
    def shown(self) -> str:
        return "".join(self.released)

    def emit(self, text: str) -> None:
        """Text the server adds (the planner's answer, a note): shown as it is."""
        if text:
            self.released.append(text)
            if self.sink is not None:
                self.sink(text)

    # --- the final answer --------------------------------------------------------------------
    def judge(self, final: ModelTurn) -> str | None:
        """Settle the model's final step: None when its text may stand (the rest is then
        released), else the reason the planner answers instead."""
        state = self.deps.state
        if self.ask_to_verify and not state.verified:
            self.blocked = True
            final.text = ASK_TO_VERIFY
            return None
        if state.pending is not None and state.pending is not self.pending_before:
            self.blocked = True  # the model's words about a proposal are not shown
            final.text = render_preview(state.pending.preview)
            return None
        if self.violations:
            return _reason(self.violations)
        found = self.problems(self.clean(final.text or ""))
        if found:
            self._block(found)
            return _reason(found)
        text = final.text or ""
        fed = self.step_fed
        self.feed(text[len(fed) :] if text.startswith(fed) else text)
        if self.buffer.strip() and not self.blocked:  # the last sentence
            self._release(self.buffer)
            self.buffer = ""
        if self.blocked:
            return _reason(self.violations)
        return None

    def answer(self, final: ModelTurn, fallback: str | None) -> str:
        """What the customer sees: what was shown, then the server's text if the model's
        final text was not released (a preview, the planner's answer)."""
        if fallback is None and not self.blocked:
            return self.shown
        self.emit(("\n\n" if self.shown.strip() else "") + (final.text or ""))
        return self.shown


def _reason(found: list[str]) -> str:
    """The fallback reason: ``ungrounded: <facts>`` or ``policy: <rules>``."""
    kinds = rules(found)
    if kinds == ["ungrounded"]:
        return "ungrounded: " + ", ".join(f.split(": ", 1)[1] for f in found[:5])
    return "policy: " + ", ".join(k for k in kinds if k != "ungrounded")


def _is_passages(outcome: ToolOutcome) -> bool:
    return isinstance(outcome.value, list) and any(isinstance(v, PassageOut) for v in outcome.value)


def _passages(outcome: ToolOutcome) -> list[PassageOut]:
    if isinstance(outcome.value, list):
        return [v for v in outcome.value if isinstance(v, PassageOut)]
    return []
