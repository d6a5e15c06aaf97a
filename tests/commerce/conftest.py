"""Fixtures: a demo store seeded once per session (FixedClock at 2026-01-20T10:00-05:00) and
copied into each test's tmp_path, so tests are independent and fast."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.settings import Settings
from assistant.store.clock import FixedClock
from assistant.store.store import open_store
from tests.databases import Databases
from tests.support import NOW, TZ, make_settings, self_service_returns_policy


def _settings(url: str) -> Settings:
    # a store that starts changed-mind returns itself: the self-service machinery under test
    return make_settings(
        Path("unused.db"), database_url=url, store_policy_path=self_service_returns_policy()
    )


@pytest.fixture(scope="session")
def template_db(databases: Databases) -> str:
    """The seeded demo store (a SQLite file, or a PostgreSQL database with ``--engines``)."""

    def seed(url: str) -> None:
        open_store(_settings(url), clock=FixedClock(NOW, TZ)).close()

    return databases.template(seed)


@pytest.fixture
def db_url(template_db: str, databases: Databases) -> Iterator[str]:
    url = databases.copy(template_db)
    yield url
    databases.drop(url)


@pytest.fixture
def settings(db_url: str) -> Settings:
    return _settings(db_url)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW, TZ)


@pytest.fixture
def backend(settings: Settings, clock: FixedClock) -> Iterator[SqlCommerceBackend]:
    sql = SqlCommerceBackend.from_settings(settings, clock=clock)
    yield sql
    sql.close()


def login(
    backend: SqlCommerceBackend, email: str, conversation: str = "conv-1"
) -> VerifiedCustomer:
    token = backend.identity.issue_storefront_token(email, ttl_seconds=3600)
    return backend.verify_by_token(conversation, token)


@pytest.fixture
def jordan(backend: SqlCommerceBackend) -> VerifiedCustomer:
    return backend.verify_by_order("conv-jordan", "#47234", "jordan.rivera@example.com")


@pytest.fixture
def sam(backend: SqlCommerceBackend) -> VerifiedCustomer:
    return backend.verify_by_order("conv-sam", "47102", "sam.patel@example.com")


@pytest.fixture
def alex(backend: SqlCommerceBackend) -> VerifiedCustomer:
    return login(backend, "alex.kim@example.com", "conv-alex")


@pytest.fixture
def taylor(backend: SqlCommerceBackend) -> VerifiedCustomer:
    return backend.verify_by_order("conv-taylor", "order 46511", "Taylor.Brooks@example.com")
