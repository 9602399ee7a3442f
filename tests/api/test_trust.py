"""What the service believes: forwarded addresses, per-address limits, signed context expiry, file types, page headers."""

from __future__ import annotations

import time
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request

from api.app import create_app
from api.deps import client_ip
from api.settings import Settings
from tests.utils.api import AGENT, say, sign, start
from tests.utils.clock import FakeClock

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@contextmanager
def serving(app_settings, bot, peer: str = "203.0.113.5", **updates):
    with TestClient(create_app(app_settings.model_copy(update=updates), bot, clock=FakeClock()), client=(peer, 50000)) as client:
        yield client


def created(client, forwarded: str) -> int:
    return client.post("/v1/conversations", json={}, headers={"X-Forwarded-For": forwarded}).status_code


def test_forwarded_for_from_an_untrusted_peer_is_ignored(app_settings, bot):
    with serving(app_settings, bot, rate_per_ip=2) as client:
        codes = [created(client, f"198.51.100.{i}") for i in range(3)]
    assert codes == [201, 201, 429]  # a new header value each time does not make a new client


def test_forwarded_for_from_a_trusted_proxy_names_the_client(app_settings, bot):
    proxies = Settings(trusted_proxies="10.0.0.0/8").trusted_proxies
    with serving(app_settings, bot, peer="10.0.0.2", rate_per_ip=2, trusted_proxies=proxies) as client:
        # what the client wrote on the left changes; what the proxy appended (the right-most) decides
        first = [created(client, f"6.6.6.{i}, 198.51.100.7") for i in range(3)]
        second = created(client, "198.51.100.8, 10.0.0.9")  # another client, behind two of our proxies
    assert first == [201, 201, 429] and second == 201


def request_from(peer: str, forwarded: str) -> Request:
    return Request({"type": "http", "client": (peer, 1), "headers": [(b"x-forwarded-for", forwarded.encode())]})


def test_client_ip_takes_the_right_most_untrusted_address_or_the_peer():
    settings = Settings(trusted_proxies="10.0.0.0/8, 2001:db8::/32")
    assert client_ip(request_from("203.0.113.5", "198.51.100.1"), settings) == "203.0.113.5"
    assert client_ip(request_from("10.1.1.1", "1.1.1.1, 198.51.100.1, 10.2.2.2"), settings) == "198.51.100.1"
    assert client_ip(request_from("2001:db8::1", "2001:DB8:0::5, 2001:0db8::9"), settings) == "2001:db8::1"
    for junk in ("x" * 200, "1" * 200, "fe80::1%" + "e" * 150, "not-an-ip", ""):
        assert client_ip(request_from("10.1.1.1", junk), settings) == "10.1.1.1"


@pytest.mark.parametrize("peer", ["203.0.113.5", "10.0.0.2"])
def test_long_or_invalid_forwarded_for_is_no_server_error(app_settings, bot, peer):
    proxies = Settings(trusted_proxies="10.0.0.0/8").trusted_proxies
    with serving(app_settings, bot, peer=peer, trusted_proxies=proxies) as client:
        for junk in ("9" * 200, "a" * 200 + ", 198.51.100.1", "::ffff:" + "1" * 190, "fe80::1%" + "e" * 150, "<script>"):
            assert created(client, junk) == 201


def test_uploads_are_limited_per_address_across_conversations(app_settings, bot):
    with serving(app_settings, bot, rate_uploads_per_ip=3) as client:
        codes = []
        for _ in range(4):  # a fresh conversation each time: the per-conversation limit never hits
            cid, auth = start(client)
            files = {"file": ("photo.png", PNG, "image/png")}
            codes.append(client.post(f"/v1/conversations/{cid}/attachments", files=files, headers=auth).status_code)
    assert codes == [201, 201, 201, 429]


