"""Who the client is: the connection's peer address, or, only when that peer is one of the
configured trusted proxies (``settings.trusted_proxies``, none by default), the address that proxy
reports in ``X-Forwarded-For``.

:class:`ClientAddress` (outermost after the metrics) rewrites ``scope["client"]`` accordingly,
so the per-IP rate limit and everything after it see one answer, and puts the address in
:data:`~assistant.commerce.throttle.current_client` for the verification lockout. The forwarded
list is read from the right: the first address that is not itself a trusted proxy is the client
(what a client writes at the left of the header is never believed).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.commerce.throttle import current_client

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(entries: Sequence[str]) -> list[Network]:
    """``["10.0.0.5", "192.168.0.0/16"]`` as networks; a bad entry raises ``ValueError``."""
    return [ipaddress.ip_network(entry.strip(), strict=False) for entry in entries]


def in_networks(networks: Sequence[Network], address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(peer: str, forwarded_for: str | None, trusted: Sequence[Network]) -> str:
    """The client's address, given the peer and the ``X-Forwarded-For`` header (if any)."""
    if not trusted or not forwarded_for or not in_networks(trusted, peer):
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not in_networks(trusted, hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return peer  # garbage from the proxy's side: keep what we know
    return hops[0] if hops else peer


class ClientAddress:
    def __init__(self, app: ASGIApp, trusted_proxies: Sequence[str] = ()) -> None:
        self.app = app
        self.trusted = parse_networks(trusted_proxies)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        peer_host, peer_port = scope.get("client") or ("unknown", 0)
        forwarded = None
        for name, value in scope.get("headers", ()):
            if name == b"x-forwarded-for":
                text = value.decode("latin-1")
                forwarded = text if forwarded is None else f"{forwarded},{text}"
        host = client_address(peer_host, forwarded, self.trusted)
        if host != peer_host:
            scope = {**scope, "client": (host, peer_port)}
        token = current_client.set(host)
        try:
            await self.app(scope, receive, send)
        finally:
            current_client.reset(token)
