"""The inbox and the widget live: an agent's typing pings, a case's own event stream, the service's notices."""

from __future__ import annotations

import json
import threading

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.models import ConversationRow
from tests.utils.api import AGENT, say, start
from tests.utils.server import Server, fresh

MARIA, WEI = {"Authorization": "Bearer key-maria"}, {"Authorization": "Bearer key-wei"}


def handed_off(client, headers=AGENT, text="I want to talk to a human", **body) -> tuple[str, dict, str]:
    """A conversation handed to a person: its id, the customer's header and the case id."""
    cid, auth = start(client, **body)
    say(client, cid, auth, text)
    items = client.get("/v1/handoffs", params={"status": "all"}, headers=headers).json()["items"]
    return cid, auth, next(i["id"] for i in items if i["conversation_id"] == cid)


def typed_at(client, cid: str):
    with client.app.state.sessions() as session:
        return session.get(ConversationRow, cid).agent_typing_at


@pytest.fixture
def two_agents(app_settings, bot, clock):
    keys = {"Maria": SecretStr("key-maria"), "Wei": SecretStr("key-wei")}
    with TestClient(create_app(app_settings.model_copy(update={"agent_keys": keys}), bot, clock=clock)) as client:
        yield client


def test_typing_and_the_case_stream_need_an_agent_key(client):
    cid, auth, case_id = handed_off(client)
    for path, method in ((f"/v1/handoffs/{case_id}/typing", "POST"), (f"/v1/handoffs/{case_id}/events", "GET")):
        for headers in ({}, {"Authorization": "Bearer nope"}, auth):  # no key, a wrong one, the customer's token
            refused = client.request(method, path, headers=headers)
            assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized", (path, headers)
    assert client.get(f"/v1/handoffs/{case_id}/events", params={"access_token": auth["Authorization"][7:]}).status_code == 401
    for path, method in (("/v1/handoffs/nope/typing", "POST"), ("/v1/handoffs/nope/events", "GET")):
        assert client.request(method, path, headers=AGENT).status_code == 404
    assert typed_at(client, cid) is None


def test_typing_is_throttled_and_only_on_a_case_the_agent_may_answer(two_agents, clock):
    client = two_agents
    cid, _, case_id = handed_off(client, MARIA)
    assert client.post(f"/v1/handoffs/{case_id}/typing", headers=MARIA).json() == {"sent": True}  # an open case
    first = typed_at(client, cid)
    assert first is not None
    assert client.post(f"/v1/handoffs/{case_id}/typing", headers=MARIA).json() == {"sent": False}
    assert typed_at(client, cid) == first  # a second ping within 2 s writes nothing

    assert client.post(f"/v1/handoffs/{case_id}/claim", headers=MARIA).status_code == 200
    other = client.post(f"/v1/handoffs/{case_id}/typing", headers=WEI)
    assert other.status_code == 409 and "Maria" in other.json()["error"]["message"]

    clock.advance(1.9)
    assert client.post(f"/v1/handoffs/{case_id}/typing", headers=MARIA).json() == {"sent": False}
    clock.advance(0.2)
    assert client.post(f"/v1/handoffs/{case_id}/typing", headers=MARIA).json() == {"sent": True}
    assert client.post(f"/v1/handoffs/{case_id}/reply", json={"text": "Hello!"}, headers=MARIA).status_code == 200
    assert typed_at(client, cid) is None  # the message ends the typing
    late = client.post(f"/v1/handoffs/{case_id}/typing", headers=MARIA)  # sent as they pressed Send, arriving after
    assert late.json() == {"sent": False} and typed_at(client, cid) is None
    assert client.post(f"/v1/handoffs/{case_id}/resolve", headers=MARIA).status_code == 200
    closed = client.post(f"/v1/handoffs/{case_id}/typing", headers=MARIA)
    assert closed.status_code == 409 and closed.json()["error"]["code"] == "conflict"


def test_joined_waiting_and_resolved_are_notices_in_the_customers_language(client):
    cid, auth, case_id = handed_off(client, text="Quiero hablar con una persona, por favor", locale="es")
    client.post(f"/v1/handoffs/{case_id}/claim", headers=AGENT)
    client.post(f"/v1/handoffs/{case_id}/release", headers=AGENT)
    client.post(f"/v1/handoffs/{case_id}/claim", headers=AGENT)
    client.post(f"/v1/handoffs/{case_id}/reply", json={"text": "Hola, ya lo reviso."}, headers=AGENT)
    client.post(f"/v1/handoffs/{case_id}/resolve", headers=AGENT)
    messages = client.get(f"/v1/conversations/{cid}", headers=auth).json()["messages"]
    notices = [(m["role"], m["notice"]) for m in messages if m["notice"]]
    assert notices == [("assistant", n) for n in ("agent_joined", "waiting", "agent_joined", "resolved")]
    by_kind = {m["notice"]: m["text"] for m in messages if m["notice"]}
    assert "Demo Agent" in by_kind["agent_joined"] and "equipo" in by_kind["agent_joined"]
    assert "cola" in by_kind["waiting"] and "resuelta" in by_kind["resolved"]
    # answers are not notices, and the agent's own message neither
    assert all(m["notice"] is None for m in messages if m["role"] in ("customer", "agent") or m["sources"])


