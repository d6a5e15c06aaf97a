"""Fixtures for the HTTP API: the real app (lifespan on) over a copy of the demo store, with
the demo corpus indexed once per session by the deterministic hashing embedder and the store's
clock pinned to 2026-01-20 10:00 New York."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from assistant.api.app import create_app
from assistant.runtime import Assistant
from assistant.settings import Settings
from tests.databases import Databases

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 1, 20, 10, 0, tzinfo=ZoneInfo("America/New_York"))
SHOP = "https://shop.example"


def api_settings(db: Path | str, index_dir: Path, **overrides: Any) -> Settings:
    """``db``: a SQLite file or a database URL."""
    values: dict[str, Any] = {
        "environment": "test",
        "embedder": "hashing",
        "index_dir": index_dir,
        "corpus_dir": ROOT / "corpus",
        "database_url": db if isinstance(db, str) else f"sqlite:///{db}",
        "store_now": NOW,
        "cors_origins": [SHOP],
        "rate_limit_per_ip_per_minute": 10_000,
        "rate_limit_per_conversation_per_minute": 10_000,
    }
    values.update(overrides)
    return Settings(**values)


@dataclass(frozen=True)
class ApiTemplate:
    index_dir: Path
    database: str  # the seeded demo store's URL, copied for each app (``databases.copy``)
    chroma_url: str | None = None  # with ``--engines``: the index lives on a Chroma server

    @property
    def database_file(self) -> Path:
        """The template's SQLite file (for tests that copy it; not with ``--engines``)."""
        url = make_url(self.database)
        if url.get_backend_name() != "sqlite" or not url.database:
            pytest.skip("needs the SQLite template")
        return Path(url.database)


@pytest.fixture(scope="session")
def api_template(
    tmp_path_factory: pytest.TempPathFactory, databases: Databases, chroma_url: str | None
) -> ApiTemplate:
    base = tmp_path_factory.mktemp("api")
    index_dir = base / "index"

    def seed(url: str) -> None:
        Assistant.from_settings(api_settings(url, index_dir, chroma_url=chroma_url)).close()

    return ApiTemplate(index_dir, databases.template(seed), chroma_url)


MakeClient = Callable[..., AbstractContextManager[TestClient]]


@pytest.fixture
def make_client(api_template: ApiTemplate, databases: Databases) -> Iterator[MakeClient]:
    """``with make_client(db=None, raise_server_exceptions=True, **settings) as client``: a new
    app over ``db`` (a file or URL; default: a fresh copy of the demo store, dropped after the
    test)."""
    copies: list[str] = []

    @contextmanager
    def make(
        db: Path | str | None = None, *, raise_server_exceptions: bool = True, **overrides: Any
    ) -> Iterator[TestClient]:
        if db is None:
            db = databases.copy(api_template.database)
            copies.append(db)
        overrides.setdefault("chroma_url", api_template.chroma_url)
        app = create_app(api_settings(db, api_template.index_dir, **overrides))
        with TestClient(app, raise_server_exceptions=raise_server_exceptions) as client:
            yield client

    yield make
    for url in copies:
        databases.drop(url)


@pytest.fixture(scope="module")
def client(api_template: ApiTemplate, databases: Databases) -> Iterator[TestClient]:
    """One app per test module (a fresh demo store), for tests that need no special settings."""
    db = databases.copy(api_template.database)
    settings = api_settings(db, api_template.index_dir, chroma_url=api_template.chroma_url)
    with TestClient(create_app(settings)) as test_client:
        yield test_client
    databases.drop(db)


@dataclass
class Chat:
    """A started conversation and the calls a widget makes on it."""

    client: TestClient
    id: str
    token: str
    started: dict[str, Any]

    @property
    def headers(self) -> dict[str, str]:
        return {"X-Conversation-Token": self.token}

    def url(self, tail: str) -> str:
        return f"/v1/conversations/{self.id}/{tail}"

    def post(self, tail: str, body: Any = None) -> Any:
        return self.client.post(self.url(tail), json=body, headers=self.headers)

    def say(self, text: str) -> dict[str, Any]:
        response = self.post("messages", {"text": text})
        assert response.status_code == 200, response.text
        reply: dict[str, Any] = response.json()
        return reply

    def transcript(self) -> list[dict[str, Any]]:
        response = self.client.get(self.url("transcript"), headers=self.headers)
        assert response.status_code == 200, response.text
        messages: list[dict[str, Any]] = response.json()["messages"]
        return messages


def storefront_token(client: TestClient, email: str) -> str:
    identity = client.app.state.assistant.backend.identity  # type: ignore[attr-defined]
    token: str = identity.issue_storefront_token(email)
    return token


def start(client: TestClient, *, customer: str | None = None, **body: Any) -> Chat:
    if customer is not None:
        body["storefront_token"] = storefront_token(client, customer)
    response = client.post("/v1/conversations", json=body)
    assert response.status_code == 201, response.text
    started = response.json()
    return Chat(client, started["conversation_id"], started["conversation_token"], started)


def sse_events(text: str) -> list[tuple[str, Any]]:
    """(event, parsed JSON data) for each event of a text/event-stream body (comments skipped)."""
    events = []
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith(":")]
        if not lines:
            continue
        name = next(line[6:].strip() for line in lines if line.startswith("event:"))
        data = "\n".join(line[5:].removeprefix(" ") for line in lines if line.startswith("data:"))
        events.append((name, json.loads(data)))
    return events


def assert_clean_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """The contract's error body, and nothing that reveals the implementation."""
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message"}, body
    if code is not None:
        assert body["error"]["code"] == code, body
    for leak in ("Traceback", "Error(", "assistant.", "pydantic", "sqlalchemy", 'File "'):
        assert leak not in response.text, (leak, response.text)
    return body
