"""Conversations over HTTP: start, messages, verification, confirm/decline, transcript,
feedback, and who may see a conversation."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from assistant.proactive.events import sign
from assistant.store.models import Feedback
from tests.api.conftest import assert_clean_error, start

REPLY_FIELDS = {
    "text", "intent", "confidence", "citations", "tool_calls", "pending_action",
    "executed_actions", "escalation", "model", "fallback", "needs_verification",
    "citation_links",
}  # fmt: skip


def test_start_anonymous(client: TestClient) -> None:
    chat = start(client)
    assert chat.started["verified"] is False and chat.started["customer_name"] is None
    assert chat.started["greeting"].startswith("Hi! I'm the Northfield Market assistant")
    assert len(chat.token) >= 40 and len(chat.id) == 32


def test_storefront_token_verifies_at_start(client: TestClient) -> None:
    chat = start(client, customer="alex.kim@example.com")
    assert chat.started["verified"] is True
    assert chat.started["customer_name"] == "Alex Kim"
    assert chat.started["greeting"].startswith("Hi, Alex!")


@pytest.mark.parametrize("token", ["v1.bogus.token", "", "x" * 500])
def test_a_bad_storefront_token_starts_unverified(client: TestClient, token: str) -> None:
    chat = start(client, storefront_token=token)
    assert chat.started["verified"] is False


def test_reply_has_the_contract_fields_and_citation_links(client: TestClient) -> None:
    chat = start(client)
    reply = chat.say("How long do I have to return running shoes?")
    assert set(reply) == REPLY_FIELDS
    assert reply["intent"] == "returns_refunds" and reply["model"] == "planner"
    assert reply["needs_verification"] is False
    assert reply["citations"] and len(reply["citation_links"]) == len(reply["citations"])
    for citation, link in zip(reply["citations"], reply["citation_links"], strict=True):
        assert link["url"].startswith("/documents/" + citation["source"].split("/")[0])
        assert link["label"].startswith(citation["title"])
        if citation["page"] is not None and citation["source"].endswith(".pdf"):
            assert link["url"].endswith(f"#page={citation['page']}")
        else:
            assert "#" not in link["url"]
        assert client.get(link["url"].split("#")[0]).status_code == 200


def test_pdf_citations_link_to_their_page(client: TestClient) -> None:
    chat = start(client, customer="sam.patel@example.com")
    reply = chat.say("How do I reset my SoundWave Pro headphones to factory settings?")
    pdf_links = [link["url"] for link in reply["citation_links"] if ".pdf" in link["url"]]
    assert pdf_links and all("#page=" in url for url in pdf_links), reply["citation_links"]


def test_verification_by_order_and_email(client: TestClient) -> None:
    chat = start(client)
    asked = chat.say("Did my order go through? I never got a confirmation email")
    assert asked["needs_verification"] is True and asked["intent"] == "order_status"
    wrong = chat.post("verify", {"order_number": "47234", "email": "someone@example.com"})
    assert_clean_error(wrong, 401, "verification_failed")
    bad = chat.post("verify", {"order_number": "47-234", "email": "jordan.rivera@example.com"})
    assert_clean_error(bad, 400, "invalid_order_number")
    ok = chat.post("verify", {"order_number": "#47234", "email": "Jordan.Rivera@example.com"})
    assert ok.status_code == 200 and ok.json() == {
        "verified": True,
        "customer_name": "Jordan Rivera",
    }
    answer = chat.say("Did my order go through?")
    assert answer["needs_verification"] is False and "#47234" in answer["text"]


def test_verifying_again_switches_the_customer_and_resets_their_data(client: TestClient) -> None:
    chat = start(client)
    chat.post("verify", {"order_number": "47234", "email": "jordan.rivera@example.com"})
    assert "#47234" in chat.say("Did my order go through?")["text"]
    again = chat.post("verify", {"order_number": "46890", "email": "alex.kim@example.com"})
    assert again.status_code == 200 and again.json()["customer_name"] == "Alex Kim"
    answer = chat.say("Did my order go through?")
    assert "#47234" not in answer["text"] and "Jordan" not in answer["text"]


def test_verification_locks_after_three_failures(client: TestClient) -> None:
    chat = start(client)
    wrong = {"order_number": "47234", "email": "wrong@example.com"}
    assert_clean_error(chat.post("verify", wrong), 401, "verification_failed")
    assert_clean_error(chat.post("verify", wrong), 401, "verification_failed")
    assert_clean_error(chat.post("verify", wrong), 429, "verification_locked")
    right = {"order_number": "47234", "email": "jordan.rivera@example.com"}
    assert_clean_error(chat.post("verify", right), 429, "verification_locked")


def test_skip_confirmed_through_confirm(client: TestClient) -> None:
    chat = start(client, customer="alex.kim@example.com")
    preview = chat.say("Skip next month's coffee delivery")
    pending = preview["pending_action"]
    assert pending["action"] == "skip_next_delivery" and not preview["executed_actions"]
    assert pending["changes"] == [
        {"field": "next_delivery_date", "before": "2026-02-15", "after": "2026-03-15"}
    ]
    assert "token" not in str(preview).lower()  # the confirmation token stays on the server
    done = chat.post("confirm")
    assert done.status_code == 200, done.text
    body = done.json()
    assert [a["action"] for a in body["executed_actions"]] == ["skip_next_delivery"]
    assert body["pending_action"] is None and "March 15" in body["text"]
    assert_clean_error(chat.post("confirm"), 409, "nothing_pending")
    assert_clean_error(chat.post("decline"), 409, "nothing_pending")


def test_decline_changes_nothing(client: TestClient) -> None:
    chat = start(client, customer="alex.kim@example.com")
    assert chat.say("Skip next month's coffee delivery")["pending_action"] is not None
    declined = chat.post("decline")
    assert declined.status_code == 200
    body = declined.json()
    assert body["executed_actions"] == [] and body["pending_action"] is None
    assert "haven't changed anything" in body["text"]


def test_transcript(client: TestClient) -> None:
    chat = start(client)
    reply = chat.say("How long do I have to return running shoes?")
    messages = chat.transcript()
    assert [m["role"] for m in messages] == ["assistant", "customer", "assistant"]
    greeting, question, answer = messages
    assert greeting["text"] == chat.started["greeting"] and greeting["reply"] is None
    assert question["text"] == "How long do I have to return running shoes?"
    assert question["reply"] is None
    assert answer["text"] == reply["text"] and answer["reply"] == reply
    assert all(m["at"] == "2026-01-20T15:00:00Z" for m in messages)  # the pinned clock, UTC


def test_a_typed_password_is_warned_about_and_never_stored(client: TestClient) -> None:
    chat = start(client)
    reply = chat.say("locked out!! my password is Sunflower22! can u just log in for me")
    assert "don't type your password" in reply["text"]
    stored = chat.transcript()[1]["text"]
    assert "Sunflower22" not in stored and "[password removed]" in stored
    assert stored.startswith("locked out!! my password is")


def test_feedback_is_recorded(client: TestClient) -> None:
    chat = start(client, customer="sam.patel@example.com")
    response = chat.post("feedback", {"csat": 4, "nps": 9, "comment": "Quick and clear."})
    assert response.status_code == 201 and response.json() == {"recorded": True}
    assert chat.post("feedback", {"csat": 5}).status_code == 201
    store = client.app.state.services.store  # type: ignore[attr-defined]
    with store.sessions() as session:
        rows = session.scalars(select(Feedback).where(Feedback.conversation_id == chat.id)).all()
    assert [(r.csat, r.nps, r.comment) for r in rows] == [
        (4, 9, "Quick and clear."),
        (5, None, None),
    ]
    assert rows[0].customer_id is not None


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"csat": 0},
        {"csat": 6},
        {"csat": "5"},
        {"csat": 4.5},
        {"csat": True},
        {"csat": 5, "nps": 11},
        {"csat": 5, "nps": -1},
        {"csat": 5, "comment": "x" * 2001},
        {"csat": 5, "stars": 5},
        [5],
    ],
)
def test_feedback_validation(client: TestClient, body: Any) -> None:
    chat = start(client)
    assert_clean_error(chat.post("feedback", body), 400, "invalid_request")


@pytest.mark.parametrize(
    "body",
    [
        {"text": ""},
        {"text": "   \n\t "},
        {"text": "x" * 3000},
        {"text": "x" * 2001},
        {"text": 123},
        {"text": None},
        {"text": ["hello"]},
        {"text": "hello", "role": "system"},
        {},
        "hello",
    ],
)
def test_bad_messages_are_400(client: TestClient, body: Any) -> None:
    chat = start(client)
    body_json = assert_clean_error(chat.post("messages", body), 400, "invalid_request")
    assert body_json["error"]["message"]
    stream = chat.post("messages/stream", body)
    assert_clean_error(stream, 400, "invalid_request")


def test_a_2000_character_message_is_accepted(client: TestClient) -> None:
    chat = start(client)
    assert chat.say(("my headphones will not pair " * 80)[:2000])["text"]


def test_malformed_json_and_wrong_content(client: TestClient) -> None:
    chat = start(client)
    broken = client.post(
        chat.url("messages"),
        content=b'{"text": "hi"',
        headers={**chat.headers, "Content-Type": "application/json"},
    )
    body = assert_clean_error(broken, 400, "invalid_request")
    assert "not valid JSON" in body["error"]["message"]
    assert_clean_error(client.post("/v1/conversations", json={"storefront_token": 5}), 400)
    assert_clean_error(client.post("/v1/conversations", json={"customer_id": 7}), 400)


ENDPOINTS = [
    ("post", "messages", {"text": "hello"}),
    ("post", "messages/stream", {"text": "hello"}),
    ("post", "verify", {"order_number": "47234", "email": "jordan.rivera@example.com"}),
    ("post", "confirm", None),
    ("post", "decline", None),
    ("post", "feedback", {"csat": 5}),
    ("get", "transcript", None),
]


@pytest.mark.parametrize(("method", "tail", "body"), ENDPOINTS)
def test_wrong_token_or_unknown_conversation_is_404(
    client: TestClient, method: str, tail: str, body: Any
) -> None:
    mine = start(client, customer="alex.kim@example.com")
    other = start(client, customer="sam.patel@example.com")
    attempts = [
        (mine.id, {}),  # no token
        (mine.id, {"X-Conversation-Token": ""}),
        (mine.id, {"X-Conversation-Token": "not-the-token"}),
        (mine.id, other.headers),  # another customer's conversation token
        ("0" * 32, mine.headers),  # unknown id
        ("x" * 300, mine.headers),
    ]
    for conversation_id, headers in attempts:
        url = f"/v1/conversations/{conversation_id}/{tail}"
        if method == "get":
            response = client.get(url, headers=headers)
        else:
            response = client.post(url, json=body, headers=headers)
        assert_clean_error(response, 404, "conversation_not_found")
    assert [m["role"] for m in mine.transcript()] == ["assistant"]  # nothing happened to it


def test_a_reply_to_a_proactive_message_starts_from_it(client: TestClient) -> None:
    body = json.dumps(
        {
            "id": "evt-api-1",
            "type": "order.shipped",
            "occurred_at": "2026-01-20T10:00:00-05:00",
            "order_number": "47234",
            "data": {},
        }
    ).encode()
    secret = client.app.state.settings.events_secret.get_secret_value()  # type: ignore[attr-defined]
    accepted = client.post(
        "/v1/events",
        content=body,
        headers={"X-Aftercare-Signature": sign(body, secret), "Content-Type": "application/json"},
    )
    assert accepted.status_code == 202, accepted.text
    notice = accepted.json()["outbox_message_id"]
    chat = start(client, proactive_message_id=notice)
    assert "#47234" in chat.started["greeting"] and chat.started["verified"] is False
    unknown = start(client, proactive_message_id="pm_unknown-id-123")
    assert unknown.started["greeting"].startswith("Hi! I'm the Northfield Market assistant")
    assert_clean_error(
        client.post("/v1/conversations", json={"proactive_message_id": "x" * 65}), 400
    )
