"""TRIAGE_ORDERS=shopify:… and woocommerce:… open their source, or say which setting is missing."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.errors import ConfigError, OrderSourceError
from assistant.orders import open_orders
from assistant.orders.shopify import API_VERSION, ShopifyOrders
from assistant.orders.woocommerce import WooCommerceOrders

SECRETS = ("TRIAGE_SHOPIFY_TOKEN", "TRIAGE_WOOCOMMERCE_KEY", "TRIAGE_WOOCOMMERCE_SECRET")


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


def test_shopify_without_a_token_names_the_setting():
    with pytest.raises(ConfigError, match="TRIAGE_SHOPIFY_TOKEN"):
        open_orders(settings(orders="shopify:x.myshopify.com"))


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
