"""`TRIAGE_ORDERS=https://…`: the store's own order endpoint, signed with `TRIAGE_ORDERS_SECRET`.

The request (README, "Connecting orders"):

    GET <url>?order_id=NP-10001        or    GET <url>?customer_ref=c-1042
    X-Triage-Timestamp: 1795000000
    X-Triage-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<query string>" under the secret>

The store checks the signature and that the timestamp is within five minutes, and answers
200 `{"orders": [<order>, ...]}` (an empty list, or 404, when there is none), each order with the
fields of an export row. The endpoint never sees the customer's email: the assistant checks it.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from urllib.parse import urlencode

import httpx

from assistant.errors import OrderSourceError
from assistant.orders import Order, http_client, newest_first, order_key


def signature(secret: str, timestamp: str, query: str) -> str:
    """The value of X-Triage-Signature; the store computes the same to check a request."""
    return "sha256=" + hmac.new(secret.encode(), f"{timestamp}.{query}".encode(), hashlib.sha256).hexdigest()


class EndpointOrders:
    def __init__(self, url: str, secret: str, client: httpx.Client | None = None) -> None:
        self.url, self._secret = url, secret
        self._client = client or http_client()

    def find(self, order_id: str) -> Order | None:
        wanted = order_key(order_id)
        return next((o for o in self._get({"order_id": order_id.strip()}) if order_key(o.order_id) == wanted), None)

    def for_customer(self, customer_ref: str) -> list[Order]:
        return newest_first([o for o in self._get({"customer_ref": customer_ref}) if o.customer_ref == customer_ref])

    def _get(self, params: dict[str, str]) -> list[Order]:
        query = urlencode(params)
        stamp = str(int(time.time()))
        headers = {"X-Triage-Timestamp": stamp, "X-Triage-Signature": signature(self._secret, stamp, query)}
        try:
            response = self._client.get(f"{self.url}{'&' if '?' in self.url else '?'}{query}", headers=headers)
        except httpx.HTTPError as exc:
            raise OrderSourceError(f"the order endpoint {self.url} did not answer: {type(exc).__name__}") from exc
        if response.status_code == 404:
            return []
        if response.status_code != 200:
            raise OrderSourceError(f"the order endpoint {self.url} answered {response.status_code}")
        try:
            records = response.json()["orders"]
        except (ValueError, KeyError, TypeError):
            raise OrderSourceError(f'the order endpoint {self.url} must answer {{"orders": [...]}}') from None
        if not isinstance(records, list):
            raise OrderSourceError(f'the order endpoint {self.url} must answer {{"orders": [...]}}')
        return [Order.from_record(r) for r in records]
