"""`TRIAGE_ORDERS=shopify:SHOP.myshopify.com`: orders read from the Shopify GraphQL Admin API.

One POST to `https://SHOP/admin/api/2026-10/graphql.json` a lookup, authenticated with an Admin
API access token (scope `read_orders`) in the `X-Shopify-Access-Token` header. The token is either

- `TRIAGE_SHOPIFY_TOKEN`, used as given: an app created in the Shopify admin before 2026 shows
  one that does not expire; or
- fetched by the assistant for a Dev Dashboard app (the only kind of custom app since 2026) from
  `TRIAGE_SHOPIFY_CLIENT_ID` and `TRIAGE_SHOPIFY_CLIENT_SECRET`, with the client credentials grant
  (shopify.dev/docs/apps/build/authentication-authorization/access-tokens/client-credentials-grant
  and .../authentication-authorization/client-secrets):

      POST https://SHOP/admin/oauth/access_token
      Content-Type: application/x-www-form-urlencoded
      grant_type=client_credentials&client_id=...&client_secret=...

      200 {"access_token": "shpat_...", "scope": "read_orders", "expires_in": 86399}

  The grant gives no refresh token: a new token is the same request again. The token is kept in
  memory only, fetched on first use, renewed five minutes before `expires_in` runs out (about 24
  hours) and at once when a lookup is answered 401 (the token revoked before its time, as when
  the app is uninstalled and installed again), which is then tried once more. The grant works only for an app of the shop's
  own organization installed on it.

An order is looked up by its name (`name:"#1001"`, what the customer sees as "Order #1001"), a
customer's orders with `customer_id:<id>`, newest first.

How a Shopify order becomes an `Order`:

    order_id            name ("#1001")
    customer_ref        the numeric tail of customer.id ("gid://shopify/Customer/207119551"
                        gives "207119551"), the id `customer_id:` filters on; for_customer
                        also accepts the whole gid
    email               email ("" when the order has none: it then matches no customer)
    total, currency     totalPriceSet.shopMoney (the shop's currency, not the presentment one)
    placed_at           createdAt
    carrier, tracking   trackingInfo of the newest fulfillment that has one; shipped_at is that
                        fulfillment's createdAt, estimated_delivery its estimatedDeliveryAt,
                        last_event_at its deliveredAt or else inTransitAt

The status, first rule that holds (fulfillments cancelled or failed are ignored):

    cancelledAt set, or displayFinancialStatus VOIDED              -> cancelled
    displayFinancialStatus REFUNDED, or returnStatus RETURNED or
      INSPECTION_COMPLETE                                          -> returned
    a fulfillment, all of them DELIVERED or PICKED_UP, and
      displayFulfillmentStatus FULFILLED                           -> delivered
    a fulfillment, all of them LABEL_PURCHASED or LABEL_PRINTED    -> packed
    any other fulfillment (in transit, out for delivery, partial)  -> shipped
    displayFulfillmentStatus IN_PROGRESS (sent to a fulfillment
      service, nothing shipped yet)                                -> packed
    displayFinancialStatus PAID, AUTHORIZED or PARTIALLY_REFUNDED  -> paid
    anything else (PENDING, PARTIALLY_PAID, EXPIRED)               -> pending

A cancelled order is usually refunded too: the customer cancelled it, so it reads "cancelled".
Without the `read_all_orders` scope Shopify shows only the last 60 days of orders.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import httpx

from assistant.errors import OrderSourceError
from assistant.orders import (
    Order,
    OrderStatus,
    date_field,
    http_client,
    newest_first,
    number_field,
    order_key,
    text_of,
    web_url,
)
from assistant.orders.shopify_auth import (
    AccessTokens,
    AppCredentials,
    ClientCredentialsGrant,
    StaticToken,
    throttled,
)

# Pinned, and bumped together with the recorded answers in the tests: each stable version is
# supported for at least a year (this one to October 2027), after which Shopify silently answers
# with the oldest version it still supports.
API_VERSION = "2026-10"

# How many of a customer's orders one lookup returns: enough for "my last orders".
RECENT = 10

ORDER_FIELDS = """
  name email createdAt cancelledAt
  displayFinancialStatus displayFulfillmentStatus returnStatus
  totalPriceSet { shopMoney { amount currencyCode } }
  customer { id }
  fulfillments(first: 10) {
    createdAt status displayStatus estimatedDeliveryAt inTransitAt deliveredAt
    trackingInfo(first: 1) { company number url }
  }
