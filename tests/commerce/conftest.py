"""Fixtures: a demo store seeded once per session (FixedClock at 2026-01-20T10:00-05:00) and
copied into each test's tmp_path, so tests are independent and fast."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.settings import Settings
from assistant.store.clock import FixedClock
from assistant.store.store import open_store
from tests.support import NOW, TZ, make_settings


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("template") / "demo.db"
    store = open_store(make_settings(db), clock=FixedClock(NOW, TZ))
    store.close()
    return db


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "store.db"
    shutil.copyfile(template_db, target)
    return target


@pytest.fixture
def settings(db_path: Path) -> Settings:
    return make_settings(db_path)


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
