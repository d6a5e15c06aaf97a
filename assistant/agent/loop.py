"""The agent loop: model-agnostic. Ask the model for the next step, run the tool calls it asks
for through the guards, feed the results back, stop at a final answer or the step cap. It knows
nothing about intents or templates; the offline planner is just another model."""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from assistant.agent.action_naming import instead_of
from assistant.agent.action_words import ACTION_LABELS
from assistant.agent.clauses import route_clauses
from assistant.agent.confirm import PendingReply
from assistant.agent.context import TurnContext
from assistant.agent.corrections import pending_correction
from assistant.agent.deps import Deps
from assistant.agent.go_ahead import read_turn
from assistant.agent.guards import offered_tools, refuse_unoffered
from assistant.agent.identifiers import CustomerDirectory
from assistant.agent.identity import verify_from_text
from assistant.agent.language import english_note, understand
from assistant.agent.messages import (
    Message,
    Model,
    ModelRequest,
    ModelTurn,
    ModelUnavailable,
    TextSink,
    ToolCall,
    ToolOutcome,
)
from assistant.agent.pending_topics import same_topic
from assistant.agent.preview_questions import about_the_preview, asked_again
from assistant.agent.reply import (
    ChangeOut,
    CitationOut,
    EscalationOut,
    ExecutedActionOut,
    PendingActionOut,
    Reply,
    ToolCallOut,
)
from assistant.agent.spelling import Speller
from assistant.agent.state import PendingAction
from assistant.agent.toolkit import Toolset, to_content
from assistant.agent.tools import PassageOut
from assistant.agent.turn_guard import GuardStats, TurnGuard
from assistant.commerce.errors import CommerceError
from assistant.commerce.schemas import Preview
from assistant.intents import Intent
from assistant.planner.shopview import shop_view
from assistant.redaction import redact


class RouteResultLike(Protocol):
    @property
    def intent(self) -> Intent: ...
    @property
    def confidence(self) -> float: ...
    @property
    def ranked(self) -> Sequence[tuple[Intent, float]]: ...


class RouterLike(Protocol):
    def route(self, text: str) -> RouteResultLike: ...


@dataclass(slots=True)
class _Turn:  # what one turn gathered
    outcomes: list[ToolOutcome] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    calls: list[ToolCallOut] = field(default_factory=list)
    executed: list[ExecutedActionOut] = field(default_factory=list)

    def record(self, outcome: ToolOutcome) -> None:
        self.outcomes.append(outcome)
        call, ok, code = outcome.call, outcome.ok, outcome.error_code
        self.calls.append(
            ToolCallOut(name=call.name, arguments=call.arguments, ok=ok, error_code=code)
        )


_ids = itertools.count(1)


