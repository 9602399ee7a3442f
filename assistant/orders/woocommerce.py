"""`TRIAGE_ORDERS=woocommerce:https://shop.example`: orders read from the WooCommerce REST API v3.

`GET <url>/wp-json/wc/v3/orders/<id>` and `GET <url>/wp-json/wc/v3/orders?customer=<id>&orderby=date&order=desc`,
authenticated with a REST API key (`TRIAGE_WOOCOMMERCE_KEY`, `TRIAGE_WOOCOMMERCE_SECRET`, Read
permission) as HTTP Basic auth. Basic auth sends the key in clear, so the shop must be https://;
plain http:// is accepted only for a shop on this machine (localhost, 127.0.0.1, ::1).

An order number is the order's id unless a numbering plugin gives orders their own `number`.
So `find` reads the order with that id and keeps it only if its `number` is what the customer
typed; otherwise it asks `?search=` (core WooCommerce matches ids and addresses there, numbering
plugins add their numbers) and keeps only an order whose `number` is exactly what was typed.

How a WooCommerce order becomes an `Order`:

    order_id            number
    email               billing.email ("" when empty: it then matches no customer)
    customer_ref        str(customer_id); 0 (a guest checkout) gives None
    total, currency     total, currency
    placed_at           date_created (the shop's own time zone, as its admin shows it)
    carrier, tracking   the newest item of the Shipment Tracking extension's
                        `_wc_shipment_tracking_items` meta: custom_tracking_provider or else
                        tracking_provider, tracking_number, custom_tracking_link with %1$s
                        filled in (predefined providers store no link), date_shipped (Unix
                        seconds, a UTC midnight) as shipped_at

The status:

    pending, on-hold, failed, checkout-draft   -> pending   (payment not taken or not confirmed)
    processing                                 -> paid      (shipped when it has tracking)
    completed                                  -> shipped   (WooCommerce's "fulfilled")
    cancelled                                  -> cancelled
    refunded                                   -> returned
    trash                                      -> not found (the shop deleted it)
    a plugin's own status, by the first word it contains: deliver -> delivered; return or
    refund -> returned; cancel -> cancelled; pack or ready -> packed; ship, transit or
    dispatch -> shipped; else shipped when it has tracking, paid when date_paid is set,
    pending otherwise
"""

from __future__ import annotations

from datetime import UTC, date, datetime

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

TRACKING_META = "_wc_shipment_tracking_items"
LOOPBACK = {"localhost", "127.0.0.1", "::1"}

_STATUSES = {
    "pending": OrderStatus.PENDING,
    "on-hold": OrderStatus.PENDING,
    "failed": OrderStatus.PENDING,
    "checkout-draft": OrderStatus.PENDING,
    "processing": OrderStatus.PAID,
    "completed": OrderStatus.SHIPPED,
    "cancelled": OrderStatus.CANCELLED,
    "refunded": OrderStatus.RETURNED,
}

# Custom statuses ("wc-delivered", "ready-to-ship", "partial-shipped"...) by the first word
# that tells; "ready" before "ship" because a ready-to-ship order has not left yet.
_CUSTOM_WORDS = [
    (("deliver",), OrderStatus.DELIVERED),
    (("return", "refund"), OrderStatus.RETURNED),
    (("cancel",), OrderStatus.CANCELLED),
    (("pack", "ready"), OrderStatus.PACKED),
    (("ship", "transit", "dispatch"), OrderStatus.SHIPPED),
]


class WooCommerceOrders:
    def __init__(self, url: str, key: str, secret: str, client: httpx.Client | None = None) -> None:
        self.url = _shop_url(url)
        self.api = f"{self.url}/wp-json/wc/v3/orders"
        self._auth = httpx.BasicAuth(key, secret)
        self._client = client or http_client()

    def find(self, order_id: str) -> Order | None:
        typed = order_id.strip().lstrip("#").strip()
        if not typed:
            return None
        wanted = order_key(typed)
        if typed.isdigit():
            record = self._get(f"{self.api}/{typed}", missing_ok=True)
            found = _numbered(_records([record] if record else []), wanted)
            if found:
                return found
        return _numbered(_records(self._get(self.api, params={"search": typed})), wanted)

    def for_customer(self, customer_ref: str) -> list[Order]:
        customer = (customer_ref or "").strip()
        if not customer.isdigit() or int(customer) == 0:
            return []
        records = self._get(self.api, params={"customer": customer, "orderby": "date", "order": "desc"})
        return newest_first([o for o in map(_order, _records(records)) if o.customer_ref == customer])

    def _get(self, url: str, params: dict[str, str] | None = None, missing_ok: bool = False) -> object:
        try:
            response = self._client.get(url, params=params, auth=self._auth)
        except httpx.HTTPError as exc:
            raise OrderSourceError(f"WooCommerce at {self.url} did not answer: {type(exc).__name__}") from exc
        if response.status_code == 404 and missing_ok and _error_code(response) != "rest_no_route":
            return None
        _raise_for_status(self.url, response)
        try:
            return response.json()
        except ValueError:
            raise OrderSourceError(f"WooCommerce at {self.url} answered something other than JSON") from None


