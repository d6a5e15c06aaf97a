"""``assistant serve``: run the API with uvicorn (factory mode) on the settings' host and port,
and print the demo storefront's URL once the app is ready to answer."""

from __future__ import annotations

import threading
import time

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
        proxy_headers=True,  # client IPs from X-Forwarded-For of trusted proxies (127.0.0.1)
        log_level="info",
    )
    server = uvicorn.Server(config)
    started = time.perf_counter()

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
