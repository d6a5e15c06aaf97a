"""What a message costs the service: its conversation is read once and written once, and the
router and the retriever share one query-vector cache (a repeated message embeds nothing)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event

from assistant.retrieval.query_cache import QueryVectorCache
from ingest.embedding import HashingEmbedder
from tests.api.conftest import start


def _conversation_statements(client: TestClient, say: Any) -> list[str]:
    engine = client.app.state.services.store.engine  # type: ignore[attr-defined]
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "conversation" in statement:
            seen.append(" ".join(statement.split()[:3]))

    event.listen(engine, "before_cursor_execute", record)
    try:
        say()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def test_a_message_reads_its_conversation_once_and_writes_it_once(client: TestClient) -> None:
    chat = start(client)
    chat.say("How long do I have to return running shoes?")
    statements = _conversation_statements(client, lambda: chat.say("where is my package?"))
    assert statements == [
        "SELECT conversations.token_hash FROM",  # the token
        "SELECT conversations.id, conversations.token_hash,",  # the row, for the turn
        "SELECT conversation_messages.role, conversation_messages.text,",  # its transcript
        "UPDATE conversations SET",  # the new state, if nobody saved meanwhile
        "INSERT INTO conversation_messages",  # the two new messages, in one statement
    ]


def test_route_and_search_share_one_cache_and_a_repeated_message_embeds_nothing(
    client: TestClient,
) -> None:
    assistant = client.app.state.assistant  # type: ignore[attr-defined]
    cache = assistant.retriever.embedder
    assert isinstance(cache, QueryVectorCache) and assistant.router.embedder is cache
    assert isinstance(cache.inner, HashingEmbedder)
    question = "How long is the warranty on the trail tent?"
    first = start(client).say(question)
    calls = cache.inner.calls
    again = start(client).say(question)
    assert cache.inner.calls == calls
    assert (again["text"], again["intent"]) == (first["text"], first["intent"])