def _raise_for_status(url: str, response: httpx.Response) -> None:
    status = response.status_code
    if status == 200:
        return
    if status in (401, 403):
        raise OrderSourceError(
            f"WooCommerce at {url} refused the REST API key ({status} {_error_code(response) or 'unauthorized'}): check "
            "TRIAGE_WOOCOMMERCE_KEY and TRIAGE_WOOCOMMERCE_SECRET, and that the key has Read permission"
        )
    if response.is_redirect:
        raise OrderSourceError(
            f"WooCommerce at {url} redirects to {response.headers.get('location', '?')}: "
            "put the address it redirects to in TRIAGE_ORDERS"
        )
    if status == 404:
        raise OrderSourceError(
            f"no WooCommerce REST API at {url}/wp-json/wc/v3: check the shop address, that WooCommerce is active "
            "and that WordPress permalinks are not 'Plain'"
        )
    raise OrderSourceError(f"WooCommerce at {url} answered {status}")


def _error_code(response: httpx.Response) -> str | None:
    # WordPress errors are {"code": ..., "message": ..., "data": {"status": ...}}.
    try:
        body = response.json()
    except ValueError:
        return None
    return text_of(body.get("code")) if isinstance(body, dict) else None


def _records(payload: object) -> list[dict]:
    """The orders of an answer, less those in the trash (the shop deleted them)."""
    if not isinstance(payload, list):
        raise OrderSourceError("WooCommerce answered an order list that is not a JSON array")
    return [r for r in payload if isinstance(r, dict) and r.get("status") != "trash"]


def _numbered(records: list[dict], wanted: str) -> Order | None:
    return next((_order(r) for r in records if order_key(str(r.get("number", ""))) == wanted), None)


def _shop_url(url: str) -> str:
    parsed = httpx.URL(url.strip().rstrip("/"))
    if parsed.scheme == "https" and parsed.host:
        return str(parsed)
    if parsed.scheme == "http" and parsed.host in LOOPBACK:
        return str(parsed)
    raise OrderSourceError(
        f"TRIAGE_ORDERS=woocommerce:{url} must be the shop's https:// address: WooCommerce keys travel in "
        "clear over http:// (allowed only for localhost)"
    )


def _order(record: dict) -> Order:
    tracking = _tracking(record)
    customer = record.get("customer_id")
    return Order(
        order_id=str(record.get("number") or record["id"]),
        email=text_of((record.get("billing") or {}).get("email")) or "",
        status=_status(str(record.get("status") or ""), record, tracking),
        carrier=text_of(tracking.get("custom_tracking_provider")) or text_of(tracking.get("tracking_provider")),
        tracking_number=text_of(tracking.get("tracking_number")), tracking_url=_tracking_url(tracking),
        shipped_at=_unix_day(tracking.get("date_shipped")), total=number_field(record, "total"),
        currency=text_of(record.get("currency")), customer_ref=str(customer) if customer else None,
        placed_at=date_field(record, "date_created"),
    )


def _tracking(record: dict) -> dict:
    """The newest Shipment Tracking item (the extension appends), or {} when there is none."""
    for meta in record.get("meta_data") or []:
        if isinstance(meta, dict) and meta.get("key") == TRACKING_META:
            value = meta.get("value") or []
            # PHP encodes a list with a gap in its keys (an item deleted from the middle) as an object.
            items = list(value.values()) if isinstance(value, dict) else value
            items = [i for i in items if isinstance(i, dict) and text_of(i.get("tracking_number"))]
            return items[-1] if items else {}
    return {}


def _tracking_url(tracking: dict) -> str | None:
    link = text_of(tracking.get("custom_tracking_link"))
    number = text_of(tracking.get("tracking_number")) or ""
    return web_url(link.replace("%1$s", number)) if link else None


def _unix_day(value: object) -> date | None:
    text = text_of(value)
    if text is None or not text.isdigit():
        return None
    return datetime.fromtimestamp(int(text), tz=UTC).date()


def _status(status: str, record: dict, tracking: dict) -> OrderStatus:
    if status == "processing" and tracking:
        return OrderStatus.SHIPPED
    if status in _STATUSES:
        return _STATUSES[status]
    for words, mapped in _CUSTOM_WORDS:
        if any(word in status for word in words):
            return mapped
    if tracking:
        return OrderStatus.SHIPPED
    return OrderStatus.PAID if text_of(record.get("date_paid")) else OrderStatus.PENDING
