"""``assistant serve``: run the API with uvicorn (factory mode) on the settings' host and port,
and print the demo storefront's URL once the app is ready to answer.

Slow clients are timed out: request headers (``header_timeout_seconds``, the protocol of
:mod:`assistant.api.connections`), idle kept-alive connections (``keep_alive_timeout_seconds``)
and request bodies (``body_timeout_seconds``, in the app); one client may hold at most
``max_connections_per_client`` connections. Client addresses from ``X-Forwarded-For`` are taken
only from ``trusted_proxies``, in the app (:mod:`assistant.api.clients`), never by uvicorn."""

from __future__ import annotations

import threading
import time

from assistant.api.connections import PROTOCOL
from assistant.settings import Settings

APP_FACTORY = "assistant.api.app:create_app"


def serve(settings: Settings, *, host: str | None = None, port: int | None = None) -> int:
    import uvicorn

    host, port = host or settings.host, port or settings.port
    public_url = settings.public_url
    if "public_url" not in settings.model_fields_set:  # not configured: where we listen
        public_url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"
    config = uvicorn.Config(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        proxy_headers=False,  # the app reads X-Forwarded-For, from trusted proxies only
        http=PROTOCOL,  # limits from the settings, in every worker process
        timeout_keep_alive=max(1, round(settings.keep_alive_timeout_seconds)),
        log_level="info",
        workers=settings.workers,
    )
    server = uvicorn.Server(config)
    started = time.perf_counter()
    if config.workers > 1:  # a supervisor process and its workers, all on one socket
        from uvicorn.supervisors import Multiprocess

        print(f"Demo storefront: {public_url}/demo  ({config.workers} workers)")
        print(f"API reference:   {public_url}/docs", flush=True)
        Multiprocess(config, sockets=[config.bind_socket()]).run()
        return 0

    def announce() -> None:
        while not server.started and not server.should_exit:
            time.sleep(0.05)
        if server.started:
            seconds = time.perf_counter() - started
            print(f"Demo storefront: {public_url}/demo  (ready in {seconds:.1f} s)")
            print(f"API reference:   {public_url}/docs", flush=True)

    threading.Thread(target=announce, name="announce", daemon=True).start()
    server.run()
    return 0
