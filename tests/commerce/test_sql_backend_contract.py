"""The CommerceBackend contract, run against the SQL implementation."""

from __future__ import annotations

import pytest
from commerce_contract import CommerceBackendContract

from assistant.commerce.backend import CommerceBackend
from assistant.commerce.sql_backend import SqlCommerceBackend


def test_sql_backend_satisfies_protocol(backend: SqlCommerceBackend) -> None:
    typed: CommerceBackend = backend
    assert typed is backend


@pytest.mark.integration
class TestSqlCommerceBackend(CommerceBackendContract):
    pass
