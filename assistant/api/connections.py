"""Slow-client limits below the app, in uvicorn's HTTP/1.1 protocol (h11):

- header timeout: a request whose headers have not all arrived ``header_timeout`` seconds after
  its first byte (or after the connection opened) is dropped, so half-sent requests cannot hold
  connections open;
- connections per client: a peer address with ``max_per_client`` connections open gets its next
  one answered 503 and closed (trusted proxies are exempt: they carry many clients and enforce
  their own limit).

The keep-alive timeout is uvicorn's own (``timeout_keep_alive``), and the body read timeout is in
the app (:class:`~assistant.api.limits.BodySizeLimit`, 408). ``assistant serve`` passes
``http=PROTOCOL`` (an import string, so that worker processes load it): its limits come from the
settings of the process, and the connection counts are per worker process.
:func:`guarded_protocol` makes a class with given limits (tests).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

from uvicorn.protocols.http.h11_impl import H11Protocol

from assistant.api.clients import Network, in_networks, parse_networks
from assistant.settings import get_settings

_REFUSED_BODY = (
    b'{"error": {"code": "too_many_connections", "message": "Too many connections from you."}}'
)
_REFUSED = (
    b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n"
    b"connection: close\r\ncontent-length: %d\r\n\r\n%s" % (len(_REFUSED_BODY), _REFUSED_BODY)
)


PROTOCOL = "assistant.api.connections:GuardedH11Protocol"


@dataclass(frozen=True, slots=True)
class Limits:
    header_timeout: float
    max_per_client: int
    trusted: tuple[Network, ...] = ()


@cache
def _limits_from_settings() -> Limits:
    settings = get_settings()
    return Limits(
        settings.header_timeout_seconds,
        settings.max_connections_per_client,
        tuple(parse_networks(settings.trusted_proxies)),
    )


class GuardedH11Protocol(H11Protocol):
    limits: ClassVar[Limits | None] = None  # None: from the process's settings
    open_by_client: ClassVar[Counter[str]] = Counter()  # each guarded_protocol() has its own

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limits = self.limits or _limits_from_settings()
        self.header_timeout, self.max_per_client = limits.header_timeout, limits.max_per_client
        self.trusted = limits.trusted
        self._header_timer: asyncio.TimerHandle | None = None
        self._armed_for: object = None
        self._counted: str | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        host = self.client[0] if self.client else "unknown"
        if not in_networks(self.trusted, host):
            if self.open_by_client[host] >= self.max_per_client:
                self.logger.warning("refused a connection: %s has too many open", host)
                transport.write(_REFUSED)
                transport.close()
                return
            self.open_by_client[host] += 1
            self._counted = host
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        if self._counted is not None:
            self.open_by_client[self._counted] -= 1
            if self.open_by_client[self._counted] <= 0:
                del self.open_by_client[self._counted]
            self._counted = None
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._header_timer is None and (self.cycle is None or self.cycle.response_complete):
            self._arm()  # the first bytes of the next request on a kept-alive connection
        super().data_received(data)
        if self._header_timer is not None and self.cycle is not self._armed_for:
            self._disarm()  # a new request cycle started: its headers are complete

    def _arm(self) -> None:
        self._disarm()
        self._armed_for = self.cycle
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self.cycle is self._armed_for and not self.transport.is_closing():
            self.logger.info("closed a connection whose request headers were too slow")
            self.transport.close()


def guarded_protocol(
    *, header_timeout: float, max_per_client: int, trusted_proxies: Sequence[str] = ()
) -> type[GuardedH11Protocol]:
    """A protocol class with these limits (and its own connection counts)."""
    limits = Limits(header_timeout, max_per_client, tuple(parse_networks(trusted_proxies)))
    return type(
        "GuardedH11Protocol", (GuardedH11Protocol,), {"limits": limits, "open_by_client": Counter()}
    )
