"""Which address is the client's: X-Forwarded-For only from a trusted proxy, read from the
right so that what the client itself wrote is never believed."""

from __future__ import annotations

import pytest

from assistant.api.clients import client_address, parse_networks

PROXIES = parse_networks(["10.0.0.0/8", "192.168.1.10"])


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "expected"),
    [
        ("203.0.113.7", "1.2.3.4", [], "203.0.113.7"),  # default: no proxy is trusted
        ("127.0.0.1", "1.2.3.4", [], "127.0.0.1"),  # not even loopback
        ("203.0.113.7", "1.2.3.4", PROXIES, "203.0.113.7"),  # not from a proxy
        ("10.1.1.1", "198.51.100.2", PROXIES, "198.51.100.2"),
        ("10.1.1.1", "6.6.6.6, 198.51.100.2", PROXIES, "198.51.100.2"),  # forged left part
        ("10.1.1.1", "198.51.100.2, 192.168.1.10", PROXIES, "198.51.100.2"),  # two proxies
        ("10.1.1.1", "not-an-ip", PROXIES, "10.1.1.1"),
        ("10.1.1.1", None, PROXIES, "10.1.1.1"),
        ("10.1.1.1", " , ", PROXIES, "10.1.1.1"),
        ("testclient", "1.2.3.4", PROXIES, "testclient"),
    ],
)
def test_client_address(
    peer: str, forwarded: str | None, trusted: list[object], expected: str
) -> None:
    assert client_address(peer, forwarded, trusted) == expected  # type: ignore[arg-type]


def test_a_bad_trusted_proxy_entry_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_networks(["10.0.0.0/33"])
