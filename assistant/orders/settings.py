"""Where orders are looked up, and how often a customer may try; TRIAGE_<NAME> in the environment."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class OrderSettings(BaseSettings):
    """The order source (TRIAGE_ORDERS) and its credentials and limits."""

    # hide_input_in_errors: a refused setting must not print the keys and secrets it was given.
    model_config = SettingsConfigDict(env_prefix="TRIAGE_", env_file=".env", extra="ignore", hide_input_in_errors=True)

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
