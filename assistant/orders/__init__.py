"""Orders as the store's systems know them, and where to look them up (`TRIAGE_ORDERS`).

The order record and the lookup port are here; each source (an export file, the store's own
endpoint, Shopify, WooCommerce) is a module beside it. The assistant only asks a source for an
order by number or for a signed-in customer's orders: whether the customer may see it is decided
in `assistant.order_desk`, never by a source.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date, datetime
from enum import Enum
from typing import Protocol

from assistant.errors import ConfigError, OrderSourceError


class OrderStatus(str, Enum):
    PENDING = "pending"
    PAID = "paid"
    PACKED = "packed"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    RETURNED = "returned"


@dataclass(frozen=True)
class Order:
    """One order, with the fields of docs/cli-api-contract.md ("Order status source").
    ``last_event_at`` (the carrier's latest scan) and ``placed_at`` are ours and optional."""

    order_id: str
    email: str
    status: OrderStatus
    carrier: str | None = None
    tracking_number: str | None = None
    tracking_url: str | None = None
    shipped_at: date | None = None
    estimated_delivery: date | None = None
    total: float | None = None
    currency: str | None = None
    customer_ref: str | None = None
    placed_at: date | None = None
    last_event_at: date | None = None

    @classmethod
    def from_record(cls, record: dict) -> Order:
        """An order from one exported row or JSON object; OrderSourceError says what is wrong with it."""
        if not isinstance(record, dict):
            raise OrderSourceError(f"an order must be an object with order_id, email and status, not {type(record).__name__}")
        missing = [name for name in ("order_id", "email", "status") if not text_of(record.get(name))]
        if missing:
            raise OrderSourceError(f"the order lacks {', '.join(missing)}")
        try:
            status = OrderStatus((text_of(record["status"]) or "").lower())
        except ValueError:
            allowed = ", ".join(s.value for s in OrderStatus)
            raise OrderSourceError(f"status {record['status']!r} is not one of {allowed}") from None
        return cls(
            order_id=text_of(record["order_id"]) or "", email=text_of(record["email"]) or "", status=status,
            carrier=text_of(record.get("carrier")), tracking_number=text_of(record.get("tracking_number")),
            tracking_url=web_url(record.get("tracking_url")), shipped_at=date_field(record, "shipped_at"),
            estimated_delivery=date_field(record, "estimated_delivery"), total=number_field(record, "total"),
            currency=text_of(record.get("currency")), customer_ref=text_of(record.get("customer_ref")),
            placed_at=date_field(record, "placed_at"), last_event_at=date_field(record, "last_event_at"),
        )

    def belongs_to(self, email: str) -> bool:
        return self.email.strip().casefold() == email.strip().casefold()

    def to_dict(self) -> dict:
        data = asdict(self)
        return {k: (v.value if isinstance(v, Enum) else v.isoformat() if isinstance(v, date) else v) for k, v in data.items()}


class OrderSource(Protocol):
    """Where orders are looked up. Either call raises OrderSourceError when the source cannot answer."""

    def find(self, order_id: str) -> Order | None:
        """The order with this number (as the customer typed it: "#1001", "np-10001"), or None."""
        ...

    def for_customer(self, customer_ref: str) -> list[Order]:
        """The orders of the store's customer ``customer_ref``, newest first."""
        ...


# A lookup is part of a chat turn: a source that does not answer in this long is down for it.
TIMEOUT = 5.0


def http_client():
    """The HTTP client of the sources on the web (the store's endpoint, Shopify, WooCommerce): a
    turn's time limit, and redirects refused (a key must not follow one to another host)."""
    import httpx

    return httpx.Client(timeout=TIMEOUT, follow_redirects=False)


def order_key(order_id: str) -> str:
    """How order numbers are compared: "#NP-10001 ", "np10001" and "NP-10001" are one order."""
    return re.sub(r"[\s#\-_.]", "", order_id).casefold()


def newest_first(orders: list[Order]) -> list[Order]:
    return sorted(orders, key=lambda o: o.placed_at or o.shipped_at or date.min, reverse=True)


def open_orders(settings) -> OrderSource | None:
    """The source `TRIAGE_ORDERS` names, or None when it is unset."""
    spec = (settings.orders or "").strip()
    if not spec:
        return None
    scheme = spec.split(":", 1)[0].lower()
    if scheme == "file":
        from assistant.orders.file import FileOrders

        return FileOrders(spec.split(":", 1)[1])
    if scheme in ("http", "https"):
        from assistant.orders.endpoint import EndpointOrders

        return EndpointOrders(spec, _secret(settings.orders_secret, "TRIAGE_ORDERS_SECRET", spec))
    if scheme == "shopify":
        from assistant.orders.shopify import ShopifyOrders
        from assistant.orders.shopify_auth import auth_from

        return ShopifyOrders(spec.split(":", 1)[1], auth_from(settings, spec))
    if scheme == "woocommerce":
        from assistant.orders.woocommerce import WooCommerceOrders

        key = _secret(settings.woocommerce_key, "TRIAGE_WOOCOMMERCE_KEY", spec)
        return WooCommerceOrders(spec.split(":", 1)[1], key, _secret(settings.woocommerce_secret, "TRIAGE_WOOCOMMERCE_SECRET", spec))
    raise ConfigError(
        f"TRIAGE_ORDERS={spec!r} names no order source: use file:PATH, an http(s):// URL, shopify:SHOP.myshopify.com "
        "or woocommerce:https://your-shop.example"
    )


def _secret(value, name: str, spec: str) -> str:
    if value is None or not value.get_secret_value():
        raise ConfigError(f"TRIAGE_ORDERS={spec} needs {name}")
    return value.get_secret_value()


def text_of(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def web_url(value: object) -> str | None:
    # Only web links are shown to a customer as a link.
    text = text_of(value)
    return text if text and re.match(r"https?://", text, re.IGNORECASE) else None


def date_field(record: dict, name: str) -> date | None:
    text = text_of(record.get(name))
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise OrderSourceError(f"{name} {text!r} is not an ISO date such as 2026-11-27") from None


def number_field(record: dict, name: str) -> float | None:
    value = record.get(name)
    if value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise OrderSourceError(f"{name} {value!r} is not a number") from None
