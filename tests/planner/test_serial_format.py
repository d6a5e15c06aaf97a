"""A serial format from the store's policy, said in words for the customer."""

from __future__ import annotations

import pytest

from assistant.planner.serials import describe_pattern


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"SW\d{10}", "SW followed by 10 digits"),
        (r"HMP-[0-9A-F]{8}", "HMP- followed by 8 characters (0-9 and A-F)"),
        (r"\d{6}", "6 digits"),
        (r"(A|B)\d+", None),  # more than literals and a fixed-length run: not described
        (r"SW\d{4}X\d{2}", None),
    ],
)
def test_describe_pattern(pattern: str, words: str | None) -> None:
    assert describe_pattern(pattern) == words
