"""Card numbers and typed passwords are removed from what is kept of a customer's message."""

from __future__ import annotations

import pytest

from assistant.redaction import CARD_MASK, PASSWORD_MASK, mask_card_numbers, redact


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("4111-1111-1111-1111", True),
        ("378282246310005", True),  # Amex, 15 digits
        ("order 46511", False),
        ("tracking 1234567890123", False),  # 13 digits, fails the Luhn check
        ("call 1-800-555-0134", False),
    ],
)
def test_mask_card_numbers(text: str, masked: bool) -> None:
    assert (CARD_MASK in mask_card_numbers(text)) is masked


@pytest.mark.parametrize(
    ("text", "secret", "kept"),
    [
        ("my password is Sunflower22! can u log in for me", "Sunflower22", "is {} can u"),
        ("pw: hunter2, thanks", "hunter2", "pw: {}, thanks"),
        ("my old password, it was like Rover2020. i changed it", "Rover2020", "like {}. i"),
        ("Passcode = 0042 please", "0042", "Passcode = {} please"),
        ("forgot my pasword, its probably Tulip99 or so", "Tulip99", "its probably {} or so"),
    ],
)
def test_a_typed_password_is_removed_and_the_words_around_it_stay(
    text: str, secret: str, kept: str
) -> None:
    redacted = redact(text)
    assert kept.format(PASSWORD_MASK) in redacted and secret not in redacted


@pytest.mark.parametrize(
    "text",
    [
        "my password is not working",
        "i forgot my password, is there a reset link?",
        "password reset email never came, order 46511",
        "the pw is case sensitive right?",
    ],
)
def test_words_about_a_password_are_not_a_password(text: str) -> None:
    assert redact(text) == text


def test_both_in_one_message() -> None:
    redacted = redact("card 4111 1111 1111 1111 and password is Tulip#77")
    assert "4111" not in redacted and "Tulip" not in redacted
    assert CARD_MASK in redacted and PASSWORD_MASK in redacted


def test_a_second_guess_is_removed_too() -> None:
    redacted = redact("forgot my pasword, its probably Tulip99 or tulip100, can u check")
    assert "Tulip99" not in redacted and "tulip100" not in redacted
    assert redacted.count(PASSWORD_MASK) == 2 and redacted.endswith(", can u check")
