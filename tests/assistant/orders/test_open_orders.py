"""TRIAGE_ORDERS=shopify:… and woocommerce:… open their source, or say which setting is missing."""

from __future__ import annotations

import pytest

from api.settings import Settings
from assistant.errors import ConfigError, OrderSourceError
from assistant.orders import open_orders
from assistant.orders.shopify import API_VERSION, ShopifyOrders
from assistant.orders.shopify_auth import AppCredentials, auth_from
from assistant.orders.woocommerce import WooCommerceOrders

SECRETS = (
    "TRIAGE_SHOPIFY_TOKEN", "TRIAGE_SHOPIFY_CLIENT_ID", "TRIAGE_SHOPIFY_CLIENT_SECRET",
    "TRIAGE_WOOCOMMERCE_KEY", "TRIAGE_WOOCOMMERCE_SECRET",
)  # fmt: skip
SHOPIFY = "shopify:x.myshopify.com"
CLIENT_SECRET = "shpss_0123456789abcdef0123456789abcdef"


@pytest.fixture(autouse=True)
def no_secrets_from_the_environment(monkeypatch):
    for name in SECRETS:
        monkeypatch.delenv(name, raising=False)


def settings(**values) -> Settings:
    return Settings(_env_file=None, **values)


@pytest.mark.parametrize("shop", ["x.myshopify.com", "https://x.myshopify.com/"])
def test_shopify_opens_with_its_token(shop):
    source = open_orders(settings(orders=f"shopify:{shop}", shopify_token="t"))
    assert isinstance(source, ShopifyOrders)
    assert source.url == f"https://x.myshopify.com/admin/api/{API_VERSION}/graphql.json"


def test_shopify_opens_with_a_dev_dashboard_apps_client_id_and_secret_without_asking_for_a_token_yet():
    given = settings(orders=SHOPIFY, shopify_client_id=" 4f1c2a7d ", shopify_client_secret=CLIENT_SECRET)
    assert auth_from(given, SHOPIFY) == AppCredentials("4f1c2a7d", CLIENT_SECRET)
    assert isinstance(open_orders(given), ShopifyOrders)  # the token is fetched on the first lookup


def test_shopify_without_a_token_or_client_credentials_names_both_ways():
    with pytest.raises(ConfigError) as missing:
        open_orders(settings(orders=SHOPIFY))
    for name in ("TRIAGE_SHOPIFY_TOKEN", "TRIAGE_SHOPIFY_CLIENT_ID", "TRIAGE_SHOPIFY_CLIENT_SECRET", "Dev Dashboard"):
        assert name in str(missing.value)


@pytest.mark.parametrize(
    ("given", "missing"),
    [({"shopify_client_id": "4f1c2a7d"}, "TRIAGE_SHOPIFY_CLIENT_SECRET"), ({"shopify_client_secret": CLIENT_SECRET}, "TRIAGE_SHOPIFY_CLIENT_ID")],
)
def test_shopify_with_half_the_client_credentials_names_the_missing_half(given, missing):
    with pytest.raises(ConfigError, match=f"needs {missing} too") as half:
        open_orders(settings(orders=SHOPIFY, **given))
    assert CLIENT_SECRET not in str(half.value)


def test_shopify_with_a_token_and_client_credentials_says_to_keep_one():
    both = settings(orders=SHOPIFY, shopify_token="t", shopify_client_id="4f1c2a7d", shopify_client_secret=CLIENT_SECRET)
    with pytest.raises(ConfigError, match="not both") as refused:
        open_orders(both)
    assert CLIENT_SECRET not in str(refused.value)


def test_woocommerce_opens_with_its_key_and_secret():
    source = open_orders(settings(orders="woocommerce:https://shop.example", woocommerce_key="ck", woocommerce_secret="cs"))
    assert isinstance(source, WooCommerceOrders) and source.api == "https://shop.example/wp-json/wc/v3/orders"


@pytest.mark.parametrize(
    ("given", "missing"),
    [({"woocommerce_key": "ck"}, "TRIAGE_WOOCOMMERCE_SECRET"), ({"woocommerce_secret": "cs"}, "TRIAGE_WOOCOMMERCE_KEY")],
)
def test_woocommerce_without_its_key_or_secret_names_the_missing_one(given, missing):
    with pytest.raises(ConfigError, match=missing):
        open_orders(settings(orders="woocommerce:https://shop.example", **given))


def test_woocommerce_over_plain_http_is_refused_at_start():
    with pytest.raises(OrderSourceError, match="https://"):
        open_orders(settings(orders="woocommerce:http://shop.example", woocommerce_key="ck", woocommerce_secret="cs"))
