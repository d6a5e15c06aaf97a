"""Health, readiness, the OpenAPI docs, unknown routes, and no internals in a 500."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.conversations.service import ConversationService
from ingest.versions import IndexStore
from tests.api.conftest import ROOT, MakeClient, api_settings, assert_clean_error, start


def test_healthz_and_readyz(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    served = IndexStore(client.app.state.settings.index_dir).current_name()  # type: ignore[attr-defined]
    assert ready.json() == {
        "ready": True,
        "checks": {"database": True, "index": True, "router": True, "index_current": True},
        "index": {"served": served, "current": served, "lag_seconds": 0.0},
    }


def test_readyz_is_503_without_a_live_index(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(IndexStore, "current_name", lambda self: None)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["error"]["code"] == "not_ready" and body["checks"]["index"] is False


def test_openapi_and_docs(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/v1/conversations",
        "/v1/conversations/{conversation_id}/messages",
        "/v1/conversations/{conversation_id}/messages/stream",
        "/v1/conversations/{conversation_id}/verify",
        "/v1/conversations/{conversation_id}/confirm",
        "/v1/conversations/{conversation_id}/decline",
        "/v1/conversations/{conversation_id}/transcript",
        "/v1/conversations/{conversation_id}/feedback",
        "/documents/{path}",
        "/healthz",
        "/readyz",
    ):
        assert path in paths, path
    assert "text/html" in client.get("/docs").headers["content-type"]


def test_unknown_routes_and_methods(client: TestClient) -> None:
    assert_clean_error(client.get("/v1/nothing-here"), 404, "not_found")
    assert_clean_error(client.delete("/v1/conversations"), 405, "method_not_allowed")


def test_an_internal_error_reveals_nothing(
    make_client: MakeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret detail from assistant.agent.loop")

    with make_client(raise_server_exceptions=False) as client:
        chat = start(client)
        monkeypatch.setattr(ConversationService, "reply", broken)
        response = chat.post("messages", {"text": "hello"})
        body = assert_clean_error(response, 500, "internal_error")
        assert "secret" not in response.text and "RuntimeError" not in response.text
        assert body["error"]["message"].startswith("Something went wrong")


def test_importing_and_building_the_app_has_no_side_effects(tmp_path: Path) -> None:
    heavy = "('torch', 'sentence_transformers', 'chromadb')"
    code = f"import sys, assistant.api.app; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
    db = tmp_path / "never.db"
    app = create_app(api_settings(db, tmp_path / "no-index"))
    assert "/v1/conversations" in app.openapi()["paths"]
    assert not db.exists() and not (tmp_path / "no-index").exists()
