"""The OpenAI-compatible LLM behind the agent loop (the offline planner is the other model).

    prompts.py       the system prompt: the one reviewed place for prompt text
    convert.py       agent messages and tool specs -> chat format; citation ids <- answer text
    breaker.py       circuit breaker: stop calling a failing endpoint for a while
    openai_model.py  OpenAICompatibleModel, the ``Model`` implementation (streaming, retries,
                     a hard time budget, every failure raised as ``ModelUnavailable``)

``openai_model`` imports the ``openai`` SDK (slow to import), so it is not re-exported here:
import it where the model is built, and only when ``llm_base_url`` is set.
"""

from assistant.llm.breaker import BreakerState, CircuitBreaker
from assistant.llm.prompts import system_prompt

__all__ = ["BreakerState", "CircuitBreaker", "system_prompt"]