# ---------- over a real server with two workers ----------


@pytest.fixture(scope="module")
def two_workers(kb_settings, tmp_path_factory):
    """One `triage serve` with two workers for the module's tests, each on a conversation of its own."""
    env = {
        "TRIAGE_DATA_DIR": str(kb_settings.data_dir), "TRIAGE_DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('live') / 'live.db'}",
        "TRIAGE_LOG_LEVEL": "WARNING",
    }  # fmt: skip
    with Server(env, workers=2) as server:
        yield server


def case_of(url: str, cid: str) -> str:
    items = fresh(url, "GET", "/v1/handoffs", params={"status": "all"}, headers=AGENT).json()["items"]
    return next(i["id"] for i in items if i["conversation_id"] == cid)


def listen(url: str, path: str, params: dict, wanted: str, found: list, until) -> threading.Thread:
    """Collects the `wanted` events of a stream on a thread, until one satisfies ``until``; returns
    once the stream is open (what happens after that, it hears)."""
    connected = threading.Event()

    def run() -> None:
        with httpx.stream("GET", url + path, params=params, timeout=30) as events:
            event = None
            for line in events.iter_lines():
                if line == ": connected":
                    connected.set()
                elif line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: ") and event == wanted:
                    found.append(json.loads(line[6:]))
                    if until(found[-1]):
                        return

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert connected.wait(timeout=20), f"{path} did not open"
    return thread


@pytest.mark.load
def test_the_agents_case_stream_gets_the_customers_message_across_workers(two_workers):
    url = two_workers.url
    created = fresh(url, "POST", "/v1/conversations", json={}).json()
    cid, auth = created["id"], {"Authorization": f"Bearer {created['token']}"}
    fresh(url, "POST", f"/v1/conversations/{cid}/messages", json={"text": "I want to talk to a human"}, headers=auth)
    case_id = case_of(url, cid)
    messages: list[dict] = []
    changes: list[dict] = []
    stream = {"access_token": "demo-agent-key"}
    on_messages = listen(url, f"/v1/handoffs/{case_id}/events", stream, "message", messages, lambda m: m["role"] == "customer")
    on_changes = listen(url, f"/v1/handoffs/{case_id}/events", stream, "case", changes, lambda c: c["status"] == "agent")
    in_queue: list[dict] = []  # the inbox's own stream tells of a message in a case not on screen
    on_queue = listen(url, "/v1/handoffs/events", stream, "message", in_queue, lambda m: m["text"] == "Are you still there?")
    assert fresh(url, "POST", f"/v1/handoffs/{case_id}/claim", headers=AGENT).status_code == 200
    fresh(url, "POST", f"/v1/conversations/{cid}/messages", json={"text": "Are you still there?"}, headers=auth)
    on_messages.join(timeout=20)
    on_changes.join(timeout=20)
    on_queue.join(timeout=20)
    assert [(m["handoff_id"], m["agent_name"], m["text"]) for m in in_queue] == [(case_id, "Demo Agent", "Are you still there?")]
    # only what came after the stream opened: the notice of the claim, then the customer's words
    assert [m.get("notice") for m in messages] == ["agent_joined", None]
    assert messages[-1]["role"] == "customer" and messages[-1]["text"] == "Are you still there?"
    assert changes == [{"status": "agent", "agent_name": "Demo Agent"}]


@pytest.mark.load
def test_the_customer_sees_the_agent_typing_across_workers(two_workers):
    url = two_workers.url
    created = fresh(url, "POST", "/v1/conversations", json={}).json()
    cid, token = created["id"], created["token"]
    fresh(url, "POST", f"/v1/conversations/{cid}/messages", json={"text": "I want to talk to a human"},
          headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    case_id = case_of(url, cid)
    typing: list[dict] = []
    listener = listen(url, f"/v1/conversations/{cid}/events", {"access_token": token}, "typing", typing, bool)
    assert not typing  # no ping yet, no event
    assert fresh(url, "POST", f"/v1/handoffs/{case_id}/typing", headers=AGENT).json() == {"sent": True}
    listener.join(timeout=20)
    assert typing == [{"seconds": 6.0}]
