"""The store's own order endpoint, served by the test on loopback as the README describes it."""

import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from assistant.errors import OrderSourceError
from assistant.orders import OrderStatus
from assistant.orders.endpoint import EndpointOrders, signature

SECRET = "endpoint-test-secret"
ORDERS = [
    {"order_id": "NP-10001", "email": "anna@example.com", "status": "shipped", "carrier": "DHL", "customer_ref": "c-1", "placed_at": "2026-11-19"},
    {"order_id": "NP-10007", "email": "anna@example.com", "status": "paid", "customer_ref": "c-1", "placed_at": "2026-11-26"},
]  # fmt: skip


class StoreEndpoint(BaseHTTPRequestHandler):
    """What a store implements: check the signature and the timestamp, then answer the orders."""

    def do_GET(self):
        url = urlsplit(self.path)
        stamp = self.headers.get("X-Triage-Timestamp", "0")
        good = signature(SECRET, stamp, url.query)
        if not hmac.compare_digest(good, self.headers.get("X-Triage-Signature", "")) or abs(time.time() - int(stamp)) > 300:
            return self._send(401, {"error": "bad signature"})
        if url.path == "/broken":
            return self._send(200, {"unexpected": True})
        query = parse_qs(url.query)
        if "order_id" in query:
            found = [o for o in ORDERS if o["order_id"] == query["order_id"][0].upper()]
            return self._send(200 if found else 404, {"orders": found})
        return self._send(200, {"orders": [o for o in ORDERS if o["customer_ref"] == query.get("customer_ref", [""])[0]]})

    def _send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def store_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), StoreEndpoint)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_an_order_is_looked_up_by_number_with_a_signed_request(store_url):
    orders = EndpointOrders(f"{store_url}/orders", SECRET)
    order = orders.find("np-10001")
    assert order is not None and order.status is OrderStatus.SHIPPED and order.carrier == "DHL"
    assert orders.find("NP-40404") is None
    assert [o.order_id for o in orders.for_customer("c-1")] == ["NP-10007", "NP-10001"]


def test_a_wrong_secret_is_an_error_that_names_the_answer_not_the_secret(store_url):
    with pytest.raises(OrderSourceError, match="answered 401") as caught:
        EndpointOrders(f"{store_url}/orders", "not-the-secret").find("NP-10001")
    assert "not-the-secret" not in str(caught.value)


def test_an_endpoint_that_answers_another_shape_or_not_at_all_is_an_error(store_url):
    with pytest.raises(OrderSourceError, match='must answer {"orders"'):
        EndpointOrders(f"{store_url}/broken", SECRET).find("NP-10001")
    with pytest.raises(OrderSourceError, match="did not answer"):
        EndpointOrders("http://127.0.0.1:9/orders", SECRET).find("NP-10001")
