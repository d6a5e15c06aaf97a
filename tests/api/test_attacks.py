"""The attacks of the service's security review, rerun against the real app: each must have
0 successes. Brute-forcing verification across conversations, forged ``X-Forwarded-For``, a
storefront token signed with the public dev secret, the demo sign-in link and the dev admin key
outside demo mode, and the inputs that used to answer 500."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.settings import DEV_SECRET
from tests.api.conftest import NOW, ApiTemplate, api_settings, assert_clean_error, start
from tests.databases import Databases

ORDER, EMAIL = "47234", "jordan.rivera@example.com"  # Jordan's order and its email


@pytest.fixture
def app_client(api_template: ApiTemplate, databases: Databases) -> Any:
    """``with app_client(peer=("203.0.113.7", 5000), db=None, **settings) as client``: the real
    app over ``db`` (default: a fresh copy of the demo store), seen from ``peer``."""

    @contextmanager
    def make(
        peer: tuple[str, int] = ("203.0.113.7", 5000), db: str | None = None, **overrides: Any
    ) -> Iterator[TestClient]:
        overrides.setdefault("chroma_url", api_template.chroma_url)
        url = db or databases.copy(api_template.database)
        app = create_app(api_settings(url, api_template.index_dir, **overrides))
        with TestClient(app, client=peer) as client:
            yield client

    return make


def _verify(client: TestClient, order: str, email: str, **headers: str) -> Any:
    chat = start(client)
    return client.post(
        chat.url("verify"),
        json={"order_number": order, "email": email},
        headers={**chat.headers, **headers},
    )


def test_brute_force_across_conversations_finds_nothing(app_client: Any) -> None:
    """89 email guesses for one order, each in a new conversation: after 5 failures the order
    is locked, and even the right email verifies nothing while the lock holds."""
    with app_client() as client:
        codes = [
            _verify(client, ORDER, f"guess{i}@example.com").json()["error"]["code"]
            for i in range(89)
        ]
        assert codes[:4] == ["verification_failed"] * 4
        assert set(codes[4:]) == {"verification_locked"}
        assert_clean_error(_verify(client, ORDER, EMAIL), 429, "verification_locked")


def test_the_lockout_holds_across_a_restart(
    app_client: Any, api_template: ApiTemplate, databases: Databases
) -> None:
    url = databases.copy(api_template.database)
    with app_client(db=url) as client:
        for i in range(5):
            _verify(client, ORDER, f"guess{i}@example.com")
    with app_client(db=url, peer=("198.51.100.9", 5000)) as restarted:  # and another client
        assert_clean_error(_verify(restarted, ORDER, EMAIL), 429, "verification_locked")


def test_one_client_guessing_many_orders_is_locked(app_client: Any) -> None:
    """Per-client count: 10 different orders and emails from one address, then it is locked
    even for a correct pair."""
    with app_client() as client:
        codes = [
            _verify(client, str(41000 + i), f"someone{i}@example.com").json()["error"]["code"]
            for i in range(10)
        ]
        assert codes[-1] == "verification_locked" and codes[:9].count("verification_locked") == 0
        assert_clean_error(_verify(client, ORDER, EMAIL), 429, "verification_locked")
    with app_client(peer=("198.51.100.9", 5000)) as other:  # another client is not locked
        assert _verify(other, ORDER, EMAIL).status_code == 200


def test_forged_forwarded_for_gets_no_fresh_limit(app_client: Any) -> None:
    """With no trusted proxy (the default), each forged X-Forwarded-For is ignored: the same
    per-client verification count and the same per-IP rate limit."""
    with app_client() as client:
        codes = [
            _verify(
                client,
                str(41000 + i),
                f"someone{i}@example.com",
                **{"X-Forwarded-For": f"10.9.{i}.1"},
            ).json()["error"]["code"]
            for i in range(12)
        ]
        assert codes[9:] == ["verification_locked"] * 3
    with app_client(rate_limit_per_ip_per_minute=5) as client:
        statuses = [
            client.post("/v1/conversations", json={}, headers={"X-Forwarded-For": f"10.0.0.{i}"})
            for i in range(8)
        ]
        assert [r.status_code for r in statuses].count(429) == 3


def test_forwarded_for_is_believed_only_from_a_trusted_proxy(app_client: Any) -> None:
    proxy = ("10.1.2.3", 443)
    with app_client(
        peer=proxy, trusted_proxies=["10.1.2.0/24"], rate_limit_per_ip_per_minute=2
    ) as client:
        for customer in ("192.0.2.1", "192.0.2.2"):  # two customers behind the proxy
            for _ in range(2):
                response = client.post(
                    "/v1/conversations",
                    json={},
                    headers={"X-Forwarded-For": f"6.6.6.6, {customer}"},  # left part: forged
                )
                assert response.status_code == 201
        third = client.post(
            "/v1/conversations", json={}, headers={"X-Forwarded-For": "7.7.7.7, 192.0.2.1"}
        )
        assert third.status_code == 429  # the forged left part did not make a new client


def _dev_token(email: str) -> str:
    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    now = int(NOW.timestamp())
    payload = {"sub": email, "iat": now, "exp": now + 3600}
    body = "v1." + b64(json.dumps(payload, sort_keys=True).encode())
    return body + "." + b64(hmac.new(DEV_SECRET.encode(), body.encode(), hashlib.sha256).digest())


def test_a_token_signed_with_the_dev_secret_verifies_nobody(
    app_client: Any, tmp_path: Path
) -> None:
    with app_client(environment="development", data_dir=tmp_path / "var") as client:
        started = client.post("/v1/conversations", json={"storefront_token": _dev_token(EMAIL)})
        assert started.status_code == 201 and started.json()["verified"] is False


def test_demo_sign_in_exists_only_in_demo_mode(app_client: Any) -> None:
    with app_client() as client:
        assert_clean_error(client.get("/demo", params={"customer": EMAIL}), 404, "not_found")
        page = client.get("/demo")
        assert page.status_code == 200 and "customer=" not in page.text
    with app_client(demo_mode=True) as demo:
        signed = demo.get("/demo", params={"customer": EMAIL})
        assert signed.status_code == 200 and 'data-token="v1.' in signed.text


def test_the_dev_admin_key_opens_nothing_outside_demo_mode(app_client: Any) -> None:
    with app_client() as client:
        response = client.get("/v1/admin/escalations", headers={"X-Admin-Key": DEV_SECRET})
        assert_clean_error(response, 401, "unauthorized")
    with app_client(demo_mode=True) as demo:  # the README's demo commands
        assert demo.get("/v1/admin/escalations", headers={"X-Admin-Key": DEV_SECRET}).is_success


def test_a_256_character_document_name_is_404(app_client: Any) -> None:
    with app_client() as client:
        for name in ("a" * 256, "b" * 300 + ".md", "x/" * 200 + "y.pdf"):
            assert_clean_error(client.get(f"/documents/{name}"), 404, "document_not_found")


@pytest.mark.parametrize(
    "query",
    [
        {"start": "0001-01-01T00:00:00", "end": "0001-01-02T00:00:00"},
        {"end": "0001-01-01T00:00:00"},
        {"start": "9999-12-30T00:00:00", "end": "9999-12-31T23:59:59"},
        {"end": "9999-12-31T23:59:59.999999-23:59"},
        {"start": "0001-01-01T00:00:00+23:59"},
    ],
)
def test_extreme_metrics_periods_are_400(app_client: Any, query: dict[str, str]) -> None:
    with app_client() as client:
        key = client.app.state.settings.admin_api_key.get_secret_value()  # type: ignore[attr-defined]
        response = client.get(
            "/v1/admin/metrics/support", params=query, headers={"X-Admin-Key": key}
        )
        assert_clean_error(response, 400, "invalid_period")
