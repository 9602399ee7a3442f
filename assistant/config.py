"""The one Settings object; every field can be set from the environment as TRIAGE_<NAME>."""

from __future__ import annotations

import os
from datetime import date
from enum import Enum
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from assistant.hours import BusinessHours, time_zone

# Demo secrets: fine on a laptop, refused when TRIAGE_ENV=production.
DEMO_AGENT_KEY = "demo-agent-key"
DEMO_STORE_KEY = "demo-store-key"
DEMO_STORE_SECRET = "demo-store-secret"
# Shortest key or secret production accepts: 24 random URL-safe characters are 144 bits, far past
# guessing even without the throttle on failed keys (secrets.token_urlsafe(32) gives 43).
MIN_SECRET_CHARS = 24


class Environment(str, Enum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"

# Chroma's rule for collection names.
COLLECTION_NAME = r"^[a-zA-Z0-9][a-zA-Z0-9._-]{1,510}[a-zA-Z0-9]$"


class Settings(BaseSettings):
    # hide_input_in_errors: a refused setting must not print the keys and secrets it was given.
    model_config = SettingsConfigDict(env_prefix="TRIAGE_", env_file=".env", extra="ignore", hide_input_in_errors=True)

    data_dir: Path = Field(Path("data"), description="Where the embedded Chroma store and the database live.")
    kb_dir: Path = Field(Path("kb"), description="The knowledge base ingested when no path is given.")
    chroma_url: str | None = Field(
        None, description="URL of a `chroma run` server, e.g. http://127.0.0.1:8000; unset means embedded."
    )
    collection: str = Field(
        "knowledge-base",
        pattern=COLLECTION_NAME,
        description="Chroma collection holding the knowledge base.",
    )
    embedder: str = Field("use-m3", description="use-m3, e5-small, or st:<path-or-name> (st:minilm).")
    embed_threads: int = Field(0, ge=0, description="BLAS threads for embedding; 0 means one per usable core.")
    embed_batch: int = Field(
        1000, ge=1, description="Chunks embedded and written per batch during ingest (each write has a fixed cost)."
    )
    log_level: str = Field("WARNING", description="Level of the logs written to stderr.")

    default_lang: str = Field("en", description="Reply language when a first message is too short to tell and has no locale hint.")
    pin_locale: str | None = Field(
        None,
        pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$",
        description="Reply in this language whatever the customer writes (a one-language store); unset lets the message decide.",
    )
    agent_lang: str = Field("en", description="Language the agents read; case summaries are translated into it.")
    high_value: float = Field(500.0, ge=0, description="Order value (store currency) from which a person takes over.")
    store_currency: str = Field("EUR", description="Currency of order values in the store context.")
    orders: str | None = Field(
        None, description="Where orders are looked up: file:PATH (JSONL or CSV), an http(s):// endpoint, shopify:SHOP or woocommerce:URL; unset means no lookups."
    )
    orders_secret: SecretStr | None = Field(None, description="HMAC key that signs requests to an http(s) order endpoint.")
    shopify_token: SecretStr | None = Field(
        None, description="Admin API access token of a Shopify app created in the Shopify admin (read_orders); used as given."
    )
    shopify_client_id: str | None = Field(
        None, description="Client ID of a Shopify Dev Dashboard app (read_orders); with the secret, the assistant fetches and renews its token."
    )
    shopify_client_secret: SecretStr | None = Field(None, description="Client secret of that Dev Dashboard app; never logged.")
    woocommerce_key: SecretStr | None = Field(None, description="WooCommerce REST API consumer key (read access).")
    woocommerce_secret: SecretStr | None = Field(None, description="WooCommerce REST API consumer secret.")
    order_attempts: int = Field(
        3, ge=1, description="Order number and email pairs that match no order, in one conversation, before a person takes over."
    )
    order_attempts_per_ip: int = Field(
        5, ge=1, description="Such pairs one address may send per minute, across conversations, before lookups stop for it."
    )
    order_stale_days: int = Field(
        5, ge=1, description="A shipped order with no carrier scan for this many days is late and goes to a person."
    )
    answer_threshold: float | None = Field(
        None,
        ge=0,
        le=1,
        description="Confidence below which the assistant hands off; unset means the KB's own, chosen at ingest.",
    )
    target_wrong_rate: float = Field(
        0.03, gt=0, lt=1, description="Wrong answers the ingest-time calibration of the threshold allows, e.g. 0.03 for 3%."
    )
    clarify: bool = Field(
        True,
        description="Ask which of two close topics, or which section of the page a broad question names, was meant (quick replies) instead of handing a low-confidence question to a person.",
    )
    handoff_wait_minutes: int = Field(
        10, ge=0, description="Expected wait for a person, told to the customer until enough recent claims measure it."
    )
    sla_minutes: int = Field(
        30, ge=1, description="How long a case may wait for an agent: the queue shows it due soon in the last fifth, then overdue."
    )
    business_hours: str | None = Field(
        None, description="When the team answers, e.g. 'Mon-Fri 08:00-20:00; Sat 09:00-17:00' (in TRIAGE_TIMEZONE); unset means always."
    )
    timezone: str = Field("UTC", description="The store's time zone (IANA name, e.g. Europe/Amsterdam), for the business hours and the insights' days.")
    holidays: Annotated[list[date], NoDecode] = Field(
        default_factory=list, description="Dates (comma-separated, 2026-12-25) when the team does not answer."
    )
    lexical_weight: float = Field(0.1, ge=0, description="Weight of same-language BM25 in retrieval; 0 turns it off.")
    language_bonus: float = Field(0.05, ge=0, description="Retrieval bonus for documents in the customer's language.")
    kb_reload_seconds: float = Field(
        5.0, ge=0, description="How often each server worker checks whether `triage ingest` changed the KB, and reads it again if so; 0 turns it off."
    )

    llm_provider: str | None = Field(None, description="openai, llamacpp or ollama; unset means extractive only.")
    llm_model: str = Field("gpt-4o-mini", description="Model name at the provider.")
    llm_base_url: str | None = Field(None, description="The provider's URL, e.g. http://127.0.0.1:8080/v1 for llama.cpp.")
    llm_api_key: SecretStr | None = Field(None, description="API key of the provider; never logged.")

    env: Environment = Field(
        Environment.DEVELOPMENT,
        description="development or production (any case); production refuses demo and short keys and secrets.",
    )
    database_url: str | None = Field(None, description="SQLAlchemy URL; unset means SQLite in the data folder.")
    db_pool_size: int = Field(10, ge=1, description="Database connections each worker keeps open.")
    db_max_overflow: int = Field(20, ge=0, description="Extra connections a worker may open at peaks.")
    db_pool_timeout: float = Field(
        5.0, gt=0, description="Seconds a request waits for a database connection before answering 503 with Retry-After."
    )
    agent_keys: dict[str, SecretStr] = Field(
        default_factory=lambda: {"Demo Agent": SecretStr(DEMO_AGENT_KEY)},
        description='Agent name -> API key, as JSON: {"Maria": "..."}.',
    )
    agent_langs: dict[str, list[str]] = Field(
        default_factory=dict,
        description='Languages each TRIAGE_AGENT_KEYS agent reads, as JSON: {"Maria": ["es", "en"]}; '
        "an agent not named reads TRIAGE_AGENT_LANG only. Agents added with `triage agents add` carry their own.",
    )
    store_api_key: SecretStr = Field(SecretStr(DEMO_STORE_KEY), description="Key of the store's backend.")
    store_secret: SecretStr = Field(SecretStr(DEMO_STORE_SECRET), description="HMAC key of signed store context.")
    retention_days: int = Field(365, ge=1, description="Conversations older than this are purged.")
    rate_per_conversation: int = Field(20, ge=1, description="Messages a conversation may send per minute.")
    rate_per_ip: int = Field(120, ge=1, description="Requests one address may make per minute.")
    rate_window_seconds: int = Field(60, ge=1, description="The window every rate limit counts in (a minute); tests of a real server lengthen it so no test straddles two.")
    key_failures_per_minute: int = Field(
        10, ge=1, description="Wrong API keys or conversation tokens one address may send per minute before it gets 429."
    )
    rate_uploads_per_ip: int = Field(
        10, ge=1, description="Attachments one address may upload per minute, across all its conversations (10 x 5 MB = 50 MB/min)."
    )
    rate_reads_per_ip: int = Field(
        600,
        ge=1,
        description="Reads, event-stream opens, feedback and CSAT one address may make per minute "
        "(a widget that cannot stream polls every 3 s: 20 a minute).",
    )
    trusted_proxies: Annotated[list[IPv4Network | IPv6Network], NoDecode] = Field(
        default_factory=list,
        description="Reverse proxies (comma-separated IPs or CIDRs) whose X-Forwarded-For is believed; unset believes none.",
    )
    context_max_age: int = Field(
        3600,
        ge=1,
        description="In production, signed store context must carry expires_at at most this many seconds ahead, or it is not trusted.",
    )
    metrics_key: SecretStr | None = Field(None, description="When set, /metrics needs `Authorization: Bearer <key>`.")
    max_message_chars: int = Field(4000, ge=1, description="Longest customer message accepted.")
    max_attachment_bytes: int = Field(5 * 1024 * 1024, ge=1, description="Largest attachment accepted.")
    body_timeout: float = Field(
        60.0, gt=0, description="Seconds a request body may take to arrive (a 5 MB upload at 0.7 Mbit/s); slower answers 408."
    )
    cors_origins: list[str] = Field(["*"], description="Sites that may embed the widget and call the API.")
    brand: str = Field("Northpeak", description="Name shown in the widget.")
    brand_color: str = Field("#0b6e4f", pattern=r"^#[0-9a-fA-F]{6}$", description="Widget colour.")

    @field_validator("env", mode="before")
    @classmethod
    def _env_in_any_case(cls, value: object) -> object:
        """" Production" or "PRODUCTION" is production: a near miss must not fall back to the demo keys."""
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("holidays", mode="before")
    @classmethod
    def _comma_separated_dates(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @model_validator(mode="after")
    def _hours_readable(self) -> Settings:
        # a typo in the zone or the hours stops the start, not the first out-of-hours handoff
        self.zone()
        self.hours()
        return self

    def zone(self) -> ZoneInfo:
        """The store's time zone: its hours and the days of its insights are its own."""
        return time_zone(self.timezone)

    def hours(self) -> BusinessHours | None:
        """The team's hours, or None when it is always there."""
        if not (self.business_hours or "").strip():
            return None
        return BusinessHours.parse(self.business_hours, self.timezone, frozenset(self.holidays))

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [ip_network(part.strip(), strict=False) for part in value.split(",") if part.strip()]
        return value

    @model_validator(mode="after")
    def _no_weak_secrets_in_production(self) -> Settings:
        if self.env != Environment.PRODUCTION:
            return self
        named = {f"TRIAGE_AGENT_KEYS[{name!r}]": key for name, key in self.agent_keys.items()}
        named |= {"TRIAGE_STORE_API_KEY": self.store_api_key, "TRIAGE_STORE_SECRET": self.store_secret}
        demo = {DEMO_AGENT_KEY, DEMO_STORE_KEY, DEMO_STORE_SECRET}
        weak = [
            name
            for name, secret in named.items()
            if secret.get_secret_value().strip().lower() in demo or len(secret.get_secret_value()) < MIN_SECRET_CHARS
        ]
        if weak:
            raise ValueError(
                f"TRIAGE_ENV=production refuses {', '.join(weak)}: each must be at least {MIN_SECRET_CHARS} characters "
                "and not a demo value; make one with `python -c 'import secrets; print(secrets.token_urlsafe(32))'`"
            )
        return self

    @property
    def database(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'triage.db'}"

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"

    @property
    def argos_dir(self) -> Path:
        return self.data_dir / "argos"

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def threads(self) -> int:
        """Embedding threads: more BLAS threads than cores makes OpenBLAS spin and run ~40x slower."""
        return self.embed_threads or len(os.sched_getaffinity(0))
