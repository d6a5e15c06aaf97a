"""The one settings object: environment variables (prefix ``AFTERCARE_``) and an optional ``.env``.

Built once at start-up through :func:`get_settings`; tests construct ``Settings(...)`` directly or
clear the cache. In production mode, default secrets refuse to boot.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

if TYPE_CHECKING:
    from assistant.store.policy import StorePolicy

DEV_SECRET = "dev-only-not-secret"  # public: only demo mode may use it
SECRET_FIELDS = (
    "storefront_secret",
    "confirmation_secret",
    "events_secret",
    "admin_api_key",
    "helpdesk_webhook_secret",
)


@cache
def _process_secret(name: str) -> SecretStr:
    """A random value, the same for every ``Settings`` of this process; the app replaces it with
    the data folder's persisted one (:mod:`assistant.api.secrets`), which restarts and workers
    share."""
    return SecretStr(secrets.token_urlsafe(32))


def _generated(name: str) -> Any:
    """A secret setting that defaults to :func:`_process_secret`."""
    return Field(default_factory=lambda: _process_secret(name))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="AFTERCARE_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    environment: Literal["development", "test", "production"] = "development"
    demo_mode: bool = Field(
        default=False,
        description="Demo sign-in links and the public dev secrets for unset ones (`make run` "
        "turns it on); refused in production.",
    )
    data_dir: Path = Field(
        default=Path("var"), description="Where generated secrets are kept (secrets.json, 0600)."
    )

    # documents and index
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("var/index")
    embedder: Literal["minilm", "hashing"] = Field(
        default="minilm",
        description="'hashing' is a deterministic stand-in for tests; never use it to serve.",
    )
    max_file_mb: int = Field(default=50, ge=1)
    chroma_url: str | None = Field(
        default=None,
        description="A Chroma server (`chroma run`), e.g. http://127.0.0.1:8001, holding the "
        "index versions' vectors (one collection per version); unset, each version keeps them "
        "on disk in its folder under index_dir.",
    )

    # the store
    database_url: str = "sqlite:///var/store.db"
    store_now: datetime | None = Field(
        default=None,
        description="Pins the store's clock (ISO 8601 with offset); unset means the real clock.",
    )
    demo_seed: int = 20260120
    seed_demo_data: bool = Field(
        default=True, description="open_store() seeds the demo store into an empty database."
    )
    store_policy_path: Path = Field(
        default=Path("corpus/_store/store.yaml"),
        description="The store's policy file (assistant/store/policy.py documents its fields); "
        "unset, `_store/store.yaml` inside the corpus directory when it has one.",
    )

    # identity and actions
    storefront_secret: SecretStr = _generated("storefront_secret")
    confirmation_secret: SecretStr = _generated("confirmation_secret")
    confirmation_ttl_seconds: int = 600
    return_labels_dir: Path | None = Field(
        default=None,
        description="Where return labels (PDF) are written; unset, `return_labels` beside the "
        "SQLite database file (else var/return_labels).",
    )
    verification_max_attempts: int = 3
    verification_lockout_seconds: int = 900
    verification_failures_per_order: int = Field(
        default=5, ge=1, description="Failed checks of one order number (any conversation)."
    )
    verification_failures_per_email: int = Field(default=5, ge=1)
    verification_failures_per_client: int = Field(
        default=10, ge=1, description="Failed checks from one client IP (any conversation)."
    )
    verification_failure_window_seconds: int = Field(
        default=3600, ge=1, description="Failures older than this are forgotten."
    )
    verification_max_lockout_seconds: int = Field(
        default=86_400, ge=1, description="The back-off doubles per lock up to this."
    )

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
    max_tool_steps: int = Field(default=10, ge=1, le=20)
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
        default_factory=list,
        description="Hosts a model-written reply may link or email to besides those in tool "
        "results and passages, the service's own host and the store's own (its policy file's "
        "support addresses), a JSON list.",
    )

    # routing and escalation
    router_threshold: float = Field(default=0.40, ge=0, le=1)  # chosen on the dev split
    helpdesk_webhook_url: str | None = None
    helpdesk_webhook_secret: SecretStr = _generated("helpdesk_webhook_secret")

    # the HTTP service
    host: str = "127.0.0.1"
    workers: int = Field(
        default=1,
        ge=1,
        le=64,
        description="Worker processes of `assistant serve`. Turn order, verification lockouts "
        "and (on PostgreSQL) rate limits are kept in the database, so they hold across workers.",
    )
    port: int = Field(default=8000, ge=1, le=65535)
    public_url: str = "http://127.0.0.1:8000"
    cors_origins: list[str] = Field(
        default_factory=lambda: ["http://127.0.0.1:8000", "http://localhost:8000"]
    )
    max_request_bytes: int = Field(default=16_384, ge=1024)
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Peer addresses or networks whose X-Forwarded-For is believed (JSON list).",
    )
    body_timeout_seconds: float = Field(default=10.0, gt=0)
    header_timeout_seconds: float = Field(default=10.0, gt=0)
    keep_alive_timeout_seconds: float = Field(default=5.0, gt=0)
    max_connections_per_client: int = Field(default=32, ge=1)
    index_poll_seconds: float = Field(
        default=5.0, gt=0, description="How often the service looks for a new index version."
    )
    index_max_lag_seconds: float = Field(
        default=60.0, gt=0, description="/readyz fails when a newer index waits longer."
    )
    rate_limit_per_ip_per_minute: int = Field(default=120, ge=1)
    rate_limit_per_conversation_per_minute: int = Field(default=30, ge=1)
    events_secret: SecretStr = _generated("events_secret")
    admin_api_key: SecretStr = _generated("admin_api_key")
    quiet_hours_start: int = Field(default=21, ge=0, le=23, description="store-local hour")
    quiet_hours_end: int = Field(default=8, ge=0, le=23)
    outbox_webhook_url: str | None = None

    # --- what the store decides: read from its policy file, never set here -----------------
    def store_policy(self) -> StorePolicy:
        """The store's policy file (``store_policy_path``), validated; cached per file version."""
        from assistant.store.policy import load_policy

        return load_policy(self.store_policy_path)

    @property
    def store_timezone(self) -> str:
        """IANA zone of the store's calendar (ship windows, delivery and charge dates)."""
        return self.store_policy().timezone

    @property
    def order_number_pattern(self) -> str:
        """The store's order numbers as customers type them (without a leading #)."""
        return self.store_policy().orders.number_pattern

    @property
    def escalate_order_value(self) -> Decimal:
        """Orders above this value go to a person (the policy's ``handover.order_value``)."""
        return self.store_policy().handover.order_value

    @model_validator(mode="after")
    def _policy_beside_the_corpus(self) -> Settings:
        beside = self.corpus_dir / "_store" / "store.yaml"
        if "store_policy_path" not in self.model_fields_set and beside.exists():
            object.__setattr__(self, "store_policy_path", beside)
        return self

    @model_validator(mode="after")
    def _refuse_unsafe_secrets(self) -> Settings:
        if self.environment == "production" and self.demo_mode:
            raise ValueError("demo_mode cannot be on in production")
        for name in SECRET_FIELDS:
            value = getattr(self, name).get_secret_value()
            if value == DEV_SECRET and not self.demo_mode:
                raise ValueError(f"{name} is the public development value: only demo mode uses it")
            if self.environment == "production" and len(value) < 32:
                raise ValueError(
                    f"{name} must be set to a random value of at least 32 characters "
                    "in production (or left unset: one is generated and kept in data_dir)"
                )
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
