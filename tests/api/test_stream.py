"""``POST .../messages/stream``: server-sent events, delta pieces then exactly one reply."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.conversations.errors import ConversationBusy
from assistant.conversations.service import ConversationService
from tests.api.conftest import MakeClient, sse_events, start


def test_stream_is_deltas_then_one_reply(client: TestClient) -> None:
    chat = start(client)
    response = chat.post("messages/stream", {"text": "How long do I have to return running shoes?"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = sse_events(response.text)
    names = [name for name, _ in events]
    assert names[-1] == "reply" and names.count("reply") == 1
    assert set(names[:-1]) <= {"delta"} and len(names) >= 2
    reply = events[-1][1]
    assert "".join(data["text"] for name, data in events if name == "delta") == reply["text"]
    assert reply["intent"] == "returns_refunds" and reply["citation_links"]
    assert chat.transcript()[-1]["reply"] == reply  # stored like a JSON turn


def test_stream_and_json_replies_have_the_same_shape(client: TestClient) -> None:
    chat = start(client)
    streamed = sse_events(chat.post("messages/stream", {"text": "hello"}).text)[-1][1]
    plain = chat.say("hello")
    assert set(streamed) == set(plain)


def test_errors_during_the_turn_become_an_error_event(
    make_client: MakeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    with make_client() as client:
        chat = start(client)

        def busy(*args: object, **kwargs: object) -> None:
            raise ConversationBusy

        monkeypatch.setattr(ConversationService, "reply", busy)
        events = sse_events(chat.post("messages/stream", {"text": "hello"}).text)
        assert events == [
            ("error", {"code": "conversation_busy", "message": ConversationBusy().message})
        ]

        def broken(*args: object, **kwargs: object) -> None:
            raise RuntimeError("boom in assistant.agent.loop")

        monkeypatch.setattr(ConversationService, "reply", broken)
        response = chat.post("messages/stream", {"text": "hello"})
        assert [name for name, _ in sse_events(response.text)] == ["error"]
        assert sse_events(response.text)[0][1]["code"] == "internal_error"
        assert "boom" not in response.text and "RuntimeError" not in response.text
