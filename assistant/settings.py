"""The one settings object: environment variables (prefix ``AFTERCARE_``) and an optional ``.env``.

Built once at start-up through :func:`get_settings`; tests construct ``Settings(...)`` directly or
clear the cache. In production mode, default secrets refuse to boot.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "dev-only-not-secret"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="AFTERCARE_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    environment: Literal["development", "test", "production"] = "development"

    # documents and index
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("var/index")
    embedder: Literal["minilm", "hashing"] = Field(
        default="minilm",
        description="'hashing' is a deterministic stand-in for tests; never use it to serve.",
    )
    max_file_mb: int = Field(default=50, ge=1)

    # the store
    database_url: str = "sqlite:///var/store.db"
    store_now: datetime | None = Field(
        default=None,
        description="Pins the store's clock (ISO 8601 with offset); unset means the real clock.",
    )
    demo_seed: int = 20260120
    store_timezone: str = Field(
        default="America/New_York",
        description="IANA zone for the store's calendar (ship windows, delivery and charge dates).",
    )
    seed_demo_data: bool = Field(
        default=True, description="open_store() seeds the demo store into an empty database."
    )
    store_policy_path: Path = Field(
        default=Path("corpus/_store/store.yaml"),
        description="The store's policy file (assistant/store/policy.py documents its fields); "
        "unset, `_store/store.yaml` inside the corpus directory when it has one.",
    )

    # identity and actions
    storefront_secret: SecretStr = SecretStr(DEV_SECRET)
    confirmation_secret: SecretStr = SecretStr(DEV_SECRET)
    confirmation_ttl_seconds: int = 600
    verification_max_attempts: int = 3
    verification_lockout_seconds: int = 900

    # the model behind the agent: the offline planner unless an OpenAI-compatible URL is set
    llm_base_url: str | None = Field(
        default=None, description="OpenAI-compatible endpoint, e.g. http://localhost:8080/v1"
    )
    llm_model: str = "gpt-4o-mini"
    llm_api_key: SecretStr = SecretStr("not-needed")
    llm_timeout_seconds: float = Field(default=4.0, gt=0)
    llm_max_retries: int = Field(default=1, ge=0, le=1)
    llm_breaker_failures: int = Field(default=3, ge=1)
    llm_breaker_reset_seconds: float = Field(default=60.0, gt=0)
    max_tool_steps: int = Field(default=6, ge=1, le=20)
    llm_turn_budget_seconds: float = Field(
        default=6.0, gt=0, description="All model calls of one turn; then the planner answers."
    )
    llm_slow_call_seconds: float = Field(
        default=3.0, gt=0, description="A model call slower than this counts as a breaker failure."
    )
    llm_breaker_window_seconds: float = Field(
        default=300.0,
        gt=0,
        description="Slow or timed-out calls within this window open the breaker, whatever "
        "successes come between them.",
    )
    output_allowed_domains: list[str] = Field(
        default_factory=lambda: ["northfield.example"],
        description="Hosts a model-written reply may link or email to besides those in tool "
        "results and passages (and the service's own host), a JSON list.",
    )

    # routing and escalation
    router_threshold: float = Field(default=0.40, ge=0, le=1)  # chosen on the dev split
    order_number_pattern: str = Field(
        default=r"\d{5}",
        description="A regular expression for the store's order numbers as customers type them "
        "(without a leading #), e.g. '[A-Z]{2}-\\d{6}'.",
    )
    escalate_order_value: Decimal = Decimal("1000.00")
    helpdesk_webhook_url: str | None = None
    helpdesk_webhook_secret: SecretStr = SecretStr(DEV_SECRET)

    # the HTTP service
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    public_url: str = "http://127.0.0.1:8000"
    cors_origins: list[str] = Field(
        default_factory=lambda: ["http://127.0.0.1:8000", "http://localhost:8000"]
    )
    max_request_bytes: int = Field(default=16_384, ge=1024)
    rate_limit_per_ip_per_minute: int = Field(default=120, ge=1)
    rate_limit_per_conversation_per_minute: int = Field(default=30, ge=1)
    events_secret: SecretStr = SecretStr(DEV_SECRET)
    admin_api_key: SecretStr = SecretStr(DEV_SECRET)
    quiet_hours_start: int = Field(default=21, ge=0, le=23, description="store-local hour")
    quiet_hours_end: int = Field(default=8, ge=0, le=23)
    outbox_webhook_url: str | None = None

    @model_validator(mode="after")
    def _policy_beside_the_corpus(self) -> Settings:
        beside = self.corpus_dir / "_store" / "store.yaml"
        if "store_policy_path" not in self.model_fields_set and beside.exists():
            object.__setattr__(self, "store_policy_path", beside)
        return self

    @model_validator(mode="after")
    def _refuse_default_secrets_in_production(self) -> Settings:
        if self.environment == "production":
            for name in (
                "storefront_secret",
                "confirmation_secret",
                "events_secret",
                "admin_api_key",
                "helpdesk_webhook_secret",
            ):
                secret: SecretStr = getattr(self, name)
                if secret.get_secret_value() == DEV_SECRET or len(secret.get_secret_value()) < 32:
                    raise ValueError(
                        f"{name} must be set to a random value of at least 32 characters "
                        "in production"
                    )
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
