"""An angry first report of a product problem is answered first, with a person offered; swearing,
anger that goes on, or no product to read about are handed over as before."""

from __future__ import annotations

from datetime import UTC, datetime

from assistant.agent.context import TurnContext
from assistant.agent.messages import ModelTurn
from assistant.agent.state import ConversationState
from assistant.escalation.signals import frustration
from assistant.intents import Intent
from assistant.planner import upset
from assistant.settings import Settings
from tests.support import pack_view

GRINDER = (
    "honestly this grinder is garbage. 140 bucks and the grind is half boulders half dust, my "
    "french press tastes awful. what is going on"
)


def _ctx(text: str, intent: Intent = Intent.COMPLAINT) -> TurnContext:
    return TurnContext(
        state=ConversationState(conversation_id="c"),
        text=text,
        intent=intent,
        confidence=0.42,
        ranked=[(intent, 0.42)],
        now=datetime(2026, 1, 20, tzinfo=UTC),
        settings=Settings(environment="test"),
        shop=pack_view(),
    )


def test_an_angry_first_report_of_a_product_problem_is_answered_first() -> None:
    ctx = _ctx(GRINDER)
    signal = frustration([], GRINDER)
    assert signal is not None and signal.triggers == ("negative_sentiment",)
    assert upset.answer_first(ctx, signal, [])
    assert ctx.intent is Intent.TROUBLESHOOTING and upset.UPSET in ctx.notes
    turn = upset.with_offer(ctx, ModelTurn(text="Clean the burrs."), handed_over=False)
    assert turn.text == f"Clean the burrs.\n\n{upset.OFFER}"
    handed = ModelTurn(text="I've handed this to our team.")
    assert upset.with_offer(ctx, handed, handed_over=True) is handed


def test_swearing_anger_before_or_no_product_is_not_answered_first() -> None:
    swearing = "this fucking grinder is garbage, what is going on?"
    signal = frustration([], swearing)
    assert signal is not None and not upset.answer_first(_ctx(swearing), signal, [])
    again = frustration([GRINDER], GRINDER)
    assert again is not None and not upset.answer_first(_ctx(GRINDER), again, [GRINDER])
    vague = "this is garbage, absolutely awful service. what is going on?"
    signal = frustration([], vague)
    assert signal is not None and not upset.answer_first(_ctx(vague), signal, [])