"""

ORDERS_QUERY = (
    "query Orders($query: String!, $first: Int!) {\n"
    "  orders(first: $first, query: $query, sortKey: CREATED_AT, reverse: true) {\n"
    "    nodes {" + ORDER_FIELDS + "}\n  }\n}"
)

# Order names are "#1001" or a store prefix/suffix around the number ("NP-1001"); anything
# else typed as an order number is not sent into the search syntax.
ORDER_NAME = re.compile(r"#?[\w\-.]{1,40}")

# Fulfillments that shipped nothing; the deprecated OPEN and PENDING of older ones still count.
_DEAD_FULFILLMENT = {"CANCELLED", "ERROR", "FAILURE"}
_DELIVERED = {"DELIVERED", "PICKED_UP"}
_LABEL_ONLY = {"LABEL_PURCHASED", "LABEL_PRINTED"}
_PAID = {"PAID", "AUTHORIZED", "PARTIALLY_REFUNDED"}
_RETURNED = {"RETURNED", "INSPECTION_COMPLETE"}


class ShopifyOrders:
    def __init__(
        self,
        shop: str,
        auth: str | AppCredentials,
        client: httpx.Client | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.shop = _shop_domain(shop)
        self.url = f"https://{self.shop}/admin/api/{API_VERSION}/graphql.json"
        self._client = client or http_client()
        self._tokens: AccessTokens = (
            StaticToken(auth) if isinstance(auth, str) else ClientCredentialsGrant(self.shop, auth, self._client, clock)
        )

    def find(self, order_id: str) -> Order | None:
        typed = order_id.strip()
        if not ORDER_NAME.fullmatch(typed):
            return None
        name = typed if typed.startswith("#") or not typed.isdigit() else f"#{typed}"
        wanted = order_key(typed)
        # The search is loose (a prefix or a word matches); only the exact name is the order.
        nodes = self._orders(f'name:"{name}"', 5)
        return next((_order(n) for n in nodes if order_key(n.get("name") or "") == wanted), None)

    def for_customer(self, customer_ref: str) -> list[Order]:
        customer_id = _numeric_id(customer_ref)
        if customer_id is None:
            return []
        nodes = self._orders(f"customer_id:{customer_id}", RECENT)
        return newest_first([o for o in map(_order, nodes) if o.customer_ref == customer_id])

    def _orders(self, search: str, first: int) -> list[dict]:
        body = {"query": ORDERS_QUERY, "variables": {"query": search, "first": first}}
        token = self._tokens.current()
        response = self._post(body, token)
        if response.status_code == 401:
            # Revoked before its time (the app installed again): one new token, one more try.
            renewed = self._tokens.renewed(token)
            if renewed is not None:
                response = self._post(body, renewed)
        payload = self._payload(response)
        try:
            return list(payload["data"]["orders"]["nodes"])
        except (KeyError, TypeError):
            raise OrderSourceError(f"Shopify ({self.shop}) answered without data.orders.nodes") from None

    def _post(self, body: dict, token: str) -> httpx.Response:
        try:
            return self._client.post(self.url, json=body, headers={"X-Shopify-Access-Token": token})
        except httpx.HTTPError as exc:
            raise OrderSourceError(f"Shopify ({self.shop}) did not answer: {type(exc).__name__}") from exc

    def _payload(self, response: httpx.Response) -> dict:
        if response.status_code in (401, 403):
            raise OrderSourceError(
                f"Shopify ({self.shop}) refused the access token ({response.status_code}): {self._tokens.refused_hint}"
            )
        if response.status_code == 429:
            raise throttled(self.shop)
        if response.status_code != 200:
            raise OrderSourceError(f"Shopify ({self.shop}) answered {response.status_code}")
        try:
            payload = response.json()
        except ValueError:
            raise OrderSourceError(f"Shopify ({self.shop}) answered something other than JSON") from None
        if not isinstance(payload, dict):
            raise OrderSourceError(f"Shopify ({self.shop}) answered something other than a GraphQL response")
        _raise_graphql_errors(self.shop, payload.get("errors"))
        return payload


def _raise_graphql_errors(shop: str, errors: object) -> None:
    # GraphQL failures arrive with status 200 and an `errors` list beside (or instead of) data.
    if not errors:
        return
    first = errors[0] if isinstance(errors, list) and errors and isinstance(errors[0], dict) else {}
    code = (first.get("extensions") or {}).get("code")
    if code == "THROTTLED":
        raise throttled(shop)
    if code == "ACCESS_DENIED":
        raise OrderSourceError(
            f"Shopify ({shop}) denied access to orders: give the custom app the read_orders scope "
            "(and read_all_orders for orders older than 60 days), then reinstall it"
        )
    message = text_of(first.get("message")) or "an error"
    raise OrderSourceError(f"Shopify ({shop}) answered the order query with {message[:200]}")


def _shop_domain(shop: str) -> str:
    domain = re.sub(r"^https?://", "", shop.strip(), flags=re.IGNORECASE).strip("/").lower()
    if not re.fullmatch(r"[a-z0-9][a-z0-9\-.]*\.[a-z]{2,}", domain):
        raise OrderSourceError(f"TRIAGE_ORDERS=shopify:{shop} must name the shop's domain, such as shopify:your-shop.myshopify.com")
    return domain


def _numeric_id(ref: str | None) -> str | None:
    """"207119551" for the customer "gid://shopify/Customer/207119551" or "207119551"."""
    tail = (ref or "").strip().rsplit("/", 1)[-1]
    return tail if tail.isdigit() else None


def _order(node: dict) -> Order:
    live = [f for f in node.get("fulfillments") or [] if f.get("status") not in _DEAD_FULFILLMENT]
    live.sort(key=lambda f: f.get("createdAt") or "")
    tracked = [f for f in live if f.get("trackingInfo")]
    shipment = (tracked or live or [{}])[-1]
    tracking = (shipment.get("trackingInfo") or [{}])[0]
    money = (node.get("totalPriceSet") or {}).get("shopMoney") or {}
    return Order(
        order_id=node["name"], email=text_of(node.get("email")) or "", status=_status(node, live),
        carrier=text_of(tracking.get("company")), tracking_number=text_of(tracking.get("number")),
        tracking_url=web_url(tracking.get("url")), shipped_at=date_field(shipment, "createdAt"),
        estimated_delivery=date_field(shipment, "estimatedDeliveryAt"),
        total=number_field(money, "amount"), currency=text_of(money.get("currencyCode")),
        customer_ref=_numeric_id((node.get("customer") or {}).get("id")), placed_at=date_field(node, "createdAt"),
        last_event_at=date_field(shipment, "deliveredAt") or date_field(shipment, "inTransitAt"),
    )


def _status(node: dict, live: list[dict]) -> OrderStatus:
    financial = node.get("displayFinancialStatus")
    if node.get("cancelledAt") or financial == "VOIDED":
        return OrderStatus.CANCELLED
    if financial == "REFUNDED" or node.get("returnStatus") in _RETURNED:
        return OrderStatus.RETURNED
    if live:
        shown = {f.get("displayStatus") for f in live}
        if shown <= _DELIVERED and node.get("displayFulfillmentStatus") == "FULFILLED":
            return OrderStatus.DELIVERED
        return OrderStatus.PACKED if shown <= _LABEL_ONLY else OrderStatus.SHIPPED
    if node.get("displayFulfillmentStatus") == "IN_PROGRESS":
        return OrderStatus.PACKED
    return OrderStatus.PAID if financial in _PAID else OrderStatus.PENDING