def test_reads_feedback_and_csat_are_limited_per_address(app_settings, bot):
    with serving(app_settings, bot, rate_reads_per_ip=3) as client:
        cid, auth = start(client)
        base = f"/v1/conversations/{cid}"
        codes = [client.get(base, headers=auth).status_code, client.get(f"{base}/messages", headers=auth).status_code,
                 client.post(f"{base}/csat", json={"score": 5}, headers=auth).status_code]  # fmt: skip
        limited = client.post(f"{base}/csat", json={"score": 4}, headers=auth)
    assert codes == [200, 200, 200]
    assert limited.status_code == 429 and limited.json()["error"]["code"] == "rate_limited" and limited.headers["Retry-After"]


def high_value_case(client, context: dict) -> bool:
    """Whether the signed context was believed: the case then names the customer and the order value."""
    cid, auth = start(client, context=context, signature=sign(context))
    say(client, cid, auth, "I want to talk to a human")
    items = client.get("/v1/handoffs", params={"status": "all"}, headers=AGENT).json()["items"]
    item = next(i for i in items if i["conversation_id"] == cid)
    return "high_value" in item["reasons"] and item["customer_name"] == "Ana"


def test_expired_signed_context_is_not_trusted(client):
    now = int(time.time())
    assert not high_value_case(client, {"customer_name": "Ana", "order_value": 1200, "expires_at": now - 5})
    assert high_value_case(client, {"customer_name": "Ana", "order_value": 1200, "expires_at": now + 600})


def test_production_needs_a_near_expiry_on_signed_context(app_settings, bot):
    now = int(time.time())
    with serving(app_settings, bot, env="production", context_max_age=900) as client:
        assert not high_value_case(client, {"customer_name": "Ana", "order_value": 1200})
        assert not high_value_case(client, {"customer_name": "Ana", "order_value": 1200, "expires_at": now + 3600})
        assert high_value_case(client, {"customer_name": "Ana", "order_value": 1200, "expires_at": now + 600})


def upload(client, cid, auth, name: str, data: bytes, declared: str):
    return client.post(f"/v1/conversations/{cid}/attachments", files={"file": (name, data, declared)}, headers=auth)


def test_active_content_is_refused_whatever_type_is_declared(client):
    cid, auth = start(client)
    html = upload(client, cid, auth, "note.txt", b"<html><body><script>alert(document.cookie)</script>", "text/plain")
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    disguised = upload(client, cid, auth, "photo.png", svg, "image/png")
    for refused in (html, disguised):
        assert refused.status_code == 415 and refused.json()["error"]["code"] == "unsupported_media_type"
    assert "SVG" in disguised.json()["error"]["message"]


def test_downloads_are_never_sniffed_and_only_images_open_inline(client):
    cid, auth = start(client)
    token = {"access_token": auth["Authorization"][7:]}
    text = upload(client, cid, auth, "order.txt", "Pedido NP-1, talla 42 ✓".encode(), "text/plain").json()["attachment"]
    image = upload(client, cid, auth, "photo.png", PNG, "text/plain").json()["attachment"]  # the bytes decide
    assert (text["content_type"], image["content_type"]) == ("text/plain", "image/png")
    as_text, as_image = client.get(text["url"], params=token), client.get(image["url"], params=token)
    for answer in (as_text, as_image):
        assert answer.headers["x-content-type-options"] == "nosniff" and "sandbox" in answer.headers["content-security-policy"]
    assert as_text.headers["content-disposition"].startswith("attachment")
    assert as_image.headers["content-disposition"].startswith("inline") and as_image.content == PNG


def test_pages_forbid_framing_and_foreign_scripts_but_the_widget_stays_embeddable(client):
    for path in ("/agent", "/demo", "/static/agent.html"):
        page = client.get(path)
        policy = page.headers["content-security-policy"]
        assert page.status_code == 200 and page.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "<script>" not in client.get("/demo").text  # no inline script for the policy to allow
    widget = client.get("/widget.js")
    assert widget.status_code == 200 and widget.headers["content-type"].startswith("text/javascript")
    assert "x-frame-options" not in widget.headers and "cross-origin-resource-policy" not in widget.headers
