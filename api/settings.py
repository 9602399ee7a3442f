"""The service's settings: the database, keys, limits and the widget; TRIAGE_<NAME> in the environment.

`Settings` is the whole configuration the API and the CLI read: these and the assistant's."""

from __future__ import annotations

from enum import Enum
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from assistant.config import AssistantSettings

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


class Settings(AssistantSettings):
    """The assistant's settings and the service's."""

    # hide_input_in_errors: a refused setting must not print the keys and secrets it was given.
    model_config = SettingsConfigDict(env_prefix="TRIAGE_", env_file=".env", extra="ignore", hide_input_in_errors=True)

    log_level: str = Field("WARNING", description="Level of the logs written to stderr.")
    sla_minutes: int = Field(
        30, ge=1, description="How long a case may wait for an agent: the queue shows it due soon in the last fifth, then overdue."
    )
    learned_approvals: int = Field(
        1, ge=1, le=2, description="Agents who must confirm a learned answer before it answers customers: 1, or 2 (a draft until a second agent approves)."
    )
    kb_reload_seconds: float = Field(
        5.0, ge=0, description="How often each server worker checks whether `triage ingest` changed the KB, and reads it again if so; 0 turns it off."
    )
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
