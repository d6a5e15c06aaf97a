from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import NOW

from assistant.commerce.errors import InvalidInput, VerificationFailed, VerificationLocked
from assistant.commerce.identity import VerifiedCustomer
from assistant.commerce.sql_backend import SqlCommerceBackend
from assistant.store.clock import FixedClock


def test_verified_customer_cannot_be_forged() -> None:
    with pytest.raises(TypeError):
        VerifiedCustomer(1, "a@example.com", "A", "c", "order_and_email", NOW, object())


@pytest.mark.parametrize("number", ["#47234", "47234", "order 47234", " Order #47234 "])
def test_order_number_formats_are_normalised(backend: SqlCommerceBackend, number: str) -> None:
    me = backend.verify_by_order("c", number, " JORDAN.Rivera@example.com ")
    assert me.email == "jordan.rivera@example.com"
    assert me.method == "order_and_email"


@pytest.mark.parametrize("number", ["4723", "472345", "ABCDE", "#47-234", "", "order"])
def test_malformed_order_numbers_are_invalid_input(
    backend: SqlCommerceBackend, number: str
) -> None:
    with pytest.raises(InvalidInput) as err:
        backend.verify_by_order("c", number, "jordan.rivera@example.com")
    assert err.value.code == "invalid_order_number"


@pytest.mark.parametrize("email", ["jordan", "jordan@", "@example.com", "a b@example.com", ""])
def test_malformed_emails_are_invalid_input(backend: SqlCommerceBackend, email: str) -> None:
    with pytest.raises(InvalidInput) as err:
        backend.verify_by_order("c", "47234", email)
    assert err.value.code == "invalid_email"


def test_unknown_order_and_wrong_email_look_the_same(backend: SqlCommerceBackend) -> None:
    with pytest.raises(VerificationFailed) as a:
        backend.verify_by_order("c-a", "47234", "sam.patel@example.com")
    with pytest.raises(VerificationFailed) as b:
        backend.verify_by_order("c-b", "49999", "sam.patel@example.com")
    assert a.value.message == b.value.message
    assert a.value.code == b.value.code


def test_three_failures_lock_the_conversation(
    backend: SqlCommerceBackend, clock: FixedClock
) -> None:
    for left in (2, 1):
        with pytest.raises(VerificationFailed) as err:
            backend.verify_by_order("c-lock", "47234", "wrong@example.com")
        assert err.value.attempts_left == left
    with pytest.raises(VerificationLocked):
        backend.verify_by_order("c-lock", "47234", "wrong@example.com")
    # even the right details are refused while locked; other conversations are unaffected
    with pytest.raises(VerificationLocked):
        backend.verify_by_order("c-lock", "47234", "jordan.rivera@example.com")
    backend.verify_by_order("c-other", "47234", "jordan.rivera@example.com")
    clock.advance(timedelta(minutes=16))
    me = backend.verify_by_order("c-lock", "47234", "jordan.rivera@example.com")
    assert me.conversation_id == "c-lock"


def test_success_resets_failures(backend: SqlCommerceBackend) -> None:
    for _ in range(2):
        with pytest.raises(VerificationFailed):
            backend.verify_by_order("c-r", "47234", "wrong@example.com")
    backend.verify_by_order("c-r", "47234", "jordan.rivera@example.com")
    assert backend.identity.attempts_left("c-r") == 3


def test_storefront_token(backend: SqlCommerceBackend, clock: FixedClock) -> None:
    token = backend.identity.issue_storefront_token("sam.patel@example.com", ttl_seconds=60)
    me = backend.verify_by_token("c-t", token)
    assert (me.email, me.method) == ("sam.patel@example.com", "storefront_token")
    clock.advance(timedelta(seconds=61))
    with pytest.raises(VerificationFailed):
        backend.verify_by_token("c-t2", token)


def test_tampered_or_foreign_tokens_fail(backend: SqlCommerceBackend) -> None:
    token = backend.identity.issue_storefront_token("sam.patel@example.com")
    version, _payload, mac = token.split(".")
    forged = backend.identity.issue_storefront_token("jordan.rivera@example.com").split(".")[1]
    for bad in (f"{version}.{forged}.{mac}", token[:-2] + "xx", "garbage", "", "a.b.c"):
        with pytest.raises((VerificationFailed, VerificationLocked)):
            backend.verify_by_token(f"c-{len(bad)}-{bad[:4]}", bad)


def test_token_for_unknown_customer_fails(backend: SqlCommerceBackend) -> None:
    token = backend.identity.issue_storefront_token("nobody@example.com")
    with pytest.raises(VerificationFailed):
        backend.verify_by_token("c-n", token)


def test_restore_needs_the_recorded_verification(backend: SqlCommerceBackend) -> None:
    me = backend.verify_by_order("conv-restore", "47234", "jordan.rivera@example.com")
    again = backend.restore_verified("conv-restore", me.customer_id)
    assert again == me and again is not None and again.method == "order_and_email"
    assert backend.restore_verified("conv-restore", me.customer_id + 1) is None  # another one
    assert backend.restore_verified("conv-never-verified", me.customer_id) is None
    token = backend.identity.issue_storefront_token("sam.patel@example.com")
    sam = backend.verify_by_token("conv-token", token)
    assert backend.restore_verified("conv-token", sam.customer_id) == sam
