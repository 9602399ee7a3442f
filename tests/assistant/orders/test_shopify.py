"""Shopify orders as a customer asks about them, replayed from recorded GraphQL Admin API answers.

The recordings in recorded/ follow Shopify's documented shapes (API version 2026-10):

    shopify_order_1001_in_transit.json, shopify_orders_customer_7240365457501.json, shopify_orders_none.json
        the `orders` query (shopify.dev/docs/api/admin-graphql/latest/queries/orders) with the
        fields of the Order and Fulfillment objects (.../objects/Order, .../objects/Fulfillment)
        and the enums OrderDisplayFinancialStatus, OrderDisplayFulfillmentStatus,
        OrderReturnStatus, FulfillmentStatus and FulfillmentDisplayStatus; `extensions.cost`
        as on shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits
    shopify_throttled.json
        the throttled answer of the same rate-limits page (errors[].extensions.code THROTTLED)
    shopify_access_denied.json
        a field the app lacks the scope for (ACCESS_DENIED, shopify.dev/docs/api/usage/access-scopes)
    shopify_unauthorized.json
        the 401 answer to an invalid access token (shopify.dev/docs/api/admin-graphql, "Authentication")
"""

from __future__ import annotations

import json
from datetime import date

import httpx
import pytest

from assistant.errors import OrderSourceError
from assistant.orders import OrderStatus
from assistant.orders.shopify import API_VERSION, ShopifyOrders
from tests.utils.replay import Replay, recorded

SHOP = "northpeak.myshopify.com"
TOKEN = "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"
ENDPOINT = f"https://{SHOP}/admin/api/{API_VERSION}/graphql.json"


def shopify(*answers) -> tuple[ShopifyOrders, Replay]:
    replay = Replay(*answers)
    return ShopifyOrders(SHOP, TOKEN, client=replay.client()), replay


def sent(request: httpx.Request) -> dict:
    """The GraphQL variables of a request, after checking it went to the shop's Admin API as the app."""
    assert (request.method, str(request.url)) == ("POST", ENDPOINT)
    assert request.headers["X-Shopify-Access-Token"] == TOKEN
    body = json.loads(request.content)
    assert "orders(first: $first, query: $query, sortKey: CREATED_AT, reverse: true)" in body["query"]
    return body["variables"]


@pytest.mark.parametrize("typed", ["1001", "#1001", " #1001 "])
def test_a_shipped_order_shows_the_live_shipments_carrier_tracking_and_dates(typed):
    orders, replay = shopify(recorded("shopify_order_1001_in_transit.json"))
    order = orders.find(typed)
    assert sent(replay.requests[0]) == {"query": 'name:"#1001"', "first": 5}
    # The first label was voided (a cancelled fulfillment): the customer is shown the live one.
    assert (order.order_id, order.status, order.carrier, order.tracking_number) == ("#1001", OrderStatus.SHIPPED, "DHL Express", "1234567890")
    assert order.tracking_url == "https://www.dhl.com/en/express/tracking.html?AWB=1234567890&brand=DHL"
    assert (order.placed_at, order.shipped_at, order.estimated_delivery, order.last_event_at) == (
        date(2026, 11, 18), date(2026, 11, 19), date(2026, 11, 24), date(2026, 11, 20)
    )
    assert (order.total, order.currency, order.email, order.customer_ref) == (129.9, "EUR", "ana.souza@example.com", "7240365457501")


def test_an_unknown_order_number_is_not_found():
    orders, replay = shopify(recorded("shopify_orders_none.json"))
    assert orders.find("4040") is None
    assert sent(replay.requests[0])["query"] == 'name:"#4040"'


def test_text_that_is_no_order_number_is_never_sent_into_the_search():
    orders, replay = shopify()
    assert orders.find('1001" OR customer_id:1') is None
    assert replay.requests == []


@pytest.mark.parametrize("ref", ["7240365457501", "gid://shopify/Customer/7240365457501"])
def test_a_customers_orders_come_newest_first_with_delivered_cancelled_and_refunded_told_apart(ref):
    orders, replay = shopify(recorded("shopify_orders_customer_7240365457501.json"))
    found = orders.for_customer(ref)
    assert sent(replay.requests[0]) == {"query": "customer_id:7240365457501", "first": 10}
    assert [(o.order_id, o.status) for o in found] == [
        ("#1012", OrderStatus.PAID),  # paid, nothing shipped yet
        ("#1009", OrderStatus.DELIVERED),
        ("#1003", OrderStatus.CANCELLED),  # cancelled and refunded: the customer cancelled it
        ("#0998", OrderStatus.RETURNED),  # delivered, sent back and refunded
    ]
    assert found[1].last_event_at == date(2026, 11, 13) and found[0].carrier is None


@pytest.mark.parametrize("status", [401, 403])
def test_a_refused_token_says_which_setting_to_check_and_never_shows_the_token(status):
    orders, _ = shopify(recorded("shopify_unauthorized.json", status=status))
    with pytest.raises(OrderSourceError, match="TRIAGE_SHOPIFY_TOKEN") as refused:
        orders.find("1001")
    assert "read_orders" in str(refused.value) and TOKEN not in str(refused.value)


def test_a_missing_scope_says_to_grant_read_orders():
    orders, _ = shopify(recorded("shopify_access_denied.json"))
    with pytest.raises(OrderSourceError, match="read_orders scope"):
        orders.for_customer("7240365457501")


@pytest.mark.parametrize("status", [200, 429])
def test_throttling_says_to_try_again_shortly(status):
    orders, _ = shopify(recorded("shopify_throttled.json", status=status, headers={"Retry-After": "1.0"}))
    with pytest.raises(OrderSourceError, match="throttling .* try again in a few seconds"):
        orders.find("1001")


def test_an_unreachable_shop_is_an_order_source_error_without_the_token():
    orders, _ = shopify(httpx.ConnectTimeout("timed out"))
    with pytest.raises(OrderSourceError, match=f"Shopify \\({SHOP}\\) did not answer: ConnectTimeout") as down:
        orders.find("1001")
    assert TOKEN not in str(down.value)


def test_the_shop_may_be_given_as_a_url_but_must_be_a_domain():
    assert ShopifyOrders(f"https://{SHOP}/", TOKEN, client=httpx.Client()).url == ENDPOINT
    with pytest.raises(OrderSourceError, match="your-shop.myshopify.com"):
        ShopifyOrders("northpeak", TOKEN, client=httpx.Client())
