"""A Dev Dashboard app's access token, fetched and renewed by the assistant (client credentials grant).

The token answers in recorded/ follow Shopify's documented shapes:

    shopify_access_token.json
        `POST https://SHOP/admin/oauth/access_token` with grant_type=client_credentials, client_id
        and client_secret: access_token, scope and expires_in (86399 s), as on
        shopify.dev/docs/apps/build/authentication-authorization/access-tokens/client-credentials-grant
        and shopify.dev/docs/apps/build/authentication-authorization/client-secrets
    shopify_access_token_invalid_client.json
        a refused client: Shopify does not document this body; it is OAuth's error answer
        (RFC 6749, section 5.2), which Shopify's OAuth endpoint gives (`{"error": "..."}`)
"""

from __future__ import annotations

import threading
import time
from urllib.parse import parse_qs

import httpx
import pytest

from assistant.errors import OrderSourceError
from assistant.orders.shopify import API_VERSION, ShopifyOrders
from assistant.orders.shopify_auth import (
    RENEW_BEFORE,
    AppCredentials,
    ClientCredentialsGrant,
)
from tests.utils.replay import Replay, recorded

SHOP = "northpeak.myshopify.com"
TOKEN_URL = f"https://{SHOP}/admin/oauth/access_token"
ENDPOINT = f"https://{SHOP}/admin/api/{API_VERSION}/graphql.json"
CREDENTIALS = AppCredentials("4f1c2a7d9e3b8c5a6d0e1f2a3b4c5d6e", "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")
FIRST = "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"
SECOND = "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"
LIFETIME = 86399


class Clock:
    """Monotonic seconds that move only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def token(value: str = FIRST) -> httpx.Response:
    answer = recorded("shopify_access_token.json")
    return httpx.Response(200, json={**answer.json(), "access_token": value})


def found() -> httpx.Response:
    return recorded("shopify_order_1001_in_transit.json")


def refused() -> httpx.Response:
    return recorded("shopify_unauthorized.json", status=401)


def shopify(*answers) -> tuple[ShopifyOrders, Replay, Clock]:
    replay, clock = Replay(*answers), Clock()
    return ShopifyOrders(SHOP, CREDENTIALS, client=replay.client(), clock=clock), replay, clock


def sent(replay: Replay) -> list[tuple[str, str | None]]:
    """Each request as (what it asked for, the token it carried): ("token", None) or ("orders", token)."""
    kinds = {TOKEN_URL: "token", ENDPOINT: "orders"}
    return [(kinds[str(r.url)], r.headers.get("X-Shopify-Access-Token")) for r in replay.requests]


def test_the_first_lookup_asks_for_a_token_as_shopify_documents_and_sends_it():
    orders, replay, _ = shopify(token(), found())
    assert orders.find("1001").order_id == "#1001"
    grant = replay.requests[0]
    assert (grant.method, str(grant.url), grant.headers["Content-Type"]) == ("POST", TOKEN_URL, "application/x-www-form-urlencoded")
    assert parse_qs(grant.content.decode()) == {
        "grant_type": ["client_credentials"], "client_id": [CREDENTIALS.client_id], "client_secret": [CREDENTIALS.client_secret],
    }  # fmt: skip
    assert sent(replay) == [("token", None), ("orders", FIRST)]


def test_later_lookups_reuse_the_token_until_five_minutes_before_it_expires():
    orders, replay, clock = shopify(token(), found(), found(), token(SECOND), found())
    orders.find("1001")
    clock.now += LIFETIME - RENEW_BEFORE - 1
    orders.find("1001")
    assert sent(replay) == [("token", None), ("orders", FIRST), ("orders", FIRST)]  # one token request
    clock.now += 1
    orders.find("1001")
    assert sent(replay)[3:] == [("token", None), ("orders", SECOND)]


def test_a_refused_token_is_renewed_at_once_and_the_lookup_tried_again():
    orders, replay, _ = shopify(token(), refused(), token(SECOND), found())
    assert orders.find("1001").order_id == "#1001"
    assert sent(replay) == [("token", None), ("orders", FIRST), ("token", None), ("orders", SECOND)]


def test_a_renewed_token_refused_too_is_an_order_source_error_after_one_retry():
    orders, replay, _ = shopify(token(), refused(), token(SECOND), refused())
    with pytest.raises(OrderSourceError, match="TRIAGE_SHOPIFY_CLIENT_ID is installed on this shop") as down:
        orders.find("1001")
    assert len(replay.requests) == 4 and CREDENTIALS.client_secret not in str(down.value)


def test_refused_client_credentials_say_what_to_check_without_the_secret():
    orders, _, _ = shopify(recorded("shopify_access_token_invalid_client.json", status=400))
    with pytest.raises(OrderSourceError) as down:
        orders.find("1001")
    message = str(down.value)
    assert "(400 invalid_client)" in message and "TRIAGE_SHOPIFY_CLIENT_SECRET" in message and "installed on this shop" in message
    assert CREDENTIALS.client_secret not in message and CREDENTIALS.client_secret not in repr(CREDENTIALS)


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (httpx.ConnectTimeout("timed out"), "did not answer the access token request: ConnectTimeout"),
        (httpx.Response(503, text="Service Unavailable"), "answered the access token request with 503"),
        (httpx.Response(200, json={"scope": "read_orders"}), "without an access_token"),
        (httpx.Response(429, json={"errors": "Too many requests"}), "throttling"),
    ],
)
def test_a_token_endpoint_down_or_odd_is_an_order_source_error(answer, said):
    orders, _, _ = shopify(answer)
    with pytest.raises(OrderSourceError, match=said) as down:
        orders.find("1001")
    assert CREDENTIALS.client_secret not in str(down.value)


def test_a_failed_renewal_is_tried_again_on_the_next_lookup():
    orders, replay, _ = shopify(httpx.ConnectTimeout("timed out"), token(), found())
    with pytest.raises(OrderSourceError):
        orders.find("1001")
    assert orders.find("1001").order_id == "#1001"
    assert sent(replay)[1:] == [("token", None), ("orders", FIRST)]


class Shop:
    """Shopify answering lookups from many threads; its token endpoint is slow, so they overlap."""

    def __init__(self) -> None:
        self.grants = 0
        self.lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if str(request.url) == TOKEN_URL:
            with self.lock:
                self.grants += 1
            time.sleep(0.05)
            return token()
        assert request.headers["X-Shopify-Access-Token"] == FIRST
        return found()


@pytest.mark.load
def test_concurrent_lookups_wait_for_one_token_request_instead_of_each_asking():
    shop = Shop()
    orders = ShopifyOrders(SHOP, CREDENTIALS, client=httpx.Client(transport=httpx.MockTransport(shop)))
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(orders.find("1001").order_id)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["#1001"] * 8 and shop.grants == 1


def test_lookups_refused_the_same_token_renew_it_once():
    replay = Replay(token(), token(SECOND))
    tokens = ClientCredentialsGrant(SHOP, CREDENTIALS, replay.client(), Clock())
    assert tokens.current() == FIRST
    # Two lookups were refused FIRST: the second to ask finds it renewed already.
    assert tokens.renewed(FIRST) == SECOND and tokens.renewed(FIRST) == SECOND
    assert sent(replay) == [("token", None), ("token", None)]