class AgentLoop:
    def __init__(
        self, toolset: Toolset, planner: Model, router: RouterLike, llm: Model | None = None
    ) -> None:
        self.toolset = toolset
        self.planner = planner
        self.router = router
        self.llm = llm
        self.directory: CustomerDirectory | None = None  # other customers' identifiers
        self.guard_stats = GuardStats()
        self.budget_clock = time.monotonic  # the per-turn time budget's clock (tests pin it)
        self.speller: Speller | None = None  # typos fixed before routing (runtime sets it)

    # --- one customer message ------------------------------------------------------------
    def run_turn(self, deps: Deps, text: str, on_text: TextSink | None = None) -> Reply:
        state = deps.state
        state.turns += 1
        escalation_before = state.escalation
        pending, reading, rest = state.pending, PendingReply.UNRELATED, None
        shop = shop_view(deps.backend)
        if pending is not None:  # "yes go ahead. also is there a pdf?": confirmed, then asked
            told = shop.policy.returns.conditions  # "only tried them on inside": asked again
            reading, rest = read_turn(text, pending.request.action, pending.preview, told)
        understood = understand(rest or text)  # Spanish, German, French: glossed into English
        if self.speller is not None and understood.english:  # English words' typos only
            understood = replace(understood, text=self.speller.correct(understood.text))
        # "its 724 not 742", "wait no, the decaf" while a preview waits: the request read again
        corrected = None if rest else pending_correction(understood.text, text, state, shop)
        if corrected is not None:  # the request read again, in the customer's language still
            understood = replace(understand(corrected.request), language=understood.language)
        route = self.router.route(understood.text)
        turn = _Turn()
        ctx = TurnContext(
            state=state,
            text=understood.text,
            language=understood.language,
            intent=route.intent,
            confidence=route.confidence,
            ranked=list(route.ranked),
            now=deps.clock.now(),
            settings=deps.settings,
            shop=shop,
        )
        ctx.clauses = route_clauses(self.router.route, understood.text)
        after = ""  # a line the server adds about a pending action left undone or still waiting
        ask_again: ModelTurn | None = None
        if state.pending is not None and corrected is not None:
            self._resolve_pending(deps, text, turn, False)  # never the uncorrected one
            ctx.notes.append("pending-corrected")
        elif state.pending is not None:
            if rest:
                ctx.notes.append("then-asked")
            label = ACTION_LABELS.get(state.pending.request.action, "make that change")
            english = understood.text  # "…betaal ik op 26 januari dus niks, toch?", in English
            if reading in (PendingReply.CONFIRM, PendingReply.DECLINE):
                ctx.confirmation = self._resolve_pending(
                    deps, text, turn, reading is PendingReply.CONFIRM
                )
            elif (again := asked_again(reading, english, label, state.pending.preview)) is not None:
                ask_again = ModelTurn(text=again)  # a wait, a doubt, or what the preview covers
            elif reading is PendingReply.UNRELATED and (
                same_topic(action := state.pending.request.action, route.intent)
                or about_the_preview(english, state.pending.preview)
            ):
                if not same_topic(action, route.intent):  # "does the price stay the same?"
                    ctx.text, ctx.confidence = f"{label} — {ctx.text}", 0.0  # read with it
                after = f"\n\n(Still waiting for your go-ahead to {label}: reply yes or no.)"
            else:  # another action, or the conversation moved on: drop it, change nothing
                dropped = state.pending.request.action
                self._resolve_pending(deps, text, turn, False)
                state.pending = None  # "no, pause it instead": the other action, never this one
                ctx.notes += [f"instead:{a}" for a in instead_of(text, dropped)]
                after = f"\n\n(I did not {label}: nothing was changed.)"
                ctx.notes += ["pending-dropped", f"dropped:{dropped}"]
        state.messages.append(Message("user", redact(text), at=ctx.now))  # kept without secrets

        model: Model = self.llm or self.planner
        fallback: str | None = None
        guard = None
        if model is not self.planner and ask_again is None:  # a model: guarded (turn_guard.py)
            self._verify_from_text(deps, text, turn)
            guard = self._guard(deps, ctx, turn, on_text)
        mark = (len(turn.outcomes), len(turn.messages))  # the server's own, before the model
        try:
            if ask_again is not None:
                final, model = ask_again, self.planner
            else:
                final = self._run_model(model, deps, ctx, turn, on_text, guard)
            if guard is not None:
                fallback = guard.judge(final)
                if fallback is not None:  # the planner starts afresh, without the model's steps
                    del turn.outcomes[mark[0] :], turn.messages[mark[1] :]
                    final = self._run_model(self.planner, deps, ctx, turn, None)
        except ModelUnavailable as exc:
            fallback = f"model unavailable: {exc}"
            if guard is not None:
                del turn.outcomes[mark[0] :], turn.messages[mark[1] :]
            final = self._run_model(self.planner, deps, ctx, turn, None)
        if state.pending is not None and f"dropped:{state.pending.request.action}" in ctx.notes:
            after = ""  # "no, make it the saturday after": the same action, previewed anew
        if guard is not None:  # what was shown, then what the server adds
            answer = guard.answer(final, fallback)
            suffix = after if after and after not in answer else ""
            if not understood.english and fallback and answer:
                suffix += "\n\n" + english_note(understood.language)
            guard.emit(suffix)
            answer = guard.shown.strip()
            final.citation_ids = [] if fallback else final.citation_ids
            on_text = None
        else:
            answer = (final.text or "") + (after if final.text and after not in final.text else "")
        if guard is None and not understood.english and (model is self.planner or fallback):
            answer += "\n\n" + english_note(understood.language) if answer else ""
        if guard is None and final.citation_ids:  # inline [chunk_id] marks: shown as links
            for chunk_id in final.citation_ids:
                answer = answer.replace(f"[{chunk_id}]", "")
            answer = " ".join(answer.split(" ")).replace(" .", ".").strip()
        if on_text is not None and (model is self.planner or fallback):
            on_text(answer)
        state.messages.append(Message("assistant", answer, at=deps.clock.now()))
        state.intents.append(ctx.intent)
        name = self.planner.name if fallback or model is self.planner else model.name
        new = state.escalation is not escalation_before
        return self._reply(
            deps, ctx, turn, final, answer, model_name=name, fallback=fallback, new_escalation=new
        )

    # --- a model that is not the planner: identity from the customer, guarded output ---------
    def _verify_from_text(self, deps: Deps, text: str, turn: _Turn) -> None:
        outcome = verify_from_text(deps, text)
        if outcome is not None:
            turn.record(outcome)

    def _guard(
        self, deps: Deps, ctx: TurnContext, turn: _Turn, on_text: TextSink | None
    ) -> TurnGuard:
        return TurnGuard(
            deps,
            ctx,
            turn.outcomes,
            on_text,
            directory=self.directory,
            tool_names=frozenset(self.toolset.names()),
            stats=self.guard_stats,
            executed=lambda: bool(turn.executed),
            clock=self.budget_clock,
        )

    # --- confirmation: only the customer's own message can confirm --------------------------
    def _resolve_pending(
        self, deps: Deps, text: str, turn: _Turn, decision: bool
    ) -> ToolOutcome | None:
        state = deps.state
        pending = state.pending
        if pending is None or state.customer is None:
            return None
        state.pending = None
        name = "confirm_action" if decision else "decline_action"
        call = ToolCall(f"loop-{next(_ids)}", name, {"action": pending.request.action})
        try:
            if decision:
                result = deps.backend.confirm(
                    state.customer,
                    pending.token,
                    idempotency_key=f"{state.conversation_id}:{pending.token[:24]}",
                    expected=pending.request,
                )
                outcome = ToolOutcome(call, value=result, content=to_content(result))
                turn.executed.append(
                    ExecutedActionOut(
                        action=result.action,
                        summary=result.summary,
                        confirmation_id=result.confirmation_id,
                        record=result.record.model_dump(mode="json"),
                    )
                )
            else:
                deps.backend.decline(state.customer, pending.token)
                outcome = ToolOutcome(
                    call, value=None, content={"declined": pending.request.action}
                )
        except CommerceError as exc:
            outcome = ToolOutcome(call, error=str(exc), error_code=exc.code)
        turn.record(outcome)
        return outcome

    # --- the model/tool loop --------------------------------------------------------------
    def _run_model(
        self,
        model: Model,
        deps: Deps,
        ctx: TurnContext,
        turn: _Turn,
        on_text: TextSink | None,
        guard: TurnGuard | None = None,
    ) -> ModelTurn:
        state = deps.state
        for _ in range(deps.settings.max_tool_steps):
            offered = offered_tools(self.toolset, state)
            left = None
            if guard is not None:
                offered, left = guard.offered(offered), guard.budget_left()
                if left <= 0:
                    raise ModelUnavailable("the turn's time budget is spent")
            request = ModelRequest(
                messages=[*state.messages, *turn.messages],
                tools=self.toolset.specs(offered),
                turn_outcomes=turn.outcomes,
                context=ctx,
                budget_left=left,
            )
            step = model.next_step(request, guard.feed if guard is not None else on_text)
            if step.is_final:
                step.model_name = model.name
                return step
            if guard is not None:
                guard.end_step()
            turn.messages.append(
                Message("assistant", step.text or "", tool_calls=tuple(step.tool_calls))
            )
            self.toolset.prepare(deps, [c for c in step.tool_calls if c.name in offered])
            for call in step.tool_calls:
                refused = guard.refuse(call) if guard is not None else None
                outcome = refused or self._invoke(deps, call, offered)
                turn.record(outcome)
                turn.messages.append(Message("tool", outcome=outcome))
        # step cap reached: the planner composes from what was gathered, with no more tools
        request = ModelRequest(
            messages=[*state.messages, *turn.messages],
            tools=[],
            turn_outcomes=turn.outcomes,
            context=ctx,
        )
        final = self.planner.next_step(request, None)
        final.tool_calls = []
        final.model_name = self.planner.name
        return final

    def _invoke(self, deps: Deps, call: ToolCall, offered: Sequence[str]) -> ToolOutcome:
        refused = refuse_unoffered(call, offered, self.toolset)
        if refused is not None:
            return refused
        outcome = self.toolset.invoke(deps, call)
        tool = self.toolset[call.name]
        if outcome.ok and tool.proposes_action and isinstance(outcome.value, Preview):
            preview: Preview = outcome.value
            deps.state.pending = PendingAction(
                preview.confirmation_token, preview.request, preview, deps.clock.now()
            )
            content = preview.model_dump(mode="json")
            content.pop("confirmation_token", None)  # the token never reaches a model
            outcome.content = content
        return outcome

    # --- the structured reply ---------------------------------------------------------------
    def _reply(
        self,
        deps: Deps,
        ctx: TurnContext,
        turn: _Turn,
        final: ModelTurn,
        text: str,
        *,
        model_name: str,
        fallback: str | None,
        new_escalation: bool,
    ) -> Reply:
        found = [o.value for o in turn.outcomes if o.ok and isinstance(o.value, list)]
        passages: dict[str, PassageOut] = {}
        for item in itertools.chain.from_iterable(found):
            if isinstance(item, PassageOut):
                passages.setdefault(item.chunk_id, item)
        cited = [passages[i] for i in final.citation_ids if i in passages]
        if not final.citation_ids and model_name != self.planner.name:
            cited = list(passages.values())[:3]
        citations: list[CitationOut] = []
        for p in cited:
            c = CitationOut(source=p.source, title=p.title, section=p.section, page=p.page)
            if c not in citations:
                citations.append(c)
        pending = None
        if deps.state.pending is not None:
            pv = deps.state.pending.preview
            pending = PendingActionOut(
                action=pv.action,
                summary=pv.summary,
                changes=[ChangeOut(**c.model_dump()) for c in pv.changes],
                amount_change=pv.amount_change,
                expires_at=pv.expires_at,
            )
        escalation = None
        if new_escalation and deps.state.escalation is not None:
            t = deps.state.escalation
            escalation = EscalationOut(
                reason=t.reason, priority=t.priority, ticket_number=t.ticket_number
            )
        return Reply(
            text=text,
            intent=ctx.intent.value,
            confidence=round(ctx.confidence, 4),
            citations=citations,
            tool_calls=turn.calls,
            pending_action=pending,
            executed_actions=turn.executed,
            escalation=escalation,
            model=model_name,
            fallback=fallback,
        )
