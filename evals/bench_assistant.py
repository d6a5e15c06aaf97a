"""Offline turn latency of the assistant (offline planner, real MiniLM, real index and store),
excluding start-up: scripted conversations covering the reference cases and other intents."""

from __future__ import annotations

import tempfile
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from evals.metrics import percentile

NOW = datetime(2026, 1, 20, 10, 0, tzinfo=ZoneInfo("America/New_York"))

SCRIPTS: tuple[tuple[str | None, tuple[str, ...]], ...] = (
    (
        "jordan.rivera@example.com",
        (
            "I just placed an order but didn't get a confirmation email. Did it go through?",
            "yes please resend it",
            "where is my package?",
            "can I still change the address?",
            "thanks!",
        ),
    ),
    (
        "sam.patel@example.com",
        (
            "Got my wireless headphones, can't pair them with my phone",
            "it still doesn't show up",
            "How do I register for warranty and what does it cover?",
            "is there an extended warranty?",
            "send me the manual",
        ),
    ),
    (
        "alex.kim@example.com",
        (
            "Skip next month's coffee delivery",
            "yes",
            "actually can I get it every 2 weeks",
            "no",
            "switch me to the decaf",
        ),
    ),
    (
        "taylor.brooks@example.com",
        (
            "I love my new camera, what accessories do you recommend?",
            "how do I clean the sensor?",
            "my camera won't turn on",
            "I want a refund",
            "I was charged twice for my order",
        ),
    ),
    (
        None,
        (
            "hello",
            "what's the weather like",
            "how long is the warranty on the kettle?",
            "how do I descale the kettle",
            "I need to talk to a person",
        ),
    ),
)


def run(index_dir: Path, rounds: int = 3) -> dict[str, Any]:
    from assistant.runtime import Assistant
    from assistant.settings import Settings

    latencies: list[float] = []
    by_intent: dict[str, list[float]] = defaultdict(list)
    with tempfile.TemporaryDirectory(prefix="aftercare-bench-") as tmp:
        settings = Settings(
            database_url=f"sqlite:///{tmp}/store.db", store_now=NOW, index_dir=index_dir
        )
        started = time.perf_counter()
        assistant = Assistant.from_settings(settings)
        startup = time.perf_counter() - started
        assistant.reply(assistant.start(), "hello")  # warm-up
        try:
            for _ in range(rounds):
                for email, turns in SCRIPTS:
                    state = assistant.start()
                    if email:
                        token = assistant.backend.identity.issue_storefront_token(email)  # type: ignore[attr-defined]
                        state = assistant.start(storefront_token=token)
                    for text in turns:
                        t0 = time.perf_counter()
                        reply = assistant.reply(state, text)
                        ms = (time.perf_counter() - t0) * 1000
                        latencies.append(ms)
                        by_intent[reply.intent].append(ms)
        finally:
            assistant.close()
    return {
        "turns": len(latencies),
        "startup_s": round(startup, 2),
        "p50_ms": round(percentile(latencies, 50), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "max_ms": round(max(latencies), 1),
        "by_intent": {k: round(percentile(v, 50), 1) for k, v in sorted(by_intent.items())},
    }
