"""The offline planner: what the customer wants and what to do about it, without an LLM.

:mod:`~assistant.planner.router` classifies a message into one of the published intents
(:class:`assistant.intents.Intent`), :mod:`~assistant.planner.router_store` persists the trained
router, :mod:`~assistant.planner.slots` pulls order numbers, products, sizes and the like out of
the message, and the remaining modules turn an intent and its slots into tool calls and replies.
"""
